"""The radar (spider) chart: the whole profile at a glance, against the industry.

Vega-Lite has no polar coordinates for lines, so this one is a Vega spec. Angles are
worked out here (a fixed layout: the first dimension points up, the others follow
clockwise), radii by a Vega scale, so the data keep their meaning (a score per
dimension) and stay readable in the spec.
"""

from __future__ import annotations

import math
from typing import Any

from cxmaturity.core.model import MaturityModel

from . import _format, _words, palette
from ._chart import Chart
from ._result import Row, dimensions, has_benchmarks

WIDTH = 600
RADIUS = 150
LABEL_GAP = 12
LABEL_WIDTH = 20  # characters per line of a spoke label
LINE_HEIGHT = 13
MARGIN = 8
LEGEND_HEIGHT = 34
RINGS = (20, 40, 60, 80, 100)
RING_LABELS = (20, 40, 60, 80)  # 100 is the outer ring, and its label would meet the top spoke's
MIN_DIMENSIONS = 3  # fewer spokes make a line or a point, not a profile


def applies(result: dict[str, Any]) -> bool:
    return len(dimensions(result)) >= MIN_DIMENSIONS


def radar(result: dict[str, Any], model: MaturityModel, locale: str | None = None) -> Chart:
    """All dimension scores on spokes from 0 (centre) to 100, the benchmark polygon if known."""
    del model, locale  # the result carries every word this chart shows
    dims = dimensions(result)
    with_benchmark = has_benchmarks(result)
    angles = [-math.pi / 2 + 2 * math.pi * n / len(dims) for n in range(len(dims))]
    series = [_words.YOUR_SCORE, *([_words.BENCHMARK] if with_benchmark else [])]
    spokes = [_spoke(d, a, with_benchmark) for d, a in zip(dims, angles, strict=True)]
    top, bottom = _extent(spokes)
    centre_y = MARGIN - top
    height = round(centre_y + bottom + MARGIN + (LEGEND_HEIGHT if with_benchmark else 0))
    spec: dict[str, Any] = {
        "width": WIDTH,
        "height": height,
        "autosize": "none",
        "padding": 0,
        "description": _description(dims, with_benchmark),
        "config": palette.vega_config(),
        "signals": [
            {"name": "cx", "value": WIDTH / 2},
            {"name": "cy", "value": round(centre_y, 2)},
            {"name": "radius", "value": RADIUS},
        ],
        "data": [
            {"name": "spokes", "values": spokes},
            {"name": "points", "values": _points(dims, angles, with_benchmark)},
            {
                "name": "rings",
                "values": [{"ring": r, "angle": round(a, 6)} for r in RINGS for a in angles],
            },
            {"name": "ring_labels", "values": [{"ring": r} for r in RING_LABELS]},
        ],
        "scales": [
            {
                "name": "r",
                "type": "linear",
                "domain": [0, 100],
                "range": {"signal": "[0, radius]"},
                "zero": True,
                "nice": False,
            },
            {
                "name": "series",
                "type": "ordinal",
                "domain": series,
                "range": [palette.PRIMARY, palette.BENCHMARK][: len(series)],
            },
            {
                "name": "dash",
                "type": "ordinal",
                "domain": series,
                "range": [[1, 0], [6, 4]][: len(series)],
            },
            {
                "name": "fill_opacity",
                "type": "ordinal",
                "domain": series,
                "range": [0.18, 0][: len(series)],
            },
        ],
        "marks": [_rings(), _ring_labels(), _spoke_lines(), _polygons(), _vertices(), _labels()],
    }
    if with_benchmark:
        spec["legends"] = [
            {
                "stroke": "series",
                "strokeDash": "dash",
                "symbolType": "stroke",
                "symbolStrokeWidth": 2.5,
                "orient": "none",
                "direction": "horizontal",
                "legendX": 16,
                "legendY": height - LEGEND_HEIGHT + 8,
            }
        ]
    return Chart("radar", _words.TITLE_RADAR, "vega", spec, spec["description"])


def _spoke(d: Row, angle: float, with_benchmark: bool) -> dict[str, Any]:
    cos, sin = math.cos(angle), math.sin(angle)
    figures = _format.score(d.score)
    if with_benchmark and d.benchmark is not None:
        figures += f" / {_format.number(d.benchmark)}"
    return {
        "key": d.id,
        "label": d.label,
        "lines": [*_format.lines(d.label, LABEL_WIDTH), figures],
        "score": d.score,
        "angle": round(angle, 6),
        "align": "left" if cos > 0.2 else "right" if cos < -0.2 else "center",
        "baseline": "top" if sin > 0.2 else "bottom" if sin < -0.2 else "middle",
    }


def _extent(spokes: list[dict[str, Any]]) -> tuple[float, float]:
    """How far the drawing reaches above and below the centre (rings and spoke labels),
    so the chart is as tall as its labels need and no taller."""
    top, bottom = -float(RADIUS), float(RADIUS)
    for s in spokes:
        y = (RADIUS + LABEL_GAP) * math.sin(s["angle"])
        h = LINE_HEIGHT * len(s["lines"])
        low, high = {"bottom": (y - h, y), "top": (y, y + h)}.get(
            s["baseline"], (y - h / 2, y + h / 2)
        )
        top, bottom = min(top, low), max(bottom, high)
    return top, bottom


def _points(dims: list[Row], angles: list[float], with_benchmark: bool) -> list[dict[str, Any]]:
    """One vertex per scored dimension and series; an unanswered dimension has no vertex."""
    out: list[dict[str, Any]] = []
    series = [_words.YOUR_SCORE, *([_words.BENCHMARK] if with_benchmark else [])]
    for name in series:
        for d, angle in zip(dims, angles, strict=True):
            value = d.score if name == _words.YOUR_SCORE else d.benchmark
            if value is not None:
                out.append(
                    {
                        "series": name,
                        "key": d.id,
                        "label": d.label,
                        "value": value,
                        "angle": round(angle, 6),
                    }
                )
    return out


def _xy(radius: str, angle: str = "datum.angle") -> dict[str, dict[str, str]]:
    return {
        "x": {"signal": f"cx + ({radius}) * cos({angle})"},
        "y": {"signal": f"cy + ({radius}) * sin({angle})"},
    }


def _rings() -> dict[str, Any]:
    """The grid: one closed polygon per 20 points."""
    return {
        "type": "group",
        "from": {"facet": {"name": "ring", "data": "rings", "groupby": ["ring"]}},
        "marks": [
            {
                "type": "line",
                "from": {"data": "ring"},
                "aria": False,
                "encode": {
                    "enter": {
                        **_xy("scale('r', datum.ring)"),
                        "interpolate": {"value": "linear-closed"},
                        "stroke": {"value": palette.GRID},
                        "strokeWidth": {"value": 1},
                    }
                },
            }
        ],
    }


def _ring_labels() -> dict[str, Any]:
    return {
        "type": "text",
        "from": {"data": "ring_labels"},
        "aria": False,
        "encode": {
            "enter": {
                "x": {"signal": "cx + 3"},
                "y": {"signal": "cy - scale('r', datum.ring) - 1"},
                "text": {"field": "ring"},
                "fill": {"value": palette.MUTED},
                "fontSize": {"value": 9},
                "align": {"value": "left"},
                "baseline": {"value": "bottom"},
            }
        },
    }


def _spoke_lines() -> dict[str, Any]:
    return {
        "type": "rule",
        "from": {"data": "spokes"},
        "aria": False,
        "encode": {
            "enter": {
                "x": {"signal": "cx"},
                "y": {"signal": "cy"},
                "x2": {"signal": "cx + radius * cos(datum.angle)"},
                "y2": {"signal": "cy + radius * sin(datum.angle)"},
                "stroke": {"value": palette.GRID},
                "strokeWidth": {"value": 1},
            }
        },
    }


def _polygons() -> dict[str, Any]:
    return {
        "type": "group",
        "from": {"facet": {"name": "series_points", "data": "points", "groupby": ["series"]}},
        "marks": [
            {
                "type": "line",
                "from": {"data": "series_points"},
                "aria": False,
                "encode": {
                    "enter": {
                        **_xy("scale('r', datum.value)"),
                        "interpolate": {"value": "linear-closed"},
                        "stroke": {"scale": "series", "field": "series"},
                        "strokeDash": {"scale": "dash", "field": "series"},
                        "strokeWidth": {"value": 2.5},
                        "fill": {"scale": "series", "field": "series"},
                        "fillOpacity": {"scale": "fill_opacity", "field": "series"},
                    }
                },
            }
        ],
    }


def _vertices() -> dict[str, Any]:
    return {
        "type": "symbol",
        "from": {"data": "points"},
        "encode": {
            "enter": {
                **_xy("scale('r', datum.value)"),
                "shape": {
                    "signal": f"datum.series === {_js(_words.BENCHMARK)} ? 'diamond' : 'circle'"
                },
                "size": {"value": 45},
                "fill": {"scale": "series", "field": "series"},
                "stroke": {"value": palette.BACKGROUND},
                "strokeWidth": {"value": 1},
                "tooltip": {
                    "signal": "{'Dimension': datum.label, 'Series': datum.series, 'Score': format(datum.value, '.1f')}"
                },
                "description": {
                    "signal": "datum.label + ', ' + datum.series + ': ' + format(datum.value, '.1f')"
                },
            }
        },
    }


def _labels() -> dict[str, Any]:
    """Each spoke's name (wrapped) and figures; "no answers" for an unanswered dimension."""
    return {
        "type": "text",
        "from": {"data": "spokes"},
        "encode": {
            "enter": {
                **_xy(f"radius + {LABEL_GAP}"),
                "text": {"field": "lines"},
                "align": {"field": "align"},
                "baseline": {"field": "baseline"},
                "fill": {"value": palette.INK},
                "fontSize": {"value": 11},
                "lineHeight": {"value": LINE_HEIGHT},
                "description": {"field": "label"},
            }
        },
    }


def _js(value: str) -> str:
    """A Python string as a Vega expression string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _description(dims: list[Row], with_benchmark: bool) -> str:
    parts = [_format.labelled(d.label, d.score) for d in dims]
    text = f"Radar chart of {len(dims)} dimension scores out of 100: {_format.listing(parts)}."
    if with_benchmark:
        bench = [
            f"{d.label} {_format.number(d.benchmark)}" for d in dims if d.benchmark is not None
        ]
        text += f" {_words.BENCHMARK}: {_format.listing(bench)}."
    return text
