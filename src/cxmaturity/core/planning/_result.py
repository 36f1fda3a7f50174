"""What planning returns, and its JSON contract.

`Plan.to_dict()` is a contract like `Result.to_dict()`: the CLI's JSON, the web app and
the API read it, so keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..scoring import Placement

Feasible = Literal["ready", "groundwork", "unknown"]
Kind = Literal["quick_win", "groundwork", "confirm"]


def _level(p: Placement | None) -> dict[str, Any] | None:
    return p.as_level() if p else None


def _band(p: Placement | None) -> dict[str, Any] | None:
    return p.as_band() if p else None


@dataclass(frozen=True, slots=True)
class Target:
    """One dimension's 12-month target and the gap to it.

    `source`: `default` (the next level's lower bound), `given` (set by the user), `top`
    (already on the top level: hold the score) or `unscored` (no score, so no gap).
    `current_raw` / `target_raw` are on the model's raw scale (cx-matrix: the 1-4 stage).
    """

    dimension: str
    label: str
    weight: float
    current: float | None
    target: float | None
    gap: float | None
    source: str
    current_raw: float | None
    target_raw: float | None
    current_level: Placement | None
    target_level: Placement | None
    current_band: Placement | None
    target_band: Placement | None
    benchmark: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "label": self.label,
            "weight": self.weight,
            "current": self.current,
            "target": self.target,
            "gap": self.gap,
            "source": self.source,
            "current_raw": self.current_raw,
            "target_raw": self.target_raw,
            "current_level": _level(self.current_level),
            "target_level": _level(self.target_level),
            "current_band": _band(self.current_band),
            "target_band": _band(self.target_band),
            "benchmark": self.benchmark,
        }


@dataclass(frozen=True, slots=True)
class OverallTarget:
    """The targets rolled up like scores, and placed on the model's overall ladders
    (cx-matrix: the target total on the /20 bands)."""

    current: float | None
    target: float | None
    gap: float | None
    current_raw: float | None
    target_raw: float | None
    current_level: Placement | None
    target_level: Placement | None
    current_band: Placement | None
    target_band: Placement | None
    benchmark: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "target": self.target,
            "gap": self.gap,
            "current_raw": self.current_raw,
            "target_raw": self.target_raw,
            "current_level": _level(self.current_level),
            "target_level": _level(self.target_level),
            "current_band": _band(self.current_band),
            "target_band": _band(self.target_band),
            "benchmark": self.benchmark,
        }


@dataclass(frozen=True, slots=True)
class Feasibility:
    """An action's required systems against those the organization reported."""

    status: Feasible
    requires: tuple[str, ...]
    present: tuple[str, ...]
    missing: tuple[str, ...]
    unknown: tuple[str, ...]
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "requires": list(self.requires),
            "present": list(self.present),
            "missing": list(self.missing),
            "unknown": list(self.unknown),
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class KpiRef:
    id: str
    label: str
    unit: str | None
    better: str
    priority: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "unit": self.unit,
            "better": self.better,
            "priority": self.priority,
        }


@dataclass(frozen=True, slots=True)
class RankPart:
    """One part of a rank score: the measure, the points it earned of its maximum, in words."""

    part: str
    measure: float
    points: float
    max_points: float
    words: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "measure": self.measure,
            "points": self.points,
            "max_points": self.max_points,
            "words": self.words,
        }


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A catalog action, ranked: what it gains, moves and costs, and why it ranks here."""

    rank: int
    action: str
    label: str
    description: str | None
    stage: str | None
    use_case: str | None
    kind: Kind
    effort: str
    effort_points: int
    impact: dict[str, float]
    gains: dict[str, float]
    gain: float
    kpis: tuple[KpiRef, ...]
    feasibility: Feasibility
    score: float
    breakdown: tuple[RankPart, ...]
    after: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "action": self.action,
            "label": self.label,
            "description": self.description,
            "stage": self.stage,
            "use_case": self.use_case,
            "kind": self.kind,
            "effort": self.effort,
            "effort_points": self.effort_points,
            "impact": dict(self.impact),
            "gains": dict(self.gains),
            "gain": self.gain,
            "kpis": [k.to_dict() for k in self.kpis],
            "feasibility": self.feasibility.to_dict(),
            "score": self.score,
            "breakdown": [p.to_dict() for p in self.breakdown],
            "why": "; ".join(p.words for p in self.breakdown),
            "after": list(self.after),
        }


@dataclass(frozen=True, slots=True)
class AnswerChange:
    """An answer the what-if changed: a use-case matrix item, or the systems in place."""

    question: str
    item: str | None
    before: Any
    after: Any
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "item": self.item,
            "before": _plain(self.before),
            "after": _plain(self.after),
            "reason": self.reason,
        }


def _plain(value: Any) -> Any:
    """An answer as JSON: sets become sorted lists."""
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class ProjectedScore:
    """A dimension (or the overall score) now and after the chosen actions."""

    id: str
    label: str
    current: float | None
    projected: float | None
    delta: float | None
    current_raw: float | None
    projected_raw: float | None
    current_level: Placement | None
    projected_level: Placement | None
    current_band: Placement | None
    projected_band: Placement | None
    actions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "current": self.current,
            "projected": self.projected,
            "delta": self.delta,
            "current_raw": self.current_raw,
            "projected_raw": self.projected_raw,
            "current_level": _level(self.current_level),
            "projected_level": _level(self.projected_level),
            "current_band": _band(self.current_band),
            "projected_band": _band(self.projected_band),
            "actions": list(self.actions),
        }


@dataclass(frozen=True, slots=True)
class Projection:
    """What-if: projected scores, levels and bands after a set of actions.

    `method` per action: `rescored` (its use case marked deployed and the answers scored
    again) or `impact` (its declared points added, capped at 100, placed on the ladders).
    """

    actions: tuple[str, ...]
    systems: tuple[str, ...]
    methods: dict[str, str]
    dimensions: tuple[ProjectedScore, ...]
    overall: ProjectedScore
    changes: tuple[AnswerChange, ...]
    notes: tuple[str, ...]

    def dimension(self, dimension_id: str) -> ProjectedScore:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "actions": list(self.actions),
            "systems": list(self.systems),
            "methods": dict(self.methods),
            "dimensions": [d.to_dict() for d in self.dimensions],
            "overall": self.overall.to_dict(),
            "changes": [c.to_dict() for c in self.changes],
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class NotChosen:
    action: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class BudgetPlan:
    """The best set of actions for an effort budget, solved exactly, with its reasons."""

    budget: int
    spent: int
    gain: float
    chosen: tuple[str, ...]
    groundwork: tuple[str, ...]
    not_chosen: tuple[NotChosen, ...]
    solver: str
    explanation: str
    projection: Projection

    def to_dict(self) -> dict[str, Any]:
        return {
            "budget": self.budget,
            "spent": self.spent,
            "gain": self.gain,
            "chosen": list(self.chosen),
            "groundwork": list(self.groundwork),
            "not_chosen": [n.to_dict() for n in self.not_chosen],
            "solver": self.solver,
            "explanation": self.explanation,
            "projection": self.projection.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class GapLink:
    """Value phase: a gap, the actions that close it (best first) and the KPIs they move."""

    dimension: str
    label: str
    gap: float
    actions: tuple[str, ...]
    kpis: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "label": self.label,
            "gap": self.gap,
            "actions": list(self.actions),
            "kpis": list(self.kpis),
        }


@dataclass(frozen=True, slots=True)
class Step:
    """Implementation phase: one step; `id` is `action:ID` or `system:ID`."""

    order: int
    id: str
    kind: str
    label: str
    action: str | None
    systems: tuple[str, ...]
    depends_on: tuple[str, ...]
    words: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "order": self.order,
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "action": self.action,
            "systems": list(self.systems),
            "depends_on": list(self.depends_on),
            "words": self.words,
        }


@dataclass(frozen=True, slots=True)
class Phases:
    """Vision → Value → Implementation → Success."""

    vision: dict[str, Any]
    value: tuple[GapLink, ...]
    implementation: tuple[Step, ...]
    success_kpis: tuple[KpiRef, ...]
    reassess_months: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "vision": self.vision,
            "value": {"gaps": [g.to_dict() for g in self.value]},
            "implementation": {"steps": [s.to_dict() for s in self.implementation]},
            "success": {
                "kpis": [k.to_dict() for k in self.success_kpis],
                "reassess_months": self.reassess_months,
            },
        }


@dataclass(frozen=True, slots=True)
class SystemsInPlace:
    """What the organization reported about its systems (the model's systems question)."""

    question: str | None
    status: str  # answered | dont_know | unanswered | not_asked
    present: tuple[str, ...]
    absent: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "status": self.status,
            "present": list(self.present),
            "absent": list(self.absent),
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """A plan for one assessment: targets, ranked actions, phases, what-if, budget."""

    model_id: str
    model_version: str
    industry: str
    region: str | None
    horizon_months: int
    reassess_months: int
    targets: tuple[Target, ...]
    overall: OverallTarget
    systems: SystemsInPlace
    recommendations: tuple[Recommendation, ...]
    in_place: tuple[str, ...]
    outgrown: tuple[str, ...]
    priorities: tuple[str, ...]
    selection: tuple[str, ...]
    selected_by: str
    phases: Phases
    projection: Projection
    budget: BudgetPlan | None
    ranking_rule: str
    notes: tuple[str, ...]

    def recommendation(self, action_id: str) -> Recommendation:
        return next(r for r in self.recommendations if r.action == action_id)

    def target(self, dimension_id: str) -> Target:
        return next(t for t in self.targets if t.dimension == dimension_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": {"id": self.model_id, "version": self.model_version},
            "industry": self.industry,
            "region": self.region,
            "horizon_months": self.horizon_months,
            "reassess_months": self.reassess_months,
            "targets": [t.to_dict() for t in self.targets],
            "overall": self.overall.to_dict(),
            "systems": self.systems.to_dict(),
            "recommendations": [r.to_dict() for r in self.recommendations],
            "in_place": list(self.in_place),
            "outgrown": list(self.outgrown),
            "priorities": list(self.priorities),
            "selection": {"actions": list(self.selection), "by": self.selected_by},
            "phases": self.phases.to_dict(),
            "projection": self.projection.to_dict(),
            "budget": self.budget.to_dict() if self.budget else None,
            "ranking_rule": self.ranking_rule,
            "notes": list(self.notes),
        }
