"""The maturity curve: the model's levels as ascending steps, and where the organization is.

Each level is a floating bar spanning the scores that earn it, in ladder order, so the
chart reads as a staircase up the curve; a line joins the top of each step. The
overall score is marked on its step and drawn across the chart, next to the industry
benchmark when there is one. The steps come from the model's overall ladder placed on
the score scale, so raw-scored models (cx-matrix) draw on the same 0–100 axis.
"""

from __future__ import annotations

from typing import Any

from cxmaturity.core.model import MaturityModel

from . import _format, _words, palette
from ._chart import Chart
from ._ladder import ScoreBand, overall_bands
from ._result import overall

WIDTH = 560
HEIGHT = 320
LABEL_WIDTH = 14  # characters per line of a level name under the x axis
LINE_BREAK = "\n"  # splits an axis label into lines (see the axis labelExpr)


def level_curve(result: dict[str, Any], model: MaturityModel, locale: str | None = None) -> Chart:
    """The ladder of levels as a staircase with the overall score (and benchmark) marked."""
    score, level_id, level_label, benchmark = overall(result)
    steps = overall_bands(model, benchmark, locale)
    current = _current(steps, level_id, score)
    levels: list[dict[str, Any]] = [
        {
            "order": s.order,
            "level": s.label,
            "axis_label": LINE_BREAK.join(_format.lines(s.label, LABEL_WIDTH)),
            "start": s.start,
            "end": s.end,
            "range": _format.span(s.start, s.end),
            "current": s is current,
        }
        for s in steps
    ]
    x = _x([row["axis_label"] for row in levels])
    layers: list[dict[str, Any]] = [_steps(x, len(levels)), _curve(x)]
    you: list[dict[str, Any]] = []
    if score is not None and current is not None:
        you = [
            {
                "axis_label": LINE_BREAK.join(_format.lines(current.label, LABEL_WIDTH)),
                "score": score,
                "text": f"{_words.YOUR_SCORE}: {_format.number(score)}",
            }
        ]
        layers += [_your_rule(), _your_point(x)]
    elif score is None:
        layers.append(_no_answers())
    bench = (
        [{"value": benchmark, "text": f"{_words.BENCHMARK}: {_format.number(benchmark)}"}]
        if benchmark is not None
        else []
    )
    if bench:
        layers.append(_benchmark_rule())
    description = _description(steps, current, score, level_label, benchmark)
    spec: dict[str, Any] = {
        "width": WIDTH,
        "height": HEIGHT,
        "description": description,
        "config": palette.vega_lite_config(),
        "datasets": {"levels": levels, "you": you, "benchmark": bench},
        "layer": layers,
    }
    return Chart("level_curve", _words.TITLE_CURVE, "vega-lite", spec, description)


def _current(steps: list[ScoreBand], level_id: str | None, score: float | None) -> ScoreBand | None:
    """The step the organization stands on: the scorer's level, else where the score falls."""
    for s in steps:
        if s.id == level_id:
            return s
    if score is None:
        return None
    return next((s for s in reversed(steps) if score >= s.start), steps[0] if steps else None)


def _x(order: list[str]) -> dict[str, Any]:
    """The level axis: one column per level in ladder order, names broken into lines."""
    return {
        "field": "axis_label",
        "type": "ordinal",
        "sort": order,
        "title": None,
        "scale": {"paddingInner": 0.15, "paddingOuter": 0.1},
        "axis": {
            "labelAngle": 0,
            "labelExpr": "split(datum.label, '\\n')",
            "labelLimit": 200,
            "ticks": False,
        },
    }


def _y(field: str) -> dict[str, Any]:
    return {
        "field": field,
        "type": "quantitative",
        "scale": {"domain": [0, 100], "nice": False},
        "title": _words.SCORE_AXIS,
        "axis": {"values": [0, 20, 40, 60, 80, 100], "gridColor": palette.GRID},
    }


def _steps(x: dict[str, Any], count: int) -> dict[str, Any]:
    return {
        "data": {"name": "levels"},
        "mark": {"type": "bar", "width": {"band": 1}},
        "encoding": {
            "x": x,
            "y": _y("start"),
            "y2": {"field": "end"},
            "fill": {
                "field": "order",
                "type": "ordinal",
                "scale": {"range": palette.band_tints(count)},
                "legend": None,
            },
            "stroke": {
                "condition": {"test": "datum.current", "value": palette.PRIMARY},
                "value": palette.DOMAIN,
            },
            "strokeWidth": {"condition": {"test": "datum.current", "value": 2}, "value": 0.5},
            "tooltip": [
                {"field": "level", "title": _words.LEVEL},
                {"field": "range", "title": _words.SCORE_AXIS},
            ],
        },
    }


def _curve(x: dict[str, Any]) -> dict[str, Any]:
    return {
        "data": {"name": "levels"},
        "mark": {
            "type": "line",
            "interpolate": "monotone",
            "color": palette.MUTED,
            "strokeWidth": 1.5,
            "point": {"filled": True, "size": 24, "color": palette.MUTED},
        },
        "encoding": {"x": x, "y": _y("end")},
    }


def _your_rule() -> dict[str, Any]:
    return {
        "data": {"name": "you"},
        "mark": {"type": "rule", "color": palette.PRIMARY, "strokeDash": [4, 3], "strokeWidth": 1},
        "encoding": {"y": _y("score"), "x": {"value": 0}, "x2": {"value": WIDTH}},
    }


def _your_point(x: dict[str, Any]) -> dict[str, Any]:
    return {
        "data": {"name": "you"},
        "layer": [
            {
                "mark": {
                    "type": "point",
                    "filled": True,
                    "size": 140,
                    "color": palette.PRIMARY,
                    "stroke": palette.BACKGROUND,
                    "strokeWidth": 1.5,
                    "opacity": 1,
                }
            },
            {
                "mark": {
                    "type": "text",
                    "align": "center",
                    "dy": -14,
                    "fontWeight": "bold",
                    "color": palette.PRIMARY,
                },
                "encoding": {"text": {"field": "text"}},
            },
        ],
        "encoding": {"x": x, "y": _y("score"), "tooltip": {"field": "text"}},
    }


def _benchmark_rule() -> dict[str, Any]:
    return {
        "data": {"name": "benchmark"},
        "layer": [
            {
                "mark": {
                    "type": "rule",
                    "color": palette.BENCHMARK,
                    "strokeDash": [6, 4],
                    "strokeWidth": 2,
                },
                "encoding": {"x": {"value": 0}, "x2": {"value": WIDTH}},
            },
            {
                "mark": {
                    "type": "text",
                    "align": "right",
                    "dy": -7,
                    "x": WIDTH - 4,
                    "color": palette.BENCHMARK,
                },
                "encoding": {"text": {"field": "text"}},
            },
        ],
        "encoding": {"y": _y("value")},
    }


def _no_answers() -> dict[str, Any]:
    return {
        "data": {"values": [{"text": f"{_words.OVERALL_SCORE}: {_words.NO_ANSWERS}"}]},
        "mark": {
            "type": "text",
            "align": "left",
            "x": 8,
            "y": 10,
            "fontStyle": "italic",
            "color": palette.MUTED,
        },
        "encoding": {"text": {"field": "text"}},
    }


def _description(
    steps: list[ScoreBand],
    current: ScoreBand | None,
    score: float | None,
    level_label: str | None,
    benchmark: float | None,
) -> str:
    ladder = ", ".join(f"{s.label} ({_format.span(s.start, s.end)})" for s in steps)
    text = f"The model's {len(steps)} levels in ascending order: {ladder}."
    if score is None:
        text += f" {_words.OVERALL_SCORE}: {_words.NO_ANSWERS}."
    elif current is not None:
        text += (
            f" The overall score of {_format.number(score)} places the organization at level"
            f" {current.order} of {len(steps)}, {level_label or current.label}."
        )
    else:
        text += f" {_words.OVERALL_SCORE}: {_format.number(score)}."
    if benchmark is not None:
        text += f" {_words.BENCHMARK}: {_format.number(benchmark)}."
    return text
