"""A stored assessment (or a campaign) as the reports package's ReportData.

The reports package knows no database; this is the one place that turns what is stored
into what a report shows, for the download buttons, the background report jobs and
`cxm report --assessment`: the result, the answers, the organization's plan for it
(`plans.report_plan`: the approved one, else the latest) and the live peer comparison
(`benchmarks.report_peers`: the results page's default group, under its privacy rules).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from cxmaturity.reports import AnswerSheet, Organization, ReportData, campaign_data

from ..benchmarks.report_peers import peers_for_report
from ..plans.report_plan import plan_for_report
from . import registry, services
from .models import Assessment


def organization_of(org: Any) -> Organization | None:
    if org is None:
        return None
    logo = bytes(org.logo) if getattr(org, "logo", None) else None
    return Organization(org.name, logo, getattr(org, "brand_color", None))


def for_assessment(assessment: Assessment, with_plan: bool = True) -> ReportData:
    """The full report of one finished assessment, with every answer in the appendix,
    its organization's plan for it (unless `with_plan` is false: the caller is not one
    of the organization's members) and where it stands among its peers."""
    document = services.answers_document(assessment)
    model = registry.model_for(assessment.model_version)
    result = assessment.result or {}
    return ReportData(
        result=result,
        model=model,
        completed=assessment.completed_at.date() if assessment.completed_at else None,
        organization=organization_of(assessment.organization),
        answers=AnswerSheet(document["answers"], document.get("notes", {}), None),
        plan=plan_for_report(assessment=assessment) if with_plan else None,
        peers=peers_for_report(result, model),
    )


def for_campaign(campaign: Any, aggregate: Any) -> ReportData:
    """A campaign's report: its consensus result, spread and agreement per dimension,
    (named campaigns only) the answers the result was computed from, never anyone's own,
    the organization's plan for the campaign and the consensus result among its peers."""
    closed = campaign.closed_at or campaign.created_at
    model = registry.model_for(campaign.model_version)
    data = campaign_data(
        model,
        aggregate,
        name=campaign.name,
        anonymous=campaign.anonymous,
        completed=closed.date() if closed else None,
        organization=organization_of(campaign.organization),
        scorer=registry.scorer_for(campaign.model_version),
    )
    return dataclasses.replace(
        data,
        plan=plan_for_report(campaign=campaign),
        peers=peers_for_report(data.result, model),
    )
