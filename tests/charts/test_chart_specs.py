"""The charts a result gets, and what their specs say."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from cxmaturity.charts import Chart, charts_for, dimension_bars, palette, radar, stages
from cxmaturity.charts.stages import stage_rows
from cxmaturity.core.scoring import Scorer, sample_respondents
from cxmaturity.models import BUILTIN_IDS, builtin

MakeResult = Callable[..., dict[str, Any]]  # the `scored` fixture (conftest.py)

EXPECTED_IDS = {
    "cx-automation": ["level_curve", "radar", "dimension_bars", "stages", "headroom"],
    "cx-curve": ["level_curve", "radar", "dimension_bars", "axes"],
    "cx-journey-stages": ["level_curve", "radar", "dimension_bars", "stages"],
    "cx-matrix": ["level_curve", "radar", "dimension_bars"],
}


def fig(value: float) -> str:
    """A figure as a reader expects it in the alt text: 21.37 -> '21.4', 50.0 -> '50'."""
    return f"{round(value, 1):g}"


def dataset(chart: Chart, name: str) -> list[dict[str, Any]]:
    if chart.kind == "vega":
        return next(d["values"] for d in chart.spec["data"] if d["name"] == name)
    rows: list[dict[str, Any]] = chart.spec["datasets"][name]
    return rows


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_each_model_gets_its_charts(model_id: str, scored: MakeResult) -> None:
    charts = charts_for(scored(model_id), builtin(model_id))
    assert [c.id for c in charts] == EXPECTED_IDS[model_id]
    for c in charts:
        assert c.kind in ("vega-lite", "vega")
        assert c.title
        assert c.spec["description"] == c.description


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_specs_are_self_contained_and_sized(model_id: str, scored: MakeResult) -> None:
    """No URL at all (the app never fetches at runtime), explicit size, a renderable font."""
    for c in charts_for(scored(model_id), builtin(model_id)):
        text = json.dumps(c.spec)
        assert "http://" not in text
        assert "https://" not in text
        assert '"url"' not in text
        assert "$schema" not in c.spec
        assert isinstance(c.spec["width"], int | float)
        assert isinstance(c.spec["height"], int | float)
        font = (
            c.spec["config"]["font"] if c.kind == "vega-lite" else c.spec["config"]["text"]["font"]
        )
        assert font == palette.FONT == "DejaVu Sans, sans-serif"
        json.loads(text)  # plain JSON: what vega-embed gets in the page
        assert c.to_dict()["spec"] is c.spec


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_radar_draws_the_benchmark_only_where_there_is_one(
    model_id: str, scored: MakeResult
) -> None:
    result = scored(model_id)
    chart = radar(result, builtin(model_id))
    series = {p["series"] for p in dataset(chart, "points")}
    if model_id == "cx-automation":
        assert series == {"Your score", "Industry benchmark"}
        bench = [p for p in dataset(chart, "points") if p["series"] == "Industry benchmark"]
        assert [p["value"] for p in bench] == [
            d["benchmark"]["value"] for d in result["dimensions"]
        ]
        assert "legends" in chart.spec
    else:
        assert series == {"Your score"}
        assert "legends" not in chart.spec
    assert [s["label"] for s in dataset(chart, "spokes")] == [
        d["label"] for d in result["dimensions"]
    ]


def test_an_industry_without_benchmark_gets_no_benchmark_polygon(scored: MakeResult) -> None:
    model = builtin("cx-automation")
    industries = {b.industry for b in model.benchmarks}
    other = next((i.id for i in model.industries if i.id not in industries), None)
    if other is None:
        pytest.skip("every cx-automation industry has a benchmark")
    chart = radar(scored("cx-automation", industry=other), model)
    assert {p["series"] for p in dataset(chart, "points")} == {"Your score"}


@pytest.mark.parametrize("model_id", ["cx-journey-stages", "cx-automation"])
@pytest.mark.parametrize("seed", range(12))
def test_stages_chart_highlights_the_weakest_stage(
    model_id: str, seed: int, scored: MakeResult
) -> None:
    result = scored(model_id, seed=seed)
    model = builtin(model_id)
    chart = stages(result, model)
    source = result["stages"]
    scores = [s["score"] for s in source if s["score"] is not None]
    expected = {s["label"] for s in source if scores and s["score"] == min(scores)}
    rows = dataset(chart, "scored")
    assert {r["name"] for r in rows if r["weakest"]} == expected
    assert all(r["series"] == ("Weakest stage" if r["weakest"] else "Stage score") for r in rows)
    # journey order: the model's stage order, left to right
    order = [s.id for s in model.stages]
    assert [r.id for r in stage_rows(result, model)] == order
    labels = [layer for layer in chart.spec["layer"] if layer.get("transform")]
    assert labels[0]["transform"] == [{"filter": "datum.weakest"}]
    assert labels[0]["encoding"]["text"] == {"value": "weakest"}


def test_stages_fall_back_to_stage_dimensions(scored: MakeResult) -> None:
    """A result without stage scores, on a model whose dimensions are the stages."""
    result = scored("cx-journey-stages")
    result["stages"] = []
    model = builtin("cx-journey-stages")
    chart = stages(result, model)
    rows = dataset(chart, "scored")
    assert [r["name"] for r in rows] == [d["label"] for d in result["dimensions"]]
    low = min(d["score"] for d in result["dimensions"])
    assert {r["name"] for r in rows if r["weakest"]} == {
        d["label"] for d in result["dimensions"] if d["score"] == low
    }


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_alt_text_states_the_figures(model_id: str, scored: MakeResult) -> None:
    result = scored(model_id)
    charts = {c.id: c for c in charts_for(result, builtin(model_id))}
    for chart_id in ("radar", "dimension_bars"):
        text = charts[chart_id].description
        for d in result["dimensions"]:
            assert f"{d['label']} {fig(d['score'])}" in text, (chart_id, d["label"])
    overall = result["overall"]
    assert fig(overall["score"]) in charts["level_curve"].description
    assert overall["level"]["label"] in charts["level_curve"].description
    for level in builtin(model_id).levels:
        assert str(level.label) in charts["level_curve"].description
    if "axes" in charts:
        for a in result["axes"]:
            assert f"{a['label']} {fig(a['score'])}" in charts["axes"].description
    if "stages" in charts:
        for s in result["stages"]:
            shown = fig(s["score"]) if s["score"] is not None else ": no answers"
            assert f"{s['label']}{' ' if s['score'] is not None else ''}{shown}" in (
                charts["stages"].description
            )
    if "headroom" in charts:
        h = result["headroom"]
        text = charts["headroom"].description
        for value in (h["potential"], h["deployed"], h["gap"]):
            assert fig(value) in text
    if model_id == "cx-automation":
        for d in result["dimensions"]:
            assert fig(d["benchmark"]["value"]) in charts["radar"].description


def test_a_dimension_without_answers_is_shown_as_such() -> None:
    """Drop every answer of one dimension: its score is None, the charts say so."""
    model = builtin("cx-curve")
    answers = next(sample_respondents(model, 1, seed=3, industry="retail"))
    dropped = model.dimensions[2]
    for q in dropped.questions:
        answers["answers"].pop(q.id, None)
    result = Scorer(model).score_raw(answers).to_dict()
    entry = next(d for d in result["dimensions"] if d["id"] == dropped.id)
    assert entry["score"] is None
    charts = {c.id: c for c in charts_for(result, model)}
    bars = charts["dimension_bars"]
    assert dataset(bars, "unscored") == [{"dimension": entry["label"], "text": "no answers"}]
    assert entry["label"] not in {r["dimension"] for r in dataset(bars, "scored")}
    assert f"{entry['label']}: no answers" in bars.description
    assert f"{entry['label']}: no answers" in charts["radar"].description
    spoke = next(s for s in dataset(charts["radar"], "spokes") if s["key"] == dropped.id)
    assert spoke["lines"][-1] == "no answers"
    assert dropped.id not in {p["key"] for p in dataset(charts["radar"], "points")}


def test_nothing_answered_at_all() -> None:
    """The empty assessment still gets its charts, every figure "no answers"."""
    for model_id in BUILTIN_IDS:
        model = builtin(model_id)
        result = Scorer(model).score_raw({"industry": "retail", "answers": {}}).to_dict()
        charts = charts_for(result, model)
        assert "headroom" not in [c.id for c in charts]
        for c in charts:
            assert "no answers" in c.description, (model_id, c.id)


def test_dimension_bars_shade_the_level_ladder(scored: MakeResult) -> None:
    """Level bands come from the model's ladder, raw ladders mapped onto 0–100 (cx-matrix)."""
    result = scored("cx-matrix")
    chart = dimension_bars(result, builtin("cx-matrix"))
    first = result["dimensions"][0]["label"]
    bands = [
        (b["level"], b["start"], b["end"])
        for b in dataset(chart, "bands")
        if b["dimension"] == first
    ]
    # ladder "stage": 1-2 ad-hoc, 2-3 defined, 3-4 managed, 4-4 embedded on a 1-4 raw scale
    assert bands == [("Ad-hoc", 0.0, 33.33), ("Defined", 33.33, 66.67), ("Managed", 66.67, 100.0)]
    levels = chart.spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert levels == ["Ad-hoc", "Defined", "Managed", "Embedded"]
    for d in result["dimensions"]:  # every scored bar sits in the band of its own level
        inside = [
            b["level"]
            for b in dataset(chart, "bands")
            if b["dimension"] == d["label"] and b["start"] <= d["score"] <= b["end"]
        ]
        assert d["level"]["label"] in inside


def test_benchmark_ticks_only_with_benchmarks(scored: MakeResult) -> None:
    with_bench = dimension_bars(scored("cx-automation"), builtin("cx-automation"))
    assert len(dataset(with_bench, "benchmarks")) == 3
    without = dimension_bars(scored("cx-curve"), builtin("cx-curve"))
    assert dataset(without, "benchmarks") == []
    assert all(layer.get("mark", {}).get("type") != "tick" for layer in without.spec["layer"])


def test_level_curve_marks_the_organization_on_its_level(scored: MakeResult) -> None:
    for model_id in BUILTIN_IDS:
        result = scored(model_id)
        chart = charts_for(result, builtin(model_id))[0]
        levels = dataset(chart, "levels")
        assert [row["level"] for row in levels] == [
            str(lv.label) for lv in builtin(model_id).levels
        ]
        current = [row for row in levels if row["current"]]
        assert [row["level"] for row in current] == [result["overall"]["level"]["label"]]
        assert current[0]["start"] <= result["overall"]["score"] <= current[0]["end"]
        assert dataset(chart, "you")[0]["score"] == result["overall"]["score"]
        starts = [row["start"] for row in levels]
        assert starts == sorted(starts)
