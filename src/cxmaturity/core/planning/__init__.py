"""Planning: from a scored assessment to targets, ranked actions, phases, what-if and budget.

`Planner(model).plan(answers)` gives a `Plan`; `Plan.to_dict()` is a JSON contract (keys
are only ever added). The rules (targets, feasibility, ranking, what-if, budget) are
documented in `_planner` and in docs/planning.md.
"""

from ._budget import BudgetProblem, BudgetSolution, Candidate, cost_of, gain_of, solve
from ._planner import (
    DEFAULT_HORIZON_MONTHS,
    DEFAULT_PRIORITIES,
    EFFORT_POINTS,
    GROUNDWORK_POINTS,
    RANKING_RULE,
    Planner,
    PlanningError,
    TargetValue,
)
from ._result import (
    AnswerChange,
    BudgetPlan,
    Feasibility,
    GapLink,
    KpiRef,
    NotChosen,
    OverallTarget,
    Phases,
    Plan,
    ProjectedScore,
    Projection,
    RankPart,
    Recommendation,
    Step,
    SystemsInPlace,
    Target,
)

__all__ = [
    "DEFAULT_HORIZON_MONTHS",
    "DEFAULT_PRIORITIES",
    "EFFORT_POINTS",
    "GROUNDWORK_POINTS",
    "RANKING_RULE",
    "AnswerChange",
    "BudgetPlan",
    "BudgetProblem",
    "BudgetSolution",
    "Candidate",
    "Feasibility",
    "GapLink",
    "KpiRef",
    "NotChosen",
    "OverallTarget",
    "Phases",
    "Plan",
    "Planner",
    "PlanningError",
    "ProjectedScore",
    "Projection",
    "RankPart",
    "Recommendation",
    "Step",
    "SystemsInPlace",
    "Target",
    "TargetValue",
    "cost_of",
    "gain_of",
    "solve",
]
