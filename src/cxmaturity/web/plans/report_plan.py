"""The plan a report carries: the organization's plan for an assessment or a campaign.

Which plan: an assessment or campaign may have several (a draft, a redo, an approved
one). A report shows the approved one (the most recently approved, if several), else
the one worked on last. Its figures are recomputed from the answers as on the plan page
(`services.plan_document`), and `cxmaturity.reports.plan_report` turns that document into
what the report shows, so the reports package needs no database.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F

from cxmaturity.reports import plan_report

from ..assessments import registry
from ..assessments.models import Assessment
from ..campaigns.models import Campaign
from . import services
from .models import Plan


def chosen_plan(
    *, assessment: Assessment | None = None, campaign: Campaign | None = None
) -> Plan | None:
    """The plan a report of this assessment or campaign shows, or None if it has none."""
    if (assessment is None) == (campaign is None):
        raise ValueError("give an assessment or a campaign")
    source = assessment or campaign
    assert source is not None
    organization_id = source.organization_id
    if organization_id is None:
        return None  # an assessment without an organization has no plan
    found = Plan.objects.filter(organization_id=organization_id)
    found = found.filter(assessment=assessment) if assessment else found.filter(campaign=campaign)
    return (
        found.select_related("model_version", "assessment", "campaign")
        .order_by(F("approved_at").desc(nulls_last=True), "-updated_at", "-pk")
        .first()
    )


def plan_for_report(
    *, assessment: Assessment | None = None, campaign: Campaign | None = None
) -> dict[str, Any] | None:
    """The report's `plan` for an assessment or a campaign, or None without a plan."""
    plan = chosen_plan(assessment=assessment, campaign=campaign)
    if plan is None:
        return None
    return plan_report(services.plan_document(plan), registry.model_for(plan.model_version))
