"""Where a result sits among its peers: each dimension's peer distribution and the marker.

One row per dimension (and the overall score) on a shared 0-100 axis: ten-point bins
shaded by the share of the peer group in them, the middle half of the group as a bar
(lower to upper quartile), the median as a tick, and the organization's own score as
a diamond. The input holds group-level figures only (bin counts and quantiles, as
the core's ``DistributionSummary`` gives them), so nothing here can show a peer's
score; dimensions whose group is not shown are left out by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import _format, palette
from ._chart import Chart

WIDTH = 420
ROW = 30


def peer_distribution(rows: Sequence[dict[str, Any]], group_label: str) -> Chart:
    """`rows`: {label, score, size, bin_edges, counts, lower_quartile, median, upper_quartile}."""
    bins, middles, marks = [], [], []
    for row in rows:
        size = max(int(row["size"]), 1)
        edges = row["bin_edges"]
        for n, count in enumerate(row["counts"]):
            bins.append(
                {
                    "dimension": row["label"],
                    "from": edges[n],
                    "to": edges[n + 1],
                    "share": count / size,
                    "text": f"{round(100 * count / size)}% of peers",
                }
            )
        middles.append(
            {
                "dimension": row["label"],
                "low": row["lower_quartile"],
                "high": row["upper_quartile"],
                "median": row["median"],
                "text": f"middle half {_format.span(row['lower_quartile'], row['upper_quartile'])},"
                f" median {_format.number(row['median'])}",
            }
        )
        marks.append(
            {"dimension": row["label"], "score": row["score"], "text": _format.number(row["score"])}
        )
    order = [row["label"] for row in rows]
    y = {"field": "dimension", "type": "nominal", "sort": order, "title": None}
    x_scale = {"domain": [0, 100]}
    spec: dict[str, Any] = {
        "width": WIDTH,
        "height": max(ROW * len(rows), ROW),
        "config": palette.vega_lite_config(),
        "description": "",
        "layer": [
            {
                "data": {"values": bins},
                "mark": {"type": "rect", "color": palette.PRIMARY},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "from",
                        "type": "quantitative",
                        "scale": x_scale,
                        "title": f"Score (0–100) among {group_label}",
                    },
                    "x2": {"field": "to"},
                    "opacity": {
                        "field": "share",
                        "type": "quantitative",
                        "scale": {"domain": [0, 0.5], "range": [0.04, 0.6], "clamp": True},
                        "legend": None,
                    },
                    "tooltip": [{"field": "dimension"}, {"field": "text", "title": "Peers"}],
                },
            },
            {
                "data": {"values": middles},
                "mark": {"type": "rule", "strokeWidth": 4, "color": palette.INK},
                "encoding": {
                    "y": y,
                    "x": {"field": "low", "type": "quantitative", "scale": x_scale},
                    "x2": {"field": "high"},
                    "tooltip": [{"field": "dimension"}, {"field": "text", "title": "Peers"}],
                },
            },
            {
                "data": {"values": middles},
                "mark": {"type": "tick", "color": palette.BACKGROUND, "thickness": 2},
                "encoding": {
                    "y": y,
                    "x": {"field": "median", "type": "quantitative", "scale": x_scale},
                },
            },
            {
                "data": {"values": marks},
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "filled": True,
                    "size": 140,
                    "color": palette.HIGHLIGHT,
                    "stroke": palette.INK,
                },
                "encoding": {
                    "y": y,
                    "x": {"field": "score", "type": "quantitative", "scale": x_scale},
                    "tooltip": [{"field": "dimension"}, {"field": "text", "title": "Your score"}],
                },
            },
        ],
    }
    description = f"Your score against {group_label}: " + "; ".join(
        f"{row['label']}: you {_format.number(row['score'])}, peers' middle half "
        f"{_format.span(row['lower_quartile'], row['upper_quartile'])}, median "
        f"{_format.number(row['median'])} ({row['size']} peers)"
        for row in rows
    )
    spec["description"] = description
    return Chart("peer_distribution", "You among your peers", "vega-lite", spec, description)
