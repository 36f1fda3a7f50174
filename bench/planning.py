"""Plan generation and the budget optimizer on a 60-action catalog (goal: under 200 ms each).

The catalog extends cx-automation's 15 actions to 60 (copies with scaled impacts, other
efforts and other required systems), so ranking, feasibility, phases, the what-if and
the exact optimizer (SciPy's milp) all work on four times the built-in size. Targets are
set to 100 on every dimension for the budget runs, so every action has a gap to close and
the optimizer a real choice to make.

Baselines, measured in the same run: scoring the same answers once (`Scorer.score`), and a
greedy choice for the budget (best gain per effort point first) on the same problem,
the cheap answer the exact solver improves on.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from cxmaturity.core.model import Action, MaturityModel
from cxmaturity.core.planning import BudgetProblem, Planner, cost_of, gain_of, solve
from cxmaturity.core.scoring import Answers, Scorer, sample_respondents
from cxmaturity.models import builtin

ACTIONS = 60
BUDGET = 20
GOAL_MS = 200.0
EFFORTS = ("low", "medium", "high")
SYSTEM_SETS = ((), ("crm",), ("helpdesk",), ("cdp", "analytics_warehouse"), ("chatbot_ai",))


def catalog_model(size: int = ACTIONS) -> MaturityModel:
    """cx-automation with its actions extended to `size` (every one for every industry)."""
    model = builtin("cx-automation")
    base = model.actions
    actions: list[Action] = []
    for n in range(size):
        a = base[n % len(base)]
        if n < len(base):
            actions.append(a.model_copy(update={"industries": []}))
            continue
        scale = 0.5 + (n % 7) / 6
        actions.append(
            a.model_copy(
                update={
                    "id": f"{a.id}_{n}",
                    "impact": {d: round(p * scale, 1) for d, p in a.impact.items()},
                    "effort": EFFORTS[n % 3],
                    "requires": list(SYSTEM_SETS[n % len(SYSTEM_SETS)]),
                    "industries": [],
                    "use_case": None,
                }
            )
        )
    return model.model_copy(update={"actions": actions})


def timed(work: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of several runs (CPU: immune to a busy machine)."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def greedy(problem: BudgetProblem) -> tuple[str, ...]:
    """Best marginal gain per effort point first, while the budget lasts."""
    chosen: list[str] = []
    left = list(problem.candidates)
    while True:
        best, best_ratio = None, 0.0
        now_gain, now_cost = gain_of(problem, chosen), cost_of(problem, chosen)
        for c in left:
            if not c.after <= set(chosen):
                continue
            cost = cost_of(problem, [*chosen, c.id]) - now_cost
            if now_cost + cost > problem.budget:
                continue
            ratio = (gain_of(problem, [*chosen, c.id]) - now_gain) / max(cost, 1)
            if ratio > best_ratio:
                best, best_ratio = c, ratio
        if best is None:
            return tuple(chosen)
        chosen.append(best.id)
        left.remove(best)


Row = tuple[str, float, float, float, str]  # name, wall ms, CPU ms, × baseline, verdict


def run(repeats: int = 30) -> tuple[list[Row], tuple[float, float]]:
    """Timing rows, and the gains (overall points) of the greedy and the exact choice."""
    model = catalog_model()
    scorer = Scorer(model)
    planner = Planner(model, scorer)
    doc = next(iter(sample_respondents(model, 1, seed=7, industry="retail")))
    answers, problems = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
    assert not problems, problems
    answers = Answers({**answers.values, "sp_systems": frozenset({"crm", "commerce_billing"})})
    targets = {d.id: 100.0 for d in model.dimensions}

    start = time.perf_counter()
    planner.best_for_budget(answers, BUDGET, targets=targets)  # imports SciPy
    cold = (time.perf_counter() - start) * 1000

    result = scorer.score(answers)
    goals, _ = planner.targets(result, targets)
    ranked = planner.plan(answers, targets=targets).recommendations
    problem = planner.budget_problem(goals, ranked, BUDGET)
    assert len(problem.candidates) == ACTIONS

    def goal(wall: float) -> str:
        return "pass" if wall < GOAL_MS else "FAIL"

    score = timed(lambda: scorer.score(answers), repeats * 10)
    rows: list[Row] = [("baseline: Scorer.score, same answers", *score, 1.0, "")]
    for name, work in (
        ("Planner.plan (no budget)", lambda: planner.plan(answers)),
        (
            f"Planner.plan, targets 100, budget {BUDGET}",
            lambda: planner.plan(answers, targets=targets, budget=BUDGET),
        ),
        (
            f"Planner.best_for_budget {BUDGET}",
            lambda: planner.best_for_budget(answers, BUDGET, targets=targets),
        ),
    ):
        wall, cpu = timed(work, repeats)
        rows.append((name, wall, cpu, cpu / score[1], goal(wall)))
    rows.append(("  first call, importing SciPy (once)", cold, float("nan"), float("nan"), ""))
    rough = timed(lambda: greedy(problem), repeats)
    rows.append(("baseline: greedy choice, same problem", *rough, 1.0, ""))
    exact = timed(lambda: solve(problem), repeats)
    rows.append(("exact optimizer (milp, two solves)", *exact, exact[1] / rough[1], goal(exact[0])))
    return rows, (gain_of(problem, greedy(problem)), solve(problem).gain)


def report(repeats: int = 30) -> None:
    print(
        f"\nPlanning, {ACTIONS}-action catalog, median of {repeats} runs (goal: < {GOAL_MS:.0f} ms)"
    )
    print(f"  {'what':<44} {'wall ms':>9} {'CPU ms':>9} {'× baseline':>11}  goal")
    rows, (rough, exact) = run(repeats)
    for name, wall, cpu, ratio, verdict in rows:
        print(f"  {name:<44} {wall:>9.2f} {cpu:>9.2f} {ratio:>11.1f}  {verdict}")
    print(
        f"  gain for {BUDGET} effort points: greedy +{rough:.2f}, exact +{exact:.2f} overall "
        f"points ({exact / rough if rough else 1:.3f} × greedy)"
    )


def main() -> None:
    report()


if __name__ == "__main__":
    main()
