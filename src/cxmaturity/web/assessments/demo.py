"""Demo data: fictional organizations with finished assessments, so a new install looks lived in.

Answers come from the core's sample generator (plausible, reproducible from a seed)
and go through the same checks and scoring as a respondent's, so the demo results
are real results of real answers, not numbers typed in.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from cxmaturity.core.scoring import sample_respondents

from ..organizations.models import Membership, Organization, Role
from . import registry, services
from .models import Assessment, ModelVersion

# Fictional names, invented for the demo; any likeness to a real company is accidental.
NAMES = {
    "finance": [
        "Northgate Mutual",
        "Kestrel Savings Bank",
        "Aldwick Insurance",
        "Meridian Credit Union",
    ],
    "retail": [
        "Harbour & Pine Outfitters",
        "Tallow Street Grocers",
        "Brightcart Online",
        "Osier Home Goods",
    ],
    "telco": ["Lumen Ridge Mobile", "Causeway Broadband", "Skylark Telecom", "Fenwick Fibre"],
    "other": [
        "Quarry Lane Utilities",
        "Wayfarer Travel Group",
        "Copperleaf Health",
        "Ashmoor Logistics",
    ],
}
REGIONS = ["americas", "europe", "middle-east-africa", "asia-pacific"]
SIZES = ["50-249", "250-999", "1000-4999", "5000+"]


DEMO_EMAIL = "demo@cx-maturity.example"
DEMO_PASSWORD = "demo-password"  # printed by `cxm demo`; the demo is for trying the product
DEPARTMENTS = ["Marketing", "Sales", "Support", "IT", "Finance"]
FIRST_NAMES = [
    "Ada",
    "Bruno",
    "Chiara",
    "Dmitri",
    "Esi",
    "Farah",
    "Goran",
    "Hana",
    "Ivo",
    "Jun",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
]


@dataclass(frozen=True)
class DemoSummary:
    organizations: int
    assessments: int
    examples: list[Assessment]
    login: tuple[str, str]


def demo_exists() -> bool:
    return Organization.objects.filter(demo=True).exists()


def reset_demo() -> int:
    """Remove demo organizations and everything they own; returns how many went."""
    count, _ = Organization.objects.filter(demo=True).delete()
    return count


def create_demo(
    organizations: int = 16, seed: int = 2026, progress: Callable[[int, int], None] | None = None
) -> DemoSummary:
    """`organizations` fictional organizations, each assessed on every built-in model,
    the automation model twice (a year apart) so re-assessment shows a trend."""
    rng = random.Random(seed)
    versions = registry.install_builtin_models()
    industries = list(NAMES)
    created: list[Assessment] = []
    org_count = 0
    done = 0
    total = organizations * len(versions)
    with transaction.atomic():
        for n in range(organizations):
            industry = industries[n % len(industries)]
            names = NAMES[industry]
            name = names[(n // len(industries)) % len(names)]
            if n >= len(industries) * len(names):
                name = f"{name} {n // (len(industries) * len(names)) + 1}"
            org = Organization.objects.create(
                name=name,
                industry=industry,
                region=rng.choice(REGIONS),
                size=rng.choice(SIZES),
                demo=True,
            )
            org_count += 1
            for version in versions:
                model = registry.model_for(version)
                rounds = 2 if model.id == "cx-automation" else 1
                documents = sample_respondents(
                    model, rounds, seed=rng.randrange(1 << 30), industry=industry
                )
                for round_number, document in enumerate(documents):
                    created.append(
                        _finished(org, version, document["answers"], rounds - round_number)
                    )
                done += 1
                if progress:
                    progress(done, total)
        owner = _demo_user()
        demo_orgs = list(Organization.objects.filter(demo=True).order_by("pk"))
        for org in demo_orgs[:3]:
            Membership.objects.get_or_create(
                user=owner, organization=org, defaults={"role": Role.OWNER}
            )
        if demo_orgs:
            _demo_campaign(demo_orgs[0], versions[0], owner, rng)
    examples = [a for a in created if a.completed][: len(versions)]
    return DemoSummary(org_count, len(created), examples, (DEMO_EMAIL, DEMO_PASSWORD))


def _demo_user() -> Any:
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=DEMO_EMAIL, defaults={"email": DEMO_EMAIL}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _demo_campaign(
    org: Organization, version: ModelVersion, owner: Any, rng: random.Random
) -> None:
    """A campaign with respondents across departments, most of them finished."""
    from ..campaigns.models import Campaign
    from ..campaigns.roster import RosterRow
    from ..campaigns.services import add_respondents

    campaign = Campaign.objects.create(
        organization=org,
        name="Automation review, all departments",
        model_version=version,
        industry=org.industry,
        region=org.region,
        size=org.size,
        created_by=owner,
    )
    rows = [
        RosterRow(0, name, f"{name.lower()}@{org.pk}.demo.example", DEPARTMENTS[n % 4], "")
        for n, name in enumerate(FIRST_NAMES[:12])
    ]
    model = registry.model_for(version)
    documents = sample_respondents(
        model, len(rows), seed=rng.randrange(1 << 30), industry=org.industry
    )
    for n, (respondent, document) in enumerate(
        zip(add_respondents(campaign, rows), documents, strict=True)
    ):
        respondent.invited_at = timezone.now() - timedelta(days=10)
        respondent.save(update_fields=["invited_at"])
        if n < 10:
            services.store_document(respondent.assessment, document["answers"])
            services.finish(respondent.assessment)


def _finished(
    org: Organization, version: ModelVersion, answers: dict[str, Any], years_ago: int
) -> Assessment:
    assessment = Assessment.objects.create(
        model_version=version,
        organization=org,
        industry=org.industry,
        region=org.region,
        size=org.size,
    )
    services.store_document(assessment, answers)
    services.finish(assessment)
    when = timezone.now() - timedelta(days=365 * (years_ago - 1) + 14)
    Assessment.objects.filter(pk=assessment.pk).update(created_at=when, completed_at=when)
    assessment.refresh_from_db()
    return assessment
