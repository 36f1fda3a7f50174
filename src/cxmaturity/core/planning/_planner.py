"""From a result to a plan: targets and gaps, feasibility, ranking, phases, what-if, budget.

The rules are stated here once, and `docs/planning.md` says the same in prose:

Targets
    Per dimension, the lower bound of the next rung of its levels ladder (its bands ladder
    if it has no levels), unless the user gives one: a score from 0 to 100, or a level id
    (that level's lower bound). On the top level the target is the current score (hold).
    Gap = target − current. The overall target is the targets rolled up as scores are
    (weighted mean; raw sum or mean) and placed on the overall ladders.

Feasibility (from the model's `systems_question`)
    An action that requires no system is *ready*. Otherwise: every required system ticked
    → *ready* (a quick-win candidate); some not ticked → *groundwork* first, naming them;
    the question answered "don't know", left unanswered, or not asked by the model →
    *unknown*, naming the systems to confirm. (cx-matrix asks about no systems and its
    actions require none, so all of its actions are ready.)

Ranking (RANKING_RULE, reproduced per recommendation in `breakdown`)
    score = 50 × gain / best gain + 20 × KPI points / most KPI points
          + 15 × (3 − effort points) / 2 + feasibility (ready 15, unknown 7.5, groundwork 0)
    gain = Σ_d weight_d × min(impact_d, gap_d) / Σ weights, over dimensions with a gap:
    the expected rise of the overall score, impact counted only up to what each gap needs.
    KPI points: 1 per KPI the action moves, 2 if it is a priority KPI. Effort points:
    low 1, medium 2, high 3. Ties: larger gain, then less effort, then catalog order.

What-if
    An action with a `use_case` marks that use case deployed in the answers (its status
    facet on the top option; the other facets the scoring reads keep their answer, or take
    their middle option) and the changed answers are scored again by the model's Scorer.
    Other actions add their `impact` points to that result, capped at 0-100, and the
    projected scores are placed on the model's own compiled ladders.

Levels (an action's optional `levels`, e.g. cx-matrix's "from Ad-hoc to Defined")
    An action is suggested while a dimension it raises is on one of its levels. Once the
    dimension is past them it is *outgrown* (left out, listed). Below them it comes
    *after* the actions for the levels in between: its gain counts only the gap those
    leave, the optimizer chooses it only with them, and the implementation orders it
    after them.

Budget
    See `_budget`: the highest gain within the effort budget, exactly; an action that
    needs a missing (or unknown) system can only be chosen with the groundwork of putting
    that system in place, GROUNDWORK_POINTS effort points per system, shared by every
    action that needs it. The catalogs name no action that provides a system, so
    groundwork is a step of its own. `groundwork=False` leaves such actions out instead.
"""

from __future__ import annotations

import contextlib
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .._text import resolve
from ..model import Action, Matrix, MaturityModel, contributions_to, points_range
from ..scoring import (
    DONT_KNOW,
    NOT_APPLICABLE,
    Answers,
    Context,
    DimensionResult,
    Placement,
    Result,
    Scorer,
)
from ..scoring._answers import items_for
from . import _budget
from ._result import (
    AnswerChange,
    BudgetPlan,
    Feasibility,
    Feasible,
    GapLink,
    Kind,
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

EFFORT_POINTS: dict[str, int] = {"low": 1, "medium": 2, "high": 3}
GROUNDWORK_POINTS = 3  # effort points to put one missing system in place (as a high effort)
DEFAULT_HORIZON_MONTHS = 12
DEFAULT_PRIORITIES = 5
SCORE_DIGITS = 2
RAW_DIGITS = 4

# Rank score parts and their maximum points.
GAIN_POINTS = 50.0
KPI_POINTS = 20.0
EFFORT_MAX_POINTS = 15.0
FEASIBILITY_POINTS: dict[str, float] = {"ready": 15.0, "unknown": 7.5, "groundwork": 0.0}

RANKING_RULE = (
    "score = 50 × gain ÷ best gain + 20 × KPI points ÷ most KPI points "
    "+ 15 × (3 − effort points) ÷ 2 + feasibility (ready 15, unknown 7.5, groundwork 0). "
    "gain = Σ dimension weight × min(impact, gap) ÷ Σ weights: the expected rise of the "
    "overall score, each impact counted only up to what its dimension's gap needs. "
    "KPI points: 1 per KPI moved, 2 for a priority KPI. Effort points: low 1, medium 2, "
    "high 3. Ties: larger gain, then less effort, then catalog order."
)

KIND_OF: dict[str, Kind] = {"ready": "quick_win", "groundwork": "groundwork", "unknown": "confirm"}


class PlanningError(ValueError):
    """Input a plan cannot be made from (an unknown dimension, action, target...)."""


TargetValue = float | int | str


@dataclass(frozen=True, slots=True)
class _RawScale:
    """raw ≈ base + span × score / 100 for a dimension (exact when its questions share
    one points range, as in every built-in model, and for a `sum` dimension)."""

    base: float
    span: float

    def raw(self, score: float) -> float:
        return self.base + self.span * score / 100.0

    def score(self, raw: float) -> float:
        return 100.0 * (raw - self.base) / self.span if self.span else 0.0


@dataclass(frozen=True, slots=True)
class _UseCase:
    """Where an action's use case lives: its matrix question and status facet."""

    question: Matrix
    item: str
    status: str
    top: str


class Planner:
    """Makes plans on one model; build once (it compiles what it can), use for every result."""

    def __init__(self, model: MaturityModel, scorer: Scorer | None = None) -> None:
        self.model = model
        self.scorer = scorer or Scorer(model)
        self._scales = {d.id: _raw_scale(model, d.id) for d in model.dimensions}
        self._weights = {d.id: d.weight for d in model.dimensions}
        self._kpis = {k.id: k for k in model.kpis}
        self._systems = {s.id: s for s in model.systems}
        self._matrices = [q for d in model.dimensions for q in d.questions if isinstance(q, Matrix)]
        self._items = {
            industry: items_for(model, industry)
            for industry in {i.id for i in model.industries} | {"other"}
        }
        self._level_at = {level.id: n for n, level in enumerate(model.levels)}

    def text(self, value: Any) -> str:
        return resolve(value, self.scorer.locale, self.model.locale) or ""

    # -- the whole plan -------------------------------------------------------------------

    def plan(
        self,
        answers: Answers,
        result: Result | None = None,
        *,
        targets: Mapping[str, TargetValue] | None = None,
        horizon_months: int = DEFAULT_HORIZON_MONTHS,
        budget: int | None = None,
        chosen: Sequence[str] | None = None,
        priority_kpis: Iterable[str] = (),
        priorities: int = DEFAULT_PRIORITIES,
        groundwork: bool = True,
    ) -> Plan:
        """A plan for one respondent's answers (`result`: their score, computed if not given).

        The selection that phases and the projection describe is `chosen` when given,
        else the best set for `budget` when given, else the top `priorities` actions.
        """
        if horizon_months < 1:
            raise PlanningError("the horizon must be at least 1 month")
        if priorities < 1:
            raise PlanningError("at least one priority is needed")
        result = result or self.scorer.score(answers)
        goals, overall = self.targets(result, targets)
        priority = self._priority_kpis(priority_kpis)
        systems = self.systems(answers)
        ranked, in_place, outgrown = self._rank(answers, result, goals, systems, priority)
        top = tuple(r.action for r in ranked if r.gain > 0)[:priorities]
        best = (
            self._solve_budget(answers, result, goals, ranked, budget, groundwork)
            if budget is not None
            else None
        )
        if chosen is not None:
            selection, selected_by = self._known_actions(chosen, answers.context.industry), "chosen"
        elif best is not None:
            selection, selected_by = best.chosen, "budget"
        else:
            selection, selected_by = top, "priorities"
        by_id = {r.action: r for r in ranked}
        picked = [by_id[a] for a in selection if a in by_id]
        projection = (
            best.projection
            if best is not None and selected_by == "budget"
            else self.what_if(answers, selection, (), result)
        )
        phases = Phases(
            self._vision(result, goals, overall),
            self._value(goals, ranked),
            self._implementation(picked),
            self._success(picked, priority),
            self.model.reassess_months,
        )
        return Plan(
            self.model.id,
            self.model.version,
            result.industry,
            result.region,
            horizon_months,
            self.model.reassess_months,
            goals,
            overall,
            systems,
            tuple(ranked),
            in_place,
            outgrown,
            top,
            tuple(selection),
            selected_by,
            phases,
            projection,
            best,
            RANKING_RULE,
            self._notes(goals, systems, ranked, top),
        )

    # -- targets and gaps -----------------------------------------------------------------

    def targets(
        self, result: Result, given: Mapping[str, TargetValue] | None = None
    ) -> tuple[tuple[Target, ...], OverallTarget]:
        """Per dimension a target and the gap to it, and the overall target on the ladders."""
        given = dict(given or {})
        unknown = sorted(set(given) - set(self._scales))
        if unknown:
            raise PlanningError(
                f"unknown dimension '{unknown[0]}' in the targets; "
                f"dimensions: {', '.join(self._scales)}"
            )
        compiled = self.scorer.plan(Context(result.industry, result.region))
        goals = []
        for n, dim in enumerate(result.dimensions):
            ladders = compiled.dimensions[n]
            goals.append(self._target(dim, ladders.levels, ladders.bands, given.get(dim.id)))
        return tuple(goals), self._overall_target(result, goals, compiled)

    def _target(
        self, dim: DimensionResult, levels: Any, bands: Any, given: TargetValue | None
    ) -> Target:
        scale = self._scales[dim.id]
        ladder = levels or bands
        target: float | None
        target_raw: float | None = None
        if given is not None:
            target, target_raw = self._given(dim, ladder, given)
            source = "given"
        elif dim.score is None:
            target, source = None, "unscored"
        elif ladder is None:
            target, source = dim.score, "top"
        else:
            value = dim.score if ladder.by_score else dim.raw
            at = max(0, bisect_right(ladder.starts, value) - 1)
            # equal starts (a last rung from 4 to 4) are one place: skip to a higher start
            later = [s for s in ladder.starts[at + 1 :] if s > ladder.starts[at]]
            if not later:
                target, source = dim.score, "top"
            else:
                target, target_raw = self._bound(ladder, later[0], scale)
                source = "default"
        if target is not None and target_raw is None:
            target_raw = self._raw_at(dim, target)
        gap = _delta(target, dim.score)
        place = _placer(levels, bands)
        return Target(
            dim.id,
            dim.label,
            self._weights[dim.id],
            dim.score,
            target,
            gap,
            source,
            dim.raw,
            _round(target_raw, RAW_DIGITS),
            dim.level,
            place(target, target_raw)[0] if target is not None else None,
            dim.band,
            place(target, target_raw)[1] if target is not None else None,
            dim.benchmark.value if dim.benchmark else None,
        )

    def _given(
        self, dim: DimensionResult, ladder: Any, value: TargetValue
    ) -> tuple[float, float | None]:
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = float(value)
        if isinstance(value, str):
            rungs = [p.id for p in ladder.placements] if ladder is not None else []
            if value not in rungs:
                raise PlanningError(
                    f"target for '{dim.id}': '{value}' is neither a score from 0 to 100 nor a "
                    f"level ({', '.join(rungs) or 'this dimension has no levels'})"
                )
            return self._bound(ladder, ladder.starts[rungs.index(value)], self._scales[dim.id])
        number = float(value)
        if not math.isfinite(number) or not 0 <= number <= 100:
            raise PlanningError(f"target for '{dim.id}': {value:g} is not a score from 0 to 100")
        return round(number, SCORE_DIGITS), None

    @staticmethod
    def _bound(ladder: Any, start: float, scale: _RawScale) -> tuple[float, float | None]:
        """A rung's lower bound as a target score (and raw value, for a raw ladder)."""
        if ladder.by_score:
            return round(start, SCORE_DIGITS), None
        # rounded up, so that the score's raw value does not fall short of the bound
        score = math.ceil(round(scale.score(start) * 100, 6)) / 100
        return min(100.0, max(0.0, score)), start

    def _raw_at(self, dim: DimensionResult, score: float) -> float | None:
        scale = self._scales[dim.id]
        if dim.raw is not None and dim.score is not None:
            return dim.raw + scale.span * (score - dim.score) / 100.0
        return scale.raw(score) if scale.span else None

    def _overall_target(
        self, result: Result, goals: Sequence[Target], compiled: Any
    ) -> OverallTarget:
        current = result.overall
        scored = [g for g in goals if g.current is not None]
        target = target_raw = None
        if scored:
            weight = sum(g.weight for g in scored)
            target = round(
                sum(
                    g.weight * (g.target if g.target is not None else g.current or 0.0)
                    for g in scored
                )
                / weight,
                SCORE_DIGITS,
            )
            raws = [
                g.target_raw if g.target_raw is not None else g.current_raw or 0.0 for g in scored
            ]
            total = sum(raws)
            target_raw = round(total if compiled.raw_sum else total / len(raws), RAW_DIGITS)
        place = _placer(compiled.overall_levels, compiled.overall_bands)
        level, band = place(target, target_raw) if target is not None else (None, None)
        return OverallTarget(
            current.score,
            target,
            round(target - current.score, SCORE_DIGITS)
            if target is not None and current.score is not None
            else None,
            current.raw,
            target_raw,
            current.level,
            level,
            current.band,
            band,
            current.benchmark.value if current.benchmark else None,
        )

    # -- feasibility ----------------------------------------------------------------------

    def systems(self, answers: Answers) -> SystemsInPlace:
        """What the answers say about the systems in place."""
        qid = self.model.systems_question
        known = tuple(self._systems)
        if qid is None:
            return SystemsInPlace(None, "not_asked", (), ())
        value = answers.values.get(qid)
        if isinstance(value, frozenset | set):
            present = tuple(s for s in known if s in value)
            return SystemsInPlace(
                qid, "answered", present, tuple(s for s in known if s not in value)
            )
        if value in (DONT_KNOW, NOT_APPLICABLE):
            return SystemsInPlace(qid, "dont_know", (), ())
        return SystemsInPlace(qid, "unanswered", (), ())

    def feasibility(self, action: Action, systems: SystemsInPlace) -> Feasibility:
        """Ready (a quick-win candidate), groundwork first (naming what is missing) or unknown."""
        requires = tuple(action.requires)
        if not requires:
            return Feasibility("ready", (), (), (), (), "needs no particular system")
        names = self._names(requires)
        if systems.status == "answered":
            present = tuple(s for s in requires if s in systems.present)
            missing = tuple(s for s in requires if s not in systems.present)
            if missing:
                return Feasibility(
                    "groundwork",
                    requires,
                    present,
                    missing,
                    (),
                    f"groundwork first: {self._names(missing)} not in place",
                )
            return Feasibility("ready", requires, present, (), (), f"{names} in place")
        why = {
            "dont_know": "the systems in place were answered don't know",
            "unanswered": "the systems in place were not answered",
            "not_asked": "the model does not ask which systems are in place",
        }[systems.status]
        return Feasibility(
            "unknown", requires, (), (), requires, f"{why}: confirm {names} before starting"
        )

    def _names(self, system_ids: Iterable[str]) -> str:
        return ", ".join(
            self.text(self._systems[s].label) if s in self._systems else s for s in system_ids
        )

    # -- ranking --------------------------------------------------------------------------

    def applicable(self, industry: str) -> list[Action]:
        """The model's actions for an industry (an action listing no industries suits all)."""
        return [a for a in self.model.actions if not a.industries or industry in a.industries]

    def _rank(
        self,
        answers: Answers,
        result: Result,
        goals: Sequence[Target],
        systems: SystemsInPlace,
        priority: frozenset[str],
    ) -> tuple[list[Recommendation], tuple[str, ...], tuple[str, ...]]:
        gaps = {g.dimension: g.gap for g in goals if g.gap is not None and g.gap > 0}
        total_weight = sum(g.weight for g in goals if g.current is not None) or 1.0
        labels = {g.dimension: g.label for g in goals}
        suited = self.applicable(result.industry)
        by_id = {a.id: a for a in suited}
        current = {
            d.id: self._level_at.get(d.level.id) if d.level else None for d in result.dimensions
        }
        rows = []
        in_place = []
        outgrown = []
        for order, action in enumerate(suited):
            if self._deployed(action, answers):
                in_place.append(action.id)
                continue
            state, after = self._level_state(action, current, suited)
            if state == "outgrown":
                outgrown.append(action.id)
                continue
            gains = {}
            for d, points in action.impact.items():
                before = sum(by_id[b].impact.get(d, 0.0) for b in after)
                left = gaps.get(d, 0.0) - before
                if left > 0:
                    gains[d] = round(min(points, left), SCORE_DIGITS)
            gain = round(
                sum(self._weights[d] * g for d, g in gains.items()) / total_weight, SCORE_DIGITS
            )
            kpis = tuple(self._kpi(k, priority) for k in action.kpis)
            feasible = self.feasibility(action, systems)
            rows.append((order, action, gains, gain, kpis, feasible, after))
        best_gain = max((r[3] for r in rows), default=0.0)
        most_kpis = max((_kpi_points(r[4]) for r in rows), default=0)
        scored = []
        for order, action, gains, gain, kpis, feasible, after in rows:
            parts = self._parts(gains, gain, best_gain, kpis, most_kpis, action, feasible, labels)
            if after:
                words = parts[0].words.replace(" →", f", after {', '.join(after)} →", 1)
                parts = (replace(parts[0], words=words), *parts[1:])
            score = round(sum(p.points for p in parts), SCORE_DIGITS)
            scored.append((order, action, gains, gain, kpis, feasible, parts, score, after))
        scored.sort(key=lambda r: (-r[7], -r[3], EFFORT_POINTS[r[1].effort], r[0]))
        ranked = [
            Recommendation(
                rank,
                action.id,
                self.text(action.label),
                self.text(action.description) or None,
                action.stage,
                action.use_case,
                KIND_OF[feasible.status],
                action.effort,
                EFFORT_POINTS[action.effort],
                dict(action.impact),
                gains,
                gain,
                kpis,
                feasible,
                score,
                parts,
                after,
            )
            for rank, (_, action, gains, gain, kpis, feasible, parts, score, after) in enumerate(
                scored, 1
            )
        ]
        return ranked, tuple(in_place), tuple(outgrown)

    def _level_state(
        self, action: Action, current: Mapping[str, int | None], suited: Sequence[Action]
    ) -> tuple[str, tuple[str, ...]]:
        """`now`, `later` (with the actions to do first) or `outgrown`, from `levels`."""
        if not action.levels:
            return "now", ()
        wanted = sorted(self._level_at[level] for level in action.levels)
        states = set()
        after: list[str] = []
        for d in action.impact:
            at = current.get(d)
            if at is None or at in wanted:
                states.add("now")
            elif at > wanted[-1]:
                states.add("outgrown")
            else:
                states.add("later")
                after += [
                    other.id
                    for other in suited
                    if other.id != action.id
                    and d in other.impact
                    and any(at <= self._level_at[lv] < wanted[0] for lv in other.levels)
                ]
        if "now" in states:
            return "now", ()
        if "later" in states:
            return "later", tuple(dict.fromkeys(after))
        return "outgrown", ()

    def _parts(
        self,
        gains: Mapping[str, float],
        gain: float,
        best_gain: float,
        kpis: Sequence[KpiRef],
        most_kpis: int,
        action: Action,
        feasible: Feasibility,
        labels: Mapping[str, str],
    ) -> tuple[RankPart, ...]:
        gain_points = round(GAIN_POINTS * gain / best_gain, SCORE_DIGITS) if best_gain > 0 else 0.0
        if gain > 0:
            per_dim = ", ".join(f"{labels[d]} +{g:g}" for d, g in gains.items() if g > 0)
            gain_words = (
                f"expected gain +{gain:g} overall points ({per_dim}; impact capped at each gap)"
                f" → {gain_points:g} of {GAIN_POINTS:g}"
            )
        else:
            gain_words = f"raises only dimensions already at their target → 0 of {GAIN_POINTS:g}"
        points = _kpi_points(kpis)
        kpi_points = round(KPI_POINTS * points / most_kpis, SCORE_DIGITS) if most_kpis else 0.0
        favoured = sum(k.priority for k in kpis)
        kpi_words = (
            f"moves {len(kpis)} KPI{'s' if len(kpis) != 1 else ''}"
            + (f", {favoured} of them priority" if favoured else "")
            + (f" ({', '.join(k.label for k in kpis)})" if kpis else "")
            + f" → {kpi_points:g} of {KPI_POINTS:g}"
        )
        effort = EFFORT_POINTS[action.effort]
        effort_points = EFFORT_MAX_POINTS * (3 - effort) / 2
        feasible_points = FEASIBILITY_POINTS[feasible.status]
        return (
            RankPart("gain", gain, gain_points, GAIN_POINTS, gain_words),
            RankPart("kpis", float(points), kpi_points, KPI_POINTS, kpi_words),
            RankPart(
                "effort",
                float(effort),
                effort_points,
                EFFORT_MAX_POINTS,
                f"{action.effort} effort ({effort} point{'s' if effort != 1 else ''})"
                f" → {effort_points:g} of {EFFORT_MAX_POINTS:g}",
            ),
            RankPart(
                "feasibility",
                {"ready": 1.0, "unknown": 0.5, "groundwork": 0.0}[feasible.status],
                feasible_points,
                FEASIBILITY_POINTS["ready"],
                (
                    feasible.explanation
                    if feasible.status == "groundwork"
                    else f"{feasible.status}: {feasible.explanation}"
                )
                + f" → {feasible_points:g} of {FEASIBILITY_POINTS['ready']:g}",
            ),
        )

    def _kpi(self, kpi_id: str, priority: frozenset[str]) -> KpiRef:
        kpi = self._kpis.get(kpi_id)
        if kpi is None:
            return KpiRef(kpi_id, kpi_id, None, "higher", kpi_id in priority)
        return KpiRef(kpi.id, self.text(kpi.label), kpi.unit, kpi.better, kpi.id in priority)

    def _priority_kpis(self, wanted: Iterable[str]) -> frozenset[str]:
        wanted = frozenset(wanted)
        unknown = sorted(wanted - set(self._kpis))
        if unknown:
            raise PlanningError(
                f"unknown KPI '{unknown[0]}'; KPIs of this model: {', '.join(self._kpis)}"
            )
        return wanted

    # -- use cases ------------------------------------------------------------------------

    def _use_case(self, action: Action, industry: str) -> _UseCase | None:
        """The matrix and status facet of an action's use case, if it applies here."""
        if action.use_case is None:
            return None
        items = self._items.get(industry, {})
        for q in self._matrices:
            if action.use_case not in items.get(q.catalog, {}):
                continue
            headroom = self.model.headroom
            if headroom is not None and headroom.matrix == q.id:
                status = headroom.status_facet
            else:
                gates = [f for k in q.contributes for f in (*k.gate, *k.multiply)]
                if not gates:
                    return None
                status = gates[0]
            facet = next(f for f in q.facets if f.id == status)
            top = max(facet.options, key=lambda o: o.value).id
            return _UseCase(q, action.use_case, status, top)
        return None

    def _deployed(self, action: Action, answers: Answers) -> bool:
        """Whether the action's use case is already on the top status."""
        use = self._use_case(action, answers.context.industry)
        if use is None:
            return False
        given = answers.values.get(use.question.id)
        item = given.get(use.item) if isinstance(given, Mapping) else None
        return isinstance(item, Mapping) and item.get(use.status) == use.top

    def deploy(self, use: _UseCase, before: Any) -> dict[str, Any]:
        """A use case's answer once deployed: the status facet on its top option; each other
        facet the scoring reads keeps its answer, or takes its middle option (by value)."""
        after: dict[str, Any] = dict(before) if isinstance(before, Mapping) else {}
        after[use.status] = use.top
        read = {f for k in use.question.contributes for f in (*k.gate, *k.multiply, *k.average)}
        for facet in use.question.facets:
            if facet.id == use.status or facet.id not in read or after.get(facet.id):
                continue
            options = sorted(facet.options, key=lambda o: o.value)
            middle = options[(len(options) - 1) // 2].id
            after[facet.id] = frozenset({middle}) if facet.multiple else middle
        for facet in use.question.facets:  # drop answers the new status no longer asks for
            if facet.id in after and any(
                after.get(other) not in wanted for other, wanted in facet.applies_when.items()
            ):
                del after[facet.id]
        return after

    # -- what-if --------------------------------------------------------------------------

    def what_if(
        self,
        answers: Answers,
        actions: Sequence[str],
        systems: Sequence[str] = (),
        result: Result | None = None,
    ) -> Projection:
        """Projected scores, levels and bands after `actions` (and `systems` put in place)."""
        industry = answers.context.industry
        chosen = self._known_actions(actions, industry)
        unknown_systems = [s for s in systems if s not in self._systems]
        if unknown_systems:
            raise PlanningError(
                f"unknown system '{unknown_systems[0]}'; systems: {', '.join(self._systems)}"
            )
        result = result or self.scorer.score(answers)
        by_id = {a.id: a for a in self.model.actions}
        values: dict[str, Any] = dict(answers.values)
        changes: list[AnswerChange] = []
        methods: dict[str, str] = {}
        notes: list[str] = []
        added: dict[str, float] = {}
        for action_id in chosen:
            action = by_id[action_id]
            use = self._use_case(action, industry)
            if use is None:
                methods[action_id] = "impact"
                for d, points in action.impact.items():
                    added[d] = added.get(d, 0.0) + points
                continue
            methods[action_id] = "rescored"
            matrix = values.get(use.question.id)
            matrix = dict(matrix) if isinstance(matrix, Mapping) else {}
            before = matrix.get(use.item)
            after = self.deploy(use, before)
            if before == after:
                notes.append(f"{action_id}: its use case '{use.item}' is already deployed.")
                continue
            matrix[use.item] = after
            values[use.question.id] = matrix
            changes.append(
                AnswerChange(use.question.id, use.item, before, after, f"{action_id}: deployed")
            )
        for action_id in chosen:
            action = by_id[action_id]
            if action.levels:
                current = {
                    d.id: self._level_at.get(d.level.id) if d.level else None
                    for d in result.dimensions
                }
                _, first = self._level_state(action, current, self.applicable(industry))
                skipped = [b for b in first if b not in chosen]
                if skipped:
                    notes.append(
                        f"{action_id} is for a later level: it assumes {', '.join(skipped)} first."
                    )
        qid = self.model.systems_question
        if systems and qid is not None:
            before_systems = values.get(qid)
            had = before_systems if isinstance(before_systems, frozenset) else frozenset()
            after_systems = had | frozenset(systems)
            if after_systems != before_systems:
                values[qid] = after_systems
                changes.append(
                    AnswerChange(qid, None, before_systems, after_systems, "groundwork: in place")
                )
        base = (
            self.scorer.score(Answers(values, answers.context, answers.notes))
            if changes
            else result
        )
        return self._project(result, base, added, chosen, systems, methods, changes, notes)

    def _project(
        self,
        result: Result,
        base: Result,
        added: Mapping[str, float],
        chosen: Sequence[str],
        systems: Sequence[str],
        methods: dict[str, str],
        changes: list[AnswerChange],
        notes: list[str],
    ) -> Projection:
        compiled = self.scorer.plan(Context(result.industry, result.region))
        by_id = {a.id: a for a in self.model.actions}
        dims = []
        for n, (now, then) in enumerate(zip(result.dimensions, base.dimensions, strict=True)):
            points = added.get(now.id, 0.0)
            score, raw, level, band = then.score, then.raw, then.level, then.band
            if points and score is not None:
                moved = round(min(100.0, max(0.0, score + points)), SCORE_DIGITS)
                if raw is not None:
                    raw = round(raw + self._scales[now.id].span * (moved - score) / 100, RAW_DIGITS)
                score = moved
                ladders = compiled.dimensions[n]
                level, band = _placer(ladders.levels, ladders.bands)(score, raw)
            elif points:
                notes.append(f"{now.label} has no score, so its projected gain is not shown.")
            dims.append(
                ProjectedScore(
                    now.id,
                    now.label,
                    now.score,
                    score,
                    _delta(score, now.score),
                    now.raw,
                    raw,
                    now.level,
                    level,
                    now.band,
                    band,
                    tuple(a for a in chosen if now.id in by_id[a].impact),
                )
            )
        overall = base.overall
        o_score, o_raw, o_level, o_band = overall.score, overall.raw, overall.level, overall.band
        if added:
            scored = [(d, self._weights[d.id]) for d in dims if d.projected is not None]
            if scored:
                weight = sum(w for _, w in scored)
                o_score = round(sum(w * (d.projected or 0.0) for d, w in scored) / weight, 2)
                raws = [d.projected_raw or 0.0 for d, _ in scored]
                o_raw = round(sum(raws) if compiled.raw_sum else sum(raws) / len(raws), RAW_DIGITS)
                o_level, o_band = _placer(compiled.overall_levels, compiled.overall_bands)(
                    o_score, o_raw
                )
        was = result.overall
        projected_overall = ProjectedScore(
            "overall",
            "Overall",
            was.score,
            o_score,
            _delta(o_score, was.score),
            was.raw,
            o_raw,
            was.level,
            o_level,
            was.band,
            o_band,
            tuple(chosen),
        )
        return Projection(
            tuple(chosen),
            tuple(systems),
            methods,
            tuple(dims),
            projected_overall,
            tuple(changes),
            tuple(notes),
        )

    def _known_actions(self, actions: Sequence[str], industry: str) -> tuple[str, ...]:
        known = {a.id for a in self.model.actions}
        suited = {a.id for a in self.applicable(industry)}
        out: list[str] = []
        for action_id in actions:
            if action_id not in known:
                raise PlanningError(
                    f"unknown action '{action_id}'; actions of this model: {', '.join(sorted(known))}"
                )
            if action_id not in suited:
                raise PlanningError(f"action '{action_id}' does not apply to industry '{industry}'")
            if action_id not in out:
                out.append(action_id)
        return tuple(out)

    # -- budget ---------------------------------------------------------------------------

    def best_for_budget(
        self,
        answers: Answers,
        budget: int,
        result: Result | None = None,
        *,
        targets: Mapping[str, TargetValue] | None = None,
        groundwork: bool = True,
    ) -> BudgetPlan:
        """The set of actions with the highest expected gain within `budget` effort points."""
        result = result or self.scorer.score(answers)
        goals, _ = self.targets(result, targets)
        systems = self.systems(answers)
        ranked, _, _ = self._rank(answers, result, goals, systems, frozenset())
        return self._solve_budget(answers, result, goals, ranked, budget, groundwork)

    def _solve_budget(
        self,
        answers: Answers,
        result: Result,
        goals: Sequence[Target],
        ranked: Sequence[Recommendation],
        budget: int,
        groundwork: bool,
    ) -> BudgetPlan:
        if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
            raise PlanningError(
                f"the budget must be a whole number of effort points ≥ 0, got {budget!r}"
            )
        problem = self.budget_problem(goals, ranked, budget, groundwork)
        solution = _budget.solve(problem)
        reasons = self._reasons(problem, solution, ranked)
        projection = self.what_if(answers, solution.chosen, solution.systems, result)
        return BudgetPlan(
            budget,
            solution.spent,
            round(solution.gain, SCORE_DIGITS),
            _in_rank_order(solution.chosen, ranked),
            solution.systems,
            reasons,
            "scipy.optimize.milp (HiGHS), exact",
            self._budget_words(problem, solution),
            projection,
        )

    def budget_problem(
        self,
        goals: Sequence[Target],
        ranked: Sequence[Recommendation],
        budget: int,
        groundwork: bool = True,
    ) -> _budget.BudgetProblem:
        """The optimizer's input: candidates, positive gaps, objective weights, the budget."""
        total_weight = sum(g.weight for g in goals if g.current is not None) or 1.0
        gaps = {g.dimension: g.gap for g in goals if g.gap is not None and g.gap > 0}
        candidates = []
        for r in ranked:
            needs = frozenset(r.feasibility.missing) | frozenset(r.feasibility.unknown)
            if needs and not groundwork:
                continue
            candidates.append(
                _budget.Candidate(r.action, r.effort_points, r.impact, needs, frozenset(r.after))
            )
        return _budget.BudgetProblem(
            tuple(candidates),
            gaps,
            {d: self._weights[d] / total_weight for d in gaps},
            budget,
            GROUNDWORK_POINTS,
        )

    def _reasons(
        self,
        problem: _budget.BudgetProblem,
        solution: _budget.BudgetSolution,
        ranked: Sequence[Recommendation],
    ) -> tuple[NotChosen, ...]:
        chosen = set(solution.chosen)
        candidates = {c.id for c in problem.candidates}
        left = problem.budget - solution.spent
        out = []
        for r in ranked:
            if r.action in chosen:
                continue
            if r.action not in candidates:
                missing = self._names((*r.feasibility.missing, *r.feasibility.unknown))
                out.append(NotChosen(r.action, f"needs {missing}; groundwork was left out"))
                continue
            waiting = [b for b in r.after if b not in chosen]
            if waiting:
                out.append(NotChosen(r.action, f"comes after {', '.join(waiting)}, not chosen"))
                continue
            with_it = {*chosen, r.action}
            more = _budget.gain_of(problem, with_it) - solution.gain
            alone_cost = _budget.cost_of(problem, [r.action])
            extra = _budget.cost_of(problem, with_it) - solution.spent
            needs = sorted(
                next(c for c in problem.candidates if c.id == r.action).needs
                - set(solution.systems)
            )
            cost_words = f"effort {r.effort_points}" + (
                f" + groundwork for {self._names(needs)} ({GROUNDWORK_POINTS * len(needs)})"
                if needs
                else ""
            )
            if r.gain <= 0:
                reason = "raises only dimensions already at their target"
            elif more <= 1e-9:
                reason = "the chosen actions already close the gaps it would raise"
            elif alone_cost > problem.budget:
                reason = (
                    f"costs {alone_cost} points on its own ({cost_words}), "
                    f"more than the budget of {problem.budget}"
                )
            elif extra > left:
                reason = (
                    f"would add +{more:.2f} points for {extra} more effort points "
                    f"({cost_words}), but only {left} remain: the chosen set gains more "
                    "for the budget"
                )
            else:
                reason = f"adds only +{more:.2f} points; the best plan does without it"
            out.append(NotChosen(r.action, reason))
        return tuple(out)

    def _budget_words(
        self, problem: _budget.BudgetProblem, solution: _budget.BudgetSolution
    ) -> str:
        if not problem.gaps:
            return "Every dimension is at its target: there is no gap for a budget to close."
        if not solution.chosen:
            return (
                f"No set of actions within {problem.budget} effort points closes any gap; "
                "raise the budget or allow groundwork."
            )
        groundwork = (
            f" and groundwork for {self._names(solution.systems)}" if solution.systems else ""
        )
        return (
            f"Of {problem.budget} effort points, the best plan spends {solution.spent} on "
            f"{len(solution.chosen)} action{'s' if len(solution.chosen) != 1 else ''}{groundwork}"
            f", for an expected gain of +{solution.gain:.2f} overall points: no other set "
            "within the budget gains more (solved exactly), and none gains as much for fewer "
            "points."
        )

    # -- phases ---------------------------------------------------------------------------

    def _vision(
        self, result: Result, goals: Sequence[Target], overall: OverallTarget
    ) -> dict[str, Any]:
        ordered = sorted(goals, key=lambda g: -(g.gap or 0.0))
        return {
            "overall": overall.to_dict(),
            "gaps": [
                {
                    "dimension": g.dimension,
                    "label": g.label,
                    "current": g.current,
                    "target": g.target,
                    "gap": g.gap,
                    "benchmark": g.benchmark,
                    "versus_benchmark": _delta(g.current, g.benchmark),
                }
                for g in ordered
            ],
            "benchmark_notes": [n for n in result.notes if "benchmark" in n],
        }

    def _value(
        self, goals: Sequence[Target], ranked: Sequence[Recommendation]
    ) -> tuple[GapLink, ...]:
        links = []
        for g in sorted(goals, key=lambda g: -(g.gap or 0.0)):
            if g.gap is None or g.gap <= 0:
                continue
            actions = [r for r in ranked if r.gains.get(g.dimension, 0.0) > 0]
            kpis = list(dict.fromkeys(k.id for r in actions for k in r.kpis))
            links.append(
                GapLink(g.dimension, g.label, g.gap, tuple(r.action for r in actions), tuple(kpis))
            )
        return tuple(links)

    def _implementation(self, picked: Sequence[Recommendation]) -> tuple[Step, ...]:
        """Quick wins first (by rank); then the systems to confirm or put in place (the
        one most needed first); then the actions waiting on systems or on other actions,
        each after what it needs."""
        steps: list[Step] = []
        chosen = {r.action for r in picked}

        def add(
            step_id: str,
            kind: str,
            label: str,
            action: str | None,
            systems: tuple[str, ...],
            depends: tuple[str, ...],
            words: str,
        ) -> None:
            steps.append(
                Step(len(steps) + 1, step_id, kind, label, action, systems, depends, words)
            )

        def waits(r: Recommendation) -> bool:
            return r.feasibility.status != "ready" or any(b in chosen for b in r.after)

        for r in picked:
            if not waits(r):
                words = f"quick win: {r.feasibility.explanation}"
                add(
                    f"action:{r.action}",
                    "quick_win",
                    r.label,
                    r.action,
                    r.feasibility.requires,
                    (),
                    words,
                )
        waiting = [r for r in picked if waits(r)]
        need: dict[str, list[str]] = {}
        for r in waiting:
            for s in (*r.feasibility.unknown, *r.feasibility.missing):
                need.setdefault(s, []).append(r.action)
        unknown = {s for r in waiting for s in r.feasibility.unknown}
        for s in sorted(need, key=lambda s: (s not in unknown, -len(need[s]), s)):
            name = self._names([s])
            if s in unknown:
                add(
                    f"system:{s}",
                    "confirm",
                    f"Confirm whether {name} is in place",
                    None,
                    (s,),
                    (),
                    f"confirm {name}: needed by {', '.join(need[s])}",
                )
            else:
                add(
                    f"system:{s}",
                    "groundwork",
                    f"Put {name} in place",
                    None,
                    (s,),
                    (),
                    f"groundwork: {name} is needed by {', '.join(need[s])}",
                )
        done = {st.action for st in steps if st.action}
        while waiting:  # each action once every action it comes after has its step
            ready = [r for r in waiting if all(b in done or b not in chosen for b in r.after)]
            r = ready[0] if ready else waiting[0]
            waiting.remove(r)
            systems = (*r.feasibility.unknown, *r.feasibility.missing)
            before = tuple(b for b in r.after if b in chosen)
            depends = (*(f"system:{s}" for s in systems), *(f"action:{b}" for b in before))
            words = "after " + ", ".join([*(self._names([s]) for s in systems), *before])
            add(
                f"action:{r.action}",
                "action",
                r.label,
                r.action,
                r.feasibility.requires,
                depends,
                words,
            )
            done.add(r.action)
        return tuple(steps)

    def _success(
        self, picked: Sequence[Recommendation], priority: frozenset[str]
    ) -> tuple[KpiRef, ...]:
        seen: dict[str, KpiRef] = {}
        for r in picked:
            for k in r.kpis:
                seen.setdefault(k.id, k)
        for kpi_id in sorted(priority):  # a priority KPI is watched even if no action moves it
            seen.setdefault(kpi_id, self._kpi(kpi_id, priority))
        return tuple(sorted(seen.values(), key=lambda k: not k.priority))

    def _notes(
        self,
        goals: Sequence[Target],
        systems: SystemsInPlace,
        ranked: Sequence[Recommendation],
        top: Sequence[str],
    ) -> tuple[str, ...]:
        notes = []
        unscored = [g.label for g in goals if g.current is None]
        if unscored:
            notes.append(
                f"No score, so no gap, for: {', '.join(unscored)}; answer its questions to plan it."
            )
        if systems.status == "not_asked":
            if any(r.feasibility.requires for r in ranked):
                notes.append(
                    "The model does not ask which systems are in place: feasibility is unknown."
                )
            else:
                notes.append(
                    "The model asks about no systems and its actions need none: every action is feasible."
                )
        elif systems.status == "dont_know":
            notes.append(
                "The systems in place were answered don't know: actions needing systems are "
                "marked unknown until you confirm them."
            )
        elif systems.status == "unanswered":
            notes.append(
                "The systems in place were not answered: actions needing systems are marked unknown."
            )
        if not top:
            notes.append("Every dimension is at its target: no action closes a gap.")
        return tuple(notes)


# -- helpers -------------------------------------------------------------------------------


def _raw_scale(model: MaturityModel, dimension_id: str) -> _RawScale:
    dim = next(d for d in model.dimensions if d.id == dimension_id)
    parts = [(points_range(q), w) for q, w in contributions_to(model, dim)]
    if not parts:
        return _RawScale(0.0, 0.0)
    if dim.rule == "sum":
        return _RawScale(sum(r[0] for r, _ in parts), sum(r[1] - r[0] for r, _ in parts))
    weight = sum(w for _, w in parts)
    return _RawScale(
        sum(w * r[0] for r, w in parts) / weight, sum(w * (r[1] - r[0]) for r, w in parts) / weight
    )


def _placer(levels: Any, bands: Any) -> Any:
    def place(score: float | None, raw: float | None) -> tuple[Placement | None, Placement | None]:
        return (
            levels.place(score, raw) if levels is not None else None,
            bands.place(score, raw) if bands is not None else None,
        )

    return place


def _kpi_points(kpis: Sequence[KpiRef]) -> int:
    return len(kpis) + sum(k.priority for k in kpis)


def _delta(a: float | None, b: float | None) -> float | None:
    return round(a - b, SCORE_DIGITS) if a is not None and b is not None else None


def _round(value: float | None, digits: int) -> float | None:
    return round(value, digits) if value is not None else None


def _in_rank_order(chosen: Iterable[str], ranked: Sequence[Recommendation]) -> tuple[str, ...]:
    wanted = set(chosen)
    return tuple(r.action for r in ranked if r.action in wanted)


def feasible_label(status: Feasible) -> str:
    return {"ready": "quick win", "groundwork": "groundwork first", "unknown": "to confirm"}[status]
