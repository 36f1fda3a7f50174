"""Operational against strategic maturity, side by side (models with axes: cx-curve).

The two bars are the axis scores; the dots behind them are the dimensions that make up
each axis, so a reader sees whether an axis is uniformly weak or pulled down by one
dimension. The level bands behind say which level each score reaches.
"""

from __future__ import annotations

from typing import Any

from cxmaturity.core.model import MaturityModel

from . import _format, _words, palette
from ._chart import Chart
from ._ladder import group_bands
from ._layers import level_backdrop, score_axis
from ._result import Row, dimensions, rows

WIDTH = 380
HEIGHT = 320
PADDING_INNER = 0.35
PADDING_OUTER = 0.25
BAR = 0.5  # of the band; the member dots sit in the free space on the bar's right


def applies(result: dict[str, Any]) -> bool:
    return bool(result.get("axes"))


def axes(result: dict[str, Any], model: MaturityModel, locale: str | None = None) -> Chart:
    """One bar per axis (operational, strategic) with its member dimensions as dots."""
    groups = rows(list(result.get("axes") or []))
    labels = {g.id: g.label for g in groups}
    members = [
        {
            "axis": labels[d_axis],
            "dimension": d.label,
            "score": d.score,
            "text": _format.number(d.score),
        }
        for d, d_axis in _members(result)
        if d.score is not None and d_axis in labels
    ]
    backdrop, levels = level_backdrop(group_bands(model, locale), WIDTH)
    x = {
        "field": "axis",
        "type": "nominal",
        "sort": [g.label for g in groups],
        "title": None,
        "scale": {"paddingInner": PADDING_INNER, "paddingOuter": PADDING_OUTER},
        "axis": {"labelAngle": 0, "labelFontSize": 12, "ticks": False},
    }
    scored = [
        {"axis": g.label, "score": g.score, "text": _format.number(g.score), "level": g.level}
        for g in groups
        if g.score is not None
    ]
    unscored = [{"axis": g.label, "text": _words.NO_ANSWERS} for g in groups if g.score is None]
    layers: list[dict[str, Any]] = []
    if levels:
        layers.append(backdrop)
    layers += [
        {
            "data": {"name": "scored"},
            "mark": {"type": "bar", "width": {"band": BAR}, "color": palette.PRIMARY},
            "encoding": {
                "x": x,
                "y": score_axis("score"),
                "tooltip": [
                    {"field": "axis", "title": "Axis"},
                    {"field": "text", "title": _words.YOUR_SCORE},
                    {"field": "level", "title": _words.LEVEL},
                ],
            },
        },
        {
            "data": {"name": "members"},
            "mark": {
                "type": "point",
                "filled": False,
                "size": 36,
                "color": palette.INK,
                "strokeWidth": 1,
                "opacity": 1,
                "xOffset": _dot_offset(len(groups)),
            },
            "encoding": {
                "x": x,
                "y": score_axis("score"),
                "shape": {
                    "datum": _words.DIMENSION_SCORE,
                    "title": None,
                },
                "tooltip": [
                    {"field": "dimension", "title": "Dimension"},
                    {"field": "text", "title": _words.DIMENSION_SCORE},
                ],
            },
        },
        {
            "data": {"name": "scored"},
            "mark": {"type": "text", "dy": -9, "fontWeight": "bold", "fontSize": 13},
            "encoding": {"x": x, "y": score_axis("score"), "text": {"field": "text"}},
        },
    ]
    if unscored:
        layers.append(
            {
                "data": {"name": "unscored"},
                "mark": {"type": "text", "dy": -8, "fontStyle": "italic", "color": palette.MUTED},
                "encoding": {
                    "x": x,
                    "y": {"datum": 0, "type": "quantitative"},
                    "text": {"field": "text"},
                },
            }
        )
    description = _description(groups, members)
    spec: dict[str, Any] = {
        "width": WIDTH,
        "height": HEIGHT,
        "description": description,
        "config": palette.vega_lite_config(),
        "datasets": {
            "levels": levels,
            "scored": scored,
            "unscored": unscored,
            "members": members,
        },
        "layer": layers,
    }
    return Chart("axes", _words.TITLE_AXES, "vega-lite", spec, description)


def _dot_offset(count: int) -> float:
    """Pixels from the centre of a band to the middle of the free space right of its bar."""
    step = WIDTH / max(1.0, count - PADDING_INNER + 2 * PADDING_OUTER)
    band = step * (1 - PADDING_INNER)
    return round(band * (BAR / 2 + (1 - BAR) / 4), 1)


def _members(result: dict[str, Any]) -> list[tuple[Row, str | None]]:
    """Each dimension with the axis it belongs to (as the result records it)."""
    entries = list(result.get("dimensions") or [])
    return [(d, e.get("axis")) for d, e in zip(dimensions(result), entries, strict=True)]


def _description(groups: list[Row], members: list[dict[str, Any]]) -> str:
    parts = []
    for g in groups:
        if g.score is None:
            parts.append(f"{g.label}: {_words.NO_ANSWERS}")
            continue
        own = [m["score"] for m in members if m["axis"] == g.label]
        detail = [x for x in (g.level,) if x]
        if own:
            detail.append(
                f"{len(own)} dimensions from {_format.number(min(own))}"
                f" to {_format.number(max(own))}"
            )
        parts.append(
            f"{g.label} {_format.number(g.score)}" + (f" ({'; '.join(detail)})" if detail else "")
        )
    text = f"Score out of 100 per axis: {_format.listing(parts)}."
    scored = sorted(((g.score, g.label) for g in groups if g.score is not None), reverse=True)
    if len(scored) == 2:
        (high, first), (low, second) = scored
        if round(high - low, 1) > 0:
            text += f" {first} is {_format.number(high - low)} points ahead of {second}."
        else:
            text += f" {first} and {second} are level."
    return text
