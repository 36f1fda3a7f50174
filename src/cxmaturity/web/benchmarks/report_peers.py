"""The live peer comparison a report carries: the results page's figures, as `ReportData.peers`.

A report compares with the group the results page shows first: organizations of the
result's industry (all organizations when it names none). The figures are the page's
own (`peers.compare`, under the same privacy rules): group-level only (percentile, its
likely range, quartile, median, group size, ten-point bin counts), never a peer's name,
score or answer. A group the rules hide leaves only its label and the minimum size, so
the report can say "not enough peers to compare" and nothing else; the reports package
checks the size again before it shows anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cxmaturity.core.benchmarks import OVERALL
from cxmaturity.core.model import MaturityModel

from .peers import Comparison, compare, policy
from .section import group_label, picked
from .store import scores_of


def peers_for_report(
    result: Mapping[str, Any], model: MaturityModel, choice: str | None = None
) -> dict[str, Any] | None:
    """The report's `peers` for a stored result (`Result.to_dict()`), or None when the
    result has no score to compare.

    `choice` names the peer group as the results page's `?peers=` does ("industry",
    "industry+region", "all", ...); an unknown or absent one takes the page's default.
    """
    scores = scores_of(dict(result))
    if OVERALL not in scores:
        return None
    _, filters = picked(result, model, choice)
    rules = policy()
    comparisons = compare(model.id, scores, filters, rules)
    peers: dict[str, Any] = {"group": group_label(filters, model), "min_size": rules.min_size}
    overall = comparisons.get(OVERALL)
    if overall is None or not overall.shown or overall.position is None:
        return peers  # too few peers: the report says so, without a size
    peers.update(overall.position.figures())
    labels = {d["id"]: d.get("label") or d["id"] for d in result.get("dimensions") or []}
    peers["dimensions"] = {
        dimension: c.position.figures()
        for dimension, c in comparisons.items()
        if dimension != OVERALL and c.shown and c.position is not None
    }
    peers["distribution"] = [
        _chart_row("Overall", scores[OVERALL], overall),
        *(
            _chart_row(labels.get(d, d), scores[d], comparisons[d])
            for d in labels
            if d in peers["dimensions"]
        ),
    ]
    return peers


def _chart_row(label: str, score: float, comparison: Comparison) -> dict[str, Any]:
    assert comparison.summary is not None
    return comparison.summary.chart_row(label, score)
