"""Campaign operations that views and the CLI share: add respondents, invite, close."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from ..assessments.models import Assessment
from .models import Campaign, Respondent
from .roster import RosterRow
from .tasks import send_invitation


def add_respondents(campaign: Campaign, rows: Iterable[RosterRow]) -> list[Respondent]:
    """Create respondents, each with their own assessment (all or none)."""
    created = []
    with transaction.atomic():
        for row in rows:
            assessment = Assessment.objects.create(
                model_version=campaign.model_version,
                organization=campaign.organization,
                industry=campaign.industry,
                region=campaign.region,
                size=campaign.size,
            )
            created.append(
                Respondent.objects.create(
                    campaign=campaign,
                    assessment=assessment,
                    name=row.name,
                    email=row.email,
                    department=row.department,
                    role=row.role,
                )
            )
    return created


def invite(
    respondents: Iterable[Respondent], link_for: Callable[[Respondent], str], reminder: bool
) -> int:
    """Queue one e-mail per respondent; the worker sends them after this commits."""
    count = 0
    with transaction.atomic():
        for respondent in respondents:
            send_invitation.enqueue(
                respondent_id=respondent.pk, link=link_for(respondent), reminder=reminder
            )
            count += 1
    return count


def set_status(campaign: Campaign, status: str) -> None:
    campaign.status = status
    campaign.closed_at = timezone.now() if status == Campaign.Status.CLOSED else None
    campaign.save(update_fields=["status", "closed_at"])


def progress(campaign: Campaign) -> dict[str, Any]:
    """Invited, started and completed per department, and each respondent's last activity."""
    respondents = list(
        campaign.respondents.select_related("assessment")
        .annotate(
            answered=Count("assessment__answers"), last=Max("assessment__answers__updated_at")
        )
        .order_by("department", "name")
    )
    departments: dict[str, dict[str, int]] = defaultdict(
        lambda: {"respondents": 0, "invited": 0, "started": 0, "completed": 0}
    )
    for r in respondents:
        row = departments[r.department or "(no department)"]
        row["respondents"] += 1
        row["invited"] += r.invited_at is not None
        row["started"] += r.answered > 0
        row["completed"] += r.assessment.completed
    totals = {
        key: sum(d[key] for d in departments.values())
        for key in ("respondents", "invited", "started", "completed")
    }
    return {
        "respondents": respondents,
        "departments": sorted(departments.items()),
        "totals": totals,
    }
