"""Layers several charts share."""

from __future__ import annotations

import math
from typing import Any

from . import _words, palette
from ._ladder import ScoreBand

CHAR_WIDTH = 6.5  # average width of an 11 px sans-serif character, for legend layout
SYMBOL_WIDTH = 40  # a legend symbol and the gaps around its label


def score_axis(field: str, *, title: str | None = _words.SCORE_AXIS) -> dict[str, Any]:
    """A 0–100 score position channel (x or y) with ticks every 20 points."""
    return {
        "field": field,
        "type": "quantitative",
        "scale": {"domain": [0, 100], "nice": False},
        "title": title,
        "axis": {"values": [0, 20, 40, 60, 80, 100], "grid": False},
    }


def level_legend(labels: list[str], width: float) -> dict[str, Any]:
    """A legend for the level tints that wraps into rows rather than widen the chart."""
    needed = sum(CHAR_WIDTH * len(x) + SYMBOL_WIDTH for x in labels)
    per_row = len(labels) if needed <= width else max(1, math.ceil(len(labels) / 2))
    return {
        "columns": per_row,
        "symbolStrokeColor": palette.DOMAIN,
        "symbolStrokeWidth": 0.5,
    }


def level_backdrop(
    bands: list[ScoreBand], width: float
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Horizontal level bands across the whole plot (a vertical score axis), and their data.

    The bands say what a score means without the reader looking up the ladder; they are
    pale so that the bars in front keep their contrast.
    """
    rows = [{"level": b.label, "start": b.start, "end": b.end} for b in bands if b.end > b.start]
    levels = [b.label for b in bands]
    layer = {
        "data": {"name": "levels"},
        "mark": {"type": "rect", "tooltip": True},
        "encoding": {
            "y": score_axis("start"),
            "y2": {"field": "end"},
            "color": {
                "field": "level",
                "type": "ordinal",
                "title": _words.LEVEL,
                "scale": {"domain": levels, "range": palette.band_tints(len(levels))},
                "legend": level_legend(levels, width),
            },
        },
    }
    return layer, rows
