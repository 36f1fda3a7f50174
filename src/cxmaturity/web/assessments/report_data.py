"""A stored assessment (or a campaign) as the reports package's ReportData.

The reports package knows no database; this is the one place that turns what is stored
into what a report shows, for the download buttons and for `cxm report --assessment`.
"""

from __future__ import annotations

from typing import Any

from cxmaturity.reports import AnswerSheet, Organization, ReportData, campaign_data

from . import registry, services
from .models import Assessment


def organization_of(org: Any) -> Organization | None:
    if org is None:
        return None
    logo = bytes(org.logo) if getattr(org, "logo", None) else None
    return Organization(org.name, logo, getattr(org, "brand_color", None))


def for_assessment(assessment: Assessment) -> ReportData:
    """The full report of one finished assessment, with every answer in the appendix."""
    document = services.answers_document(assessment)
    model = registry.model_for(assessment.model_version)
    return ReportData(
        result=assessment.result or {},
        model=model,
        completed=assessment.completed_at.date() if assessment.completed_at else None,
        organization=organization_of(assessment.organization),
        answers=AnswerSheet(document["answers"], document.get("notes", {}), None),
    )


def for_campaign(campaign: Any, aggregate: Any) -> ReportData:
    """A campaign's report: its consensus result, spread and agreement per dimension, and
    (named campaigns only) the answers the result was computed from, never anyone's own."""
    closed = campaign.closed_at or campaign.created_at
    return campaign_data(
        registry.model_for(campaign.model_version),
        aggregate,
        name=campaign.name,
        anonymous=campaign.anonymous,
        completed=closed.date() if closed else None,
        organization=organization_of(campaign.organization),
        scorer=registry.scorer_for(campaign.model_version),
    )
