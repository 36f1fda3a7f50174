"""Score per journey stage, in journey order, the weakest stage called out.

The journey order matters more than the ranking: a CX leader reads where along the
customer's path the experience breaks. The weakest stage (every stage sharing the
lowest score, if several do) is coloured and labelled, so it stands out in grey-scale
print as well.
"""

from __future__ import annotations

from typing import Any

from cxmaturity.core.model import MaturityModel

from . import _format, _words, palette
from ._chart import Chart
from ._ladder import group_bands, text
from ._layers import level_backdrop, score_axis
from ._result import Row, dimensions, rows

STEP = 78  # pixels per stage
MIN_WIDTH = 360
HEIGHT = 300
LABEL_WIDTH = 12


def applies(result: dict[str, Any], model: MaturityModel) -> bool:
    """Results with stage scores, or models whose dimensions are the journey stages."""
    return bool(result.get("stages")) or _dimensions_are_stages(model)


def stage_rows(
    result: dict[str, Any], model: MaturityModel, locale: str | None = None
) -> list[Row]:
    """The stages in journey order: the result's stage scores, else the stage dimensions'."""
    if result.get("stages"):
        return rows(list(result["stages"]))
    order = {s.id: n for n, s in enumerate(model.stages)}
    labels = {s.id: text(model, s.label, locale) for s in model.stages}
    stage_of = {d.id: d.stage for d in model.dimensions}
    by_stage = [(order.get(stage_of.get(d.id) or "", len(order)), d) for d in dimensions(result)]
    return [
        Row(d.id, labels.get(stage_of.get(d.id) or "") or d.label, d.score, d.level, None, n)
        for n, (_, d) in enumerate(sorted(by_stage, key=lambda p: p[0]), start=1)
    ]


def weakest(stages: list[Row]) -> list[Row]:
    """Every stage with the lowest score (none when no stage was answered)."""
    scored = [s for s in stages if s.score is not None]
    if not scored:
        return []
    low = min(s.score for s in scored if s.score is not None)
    return [s for s in scored if s.score == low]


def stages(result: dict[str, Any], model: MaturityModel, locale: str | None = None) -> Chart:
    """A bar per journey stage, left to right along the journey, the weakest highlighted."""
    all_stages = stage_rows(result, model, locale)
    low = {s.id for s in weakest(all_stages)}
    x = {
        "field": "stage",
        "type": "nominal",
        "sort": [_axis_label(s) for s in all_stages],
        "title": None,
        "scale": {"paddingInner": 0.3, "paddingOuter": 0.15},
        "axis": {"labelAngle": 0, "labelExpr": "split(datum.label, '\\n')", "ticks": False},
    }
    scored = [
        {
            "stage": _axis_label(s),
            "name": s.label,
            "order": s.order,
            "score": s.score,
            "text": _format.number(s.score),
            "level": s.level,
            "weakest": s.id in low,
            "series": _words.WEAKEST if s.id in low else _words.STAGE_SCORE,
        }
        for s in all_stages
        if s.score is not None
    ]
    unscored = [
        {"stage": _axis_label(s), "text": _words.NO_ANSWERS} for s in all_stages if s.score is None
    ]
    width = max(MIN_WIDTH, STEP * len(all_stages))
    backdrop, levels = level_backdrop(group_bands(model, locale), width)
    layers: list[dict[str, Any]] = [backdrop] if levels else []
    series = [_words.STAGE_SCORE, _words.WEAKEST]
    layers += [
        {
            "data": {"name": "scored"},
            "mark": {"type": "bar", "width": {"band": 1}},
            "encoding": {
                "x": x,
                "y": score_axis("score"),
                "fill": {
                    "field": "series",
                    "type": "nominal",
                    "legend": None,  # the weakest bar is labelled in place
                    "scale": {"domain": series, "range": [palette.PRIMARY, palette.HIGHLIGHT]},
                },
                "tooltip": [
                    {"field": "name", "title": "Stage"},
                    {"field": "text", "title": _words.YOUR_SCORE},
                    {"field": "level", "title": _words.LEVEL},
                ],
            },
        },
        {
            "data": {"name": "scored"},
            "mark": {"type": "text", "dy": -8, "fontWeight": "bold"},
            "encoding": {"x": x, "y": score_axis("score"), "text": {"field": "text"}},
        },
        {
            "data": {"name": "scored"},
            "transform": [{"filter": "datum.weakest"}],
            "mark": {"type": "text", "dy": -22, "color": palette.HIGHLIGHT, "fontSize": 10},
            "encoding": {
                "x": x,
                "y": score_axis("score"),
                "text": {"value": _words.WEAKEST.split()[0].lower()},
            },
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
    description = _description(all_stages, [s for s in all_stages if s.id in low])
    spec: dict[str, Any] = {
        "width": width,
        "height": HEIGHT,
        "description": description,
        "config": palette.vega_lite_config(),
        "datasets": {"levels": levels, "scored": scored, "unscored": unscored},
        "layer": layers,
    }
    return Chart("stages", _words.TITLE_STAGES, "vega-lite", spec, description)


def _axis_label(stage: Row) -> str:
    """The stage name broken into lines ("\\n"; the axis labelExpr splits on it)."""
    return "\n".join(_format.lines(stage.label, LABEL_WIDTH))


def _dimensions_are_stages(model: MaturityModel) -> bool:
    return bool(model.stages) and all(d.stage for d in model.dimensions)


def _description(all_stages: list[Row], low: list[Row]) -> str:
    parts = [_format.labelled(s.label, s.score) for s in all_stages]
    text = f"Score out of 100 per journey stage, in journey order: {_format.listing(parts)}."
    if low:
        score = low[0].score
        assert score is not None
        names = _format.listing([s.label for s in low])
        text += f" {_words.WEAKEST}: {names} at {_format.number(score)}."
    return text
