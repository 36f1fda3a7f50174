"""Which charts a result gets, in reading order.

The order follows the questions a reader asks: where do we stand overall (the curve),
what does our profile look like (radar), which dimension is where (bars), then what
only some models can answer: operational against strategic (axes), where along the
journey it breaks (stages), how much the systems in place could already do (headroom).
"""

from __future__ import annotations

from typing import Any

from cxmaturity.core.model import MaturityModel

from . import axes as _axes
from . import headroom as _headroom
from . import radar as _radar
from . import stages as _stages
from ._chart import Chart
from .axes import axes
from .dimension_bars import dimension_bars
from .headroom import headroom
from .level_curve import level_curve
from .radar import radar
from .stages import stages

__all__ = [
    "axes",
    "charts_for",
    "dimension_bars",
    "headroom",
    "level_curve",
    "radar",
    "stages",
]


def charts_for(
    result: dict[str, Any], model: MaturityModel, locale: str | None = None
) -> list[Chart]:
    """Every chart that applies to this result (`Result.to_dict()`), in reading order.

    `locale` picks the model's translations for level and stage names (default: the
    model's own locale); names the result already holds are used as they are.
    """
    out = [level_curve(result, model, locale)]
    if _radar.applies(result):
        out.append(radar(result, model, locale))
    out.append(dimension_bars(result, model, locale))
    if _axes.applies(result):
        out.append(axes(result, model, locale))
    if _stages.applies(result, model):
        out.append(stages(result, model, locale))
    if _headroom.applies(result):
        out.append(headroom(result, model, locale))
    return out
