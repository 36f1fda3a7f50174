"""A model's ladders placed on the 0–100 score scale every chart draws on.

Ladders may be written on the raw scale (cx-matrix: 1–4 per dimension, 5–20 in total)
or relative to a benchmark (thresholds that move with the industry figure). Charts
only ever show scores, so each rung is converted once here: raw bounds are mapped
linearly over the raw range the dimension (or the overall figure) can take, which is
exactly how the scorer turns raw points into a score when questions share a range.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.core._text import resolve
from cxmaturity.core.model import (
    Dimension,
    Ladder,
    MaturityModel,
    Text,
    attainable_raw,
    bound_at,
)


@dataclass(frozen=True, slots=True)
class ScoreBand:
    """One rung of a ladder on the score scale: [start, end) with its words."""

    id: str
    label: str
    start: float
    end: float
    order: int  # 1 for the lowest rung


def text(model: MaturityModel, value: Text | None, locale: str | None) -> str | None:
    """A model text in the chart's locale (a str or a {locale: text} mapping)."""
    return resolve(value, locale or model.locale, model.locale)


def find_ladder(model: MaturityModel, ladder_id: str | None) -> Ladder | None:
    return next((x for x in model.ladders if x.id == ladder_id), None)


def bands(
    model: MaturityModel,
    ladder: Ladder,
    *,
    locale: str | None,
    benchmark: float | None = None,
    raw_range: tuple[float, float] | None = None,
) -> list[ScoreBand]:
    """The ladder's rungs on the score scale; empty when a raw ladder has no raw range."""
    levels = {lv.id: lv for lv in model.levels}

    def to_score(value: float) -> float | None:
        if ladder.basis == "score":
            return value
        if raw_range is None or raw_range[1] <= raw_range[0]:
            return None
        low, high = raw_range
        return min(100.0, max(0.0, 100.0 * (value - low) / (high - low)))

    out = []
    for n, rung in enumerate(ladder.rungs, start=1):
        start = to_score(bound_at(rung.from_, benchmark))
        end = to_score(bound_at(rung.to, benchmark))
        if start is None or end is None:
            return []
        level = levels.get(rung.id)
        label = text(model, level.label if level else rung.label, locale) or rung.id
        out.append(ScoreBand(rung.id, label, round(start, 2), round(end, 2), n))
    return out


def dimension_bands(
    model: MaturityModel, dimension: Dimension, benchmark: float | None, locale: str | None
) -> list[ScoreBand]:
    """The level bands of one dimension (its own ladder, else the model's)."""
    ladder = find_ladder(model, dimension.levels or model.scoring.levels)
    if ladder is None:
        return []
    return bands(
        model,
        ladder,
        locale=locale,
        benchmark=benchmark,
        raw_range=attainable_raw(model, dimension),
    )


def overall_bands(
    model: MaturityModel, benchmark: float | None, locale: str | None
) -> list[ScoreBand]:
    """The level bands of the overall score (the overall ladder, else the model's)."""
    ladder = find_ladder(model, model.overall.levels or model.scoring.levels)
    if ladder is None:
        return []
    ranges = [attainable_raw(model, d) for d in model.dimensions]
    if model.overall.raw == "sum":
        raw_range = (sum(r[0] for r in ranges), sum(r[1] for r in ranges))
    else:
        raw_range = (
            sum(r[0] for r in ranges) / len(ranges),
            sum(r[1] for r in ranges) / len(ranges),
        )
    return bands(model, ladder, locale=locale, benchmark=benchmark, raw_range=raw_range)


def group_bands(model: MaturityModel, locale: str | None) -> list[ScoreBand]:
    """The level bands of an axis or a stage: the scorer places those on the model's score ladder."""
    ladder = find_ladder(model, model.scoring.levels)
    if ladder is None or ladder.basis != "score":
        return []
    return bands(model, ladder, locale=locale)
