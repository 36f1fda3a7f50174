"""Demo data: real answers scored by the real engine, idempotent through the CLI."""

from __future__ import annotations

from django.test import Client

from cxmaturity.web.assessments import demo, services
from cxmaturity.web.assessments.models import Assessment
from cxmaturity.web.campaigns.models import Campaign
from cxmaturity.web.organizations.models import Organization


def test_demo_organizations_have_finished_results_that_rescore_identically(client: Client) -> None:
    summary = demo.create_demo(organizations=4, seed=5)
    assert summary.organizations == 4
    assert Organization.objects.filter(demo=True).count() == 4
    assert {o.industry for o in Organization.objects.all()} == {
        "finance",
        "retail",
        "telco",
        "other",
    }
    finished = Assessment.objects.filter(status=Assessment.Status.COMPLETED)
    own = finished.filter(respondent__isnull=True)
    assert own.count() == summary.assessments == 4 * 5  # automation twice, a year apart
    campaign = Campaign.objects.get()
    assert campaign.respondents.count() == 12
    assert finished.filter(respondent__campaign=campaign).count() == 10
    for assessment in finished:
        assert assessment.result == services.score(assessment).to_dict()
    example = summary.examples[0]
    assert client.get(f"/r/{example.result_token}/").status_code == 200


def test_the_same_seed_gives_the_same_demo() -> None:
    demo.create_demo(organizations=2, seed=9)
    first = sorted(str(a.result["overall"]) for a in Assessment.objects.filter(status="completed"))
    demo.reset_demo()
    assert not Assessment.objects.exists()
    demo.create_demo(organizations=2, seed=9)
    again = Assessment.objects.filter(status="completed")
    assert sorted(str(a.result["overall"]) for a in again) == first


def test_the_demo_login_opens_the_demo_organizations(client: Client) -> None:
    summary = demo.create_demo(organizations=4, seed=5)
    email, password = summary.login
    logged_in = client.post("/accounts/login/", {"login": email, "password": password})
    assert logged_in.status_code == 302
    page = client.get("/orgs/").content.decode()
    assert "Northgate Mutual" in page
