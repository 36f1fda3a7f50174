"""Helpers the web tests share: make assessments and sample answers."""

from __future__ import annotations

from typing import Any

from cxmaturity.core.scoring import sample_respondents
from cxmaturity.models import builtin
from cxmaturity.web.assessments.models import Assessment, ModelVersion

MODELS = ("cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix")


def version(model_id: str) -> ModelVersion:
    return ModelVersion.objects.get(model_id=model_id, version=builtin(model_id).version)


def new_assessment(model_id: str, industry: str = "retail", **extra: Any) -> Assessment:
    return Assessment.objects.create(
        model_version=version(model_id),
        industry=industry,
        region=extra.get("region", "europe"),
        size=extra.get("size", "250-999"),
    )


def sample_answers(model_id: str, industry: str = "retail", seed: int = 3) -> dict[str, Any]:
    document = next(sample_respondents(builtin(model_id), 1, seed=seed, industry=industry))
    answers: dict[str, Any] = document["answers"]
    return answers


def user(email: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username=email, email=email, password="pw-12345678")


def organization_with(role: str, email: str, name: str = "Acme") -> tuple[Any, Any]:
    """An organization and a user who is `role` in it."""
    from cxmaturity.web.organizations.models import Membership, Organization

    org = Organization.objects.create(name=name, industry="retail", region="europe", size="250-999")
    member = user(email)
    Membership.objects.create(user=member, organization=org, role=role)
    return org, member


def campaign_with(
    org: Any, finished: list[str], model_id: str = "cx-curve", anonymous: bool = False
) -> Any:
    """A campaign whose respondents (one per department name given) all finished, with sample answers."""
    from cxmaturity.web.assessments import services
    from cxmaturity.web.campaigns.models import Campaign
    from cxmaturity.web.campaigns.roster import RosterRow
    from cxmaturity.web.campaigns.services import add_respondents

    campaign = Campaign.objects.create(
        organization=org,
        name="Review",
        model_version=version(model_id),
        industry="retail",
        anonymous=anonymous,
    )
    rows = [
        RosterRow(0, f"Person {n}", f"p{n}@example.com", dept, "")
        for n, dept in enumerate(finished)
    ]
    for n, respondent in enumerate(add_respondents(campaign, rows)):
        services.store_document(respondent.assessment, sample_answers(model_id, seed=100 + n))
        services.finish(respondent.assessment)
    return campaign


def free_port() -> int:
    """A TCP port on loopback that nothing listens on, for a server a test starts."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
