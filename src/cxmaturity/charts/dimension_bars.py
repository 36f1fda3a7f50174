"""One horizontal bar per dimension on the model's level scale, with the benchmark tick.

The level bands behind each bar answer "what does 47 mean?" without a legend hunt;
the benchmark tick answers "is that good for my industry?". Both come from the
model, per dimension, so a dimension with a ladder of its own gets its own bands.
"""

from __future__ import annotations

from typing import Any

from cxmaturity.core.model import MaturityModel

from . import _format, _words, palette
from ._chart import Chart
from ._ladder import ScoreBand, dimension_bands
from ._layers import level_legend, score_axis
from ._result import Row, dimension_of, dimensions

WIDTH = 560
ROW = 34
LABEL_LIMIT = 240


def dimension_bars(
    result: dict[str, Any], model: MaturityModel, locale: str | None = None
) -> Chart:
    """Score per dimension as a bar over its level bands, benchmark ticks where known."""
    dims = dimensions(result)
    bands: list[dict[str, Any]] = []
    level_order: dict[str, int] = {}
    for d in dims:
        dimension = dimension_of(model, d.id)
        placed: list[ScoreBand] = (
            dimension_bands(model, dimension, d.benchmark, locale) if dimension else []
        )
        for b in placed:
            level_order.setdefault(b.label, b.order)
            if b.end > b.start:
                bands.append(
                    {"dimension": d.label, "level": b.label, "start": b.start, "end": b.end}
                )
    levels = sorted(level_order, key=level_order.__getitem__)
    scored = [
        {
            "dimension": d.label,
            "score": d.score,
            "text": _format.number(d.score),
            "level": d.level,
        }
        for d in dims
        if d.score is not None
    ]
    unscored = [{"dimension": d.label, "text": _words.NO_ANSWERS} for d in dims if d.score is None]
    benchmarks = [
        {"dimension": d.label, "benchmark": d.benchmark, "text": _format.number(d.benchmark)}
        for d in dims
        if d.benchmark is not None
    ]
    series = [_words.YOUR_SCORE, *([_words.BENCHMARK] if benchmarks else [])]
    layers: list[dict[str, Any]] = []
    if bands:
        layers.append(_bands(levels))
    layers.append(_bars(series))
    if benchmarks:
        layers.append(_benchmark_ticks(series))
    layers.append(_score_labels())
    if unscored:
        layers.append(_no_answers())
    description = _description(dims)
    spec: dict[str, Any] = {
        "width": WIDTH,
        "height": max(ROW * 3, ROW * len(dims)),
        "description": description,
        "config": palette.vega_lite_config(),
        "datasets": {
            "bands": bands,
            "scored": scored,
            "unscored": unscored,
            "benchmarks": benchmarks,
        },
        "encoding": {
            "y": {
                "field": "dimension",
                "type": "nominal",
                "sort": [d.label for d in dims],
                "title": None,
                "axis": {"labelLimit": LABEL_LIMIT, "ticks": False, "domain": False},
            }
        },
        "layer": layers,
    }
    return Chart("dimension_bars", _words.TITLE_BARS, "vega-lite", spec, description)


def _bands(levels: list[str]) -> dict[str, Any]:
    return {
        "data": {"name": "bands"},
        "mark": {"type": "rect", "tooltip": True},
        "encoding": {
            "x": score_axis("start"),
            "x2": {"field": "end"},
            "color": {
                "field": "level",
                "type": "ordinal",
                "title": _words.LEVEL,
                "scale": {"domain": levels, "range": palette.band_tints(len(levels))},
                "legend": level_legend(levels, WIDTH),
            },
        },
    }


def _series_fill(series: list[str], name: str) -> dict[str, Any]:
    """The fill legend that names the bar and the tick (one legend for both)."""
    return {
        "datum": name,
        "type": "nominal",
        "title": None,
        "scale": {
            "domain": series,
            "range": [palette.PRIMARY, palette.BENCHMARK][: len(series)],
        },
        "legend": {"symbolType": "square", "orient": "top"} if len(series) > 1 else None,
    }


def _bars(series: list[str]) -> dict[str, Any]:
    return {
        "data": {"name": "scored"},
        "mark": {"type": "bar", "height": {"band": 0.45}},
        "encoding": {
            "x": score_axis("score"),
            "fill": _series_fill(series, _words.YOUR_SCORE),
            "tooltip": [
                {"field": "dimension", "title": "Dimension"},
                {"field": "text", "title": _words.YOUR_SCORE},
                {"field": "level", "title": _words.LEVEL},
            ],
        },
    }


def _benchmark_ticks(series: list[str]) -> dict[str, Any]:
    return {
        "data": {"name": "benchmarks"},
        "mark": {"type": "tick", "thickness": 3, "size": ROW * 0.75, "opacity": 1},
        "encoding": {
            "x": score_axis("benchmark"),
            "fill": _series_fill(series, _words.BENCHMARK),
            "tooltip": [
                {"field": "dimension", "title": "Dimension"},
                {"field": "text", "title": _words.BENCHMARK},
            ],
        },
    }


def _score_labels() -> dict[str, Any]:
    return {
        "data": {"name": "scored"},
        "mark": {"type": "text", "align": "left", "dx": 5, "fontWeight": "bold"},
        "encoding": {"x": score_axis("score"), "text": {"field": "text"}},
    }


def _no_answers() -> dict[str, Any]:
    return {
        "data": {"name": "unscored"},
        "mark": {
            "type": "text",
            "align": "left",
            "dx": 5,
            "fontStyle": "italic",
            "color": palette.MUTED,
        },
        "encoding": {"x": {"datum": 0, "type": "quantitative"}, "text": {"field": "text"}},
    }


def _description(dims: list[Row]) -> str:
    parts = []
    for d in dims:
        if d.score is None:
            parts.append(f"{d.label}: {_words.NO_ANSWERS}")
            continue
        extra = [x for x in (d.level, _benchmark_text(d)) if x]
        parts.append(
            f"{d.label} {_format.number(d.score)}" + (f" ({', '.join(extra)})" if extra else "")
        )
    return f"Score out of 100 per dimension: {_format.listing(parts)}."


def _benchmark_text(d: Row) -> str | None:
    if d.benchmark is None:
        return None
    return f"{_words.BENCHMARK.lower()} {_format.number(d.benchmark)}"
