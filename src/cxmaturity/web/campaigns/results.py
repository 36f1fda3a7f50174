"""The campaign results page: the self-assessment's result view of the campaign's answers,
plus how far people agree, department by department, and the consensus log."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from cxmaturity import charts
from cxmaturity.core.aggregation import CampaignAggregate

from ..assessments import registry
from ..assessments.results import result_context
from ..organizations.models import Membership
from .models import Campaign

MIN_ANONYMOUS = 3  # an anonymous campaign shows nothing until this many have finished


def extra_charts(aggregate: dict[str, Any]) -> list[charts.Chart]:
    out = [charts.dimension_spread(aggregate)]
    heatmap = charts.department_heatmap(aggregate)
    if heatmap is not None:
        out.append(heatmap)
    return out


def context(
    campaign: Campaign, aggregate: CampaignAggregate, membership: Membership
) -> dict[str, Any]:
    data = aggregate.to_dict()
    model = registry.model_for(campaign.model_version)
    org_id = campaign.organization_id
    too_few = aggregate.respondents < (MIN_ANONYMOUS if campaign.anonymous else 1)
    out: dict[str, Any] = {
        "campaign": campaign,
        "respondents": aggregate.respondents,
        "too_few": too_few,
        "min_anonymous": MIN_ANONYMOUS,
    }
    if too_few:
        return out
    # The consensus answers scored again with their explanation, for "how it was computed".
    scorer = registry.scorer_for(campaign.model_version)
    explained = scorer.score_raw(aggregate.consensus.raw(aggregate.context), explain=True)
    out.update(
        result_context(
            explained.to_dict(),
            model,
            chart_url=lambda chart: reverse(
                "campaigns:chart_svg",
                kwargs={"org_id": org_id, "campaign_id": campaign.pk, "chart": chart},
            ),
            json_url=reverse(
                "campaigns:results_json", kwargs={"org_id": org_id, "campaign_id": campaign.pk}
            ),
            report_url=lambda fmt: reverse(
                "campaigns:report",
                kwargs={"org_id": org_id, "campaign_id": campaign.pk, "fmt": fmt},
            ),
            organization=campaign.organization,
            extra_charts=extra_charts(data),
        )
    )
    labels = {q.id: registry.text(model, q.label) for d in model.dimensions for q in d.questions}
    items = {i.id: registry.text(model, i.label) for c in model.catalogs for i in c.items}
    facets = {
        f.id: registry.text(model, f.label)
        for d in model.dimensions
        for q in d.questions
        for f in getattr(q, "facets", [])
    }
    out["spread"] = data["dimensions"]
    out["flagged"] = [
        {
            **q,
            "label": items.get(q["item"], "") if q["item"] else labels.get(q["question"], ""),
            "facet_label": facets.get(q["facet"], "") if q["facet"] else "",
        }
        for q in data["questions"]
        if q["flagged"]
    ]
    out["answer_sources"] = _source_counts(aggregate)
    out["log"] = campaign.agreed.select_related("recorded_by").order_by("-recorded_at", "-pk")
    out["may_run"] = membership.allows("run_campaigns")
    return out


def _source_counts(aggregate: CampaignAggregate) -> dict[str, int]:
    counts = {"agreed": 0, "aggregated": 0, "unanswered": 0}
    for source in aggregate.consensus.sources.values():
        counts[source] = counts.get(source, 0) + 1
    return counts


def chart_svg(campaign: Campaign, aggregate: CampaignAggregate, chart_id: str) -> str | None:
    data = aggregate.to_dict()
    model = registry.model_for(campaign.model_version)
    for chart in [*charts.charts_for(data["result"], model), *extra_charts(data)]:
        if chart.id == chart_id:
            return charts.to_svg(chart)
    return None
