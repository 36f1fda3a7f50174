"""What-if equals re-scoring the changed answers; impact-only projections use the ladders."""

from __future__ import annotations

from typing import Any

import pytest

from cxmaturity.core.planning import Planner, PlanningError
from cxmaturity.core.scoring import Answers, Scorer, sample_respondents
from cxmaturity.models import builtin

USE_CASES = {
    "ret_abandoned_cart": {
        "status": "full",
        "technology": "smart_automation",
        "depth": "two_way",
        "channels": ["email"],
    },
    "ret_returns_refunds": {"status": "partial", "technology": "hybrid_ai", "depth": "one_way"},
    "ret_order_confirmation": {"status": "none"},
}
ANSWERS = {
    "sp_api_readiness": "partial",
    "sp_systems": ["crm", "commerce_billing"],
    "use_cases": USE_CASES,
}


def checked(scorer: Scorer, raw: dict[str, Any], industry: str = "retail") -> Answers:
    answers, problems = scorer.reader.read(raw, scorer.reader.context({"industry": industry}, []))
    assert problems == []
    return answers


def same(projection: Any, result: Any) -> None:
    for p, d in zip(projection.dimensions, result.dimensions, strict=True):
        assert p.projected == d.score
        assert p.projected_raw == d.raw
        assert (p.projected_level and p.projected_level.id) == (d.level and d.level.id)
        assert (p.projected_band and p.projected_band.id) == (d.band and d.band.id)
    o = projection.overall
    assert o.projected == result.overall.score
    assert (o.projected_band and o.projected_band.id) == (
        result.overall.band and result.overall.band.id
    )


def test_use_case_actions_equal_rescoring_the_changed_answers() -> None:
    model = builtin("cx-automation")
    scorer = Scorer(model)
    planner = Planner(model, scorer)
    answers = checked(scorer, ANSWERS)
    chosen = ["act_ret_returns_flow", "act_ret_win_back"]
    projection = planner.what_if(answers, chosen)
    assert projection.methods == dict.fromkeys(chosen, "rescored")
    # by hand: each use case deployed; facets answered keep their answer, others the middle
    changed = {
        **ANSWERS,
        "use_cases": {
            **USE_CASES,
            "ret_returns_refunds": {
                "status": "full",
                "technology": "hybrid_ai",
                "depth": "one_way",
            },
            "ret_win_back": {
                "status": "full",
                "technology": "smart_automation",
                "depth": "two_way",
            },
        },
    }
    same(projection, scorer.score(checked(scorer, changed)))
    assert {(c.question, c.item) for c in projection.changes} == {
        ("use_cases", "ret_returns_refunds"),
        ("use_cases", "ret_win_back"),
    }
    before = scorer.score(answers)
    assert projection.dimension("journey").projected > before.dimension("journey").score  # type: ignore[operator]


@pytest.mark.parametrize("seed", range(6))
def test_what_if_equals_rescoring_for_sampled_respondents(seed: int) -> None:
    model = builtin("cx-automation")
    scorer = Scorer(model)
    planner = Planner(model, scorer)
    doc = next(iter(sample_respondents(model, 1, seed=seed)))
    answers = checked(scorer, doc["answers"], doc["industry"])
    use_case_actions = [a.id for a in planner.applicable(doc["industry"]) if a.use_case]
    projection = planner.what_if(answers, use_case_actions, systems=["cdp"])
    values = dict(answers.values)
    for change in projection.changes:
        if change.item is None:
            values[change.question] = change.after
        else:
            values[change.question] = {**values.get(change.question, {}), change.item: change.after}
    same(projection, scorer.score(Answers(values, answers.context)))
    systems = values["sp_systems"]
    assert "cdp" in systems


def test_impact_actions_add_points_capped_and_are_placed_on_the_ladders() -> None:
    model = builtin("cx-curve")
    scorer = Scorer(model)
    planner = Planner(model, scorer)
    for doc in sample_respondents(model, 5, seed=2):
        answers = checked(scorer, doc["answers"], doc["industry"])
        result = scorer.score(answers)
        chosen = ["document-procedures", "audit-workarounds", "ongoing-coaching"]
        projection = planner.what_if(answers, chosen)
        assert set(projection.methods.values()) == {"impact"}
        for p in projection.dimensions:
            added = sum(a.impact.get(p.id, 0) for a in model.actions if a.id in chosen)
            now = result.dimension(p.id).score
            if now is None:
                assert p.projected is None
                continue
            assert p.projected == round(min(100.0, now + added), 2)
            # cx-curve levels: 20 points a level
            names = ["reactive", "emerging", "proactive", "strategic", "transformational"]
            assert p.projected_level is not None
            assert p.projected_level.id == names[min(4, int(p.projected // 20))]


def test_cx_matrix_what_if_lands_where_rescoring_the_next_stage_lands() -> None:
    model = builtin("cx-matrix")
    scorer = Scorer(model)
    planner = Planner(model, scorer)
    raw = {
        "strategy_leadership_stage": "ad-hoc",
        "voice_of_customer_stage": "defined",
        "culture_people_stage": "managed",
        "journey_design_stage": "ad-hoc",
        "data_technology_stage": "defined",
    }
    answers = checked(scorer, raw)
    projection = planner.what_if(answers, ["appoint-cx-sponsor", "close-the-loop"])
    rescored = scorer.score(
        checked(
            scorer,
            {**raw, "strategy_leadership_stage": "defined", "voice_of_customer_stage": "managed"},
        )
    )
    for dim in ("strategy_leadership", "voice_of_customer"):
        p, r = projection.dimension(dim), rescored.dimension(dim)
        assert p.projected_level.id == r.level.id  # type: ignore[union-attr]
        assert p.projected == pytest.approx(r.score, abs=1)  # type: ignore[arg-type]
    o = projection.overall
    assert o.projected_band.id == rescored.overall.band.id  # type: ignore[union-attr]
    assert o.projected_raw == pytest.approx(rescored.overall.raw, abs=0.1)


def test_no_actions_projects_the_current_result() -> None:
    model = builtin("cx-automation")
    scorer = Scorer(model)
    answers = checked(scorer, ANSWERS)
    projection = Planner(model, scorer).what_if(answers, [])
    same(projection, scorer.score(answers))
    assert all(p.delta == 0 for p in projection.dimensions)


def test_what_if_refuses_unknown_actions_systems_and_other_industries() -> None:
    model = builtin("cx-automation")
    scorer = Scorer(model)
    planner = Planner(model, scorer)
    answers = checked(scorer, ANSWERS)
    with pytest.raises(PlanningError, match="unknown action"):
        planner.what_if(answers, ["nope"])
    with pytest.raises(PlanningError, match="unknown system"):
        planner.what_if(answers, [], systems=["mainframe"])
    with pytest.raises(PlanningError, match="does not apply to industry 'retail'"):
        planner.what_if(answers, ["act_fin_retention"])
