"""The budget optimizer against brute force, and the budget plan on the built-in models."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxmaturity.core.planning import (
    GROUNDWORK_POINTS,
    BudgetProblem,
    Candidate,
    Planner,
    cost_of,
    gain_of,
    solve,
)
from cxmaturity.core.scoring import Scorer, sample_respondents
from cxmaturity.models import builtin

DIMS = ("a", "b", "c")
SYSTEMS = ("s1", "s2", "s3")


@st.composite
def problems(draw: st.DrawFn) -> BudgetProblem:
    n = draw(st.integers(0, 7))
    candidates = []
    for i in range(n):
        impact = draw(
            st.dictionaries(st.sampled_from(DIMS), st.integers(1, 20).map(float), max_size=3)
        )
        needs = draw(st.frozensets(st.sampled_from(SYSTEMS), max_size=2))
        earlier = [f"x{j}" for j in range(i)]
        after = (
            draw(st.frozensets(st.sampled_from(earlier), max_size=1)) if earlier else frozenset()
        )
        candidates.append(Candidate(f"x{i}", draw(st.integers(1, 3)), impact, needs, after))
    gaps = {d: float(draw(st.integers(0, 25))) for d in DIMS}
    gaps = {d: g for d, g in gaps.items() if g > 0}
    weights = {d: draw(st.sampled_from([0.2, 0.3, 0.5])) for d in DIMS}
    return BudgetProblem(
        tuple(candidates), gaps, weights, draw(st.integers(0, 12)), draw(st.integers(1, 3))
    )


def brute_force(problem: BudgetProblem) -> tuple[float, int]:
    """The best gain of any allowed set within the budget, and the least cost reaching it."""
    ids = [c.id for c in problem.candidates]
    after = {c.id: c.after for c in problem.candidates}
    best, cheapest = 0.0, 0
    for size in range(len(ids) + 1):
        for chosen in combinations(ids, size):
            picked = set(chosen)
            if any(not after[a] <= picked for a in chosen):
                continue
            cost = cost_of(problem, chosen)
            if cost > problem.budget:
                continue
            gain = gain_of(problem, chosen)
            if gain > best + 1e-9 or (abs(gain - best) <= 1e-9 and cost < cheapest):
                best, cheapest = gain, cost
    return best, cheapest


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_the_optimizer_matches_brute_force(problem: BudgetProblem) -> None:
    solution = solve(problem)
    best, cheapest = brute_force(problem)
    assert solution.gain == pytest.approx(best, abs=1e-6)
    assert solution.spent <= problem.budget
    assert solution.spent == cost_of(problem, solution.chosen)
    picked = set(solution.chosen)
    for c in problem.candidates:
        if c.id in picked:
            assert c.after <= picked
            assert c.needs <= set(solution.systems)
    if best > 1e-9:
        assert solution.spent == cheapest
    else:
        assert solution.chosen == ()


def test_groundwork_is_shared_between_actions_needing_the_same_system() -> None:
    problem = BudgetProblem(
        (
            Candidate("a", 1, {"d": 5.0}, frozenset({"crm"})),
            Candidate("b", 1, {"d": 5.0}, frozenset({"crm"})),
        ),
        {"d": 10.0},
        {"d": 1.0},
        budget=5,
        groundwork_cost=3,
    )
    solution = solve(problem)
    assert solution.chosen == ("a", "b")
    assert solution.systems == ("crm",)
    assert solution.spent == 5
    assert solution.gain == 10.0


def answers_for(model_id: str, seed: int) -> tuple[Scorer, Planner, object]:
    model = builtin(model_id)
    scorer = Scorer(model)
    doc = next(iter(sample_respondents(model, 1, seed=seed)))
    answers, problems_ = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
    assert problems_ == []
    return scorer, Planner(model, scorer), answers


@pytest.mark.parametrize(
    "model_id", ["cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix"]
)
@pytest.mark.parametrize("budget", [0, 3, 8])
def test_budget_plans_respect_the_budget_and_explain_every_choice(
    model_id: str, budget: int
) -> None:
    _, planner, answers = answers_for(model_id, seed=4)
    plan = planner.plan(answers, budget=budget)  # type: ignore[arg-type]
    b = plan.budget
    assert b is not None
    assert b.spent <= budget
    efforts = {r.action: r.effort_points for r in plan.recommendations}
    assert b.spent == sum(efforts[a] for a in b.chosen) + GROUNDWORK_POINTS * len(b.groundwork)
    assert plan.selection == b.chosen
    assert plan.selected_by == "budget"
    explained = {n.action for n in b.not_chosen}
    assert explained | set(b.chosen) == {r.action for r in plan.recommendations}
    assert all(n.reason for n in b.not_chosen)
    assert b.explanation
    assert set(b.projection.actions) == set(b.chosen)
    assert b.projection.systems == b.groundwork
    for r in plan.recommendations:
        if r.action in b.chosen:
            assert set(r.feasibility.missing) | set(r.feasibility.unknown) <= set(b.groundwork)


def test_without_groundwork_only_feasible_actions_are_chosen() -> None:
    _, planner, answers = answers_for("cx-automation", seed=1)
    plan = planner.plan(answers, budget=30, groundwork=False)  # type: ignore[arg-type]
    assert plan.budget is not None
    assert plan.budget.groundwork == ()
    for action in plan.budget.chosen:
        assert plan.recommendation(action).feasibility.status == "ready"
    for n in plan.budget.not_chosen:
        if plan.recommendation(n.action).feasibility.status != "ready":
            assert "groundwork was left out" in n.reason


def test_a_negative_budget_is_refused() -> None:
    from cxmaturity.core.planning import PlanningError

    _, planner, answers = answers_for("cx-curve", seed=1)
    with pytest.raises(PlanningError, match="budget"):
        planner.plan(answers, budget=-1)  # type: ignore[arg-type]
