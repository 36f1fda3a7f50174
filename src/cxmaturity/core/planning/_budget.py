"""The best set of actions for an effort budget, solved exactly as a mixed-integer program.

Variables: x_a ∈ {0, 1} per action (chosen), y_s ∈ {0, 1} per system that needs
groundwork (put in place), g_d per dimension with a gap (the gain counted there).

    maximize   Σ_d c_d · g_d                    c_d = dimension weight / Σ weights
    subject to Σ_a effort_a · x_a + Σ_s cost · y_s ≤ budget
               x_a ≤ y_s                         for every system s action a needs
               x_a ≤ x_b                         for every action b that a comes after
               g_d ≤ Σ_a impact_a,d · x_a        (the gain is what the actions add ...)
               g_d ≤ gap_d                       (... capped at what the gap needs)

so the objective is exactly Σ_d c_d · min(gap_d, Σ impact) over the chosen actions: the
expected gain of the overall score, in points. A second solve keeps that gain and spends
the fewest effort points, so no action is chosen that adds nothing. Solved by SciPy's
`milp` (HiGHS), imported on first use: importing SciPy is slow, and most callers of the
core never optimize.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Gain kept by the second solve, relative to the best: the solver's own tolerance.
KEEP_GAIN = 1e-7


@dataclass(frozen=True, slots=True)
class Candidate:
    """An action the optimizer may choose: its effort points, impacts and groundwork needs."""

    id: str
    cost: int
    impact: Mapping[str, float]
    needs: frozenset[str] = field(default_factory=frozenset)
    after: frozenset[str] = field(default_factory=frozenset)  # actions it needs done first


@dataclass(frozen=True, slots=True)
class BudgetProblem:
    candidates: tuple[Candidate, ...]
    gaps: Mapping[str, float]  # dimensions with a positive gap only
    weights: Mapping[str, float]  # objective coefficient per dimension
    budget: int
    groundwork_cost: int


@dataclass(frozen=True, slots=True)
class BudgetSolution:
    chosen: tuple[str, ...]  # in candidate order
    systems: tuple[str, ...]  # groundwork, sorted
    spent: int
    gain: float


def systems_for(problem: BudgetProblem, chosen: Iterable[str]) -> frozenset[str]:
    wanted = set(chosen)
    return frozenset(s for c in problem.candidates if c.id in wanted for s in c.needs)


def cost_of(problem: BudgetProblem, chosen: Iterable[str]) -> int:
    """Effort points of a set of actions and of the groundwork they need (shared once)."""
    wanted = set(chosen)
    effort = sum(c.cost for c in problem.candidates if c.id in wanted)
    return effort + problem.groundwork_cost * len(systems_for(problem, wanted))


def gain_of(problem: BudgetProblem, chosen: Iterable[str]) -> float:
    """The objective for a set of actions: Σ_d c_d · min(gap_d, Σ impact_d)."""
    wanted = set(chosen)
    total = 0.0
    for dim, gap in problem.gaps.items():
        added = sum(c.impact.get(dim, 0.0) for c in problem.candidates if c.id in wanted)
        total += problem.weights.get(dim, 0.0) * min(gap, added)
    return total


def solve(problem: BudgetProblem) -> BudgetSolution:
    """The set of candidates with the highest gain within the budget, then the cheapest."""
    candidates = problem.candidates
    dims = [d for d, gap in problem.gaps.items() if gap > 0 and problem.weights.get(d, 0.0) > 0]
    systems = sorted({s for c in candidates for s in c.needs})
    if not candidates or not dims or problem.budget <= 0:
        return BudgetSolution((), (), 0, 0.0)

    import numpy as np
    from scipy.optimize import (  # type: ignore[import-untyped]
        Bounds,
        LinearConstraint,
        milp,
    )

    n, m, k = len(candidates), len(systems), len(dims)
    size = n + m + k
    system_at = {s: n + i for i, s in enumerate(systems)}
    action_at = {c.id: a for a, c in enumerate(candidates)}
    rows: list[Any] = []
    upper: list[float] = []

    cost = np.zeros(size)
    cost[:n] = [c.cost for c in candidates]
    cost[n : n + m] = problem.groundwork_cost
    rows.append(cost)
    upper.append(float(problem.budget))
    for a, c in enumerate(candidates):
        for s in c.needs:
            row = np.zeros(size)
            row[a], row[system_at[s]] = 1.0, -1.0
            rows.append(row)
            upper.append(0.0)
        for b in c.after:
            row = np.zeros(size)
            row[a] = 1.0
            if b in action_at:  # otherwise a can never be chosen: x_a ≤ 0
                row[action_at[b]] = -1.0
            rows.append(row)
            upper.append(0.0)
    for j, dim in enumerate(dims):
        row = np.zeros(size)
        row[n + m + j] = 1.0
        for a, c in enumerate(candidates):
            row[a] = -c.impact.get(dim, 0.0)
        rows.append(row)
        upper.append(0.0)
    matrix = np.array(rows)
    constraints = [LinearConstraint(matrix, -np.inf, np.array(upper))]
    integrality = np.zeros(size)
    integrality[: n + m] = 1
    low = np.zeros(size)
    low[n + m :] = -np.inf  # a negative impact may pull a gain below zero
    high = np.ones(size)
    high[n + m :] = [problem.gaps[d] for d in dims]
    bounds = Bounds(low, high)

    objective = np.zeros(size)
    objective[n + m :] = [problem.weights[d] for d in dims]
    exact = {"mip_rel_gap": 0.0}  # proven optimal, not within HiGHS's default 0.01 %
    best = milp(
        -objective, constraints=constraints, integrality=integrality, bounds=bounds, options=exact
    )
    if not best.success:  # cannot happen: choosing nothing is always feasible
        return BudgetSolution((), (), 0, 0.0)
    top = -float(best.fun)
    if top <= 0:
        return BudgetSolution((), (), 0, 0.0)
    keep = LinearConstraint(objective, top - KEEP_GAIN * max(1.0, abs(top)), np.inf)
    cheapest = milp(
        cost,
        constraints=[*constraints, keep],
        integrality=integrality,
        bounds=bounds,
        options=exact,
    )
    found = cheapest if cheapest.success else best
    chosen = tuple(c.id for a, c in enumerate(candidates) if found.x[a] > 0.5)
    return BudgetSolution(
        chosen,
        tuple(sorted(systems_for(problem, chosen))),
        cost_of(problem, chosen),
        gain_of(problem, chosen),
    )
