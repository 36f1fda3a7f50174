"""Say how each score was computed, answer by answer, in words and numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..model import MaturityModel
from ._result import DimensionResult, OverallResult

if TYPE_CHECKING:
    from ._engine import Entry, _DimensionPlan, _Plan
    from ._matrix import Walk


def explain_dimension(
    plan: _DimensionPlan,
    result: DimensionResult,
    counted: list[tuple[Entry, float, float]],
    values: Mapping[str, Any],
    owner: _Plan,
    walks: list[Walk],
) -> dict[str, Any]:
    """Each counted answer's points, weight and share of the 0-100 score.

    A matrix answer is shown item by item, from the respondent's walk over the matrix.
    """
    text = owner.scorer.text
    rule = plan.dim.rule
    total_weight = sum(e.weight for e, _, _ in counted)
    span = sum(e.high - e.low for e, _, _ in counted)
    rows = []
    for entry, points, normalized in counted:
        share = (
            100 * (points - entry.low) / span
            if rule == "sum"
            else 100 * entry.weight * normalized / total_weight
        )
        row: dict[str, Any] = {
            "question": entry.question.id,
            "label": text(entry.question.label),
            "answer": _shown(values.get(entry.question.id)),
            "points": round(points, 4),
            "min": entry.low,
            "max": entry.high,
            "weight": entry.weight,
            "normalized": round(normalized, 4),
            "share": round(share, 2),
        }
        if entry.matrix is not None:
            row["answer"] = None
            row["items"] = [
                {"item": item, "weight": weight, "value": round(value, 4)}
                for item, weight, value in entry.matrix.item_values(
                    walks[entry.walk], entry.contribution
                )
            ]
        rows.append(row)
    return {
        "dimension": plan.dim.id,
        "rule": rule,
        "formula": _formula(rule, counted, result),
        "contributions": rows,
        "ladders": {
            "levels": plan.dim.levels or owner.model.scoring.levels,
            "bands": plan.dim.bands or owner.model.scoring.bands,
        },
    }


def explain_overall(
    model: MaturityModel, dims: list[DimensionResult], overall: OverallResult
) -> dict[str, Any]:
    weights = {d.id: d.weight for d in model.dimensions}
    scored = [d for d in dims if d.score is not None]
    terms = " + ".join(f"{weights[d.id]:g} × {d.score:g}" for d in scored)
    total = sum(weights[d.id] for d in scored)
    raw_rule = "sum" if model.overall.raw == "sum" else "mean"
    return {
        "rule": "weighted_mean",
        "formula": f"score = ({terms}) / {total:g} = {overall.score}"
        if scored
        else "no dimension was scored",
        "raw": f"raw = {raw_rule} of the dimension raw values = {overall.raw}",
        "ladders": {"levels": model.overall.levels, "bands": model.overall.bands},
    }


def _formula(rule: str, counted: list[tuple[Entry, float, float]], result: DimensionResult) -> str:
    if not counted:
        return "no countable answers"
    if rule == "sum":
        got = " + ".join(f"{p - e.low:g}" for e, p, _ in counted)
        span = sum(e.high - e.low for e, _, _ in counted)
        return (
            f"score = 100 × ({got}) / {span:g} = {result.score}; raw = sum of points = {result.raw}"
        )
    terms = " + ".join(f"{e.weight:g} × {n:.3f}" for e, _, n in counted)
    weight = sum(e.weight for e, _, _ in counted)
    return f"score = 100 × ({terms}) / {weight:g} = {result.score}; raw = weighted mean of points = {result.raw}"


def _shown(value: Any) -> Any:
    if isinstance(value, frozenset):
        return sorted(value)
    return value
