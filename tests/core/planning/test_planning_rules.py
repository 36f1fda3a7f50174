"""Planning rules: targets, feasibility, ranking (the documented rule reproduced), phases."""

from __future__ import annotations

from typing import Any

import pytest

from cxmaturity.core.planning import EFFORT_POINTS, Planner, PlanningError
from cxmaturity.core.scoring import Answers, Scorer
from cxmaturity.models import builtin


def read(model_id: str, answers: dict[str, Any], industry: str = "retail") -> Answers:
    scorer = Scorer(builtin(model_id))
    checked, problems = scorer.reader.read(
        answers, scorer.reader.context({"industry": industry}, [])
    )
    assert problems == []
    return checked


AUTOMATION = {
    "sp_api_readiness": "partial",
    "sp_channel_mix": ["sms", "email"],
    "sp_systems": ["crm", "commerce_billing"],
    "use_cases": {
        "ret_abandoned_cart": {
            "status": "full",
            "technology": "smart_automation",
            "depth": "two_way",
        },
        "ret_returns_refunds": {
            "status": "partial",
            "technology": "rule_based",
            "depth": "one_way",
        },
    },
}

MATRIX = {
    "strategy_leadership_stage": "ad-hoc",
    "voice_of_customer_stage": "defined",
    "culture_people_stage": "managed",
    "journey_design_stage": "embedded",
    "data_technology_stage": "defined",
}


def matrix_answers() -> Answers:
    model = builtin("cx-matrix")
    questions = [q.id for d in model.dimensions for q in d.questions]
    assert set(MATRIX) == set(questions)
    return read("cx-matrix", MATRIX)


# -- feasibility ---------------------------------------------------------------------------


def test_feasibility_names_exactly_the_missing_systems() -> None:
    plan = Planner(builtin("cx-automation")).plan(read("cx-automation", AUTOMATION))
    ready = plan.recommendation("act_two_way_notifications")  # needs commerce_billing
    assert ready.feasibility.status == "ready"
    assert ready.kind == "quick_win"
    assert ready.feasibility.present == ("commerce_billing",)
    groundwork = plan.recommendation("act_ai_assistant")  # needs chatbot_ai, helpdesk
    assert groundwork.feasibility.status == "groundwork"
    assert groundwork.kind == "groundwork"
    assert groundwork.feasibility.missing == ("chatbot_ai", "helpdesk")
    assert "Helpdesk" in groundwork.feasibility.explanation
    assert "Chatbot" in groundwork.feasibility.explanation
    partial = plan.recommendation("act_ret_returns_flow")  # commerce_billing, helpdesk
    assert partial.feasibility.present == ("commerce_billing",)
    assert partial.feasibility.missing == ("helpdesk",)
    free = plan.recommendation("act_conversational_channel")  # no requirement
    assert free.feasibility.status == "ready"
    assert free.feasibility.requires == ()


def test_dont_know_systems_make_every_requirement_unknown() -> None:
    answers = read("cx-automation", {**AUTOMATION, "sp_systems": "dont_know"})
    plan = Planner(builtin("cx-automation")).plan(answers)
    assert plan.systems.status == "dont_know"
    for r in plan.recommendations:
        if r.feasibility.requires:
            assert r.feasibility.status == "unknown"
            assert r.kind == "confirm"
            assert r.feasibility.unknown == r.feasibility.requires
            assert "don't know" in r.feasibility.explanation
        else:
            assert r.feasibility.status == "ready"
    assert any("don't know" in n for n in plan.notes)


def test_unanswered_systems_are_unknown_too() -> None:
    plan = Planner(builtin("cx-journey-stages")).plan(read("cx-journey-stages", {}))
    assert plan.systems.status == "unanswered"
    assert {r.feasibility.status for r in plan.recommendations} == {"unknown"}


def test_cx_matrix_asks_no_systems_and_every_action_is_feasible() -> None:
    plan = Planner(builtin("cx-matrix")).plan(matrix_answers())
    assert plan.systems.status == "not_asked"
    assert {r.feasibility.status for r in plan.recommendations} == {"ready"}
    assert any("every action is feasible" in n for n in plan.notes)


def test_a_deployed_use_case_is_in_place_not_recommended() -> None:
    done = {**AUTOMATION}
    done["use_cases"] = {
        **AUTOMATION["use_cases"],
        "ret_returns_refunds": {
            "status": "full",
            "technology": "hybrid_ai",
            "depth": "conversational",
        },
    }
    plan = Planner(builtin("cx-automation")).plan(read("cx-automation", done))
    assert "act_ret_returns_flow" in plan.in_place
    assert "act_ret_returns_flow" not in {r.action for r in plan.recommendations}


def test_actions_of_other_industries_are_left_out() -> None:
    plan = Planner(builtin("cx-automation")).plan(read("cx-automation", AUTOMATION))
    assert not [r for r in plan.recommendations if r.action.startswith(("act_fin_", "act_tel_"))]


# -- targets -------------------------------------------------------------------------------


def test_default_target_is_the_next_levels_lower_bound() -> None:
    plan = Planner(builtin("cx-automation")).plan(read("cx-automation", AUTOMATION))
    levels = [0, 20, 40, 60, 80]
    for t in plan.targets:
        assert t.current is not None
        above = [b for b in levels if b > t.current]
        if above:
            assert (t.target, t.source) == (above[0], "default")
            assert t.target_level is not None
            assert t.target_level.id != (t.current_level.id if t.current_level else None)
        else:
            assert (t.target, t.source) == (t.current, "top")
        assert t.gap == round(t.target - t.current, 2)


def test_cx_matrix_targets_are_the_next_stage_and_the_total_is_on_the_20_bands() -> None:
    plan = Planner(builtin("cx-matrix")).plan(matrix_answers())
    stages = {t.dimension: (t.current_raw, t.target_raw) for t in plan.targets}
    assert stages == {
        "strategy_leadership": (1, 2),
        "voice_of_customer": (2, 3),
        "culture_people": (3, 4),
        "journey_design": (4, 4),
        "data_technology": (2, 3),
    }
    assert plan.target("strategy_leadership").target_level.id == "defined"  # type: ignore[union-attr]
    overall = plan.overall
    assert overall.current_raw == 12
    assert overall.target_raw == 16
    assert overall.current_band is not None
    assert overall.current_band.id == "defined"
    assert overall.target_band is not None
    assert overall.target_band.id == "managed"


def test_given_targets_as_scores_and_as_level_ids() -> None:
    planner = Planner(builtin("cx-matrix"))
    plan = planner.plan(
        matrix_answers(), targets={"strategy_leadership": "embedded", "voice_of_customer": 50}
    )
    sl = plan.target("strategy_leadership")
    assert (sl.target, sl.target_raw, sl.source) == (100.0, 4.0, "given")
    assert plan.target("voice_of_customer").target == 50.0
    assert plan.target("voice_of_customer").target_raw == pytest.approx(2.5, abs=0.001)


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ({"nope": 50}, "unknown dimension 'nope'"),
        ({"strategy_leadership": 120}, "not a score from 0 to 100"),
        ({"strategy_leadership": "legendary"}, "neither a score"),
    ],
)
def test_bad_targets_are_refused(targets: dict[str, Any], message: str) -> None:
    with pytest.raises(PlanningError, match=message):
        Planner(builtin("cx-matrix")).plan(matrix_answers(), targets=targets)


def test_unknown_priority_kpis_and_actions_are_refused() -> None:
    planner = Planner(builtin("cx-matrix"))
    with pytest.raises(PlanningError, match="unknown KPI"):
        planner.plan(matrix_answers(), priority_kpis=["smiles"])
    with pytest.raises(PlanningError, match="unknown action"):
        planner.plan(matrix_answers(), chosen=["fly-to-the-moon"])


# -- levels: outgrown and later actions ----------------------------------------------------


def test_cx_matrix_suggests_the_action_for_the_current_stage_only() -> None:
    plan = Planner(builtin("cx-matrix")).plan(matrix_answers())
    ids = {r.action for r in plan.recommendations}
    assert "appoint-cx-sponsor" in ids  # strategy is ad-hoc
    assert "close-the-loop" in ids  # voice is defined
    assert "baseline-feedback" in plan.outgrown  # voice is past ad-hoc
    later = plan.recommendation("tie-cx-goals-to-strategy")
    assert later.after == ("appoint-cx-sponsor",)
    assert later.gain == 0  # the next stage is the default target: the first step closes it
    assert set(plan.priorities) >= {"appoint-cx-sponsor", "close-the-loop"}


def test_a_higher_target_chains_the_later_actions_in_order() -> None:
    plan = Planner(builtin("cx-matrix")).plan(
        matrix_answers(), targets={"strategy_leadership": "embedded"}, budget=20
    )
    assert plan.budget is not None
    chain = ["appoint-cx-sponsor", "tie-cx-goals-to-strategy", "cx-led-roadmap"]
    assert set(chain) <= set(plan.budget.chosen)
    steps = {s.action: s for s in plan.phases.implementation if s.action}
    assert steps["tie-cx-goals-to-strategy"].depends_on == ("action:appoint-cx-sponsor",)
    order = [steps[a].order for a in chain]
    assert order == sorted(order)
    assert plan.projection.dimension("strategy_leadership").projected_level.id == "embedded"  # type: ignore[union-attr]


# -- ranking -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model_id", ["cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix"]
)
def test_the_documented_ranking_rule_is_reproduced(model_id: str) -> None:
    model = builtin(model_id)
    from cxmaturity.core.scoring import sample_respondents

    scorer = Scorer(model)
    planner = Planner(model, scorer)
    for doc in sample_respondents(model, 6, seed=5):
        answers, problems = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
        assert problems == []
        plan = planner.plan(answers, priority_kpis=[model.kpis[0].id])
        gaps = {t.dimension: t.gap for t in plan.targets if t.gap is not None and t.gap > 0}
        weights = {d.id: d.weight for d in model.dimensions}
        total = sum(t.weight for t in plan.targets if t.current is not None)
        recs = plan.recommendations
        for r in recs:
            # gain: Σ weight × min(impact, gap left after the actions it comes after) / Σ weight
            expected = 0.0
            for d, points in r.impact.items():
                before = sum(plan.recommendation(b).impact.get(d, 0.0) for b in r.after)
                left = gaps.get(d, 0.0) - before
                if left > 0:
                    expected += weights[d] * round(min(points, left), 2)
            assert r.gain == pytest.approx(round(expected / total, 2), abs=0.011)
        best = max(r.gain for r in recs)
        most = max(len(r.kpis) + sum(k.priority for k in r.kpis) for r in recs)
        for r in recs:
            kpi_points = len(r.kpis) + sum(k.priority for k in r.kpis)
            score = (
                (50 * r.gain / best if best else 0)
                + (20 * kpi_points / most if most else 0)
                + 15 * (3 - EFFORT_POINTS[r.effort]) / 2
                + {"ready": 15, "unknown": 7.5, "groundwork": 0}[r.feasibility.status]
            )
            assert r.score == pytest.approx(score, abs=0.02)
            assert sum(p.points for p in r.breakdown) == pytest.approx(r.score, abs=0.02)
            assert [p.part for p in r.breakdown] == ["gain", "kpis", "effort", "feasibility"]
            assert all(p.words for p in r.breakdown)
        order = [a.id for a in model.actions]
        keys = [(-r.score, -r.gain, r.effort_points, order.index(r.action)) for r in recs]
        assert keys == sorted(keys)
        assert [r.rank for r in recs] == list(range(1, len(recs) + 1))


def test_a_priority_kpi_lifts_the_actions_that_move_it() -> None:
    planner = Planner(builtin("cx-automation"))
    answers = read("cx-automation", AUTOMATION)
    plain = planner.plan(answers)
    favoured = planner.plan(answers, priority_kpis=["average_order_value"])
    action = "act_ret_conversational_commerce"  # moves conversion and average order value
    assert favoured.recommendation(action).score > plain.recommendation(action).score
    kpis = favoured.recommendation(action).breakdown[1]
    assert "1 of them priority" in kpis.words
    assert favoured.phases.success_kpis[0].id == "average_order_value"


# -- phases --------------------------------------------------------------------------------


def test_phases_link_gaps_to_actions_and_order_quick_wins_first() -> None:
    plan = Planner(builtin("cx-automation")).plan(
        read("cx-automation", AUTOMATION),
        chosen=["act_ai_assistant", "act_two_way_notifications", "act_contextual_handoff"],
    )
    assert plan.selected_by == "chosen"
    for link in plan.phases.value:
        assert link.gap > 0
        for action in link.actions:
            assert plan.recommendation(action).gains.get(link.dimension, 0) > 0
    steps = plan.phases.implementation
    assert [s.kind for s in steps] == ["quick_win", "groundwork", "groundwork", "action", "action"]
    assert steps[0].action == "act_two_way_notifications"
    assert {s.id for s in steps[1:3]} == {"system:helpdesk", "system:chatbot_ai"}
    for s in steps[3:]:
        assert set(s.depends_on) == {"system:chatbot_ai", "system:helpdesk"}
    assert plan.phases.reassess_months == 12
    assert {k.id for k in plan.phases.success_kpis} >= {"containment_rate", "ces"}
