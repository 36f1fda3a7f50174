"""The four built-in models are valid and hold the facts of docs/MODELS.md."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from cxmaturity.core.model import (
    MaturityModel,
    MultiChoice,
    SingleChoice,
    load_model,
    validate_model,
)
from cxmaturity.core.scoring import Answers, Context, Scorer, sample_respondents
from cxmaturity.models import BUILTIN_IDS, UnknownModelError, builtin, builtin_text

TEXT_KEYS = {
    "label",
    "title",
    "summary",
    "description",
    "narrative",
    "focus",
    "text",
    "name",
    "help",
}


def test_the_builtin_ids_are_fixed() -> None:
    assert BUILTIN_IDS == ("cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix")


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_each_builtin_model_is_valid(model_id: str) -> None:
    problems = validate_model(builtin_text(model_id), f"{model_id}.yaml")
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_each_builtin_model_carries_its_id(model_id: str) -> None:
    model = builtin(model_id)
    assert model.id == model_id
    assert model.format == 1


def test_an_unknown_builtin_id_names_the_known_ones() -> None:
    with pytest.raises(UnknownModelError, match="cx-matrix"):
        builtin_text("cx-nope")


def words(node: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every user-facing text in the model file, with where it is."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}"
            is_text = (
                key in TEXT_KEYS
                or path.endswith(("narratives", ".labels"))
                or ".narratives." in where
            )
            if is_text and not isinstance(value, dict):
                found.append((where, value))
            found += words(value, where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += words(value, f"{path}[{index}]")
    return found


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_every_label_and_narrative_has_words(model_id: str) -> None:
    texts = words(yaml.safe_load(builtin_text(model_id)))
    assert len(texts) > 50
    empty = [where for where, value in texts if not (isinstance(value, str) and value.strip())]
    assert empty == []


# -- cx-automation ----------------------------------------------------------------------

BENCHMARKS = {
    "finance": {"journey": 30, "sophistication": 21, "system_potential": 56},
    "retail": {"journey": 32, "sophistication": 26, "system_potential": 59},
    "telco": {"journey": 32, "sophistication": 27, "system_potential": 59},
}
BANDS = ["very-early", "below", "around", "ahead", "upper-quartile", "top"]


def test_cx_automation_has_the_three_dimensions() -> None:
    model = builtin("cx-automation")
    assert [d.id for d in model.dimensions] == ["journey", "sophistication", "system_potential"]


def test_cx_automation_has_exactly_the_published_benchmarks() -> None:
    model = builtin("cx-automation")
    found = {b.industry: dict(b.values) for b in model.benchmarks}
    assert found == BENCHMARKS


def test_cx_automation_orders_its_six_bands() -> None:
    model = builtin("cx-automation")
    ladder = next(x for x in model.ladders if x.id == "vs-benchmark")
    assert [r.id for r in ladder.rungs] == BANDS
    assert model.scoring.bands == "vs-benchmark"


@pytest.fixture(scope="module")
def on_a_dial() -> Scorer:
    """cx-automation with each dimension fed by one 0-100 scale, so any score can be dialled in.

    The ladders, benchmarks and narratives are the shipped ones."""
    data = yaml.safe_load(builtin_text("cx-automation"))
    for key in ("catalogs", "actions", "headroom", "systems_question"):
        data.pop(key, None)
    for dim in data["dimensions"]:
        dim["questions"] = [
            {"id": f"dial_{dim['id']}", "type": "scale", "label": "Dial", "min": 0, "max": 100}
        ]
    return Scorer(load_model(yaml.safe_dump(data), "dial.yaml"))


def dialled(scorer: Scorer, industry: str, score: int) -> Any:
    values = {f"dial_{d.id}": score for d in scorer.model.dimensions}
    return scorer.score(Answers(values, Context(industry)))


@pytest.mark.parametrize("industry", sorted(BENCHMARKS))
def test_cx_automation_bands_sit_around_the_benchmark(on_a_dial: Scorer, industry: str) -> None:
    for dimension, benchmark in BENCHMARKS[industry].items():
        result = dialled(on_a_dial, industry, benchmark).dimension(dimension)
        assert result.score == benchmark
        assert result.band is not None
        assert result.band.id == "around", dimension
        assert result.benchmark is not None
        assert result.benchmark.value == benchmark
    assert {d.band.id for d in dialled(on_a_dial, industry, 0).dimensions if d.band} == {
        "very-early"
    }
    assert {d.band.id for d in dialled(on_a_dial, industry, 100).dimensions if d.band} == {"top"}


@pytest.mark.parametrize("industry", sorted(BENCHMARKS))
def test_cx_automation_bands_never_go_down_as_a_score_rises(
    on_a_dial: Scorer, industry: str
) -> None:
    previous: dict[str, int] = {}
    for score in range(101):
        result = dialled(on_a_dial, industry, score)
        placed = {d.id: d.band for d in result.dimensions}
        placed["overall"] = result.overall.band
        for where, band in placed.items():
            assert band is not None, (where, score)
            rank = BANDS.index(band.id)
            assert rank >= previous.get(where, 0), (where, score, band.id)
            previous[where] = rank
    assert set(previous.values()) == {BANDS.index("top")}


@pytest.mark.parametrize("industry", sorted(BENCHMARKS))
def test_cx_automation_band_narratives_speak_to_the_industry(
    on_a_dial: Scorer, industry: str
) -> None:
    model = builtin("cx-automation")
    for score in (0, 20, 40, 60, 80, 100):
        for placed in dialled(on_a_dial, industry, score).dimensions:
            assert placed.band is not None
            narratives = next(d for d in model.dimensions if d.id == placed.id).narratives
            story = narratives[placed.band.id]
            expected = story[industry] if isinstance(story, dict) else story
            assert placed.band.narrative == expected


def test_cx_automation_other_industry_has_no_benchmark_and_says_so() -> None:
    model = builtin("cx-automation")
    respondent = next(sample_respondents(model, 1, seed=4, industry="other"))
    result = Scorer(model).score_raw(respondent)
    assert result.industry == "other"
    for dim in result.dimensions:
        assert dim.score is not None
        assert dim.benchmark is None
        assert dim.band is None
    assert result.overall.band is None
    assert result.overall.benchmark is None
    assert any("benchmark" in note for note in result.notes)


def test_cx_automation_benchmarked_industries_get_a_band_and_no_note() -> None:
    model = builtin("cx-automation")
    for industry in BENCHMARKS:
        respondent = next(sample_respondents(model, 1, seed=4, industry=industry))
        result = Scorer(model).score_raw(respondent)
        assert all(d.band is not None and d.benchmark is not None for d in result.dimensions)
        assert result.overall.benchmark is not None
        assert not any("benchmark" in note for note in result.notes)


def test_cx_automation_catalog_covers_every_industry() -> None:
    model = builtin("cx-automation")
    counts = {
        industry: sum(
            1
            for c in model.catalogs
            for i in c.items
            if not i.industries or industry in i.industries
        )
        for industry in ("finance", "retail", "telco", "other")
    }
    # At least the starting lists of docs/MODELS.md (16, 13 and 14 use cases).
    assert counts["finance"] >= 16
    assert counts["retail"] >= 13
    assert counts["telco"] >= 14
    assert counts["other"] >= 1


def test_cx_automation_use_cases_have_a_stage_and_kpis() -> None:
    model = builtin("cx-automation")
    stages = {s.id for s in model.stages}
    for item in (i for c in model.catalogs for i in c.items):
        assert item.stage in stages, item.id
        assert item.kpis, item.id


def test_cx_automation_measures_headroom() -> None:
    model = builtin("cx-automation")
    assert model.headroom is not None
    assert model.headroom.potential == "system_potential"
    assert set(model.headroom.deployed) == {"journey", "sophistication"}


def headroom_answers(model: MaturityModel, status: str, systems: list[str]) -> dict[str, Any]:
    """Every system question at its best, sophistication at its lowest, use cases at `status`."""
    answers: dict[str, Any] = {"sp_systems": systems}
    for dim in model.dimensions:
        for q in dim.questions:
            if isinstance(q, SingleChoice):
                pick = min if dim.id == "sophistication" else max
                answers[q.id] = pick(q.options, key=lambda o: o.score).id
            elif isinstance(q, MultiChoice) and q.id != "sp_systems":
                answers[q.id] = [o.id for o in q.options]
    items = [i.id for c in model.catalogs for i in c.items if "telco" in i.industries]
    answers["use_cases"] = {item: {"status": status} for item in items}
    return answers


def test_cx_automation_headroom_lists_the_use_cases_the_stack_allows() -> None:
    model = builtin("cx-automation")
    scorer = Scorer(model)
    every_system = [s.id for s in model.systems]
    telco = {i.id for c in model.catalogs for i in c.items if "telco" in i.industries}

    idle = scorer.score_raw(
        {"industry": "telco", "answers": headroom_answers(model, "none", every_system)}
    ).headroom
    assert idle is not None
    assert idle.potential == 100.0
    assert idle.significant
    assert {o.id for o in idle.ready} == telco

    busy = scorer.score_raw(
        {"industry": "telco", "answers": headroom_answers(model, "full", every_system)}
    ).headroom
    assert busy is not None
    assert busy.ready == ()

    bare = scorer.score_raw(
        {"industry": "telco", "answers": headroom_answers(model, "none", [])}
    ).headroom
    needs = {i.id for c in model.catalogs for i in c.items if i.id in telco and i.requires}
    assert bare is not None
    assert {o.id for o in bare.ready} == telco - needs


# -- cx-curve -------------------------------------------------------------------------------


def test_cx_curve_has_two_axes_and_five_levels_in_order() -> None:
    model = builtin("cx-curve")
    assert [a.id for a in model.axes] == ["operational", "strategic"]
    assert [lv.id for lv in model.levels] == [
        "reactive", "emerging", "proactive", "strategic", "transformational",
    ]  # fmt: skip
    assert all(d.axis in ("operational", "strategic") for d in model.dimensions)
    assert {d.axis for d in model.dimensions} == {"operational", "strategic"}
    assert 6 <= model.reassess_months <= 12


def test_cx_curve_scores_each_axis_separately() -> None:
    model = builtin("cx-curve")
    result = Scorer(model).score_raw(next(sample_respondents(model, 1, seed=2)))
    assert [a.id for a in result.axes] == ["operational", "strategic"]
    for axis in result.axes:
        members = [d for d in result.dimensions if d.axis == axis.id and d.score is not None]
        weights = {d.id: d.weight for d in model.dimensions}
        expected = sum(weights[d.id] * (d.score or 0) for d in members) / sum(
            weights[d.id] for d in members
        )
        assert axis.score == pytest.approx(expected, abs=0.01)
        assert axis.level is not None


# -- cx-journey-stages --------------------------------------------------------------------


def test_cx_journey_stages_has_five_stages_and_four_levels() -> None:
    model = builtin("cx-journey-stages")
    assert [s.id for s in model.stages] == ["education", "deal", "onboard", "sustain", "upsell"]
    assert len(model.levels) == 4
    assert [lv.label for lv in model.levels] == [
        "Fragmented and reactive",
        "Structured but siloed",
        "Data-driven and automated",
        "AI-powered and hyper-personalized",
    ]


def test_cx_journey_stages_reports_a_level_per_stage() -> None:
    model = builtin("cx-journey-stages")
    level_ids = {lv.id for lv in model.levels}
    for respondent in sample_respondents(model, 20, seed=5):
        result = Scorer(model).score_raw(respondent)
        assert [s.id for s in result.stages] == [s.id for s in model.stages]
        for stage in result.stages:
            assert stage.score is not None
            assert stage.level is not None
            assert stage.level.id in level_ids
        assert result.overall.level is not None
        assert result.overall.level.id in level_ids


# -- cx-matrix ------------------------------------------------------------------------------

STAGE_NAMES = {
    "strategy_leadership": [
        "CX is support",
        "CX is important",
        "CX is a priority",
        "CX is identity",
    ],
    "voice_of_customer": ["No formal loop", "Survey-based", "Closed-loop", "Predictive"],
    "culture_people": ["Siloed", "Well-intentioned", "Collaborative", "Customer obsessed"],
    "journey_design": ["Internal focus", "Static maps", "Service design", "Proactive"],
    "data_technology": ["Fragmented", "Messy CRM", "Connected", "Unified platform"],
}


def test_cx_matrix_has_four_stages_and_the_published_stage_names() -> None:
    model: MaturityModel = builtin("cx-matrix")
    levels = [lv.id for lv in model.levels]
    assert levels == ["ad-hoc", "defined", "managed", "embedded"]
    assert [d.id for d in model.dimensions] == list(STAGE_NAMES)
    for dim in model.dimensions:
        titles = [dim.level_texts[level].title for level in levels]
        assert titles == STAGE_NAMES[dim.id]
        (question,) = dim.questions
        assert isinstance(question, SingleChoice)
        assert [o.score for o in question.options] == [1, 2, 3, 4]


def test_cx_matrix_dimension_level_uses_the_dimension_stage_name() -> None:
    model = builtin("cx-matrix")
    answers = {q.id: "managed" for d in model.dimensions for q in d.questions}
    result = Scorer(model).score_raw({"answers": answers})
    titles = {d.id: d.level.title if d.level else None for d in result.dimensions}
    assert titles["strategy_leadership"] == "CX is a priority"
    assert titles["voice_of_customer"] == "Closed-loop"
