"""Charts defined once, drawn twice: interactively in the browser (vega-embed) and as
static SVG on the server (vl-convert), from the same Vega / Vega-Lite spec.

Build the charts for a scoring result (`Result.to_dict()`) with `charts_for`, hand
`chart.spec` to vega-embed with `{mode: chart.kind}` in the page, or call `to_svg` for a
server-side image. This package must not import django: the PDF job and the CLI use it
too.
"""

from ._chart import Chart, Kind
from .peers import peer_distribution
from .render import cache_info, canonical_json, clear_cache, to_svg, warm_up
from .specs import axes, charts_for, dimension_bars, headroom, level_curve, radar, stages
from .spread import department_heatmap, dimension_spread

__all__ = [
    "Chart",
    "Kind",
    "axes",
    "cache_info",
    "canonical_json",
    "charts_for",
    "clear_cache",
    "department_heatmap",
    "dimension_bars",
    "dimension_spread",
    "headroom",
    "level_curve",
    "peer_distribution",
    "radar",
    "stages",
    "to_svg",
    "warm_up",
]
