"""How far a campaign's respondents agree: range per dimension, and departments side by side.

Both charts read the campaign aggregate's JSON (`CampaignAggregate.to_dict()`), which
already leaves out department groups too small to show; nothing here can put an
individual answer on the page.
"""

from __future__ import annotations

from typing import Any

from . import _format, palette
from ._chart import Chart

WIDTH = 420
ROW = 28


def dimension_spread(aggregate: dict[str, Any]) -> Chart:
    """Per dimension the lowest to highest respondent score, the median as a tick, the
    mean as a dot: a long bar is a dimension people see differently."""
    rows = [
        {
            "dimension": d["label"],
            "min": d["spread"]["min"],
            "max": d["spread"]["max"],
            "median": d["spread"]["median"],
            "mean": d["spread"]["mean"],
            "text": f"{_format.span(d['spread']['min'], d['spread']['max'])}, median {_format.number(d['spread']['median'])}",
        }
        for d in aggregate["dimensions"]
        if d.get("spread")
    ]
    y = {"field": "dimension", "type": "nominal", "sort": None, "title": None}
    x_scale = {"domain": [0, 100]}
    spec = {
        "width": WIDTH,
        "height": max(ROW * len(rows), ROW),
        "data": {"values": rows},
        "config": {"font": palette.FONT, "view": {"stroke": None}},
        "description": "",
        "layer": [
            {
                "mark": {"type": "rule", "strokeWidth": 6, "color": palette.GRID},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "min",
                        "type": "quantitative",
                        "scale": x_scale,
                        "title": "Score (0–100)",
                    },
                    "x2": {"field": "max"},
                    "tooltip": [{"field": "dimension"}, {"field": "text", "title": "Range"}],
                },
            },
            {
                "mark": {"type": "tick", "color": palette.PRIMARY, "thickness": 3},
                "encoding": {
                    "y": y,
                    "x": {"field": "median", "type": "quantitative", "scale": x_scale},
                },
            },
            {
                "mark": {"type": "point", "filled": True, "color": palette.INK, "size": 40},
                "encoding": {
                    "y": y,
                    "x": {"field": "mean", "type": "quantitative", "scale": x_scale},
                },
            },
        ],
    }
    description = "Range of respondents' scores per dimension: " + "; ".join(
        f"{r['dimension']} {r['text']}" for r in rows
    )
    spec["description"] = description
    return Chart("dimension_spread", "How far respondents agree", "vega-lite", spec, description)


def department_heatmap(aggregate: dict[str, Any]) -> Chart | None:
    """Department × dimension mean scores, for departments large enough to show."""
    cells = [
        {
            "dimension": d["label"],
            "department": g["department"] or "(no department)",
            "mean": g["mean"],
            "n": g["n"],
        }
        for d in aggregate["dimensions"]
        for g in d.get("departments", [])
    ]
    if not cells:
        return None
    departments = sorted({c["department"] for c in cells})
    spec = {
        "width": WIDTH,
        "height": ROW * len(departments),
        "data": {"values": [{**c, "text": _format.number(c["mean"])} for c in cells]},
        "config": {"font": palette.FONT, "view": {"stroke": None}, "axis": {"labelLimit": 160}},
        "encoding": {
            "x": {
                "field": "dimension",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelAngle": -30},
            },
            "y": {"field": "department", "type": "nominal", "sort": departments, "title": None},
        },
        "layer": [
            {
                "mark": "rect",
                "encoding": {
                    "color": {
                        "field": "mean",
                        "type": "quantitative",
                        "scale": {"domain": [0, 100], "scheme": "blues"},
                        "title": "Mean score",
                    },
                    "tooltip": [
                        {"field": "department"},
                        {"field": "dimension"},
                        {"field": "text", "title": "Mean"},
                        {"field": "n", "title": "Respondents"},
                    ],
                },
            },
            {
                "mark": {"type": "text", "fontSize": 11},
                "encoding": {
                    "text": {"field": "text"},
                    "color": {
                        "condition": {"test": "datum.mean > 60", "value": "#ffffff"},
                        "value": palette.INK,
                    },
                },
            },
        ],
    }
    description = "Mean score per department and dimension: " + "; ".join(
        f"{c['department']}, {c['dimension']}: {_format.number(c['mean'])} (n={c['n']})"
        for c in cells
    )
    spec["description"] = description
    return Chart("department_heatmap", "Departments side by side", "vega-lite", spec, description)
