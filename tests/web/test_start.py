"""The start page: the four models, and starting an assessment with its context."""

from __future__ import annotations

import pytest
from django.test import Client
from webtools import MODELS

from cxmaturity.web.assessments.models import Assessment
from cxmaturity.web.organizations.models import Organization


def test_health_answers_ok_once_the_database_does(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_home_lists_every_builtin_model_with_its_length(client: Client) -> None:
    page = client.get("/").content.decode()
    for model_id in MODELS:
        assert f'value="{model_id}"' in page
    assert "About 15 minutes" in page
    assert "About 5 minutes" in page


@pytest.mark.parametrize("model_id", MODELS)
def test_starting_creates_an_assessment_and_opens_page_one(client: Client, model_id: str) -> None:
    response = client.post(
        "/",
        {"model": model_id, "industry": "telco", "region": "asia-pacific", "size": "5000+"},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/a/{assessment.resume_token}/p/1/"
    assert assessment.model_version.model_id == model_id
    assert (assessment.industry, assessment.region, assessment.size) == (
        "telco",
        "asia-pacific",
        "5000+",
    )
    assert assessment.organization is None


def test_an_organization_name_is_kept(client: Client) -> None:
    client.post("/", {"model": "cx-matrix", "industry": "finance", "organization": " Acme "})
    organization = Organization.objects.get()
    assert organization.name == "Acme"
    assert Assessment.objects.get().organization == organization


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"model": "cx-nothing", "industry": "retail"}, "Select a valid choice"),
        ({"model": "cx-curve", "industry": "mining"}, "Select a valid choice"),
        ({"model": "cx-curve", "industry": "retail", "size": "huge"}, "Select a valid choice"),
        ({"industry": "retail"}, "This field is required"),
    ],
)
def test_a_bad_start_says_why_and_creates_nothing(
    client: Client, post: dict[str, str], message: str
) -> None:
    response = client.post("/", post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assessment.objects.exists()
    assert not Organization.objects.exists()


def test_a_member_files_the_assessment_under_their_organization(client: Client) -> None:
    from webtools import organization_with

    org, person = organization_with("facilitator", "f@example.com")
    other, _ = organization_with("owner", "x@example.com", "Someone Else")
    client.force_login(person)
    page = client.get("/").content.decode()
    assert "For which organization" in page
    assert "Someone Else" not in page
    client.post("/", {"model": "cx-matrix", "industry": "retail", "for_organization": str(org.pk)})
    assert Assessment.objects.get().organization == org
    refused = client.post(
        "/", {"model": "cx-matrix", "industry": "retail", "for_organization": str(other.pk)}
    )
    assert refused.status_code == 400
    assert Assessment.objects.count() == 1
