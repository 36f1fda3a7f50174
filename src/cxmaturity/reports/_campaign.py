"""A campaign's report data, from its aggregate: no database, no web framework.

The web app (its download buttons and background report jobs) and the benchmarks both
build a campaign's `ReportData` here, from a `CampaignAggregate` and the few facts of the
campaign itself (its name, whether it is anonymous, when it closed, whose it is).
"""

from __future__ import annotations

from datetime import date

from cxmaturity.core.aggregation import CampaignAggregate
from cxmaturity.core.model import MaturityModel
from cxmaturity.core.scoring import Scorer

from ._data import AnswerSheet, Organization, ReportData


def campaign_data(
    model: MaturityModel,
    aggregate: CampaignAggregate,
    name: str,
    anonymous: bool,
    completed: date | None = None,
    organization: Organization | None = None,
    scorer: Scorer | None = None,
) -> ReportData:
    """A campaign's report: its consensus result (explained), spread and agreement per
    dimension and per question, and the consensus answers the result was computed from
    (shown for named campaigns only, never anyone's own answers).

    `scorer` is the model's scorer, when the caller keeps one (it is built otherwise).
    """
    scorer = scorer or Scorer(model)
    explained = scorer.score_raw(aggregate.consensus.raw(aggregate.context), explain=True)
    data = aggregate.to_dict()
    dimensions = {
        d["id"]: {
            "spread": d["spread"],
            "agreement": d["agreement"],
            "note": (
                "Respondents disagree strongly here."
                if d["agreement"] and d["agreement"]["disagreement"]
                else ""
            ),
        }
        for d in data["dimensions"]
    }
    questions = {
        q["key"]: {
            "spread": q["spread"],
            "consensus": aggregate.consensus.sources.get(q["question"], ""),
            "note": "Flagged: strong disagreement." if q["flagged"] else "",
        }
        for q in data["questions"]
        if q["item"] is None
    }
    return ReportData(
        result=explained.to_dict(),
        model=model,
        completed=completed,
        organization=organization,
        answers=AnswerSheet(aggregate.consensus.answers, {}, "Campaign consensus"),
        campaign={
            "name": name,
            "respondents": aggregate.respondents,
            "anonymous": anonymous,
            "questions": questions,
            "dimensions": dimensions,
        },
    )
