"""Demo data: real answers scored by the real engine, idempotent through the CLI."""

from __future__ import annotations

from django.test import Client

from cxmaturity.web.assessments import demo, services
from cxmaturity.web.assessments.models import Assessment, Organization


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
    assert finished.count() == summary.assessments == 4 * 5  # automation twice, a year apart
    for assessment in finished:
        assert assessment.result == services.score(assessment).to_dict()
    example = summary.examples[0]
    assert client.get(f"/r/{example.result_token}/").status_code == 200


def test_the_same_seed_gives_the_same_demo() -> None:
    demo.create_demo(organizations=2, seed=9)
    first = sorted(str(a.result["overall"]) for a in Assessment.objects.all())
    demo.reset_demo()
    assert not Assessment.objects.exists()
    demo.create_demo(organizations=2, seed=9)
    assert sorted(str(a.result["overall"]) for a in Assessment.objects.all()) == first
