"""A campaign's figures: its finished respondents' answers, aggregated by the core.

Each finished respondent's answers are read as one stored document (kept beside the
result when the assessment is finished), so a campaign costs one row per respondent;
the core does the rest (spread, agreement, departments, consensus).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Max

from cxmaturity.core.aggregation import Agreed, CampaignAggregate, aggregate, checked_respondent
from cxmaturity.core.scoring import Context

from ..assessments import registry
from ..assessments.models import Assessment
from .models import Campaign

CACHE_SECONDS = 3600


def context_of(campaign: Campaign) -> Context:
    return Context(campaign.industry, campaign.region or None, campaign.size or None)


def agreed_answers(campaign: Campaign) -> dict[str, Agreed]:
    """The latest agreement per question (or matrix item): the log keeps the older ones."""
    latest: dict[str, Agreed] = {}
    for row in campaign.agreed.order_by("recorded_at", "pk"):
        key = f"{row.question}.{row.item}" if row.item else row.question
        latest[key] = Agreed(row.value, row.reason)
    return latest


def campaign_aggregate(campaign: Campaign) -> CampaignAggregate:
    """The campaign's figures, computed once per change of its answers or agreements.

    Kept in Django's cache under a stamp of what they depend on (finished respondents,
    their last change, the latest agreement), so showing the results page again costs
    one small query; any new answer, finish or agreement changes the stamp.
    """
    key = _stamp(campaign)
    found: CampaignAggregate | None = cache.get(key)
    if found is None:
        found = _compute(campaign)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _stamp(campaign: Campaign) -> str:
    finished = Assessment.objects.filter(
        respondent__campaign=campaign, status=Assessment.Status.COMPLETED
    ).aggregate(n=Count("pk"), last=Max("updated_at"))
    agreed = campaign.agreed.aggregate(last=Max("pk"))["last"]
    parts = (
        campaign.pk,
        campaign.model_version_id,
        campaign.anonymous,
        finished["n"],
        finished["last"].isoformat() if finished["last"] else "",
        agreed or 0,
    )
    return "cxm:campaign:" + ":".join(str(p) for p in parts)


def _compute(campaign: Campaign) -> CampaignAggregate:
    model = registry.model_for(campaign.model_version)
    scorer = registry.scorer_for(campaign.model_version)
    context = context_of(campaign)
    finished = campaign.respondents.filter(assessment__status=Assessment.Status.COMPLETED)
    respondents = [
        checked_respondent(scorer.reader, str(key), department or None, answers or {}, context)
        for key, department, answers in finished.values_list(
            "assessment_id", "department", "assessment__answers_document"
        )
    ]
    return aggregate(
        model,
        respondents,
        context=context,
        agreed=agreed_answers(campaign),
        anonymous=campaign.anonymous,
        scorer=scorer,
    )
