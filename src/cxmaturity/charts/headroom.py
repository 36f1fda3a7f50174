"""Automation headroom: what the systems in place could do against what is deployed.

A large gap is the good news of an assessment (quick wins without new systems), so the
gap gets a bar of its own, labelled with its size, in the attention colour when the
model calls it significant.
"""

from __future__ import annotations

from typing import Any

from cxmaturity.core.model import MaturityModel

from . import _format, _words, palette
from ._chart import Chart
from ._layers import score_axis
from ._result import dimensions

WIDTH = 560
ROW = 40
LABEL_LIMIT = 260


def applies(result: dict[str, Any]) -> bool:
    return result.get("headroom") is not None


def headroom(result: dict[str, Any], model: MaturityModel, locale: str | None = None) -> Chart:
    """Bars for system potential and deployed automation, and the gap between them."""
    del locale  # labels come from the result, already in the assessment's language
    h = result["headroom"]
    potential, deployed, gap = float(h["potential"]), float(h["deployed"]), float(h["gap"])
    significant = bool(h.get("significant"))
    labels = {d.id: d.label for d in dimensions(result)}
    rule = model.headroom
    potential_label = labels.get(rule.potential, rule.potential) if rule else "Potential"
    deployed_ids = list(rule.deployed) if rule else []
    deployed_names = [labels.get(i, i) for i in deployed_ids]
    deployed_label = _words.DEPLOYED + (
        f" ({_format.listing(deployed_names)})" if deployed_names else ""
    )
    gap_text = f"{_format.number(gap)} points"
    rows = [
        {
            "row": potential_label,
            "start": 0.0,
            "end": potential,
            "text": _format.number(potential),
            "kind": "potential",
        },
        {
            "row": deployed_label,
            "start": 0.0,
            "end": deployed,
            "text": _format.number(deployed),
            "kind": "deployed",
        },
        {
            "row": _words.HEADROOM,
            "start": min(deployed, potential),
            "end": max(deployed, potential),
            "text": gap_text,
            "kind": "gap",
        },
    ]
    y = {
        "field": "row",
        "type": "nominal",
        "sort": [r["row"] for r in rows],
        "title": None,
        "axis": {"labelLimit": LABEL_LIMIT, "ticks": False, "domain": False},
    }
    colours = {
        "potential": palette.PRIMARY,
        "deployed": palette.PRIMARY,
        "gap": palette.HIGHLIGHT if significant else palette.MUTED,
    }
    threshold = rule.threshold if rule else None
    description = _description(
        potential_label,
        deployed_names,
        potential,
        deployed,
        gap,
        significant,
        threshold,
        len(h.get("ready_use_cases") or []),
    )
    spec: dict[str, Any] = {
        "width": WIDTH,
        "height": ROW * len(rows),
        "description": description,
        "config": palette.vega_lite_config(),
        "datasets": {"rows": rows},
        "data": {"name": "rows"},
        "encoding": {"y": y},
        "layer": [
            {
                "mark": {"type": "bar", "height": {"band": 0.55}},
                "encoding": {
                    "x": score_axis("start"),
                    "x2": {"field": "end"},
                    "fill": {
                        "field": "kind",
                        "type": "nominal",
                        "legend": None,
                        "scale": {
                            "domain": list(colours),
                            "range": list(colours.values()),
                        },
                    },
                    "fillOpacity": {
                        "condition": {"test": "datum.kind === 'potential'", "value": 0.55},
                        "value": 1,
                    },
                    "tooltip": [
                        {"field": "row", "title": " "},
                        {"field": "text", "title": _words.SCORE_AXIS},
                    ],
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 5, "fontWeight": "bold"},
                "encoding": {"x": score_axis("end"), "text": {"field": "text"}},
            },
        ],
    }
    return Chart("headroom", _words.TITLE_HEADROOM, "vega-lite", spec, description)


def _description(
    potential_label: str,
    deployed_names: list[str],
    potential: float,
    deployed: float,
    gap: float,
    significant: bool,
    threshold: float | None,
    ready: int,
) -> str:
    deployed_text = "deployed automation"
    if len(deployed_names) > 1:
        deployed_text += f" (the mean of {_format.listing(deployed_names)})"
    elif deployed_names:
        deployed_text += f" ({deployed_names[0]})"
    text = (
        f"{potential_label} {_format.number(potential)} against {deployed_text}"
        f" {_format.number(deployed)}: a gap of {_format.number(gap)} points."
    )
    if threshold is not None:
        relation = "at or above" if significant else "below"
        text += f" That is {relation} the {_format.number(threshold)}-point threshold"
        text += ": the systems in place already allow more automation." if significant else "."
    if ready:
        text += f" {ready} use case{'s' if ready != 1 else ''} could run on the systems in place."
    return text
