"""Score answers on a model: compiled once per (industry, region), then cheap per respondent.

Compilation resolves everything that does not depend on the answers (option points,
benchmark-relative thresholds, narratives for the industry, catalog items) so that
scoring one respondent is a few dictionary lookups and additions per question.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .._text import resolve
from ..model import (
    Dimension,
    Ladder,
    Matrix,
    MaturityModel,
    MultiChoice,
    Number,
    Question,
    RelativeBound,
    Scale,
    SingleChoice,
    YesNo,
    bound_at,
    contributions_to,
    points_range,
)
from ._answers import (
    EXCLUDED,
    AnswerProblem,
    AnswerReader,
    Answers,
    Context,
    InvalidAnswersError,
    items_for,
)
from ._explain import explain_dimension, explain_overall
from ._result import (
    BenchmarkFigure,
    DimensionResult,
    Exclusion,
    GroupResult,
    HeadroomResult,
    Opportunity,
    OverallResult,
    Placement,
    Result,
)

SCORE_DIGITS = 2
RAW_DIGITS = 4

# (points, normalized) for one answer, or None when the answer gives nothing to count.
Evaluate = Callable[[Any], tuple[float, float] | None]


@dataclass(frozen=True, slots=True)
class Entry:
    """One question's part in one dimension."""

    question: Question
    weight: float
    low: float
    high: float
    evaluate: Evaluate
    stage: str | None
    item_values: Callable[[Any], list[tuple[str, float, float]]] | None = None
    item_stages: Mapping[str, str | None] | None = None


class PlacedLadder:
    """A ladder with its thresholds fixed for one benchmark: placing is one bisect."""

    def __init__(
        self, ladder: Ladder, benchmark: float | None, words: Callable[[str], Placement]
    ) -> None:
        self.basis = ladder.basis
        self.starts = [bound_at(r.from_, benchmark) for r in ladder.rungs]
        self.placements = [words(r.id) for r in ladder.rungs]

    def place(self, score: float | None, raw: float | None) -> Placement | None:
        value = score if self.basis == "score" else raw
        if value is None:
            return None
        index = bisect_right(self.starts, value) - 1
        return self.placements[max(0, index)]


class Scorer:
    """Scores answers on one model; keeps a compiled plan per industry and region."""

    def __init__(self, model: MaturityModel, locale: str | None = None) -> None:
        self.model = model
        self.locale = locale or model.locale
        self.reader = AnswerReader(model)
        self._plans: dict[tuple[str, str | None], _Plan] = {}

    def text(self, value: Any) -> str:
        return resolve(value, self.locale, self.model.locale) or ""

    def plan(self, context: Context) -> _Plan:
        key = (context.industry, context.region)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = _Plan(self, context.industry, context.region)
        return plan

    def score_raw(self, raw: Mapping[str, Any], explain: bool = False) -> Result:
        """Check and score a mapping {industry, region, size, answers, notes}; raise on problems."""
        problems: list[AnswerProblem] = []
        context = self.reader.context(raw, problems)
        answers_raw = raw.get("answers") or {}
        if not isinstance(answers_raw, Mapping):
            problem = AnswerProblem("answers", "expected a mapping of question id to answer")
            raise InvalidAnswersError([*problems, problem])
        answers, more = self.reader.read(answers_raw, context)
        if problems or more:
            raise InvalidAnswersError(problems + more)
        return self.score(answers, explain)

    def score(self, answers: Answers, explain: bool = False) -> Result:
        """Score checked answers (from AnswerReader); the same answers always give the same result."""
        return self.plan(answers.context).score(answers, explain)


class _Plan:
    """Everything about scoring that is fixed once the industry and region are known."""

    def __init__(self, scorer: Scorer, industry: str, region: str | None) -> None:
        m = scorer.model
        self.scorer, self.model, self.industry, self.region = scorer, m, industry, region
        self.items = items_for(m, industry)
        self.benchmarks, self.notes = self._benchmarks()
        self.dimensions = [self._dimension(d) for d in m.dimensions]
        self.weights = {d.id: d.weight for d in m.dimensions}
        overall_benchmark = self._overall_benchmark()
        self.overall_benchmark = overall_benchmark
        b = overall_benchmark.value if overall_benchmark else None
        self.overall_levels = self._ladder(m.overall.levels, b, self._level_words(None))
        self.overall_bands = self._ladder(
            m.overall.bands, b, self._band_words(m.overall.narratives)
        )
        self.group_levels = self._score_ladder(m.scoring.levels)
        self.stage_of_dimension = {d.id: d.stage for d in m.dimensions}

    # -- compilation -------------------------------------------------------------------

    def _benchmarks(self) -> tuple[dict[str, BenchmarkFigure], tuple[str, ...]]:
        m = self.model
        chosen = None
        for bench in m.benchmarks:
            matches = bench.industry == self.industry and bench.region in (self.region, None)
            if matches and (chosen is None or bench.region is not None):
                chosen = bench
        if chosen is None:
            relative = any(
                isinstance(b, RelativeBound)
                for ladder in m.ladders
                for r in ladder.rungs
                for b in (r.from_, r.to)
            )
            if m.benchmarks and relative:
                note = (
                    f"No published benchmark for the industry '{self.industry}'; bands relative "
                    "to a benchmark are not shown."
                )
                return {}, (note,)
            return {}, ()
        source = next((s for s in m.sources if s.id == chosen.source), None)
        name = self.scorer.text(source.name) if source else chosen.source
        if source and source.publisher:
            name = f"{source.publisher}: {name}"
        figures = {
            k: BenchmarkFigure(float(v), name, chosen.source) for k, v in chosen.values.items()
        }
        return figures, ()

    def _overall_benchmark(self) -> BenchmarkFigure | None:
        figures = [self.benchmarks.get(d.id) for d in self.model.dimensions]
        if not figures or any(f is None for f in figures):
            return None
        total = sum(self.weights[d.id] for d in self.model.dimensions)
        value = sum(
            f.value * self.weights[d.id]
            for f, d in zip(figures, self.model.dimensions, strict=True)
            if f
        )
        first = figures[0]
        assert first is not None
        return BenchmarkFigure(
            round(value / total, SCORE_DIGITS), first.source, first.source_id, derived=True
        )

    def _ladder(
        self, ladder_id: str | None, benchmark: float | None, words: Callable[[str], Placement]
    ) -> PlacedLadder | None:
        ladder = next((x for x in self.model.ladders if x.id == ladder_id), None)
        if ladder is None:
            return None
        relative = any(isinstance(b, RelativeBound) for r in ladder.rungs for b in (r.from_, r.to))
        if relative and benchmark is None:
            return None
        return PlacedLadder(ladder, benchmark, words)

    def _score_ladder(self, ladder_id: str | None) -> PlacedLadder | None:
        ladder = next((x for x in self.model.ladders if x.id == ladder_id), None)
        if ladder is None or ladder.basis != "score":
            return None
        return self._ladder(ladder_id, None, self._level_words(None))

    def _level_words(self, dimension: Dimension | None) -> Callable[[str], Placement]:
        levels = {lv.id: lv for lv in self.model.levels}
        text = self.scorer.text

        def words(rung_id: str) -> Placement:
            level = levels[rung_id]
            own = dimension.level_texts.get(rung_id) if dimension else None
            title = text(own.title) if own and own.title else None
            description = (
                text(own.description)
                if own and own.description
                else text(level.description or level.summary)
            )
            return Placement(rung_id, text(level.label), title, description or None)

        return words

    def _band_words(self, narratives: Mapping[str, Any]) -> Callable[[str], Placement]:
        rungs = {r.id: r for ladder in self.model.ladders for r in ladder.rungs}
        text = self.scorer.text

        def words(rung_id: str) -> Placement:
            rung = rungs[rung_id]
            story = narratives.get(rung_id)
            if isinstance(story, dict) and not _is_translation(story, self.model):
                story = story.get(self.industry, story.get("default"))
            narrative = text(story) if story is not None else text(rung.narrative)
            return Placement(
                rung_id,
                text(rung.label) or rung_id,
                None,
                narrative or None,
                text(rung.focus) or None,
            )

        return words

    def _dimension(self, dim: Dimension) -> _DimensionPlan:
        entries = [self._entry(q, w, dim) for q, w in contributions_to(self.model, dim)]
        bench = self.benchmarks.get(dim.id)
        b = bench.value if bench else None
        levels = self._ladder(dim.levels or self.model.scoring.levels, b, self._level_words(dim))
        bands = self._ladder(
            dim.bands or self.model.scoring.bands, b, self._band_words(dim.narratives)
        )
        return _DimensionPlan(dim, self.scorer.text(dim.label), entries, levels, bands, bench)

    def _entry(self, q: Question, weight: float, home: Dimension) -> Entry:
        low, high = points_range(q)
        stage = q.stage or home.stage
        if isinstance(q, Matrix):
            return self._matrix_entry(q, weight, home)
        return Entry(q, weight, low, high, _evaluator(q, low, high), stage)

    def _matrix_entry(self, q: Matrix, weight: float, target: Dimension) -> Entry:
        contribution = next(k for k in q.contributes if k.dimension == target.id)
        facets = {f.id: f for f in q.facets}
        values = {f.id: {o.id: o.value for o in f.options} for f in q.facets}
        totals = {f.id: sum(o.value for o in f.options) or 1.0 for f in q.facets}
        catalog = self.items.get(q.catalog, {})
        items = [(i.id, i.weight) for i in catalog.values()]

        def facet_value(answer: Mapping[str, Any], facet_id: str) -> float | None:
            chosen = answer.get(facet_id)
            if chosen is None:
                return None
            if facets[facet_id].multiple:
                return sum(values[facet_id][c] for c in chosen) / totals[facet_id]
            return values[facet_id][chosen]

        def item_value(answer: Mapping[str, Any]) -> float | None:
            value = 1.0
            for f in contribution.gate:
                value *= 1.0 if (facet_value(answer, f) or 0.0) > 0 else 0.0
            for f in contribution.multiply:
                value *= facet_value(answer, f) or 0.0
            if value == 0.0 or not contribution.average:
                return value
            averaged = [
                v for f in contribution.average if (v := facet_value(answer, f)) is not None
            ]
            return value * sum(averaged) / len(averaged) if averaged else None

        def item_values(answer: Mapping[str, Any]) -> list[tuple[str, float, float]]:
            out = []
            for item_id, item_weight in items:
                given = answer.get(item_id)
                if isinstance(given, Mapping):
                    v = item_value(given)
                    if v is not None:
                        out.append((item_id, item_weight, v))
            return out

        def evaluate(answer: Any) -> tuple[float, float] | None:
            scored = item_values(answer)
            total = sum(w for _, w, _ in scored)
            if not total:
                return None
            mean = sum(w * v for _, w, v in scored) / total
            return mean, mean

        stages = {i.id: i.stage for i in catalog.values()}
        return Entry(q, weight, 0.0, 1.0, evaluate, q.stage or target.stage, item_values, stages)

    # -- scoring -----------------------------------------------------------------------

    def score(self, answers: Answers, explain: bool) -> Result:
        values = answers.values
        excluded: list[Exclusion] = []
        dims = []
        explanation: dict[str, Any] | None = {"dimensions": []} if explain else None
        stage_sums: dict[str, list[float]] = {}
        for plan in self.dimensions:
            result, counted = plan.score(values, excluded, stage_sums)
            dims.append(result)
            if explanation is not None:
                explanation["dimensions"].append(
                    explain_dimension(plan, result, counted, values, self)
                )
        overall = self._overall(dims)
        if explanation is not None:
            explanation["overall"] = explain_overall(self.model, dims, overall)
        return Result(
            self.model.id,
            self.model.version,
            self.industry,
            self.region,
            answers.context.size,
            tuple(dims),
            overall,
            self._axes(dims),
            self._stages(stage_sums),
            tuple(excluded),
            self.notes + self._missing_notes(dims),
            self._headroom(dims, values),
            explanation,
        )

    def _overall(self, dims: list[DimensionResult]) -> OverallResult:
        scored = [d for d in dims if d.score is not None]
        if not scored:
            return OverallResult(None, None, None, None, self.overall_benchmark)
        weight = sum(self.weights[d.id] for d in scored)
        score = round(
            sum(self.weights[d.id] * (d.score or 0.0) for d in scored) / weight, SCORE_DIGITS
        )
        raws = [d.raw or 0.0 for d in scored]
        raw = round(
            sum(raws) if self.model.overall.raw == "sum" else sum(raws) / len(raws), RAW_DIGITS
        )
        level = self.overall_levels.place(score, raw) if self.overall_levels else None
        band = self.overall_bands.place(score, raw) if self.overall_bands else None
        return OverallResult(score, raw, level, band, self.overall_benchmark)

    def _axes(self, dims: list[DimensionResult]) -> tuple[GroupResult, ...]:
        out = []
        for axis in self.model.axes:
            members = [d for d in dims if d.axis == axis.id and d.score is not None]
            weight = sum(self.weights[d.id] for d in members)
            score = (
                round(
                    sum(self.weights[d.id] * (d.score or 0.0) for d in members) / weight,
                    SCORE_DIGITS,
                )
                if weight
                else None
            )
            level = self.group_levels.place(score, None) if self.group_levels else None
            out.append(GroupResult(axis.id, self.scorer.text(axis.label), score, level))
        return tuple(out)

    def _stages(self, sums: Mapping[str, list[float]]) -> tuple[GroupResult, ...]:
        out = []
        for stage in self.model.stages:
            total = sums.get(stage.id)
            score = round(100 * total[1] / total[0], SCORE_DIGITS) if total and total[0] else None
            level = self.group_levels.place(score, None) if self.group_levels else None
            out.append(GroupResult(stage.id, self.scorer.text(stage.label), score, level))
        return tuple(out)

    def _missing_notes(self, dims: list[DimensionResult]) -> tuple[str, ...]:
        missing = [d.label for d in dims if d.score is None]
        if not missing:
            return ()
        return (f"Not scored, no countable answers: {', '.join(missing)}.",)

    def _headroom(
        self, dims: list[DimensionResult], values: Mapping[str, Any]
    ) -> HeadroomResult | None:
        h = self.model.headroom
        if h is None:
            return None
        by_id = {d.id: d for d in dims}
        potential = by_id[h.potential].score
        deployed = [by_id[d].score for d in h.deployed if by_id[d].score is not None]
        if potential is None or not deployed:
            return None
        mean = round(sum(s or 0.0 for s in deployed) / len(deployed), SCORE_DIGITS)
        gap = round(potential - mean, SCORE_DIGITS)
        return HeadroomResult(potential, mean, gap, gap >= h.threshold, self._ready(values))

    def _ready(self, values: Mapping[str, Any]) -> tuple[Opportunity, ...]:
        """Use cases not yet fully automated whose every required system is in place."""
        h = self.model.headroom
        assert h is not None
        assert self.model.systems_question is not None
        systems = values.get(self.model.systems_question)
        if not isinstance(systems, frozenset):
            return ()
        matrix = next(q for d in self.model.dimensions for q in d.questions if q.id == h.matrix)
        assert isinstance(matrix, Matrix)
        status = next(f for f in matrix.facets if f.id == h.status_facet)
        full = max(o.value for o in status.options)
        given = values.get(h.matrix) or {}
        ready = []
        for item in sorted(self.items.get(matrix.catalog, {}).values(), key=lambda i: -i.weight):
            answer = given.get(item.id)
            done = isinstance(answer, Mapping) and any(
                o.id == answer.get(h.status_facet) and o.value >= full for o in status.options
            )
            if not done and set(item.requires) <= systems:
                ready.append(Opportunity(item.id, self.scorer.text(item.label), item.stage))
        return tuple(ready)


class _DimensionPlan:
    __slots__ = ("bands", "benchmark", "dim", "entries", "label", "levels", "sum_rule")

    def __init__(
        self,
        dim: Dimension,
        label: str,
        entries: list[Entry],
        levels: PlacedLadder | None,
        bands: PlacedLadder | None,
        benchmark: BenchmarkFigure | None,
    ) -> None:
        self.dim, self.label, self.entries = dim, label, entries
        self.levels, self.bands, self.benchmark = levels, bands, benchmark
        self.sum_rule = dim.rule == "sum"

    def score(
        self,
        values: Mapping[str, Any],
        excluded: list[Exclusion],
        stage_sums: dict[str, list[float]],
    ) -> tuple[DimensionResult, list[tuple[Entry, float, float]]]:
        counted: list[tuple[Entry, float, float]] = []
        skipped = 0
        for entry in self.entries:
            answer = values.get(entry.question.id)
            if answer is None or (answer.__class__ is str and answer in EXCLUDED):
                skipped += 1
                excluded.append(Exclusion(entry.question.id, answer or "unanswered"))
                continue
            got = entry.evaluate(answer)
            if got is None:
                skipped += 1
                excluded.append(Exclusion(entry.question.id, "unanswered"))
                continue
            counted.append((entry, got[0], got[1]))
            if entry.item_values is not None:
                _add_item_stages(entry, answer, stage_sums)
            elif entry.stage is not None:
                sums = stage_sums.setdefault(entry.stage, [0.0, 0.0])
                sums[0] += entry.weight
                sums[1] += entry.weight * got[1]
        score, raw = self._combine(counted)
        level = self.levels.place(score, raw) if self.levels else None
        band = self.bands.place(score, raw) if self.bands else None
        dim = self.dim
        result = DimensionResult(
            dim.id,
            self.label,
            score,
            raw,
            level,
            band,
            self.benchmark,
            len(counted),
            skipped,
            dim.axis,
            dim.stage,
        )
        return result, counted

    def _combine(
        self, counted: list[tuple[Entry, float, float]]
    ) -> tuple[float | None, float | None]:
        if not counted:
            return None, None
        if self.sum_rule:
            span = sum(e.high - e.low for e, _, _ in counted)
            raw = sum(p for _, p, _ in counted)
            score = 100.0 * sum(p - e.low for e, p, _ in counted) / span
        else:
            weight = sum(e.weight for e, _, _ in counted)
            raw = sum(e.weight * p for e, p, _ in counted) / weight
            score = 100.0 * sum(e.weight * n for e, _, n in counted) / weight
        return round(score, SCORE_DIGITS), round(raw, RAW_DIGITS)


def _add_item_stages(entry: Entry, answer: Any, stage_sums: dict[str, list[float]]) -> None:
    assert entry.item_values is not None
    assert entry.item_stages is not None
    stages = entry.item_stages
    for item_id, weight, value in entry.item_values(answer):
        stage = stages.get(item_id)
        if stage is not None:
            sums = stage_sums.setdefault(stage, [0.0, 0.0])
            sums[0] += weight
            sums[1] += weight * value


def _evaluator(q: Question, low: float, high: float) -> Evaluate:
    span = (high - low) or 1.0
    if isinstance(q, SingleChoice):
        table = {o.id: (o.score, (o.score - low) / span) for o in q.options}
        return table.__getitem__
    if isinstance(q, MultiChoice):
        scores = {o.id: o.score for o in q.options}
        cap = high

        def multi(chosen: frozenset[str]) -> tuple[float, float]:
            points = min(cap, sum(scores[c] for c in chosen))
            return points, points / span

        return multi
    if isinstance(q, Scale):
        return lambda value: (float(value), (value - low) / span)
    if isinstance(q, YesNo):
        yes, no = (q.yes_score, (q.yes_score - low) / span), (q.no_score, (q.no_score - low) / span)
        return lambda value: yes if value else no
    if isinstance(q, Number):
        worst, best = q.worst, q.best

        def number(value: float) -> tuple[float, float]:
            normalized = min(1.0, max(0.0, (value - worst) / (best - worst)))
            return normalized, normalized

        return number
    raise TypeError(type(q))


def _is_translation(mapping: Mapping[str, Any], model: MaturityModel) -> bool:
    """A narrative mapping keyed by locales (a translation), not by industries."""
    industries = {i.id for i in model.industries} | {"default"}
    return not any(key in industries for key in mapping)
