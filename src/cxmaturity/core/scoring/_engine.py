"""Score answers on a model: compiled once per (industry, region), then cheap per respondent.

Compilation resolves everything that does not depend on the answers (option points,
benchmark-relative thresholds, narratives and labels for the industry, catalog items, the
headroom's use cases) so that scoring one respondent is a few dictionary lookups and
additions per question, and a few list lookups and additions per use-case matrix item.

Use-case matrices dominate the cost, so they come encoded: while checking a matrix answer,
the reader numbers each item's answer by the combination of options scoring reads, and
hands the scorer one code per catalog item (see _codes). The scorer works out once per
code what an item answer is worth (see _matrix), so a matrix is summed from its codes by
list lookups, without walking the nested answer; answers built by hand, without codes, are
walked as before and give the same figures. Results that depend on few values are looked
up rather than built again: what each plain answer adds, a dimension's result by its score
and raw value, a stage's result by its score, and the score of a journey stage fed by one
matrix alone by the codes of its items (see CodedStage).

Every sum is built one addition at a time in the order the model lists dimensions,
questions and items, the same order as the plain formulas, so the same answers always give
bit-for-bit the same figures, whichever way they are scored (from codes or by a walk, with
or without the explanation).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import astuple, dataclass, field
from functools import partial
from types import MappingProxyType
from typing import Any, NamedTuple

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
    Rung,
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
from ._codes import MatrixCodes
from ._explain import explain_dimension, explain_overall
from ._matrix import MEMO_LIMIT, NO_STAGE, CodedStage, MatrixPlan, PerCode, Walk
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
# Results remembered per stage or axis: scores have two decimals, from 0 to 100.
GROUP_MEMO_LIMIT = 10_002
# ... and by the sums they come from (Σ weight, Σ weight × normalized), per stage.
SUMS_MEMO_LIMIT = 16_384
# Results remembered per dimension: most dimensions take few (score, raw) pairs.
RESULT_MEMO_LIMIT = 4_096

# (points, normalized) for one answer, or None when the answer gives nothing to count.
Evaluate = Callable[[Any], tuple[float, float] | None]
# What an answer adds up to in its dimension: points, normalized, the three sums' terms
# (weighted mean: weight, weight × points, weight × normalized; sum: high - low, points,
# points - low), and its stage's term (weight × normalized).
Terms = tuple[float, float, float, float, float, float]
_NO_CODES: Mapping[str, MatrixCodes] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Entry:
    """One question's part in one dimension.

    A matrix entry has no `evaluate`: its value comes from the respondent's walk over the
    matrix (`walk` indexes the plan's matrices, walks and codes, `contribution` the
    matrix's contributions).
    """

    question: Question
    qid: str
    weight: float
    low: float
    high: float
    evaluate: Evaluate | None
    stage: int
    exclusions: Mapping[str | None, Exclusion]
    matrix: MatrixPlan | None = None
    walk: int = -1
    contribution: int = -1
    # answer -> what it adds (see Terms): a question takes few distinct answers, row after row
    known: dict[Any, Terms] = field(default_factory=dict)


class PlacedLadder:
    """A ladder with its thresholds fixed for one benchmark: placing is one bisect."""

    def __init__(
        self, ladder: Ladder, benchmark: float | None, words: Callable[[Rung], Placement]
    ) -> None:
        self.basis = ladder.basis
        self.by_score = ladder.basis == "score"
        self.starts = [bound_at(r.from_, benchmark) for r in ladder.rungs]
        self.placements = [words(r) for r in ladder.rungs]
        # bisect_right gives 0 below the first rung, which lands on the first rung too
        self._by_bisect = [self.placements[0], *self.placements]

    def place(self, score: float | None, raw: float | None) -> Placement | None:
        value = score if self.by_score else raw
        if value is None:
            return None
        return self._by_bisect[bisect_right(self.starts, value)]


class Scorer:
    """Scores answers on one model; keeps a compiled plan per industry and region."""

    def __init__(self, model: MaturityModel, locale: str | None = None) -> None:
        self.model = model
        self.locale = locale or model.locale
        self.reader = AnswerReader(model)
        self._plans: dict[tuple[str, str | None], _Plan] = {}
        self._groups: dict[tuple[str, str], _GroupResults] = {}
        # compiled parts that depend on the industry alone, shared by the plans of every
        # region, with what they remember: by (industry, matrix id) and (industry, stage)
        self.matrices: dict[tuple[str, str], MatrixPlan] = {}
        self.stages_apart: dict[tuple[str, int], CodedStage] = {}
        # a dimension's results by score (see _DimensionPlan), shared by the plans that
        # place it on the same ladders: the same industry and benchmark figure
        self.dimension_results: dict[tuple[Any, ...], dict[Any, DimensionResult]] = {}
        # per (dimension, question), what each answer adds (see Entry.known), shared by the
        # plans of every industry and region
        self.answer_terms: dict[tuple[str, str], dict[Any, Terms]] = {}
        # per industry, the use cases each set of systems allows (see _HeadroomPlan)
        self.allowed_use_cases: dict[str, dict[frozenset[str], _Allowed]] = {}

    def text(self, value: Any) -> str:
        return resolve(value, self.locale, self.model.locale) or ""

    def plan(self, context: Context) -> _Plan:
        key = (context.industry, context.region)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = _Plan(self, context.industry, context.region)
        return plan

    def groups(self, group_id: str, label: str, ladder: PlacedLadder | None) -> _GroupResults:
        """The results of a stage or axis, shared by every plan (the ladder is the same)."""
        found = self._groups.get((group_id, label))
        if found is None:
            found = self._groups[group_id, label] = _GroupResults(group_id, label, ladder)
        return found

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


class _GroupResults(dict[float | None, GroupResult]):
    """The results of one stage or axis, by score, built once and shared by every plan.

    Such a result depends on nothing else (its level comes from the score ladder, the same
    for every industry), and looking one up costs far less than building it. A stage's
    result is also remembered by the sums its score comes from (`by_sums`): looking it up
    saves working out and rounding the score.
    """

    __slots__ = ("by_sums", "group_id", "label", "ladder")

    def __init__(self, group_id: str, label: str, ladder: PlacedLadder | None) -> None:
        super().__init__()
        self.group_id, self.label, self.ladder = group_id, label, ladder
        self.by_sums: dict[tuple[float, float], GroupResult] = {}

    def add(self, score: float | None) -> GroupResult:
        """The result for a score not seen yet, remembered."""
        ladder = self.ladder
        found = GroupResult(
            self.group_id, self.label, score, ladder.place(score, None) if ladder else None
        )
        if len(self) < GROUP_MEMO_LIMIT:
            self[score] = found
        return found


class _Plan:
    """Everything about scoring that is fixed once the industry and region are known."""

    def __init__(self, scorer: Scorer, industry: str, region: str | None) -> None:
        m = scorer.model
        self.scorer, self.model, self.industry, self.region = scorer, m, industry, region
        self.items = items_for(m, industry)
        self.benchmarks, self.notes = self._benchmarks()
        self.stage_index = {s.id: n for n, s in enumerate(m.stages)}
        apart = self._stages_of_one_matrix()
        # the stages whose sums are added up along with the dimensions' (see CodedStage)
        self.summed_stages = {s: n for s, n in self.stage_index.items() if n not in apart}
        self.matrices: list[MatrixPlan] = []
        self.dimensions = [self._dimension(d) for d in m.dimensions]
        self.weights = {d.id: d.weight for d in m.dimensions}
        overall_benchmark = self._overall_benchmark()
        self.overall_benchmark = overall_benchmark
        b = overall_benchmark.value if overall_benchmark else None
        self.overall_levels = self._ladder(m.overall.levels, b, self._level_words(None))
        self.overall_bands = self._ladder(
            m.overall.bands, b, self._band_words(m.overall.narratives)
        )
        self.model_id, self.model_version = m.id, m.version
        self.dimension_weights = [d.weight for d in m.dimensions]
        self.raw_sum = m.overall.raw == "sum"
        group_levels = self._score_ladder(m.scoring.levels)
        self.stage_groups = [
            scorer.groups(s.id, scorer.text(s.label), group_levels) for s in m.stages
        ]
        self.coded_stages = [
            self._coded_stage(n, apart[n]) if n in apart else None for n in range(len(m.stages))
        ]
        # per stage, in order: its shared results, and how it is scored if apart
        self.stage_parts = tuple(zip(self.stage_groups, self.coded_stages, strict=True))
        self.no_stages = [0.0] * len(m.stages)
        self.axis_groups = [
            (
                scorer.groups(axis.id, scorer.text(axis.label), group_levels),
                [n for n, d in enumerate(m.dimensions) if d.axis == axis.id],
            )
            for axis in m.axes
        ]
        self.headroom = _HeadroomPlan.compile(self)

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
            round_score(value / total), first.source, first.source_id, derived=True
        )

    def _ladder(
        self, ladder_id: str | None, benchmark: float | None, words: Callable[[Rung], Placement]
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

    def _level_words(self, dimension: Dimension | None) -> Callable[[Rung], Placement]:
        levels = {lv.id: lv for lv in self.model.levels}
        text = self.scorer.text

        def words(rung: Rung) -> Placement:
            rung_id = rung.id
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

    def _band_words(self, narratives: Mapping[str, Any]) -> Callable[[Rung], Placement]:
        """Words for a band: its ladder's own rung, so equal rung ids in two ladders stay apart."""
        text = self.scorer.text

        def words(rung: Rung) -> Placement:
            rung_id = rung.id
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
        figure = astuple(bench) if bench else None
        results = self.scorer.dimension_results.setdefault((dim.id, self.industry, figure), {})
        label = self.scorer.text(dim.label)
        return _DimensionPlan(dim, label, entries, levels, bands, bench, results)

    def _entry(self, q: Question, weight: float, home: Dimension) -> Entry:
        exclusions: dict[str | None, Exclusion] = {
            reason: Exclusion(q.id, reason or "unanswered") for reason in (None, *EXCLUDED)
        }
        if isinstance(q, Matrix):
            walk = self._matrix(q)
            matrix = self.matrices[walk]
            contribution = matrix.contribution_to(home.id)
            return Entry(
                q, q.id, weight, 0.0, 1.0, None, NO_STAGE, exclusions, matrix, walk, contribution
            )
        low, high = points_range(q)
        stage = self.stage_index.get(q.stage or home.stage or "", NO_STAGE)
        # what its answers add follows from the question and its dimension alone
        known = self.scorer.answer_terms.setdefault((home.id, q.id), {})
        return Entry(
            q, q.id, weight, low, high, _evaluator(q, low, high), stage, exclusions, known=known
        )

    def _matrix(self, q: Matrix) -> int:
        """The position of the matrix's plan in `matrices`, compiling it on first use."""
        for n, plan in enumerate(self.matrices):
            if plan.question.id == q.id:
                return n
        shared = self.scorer.matrices
        key = (self.industry, q.id)
        if key not in shared:
            coding = self.scorer.reader.codings[q.id]
            catalog = self.items.get(q.catalog, {})
            shared[key] = MatrixPlan(q, catalog, self.summed_stages, coding, self.industry)
        self.matrices.append(shared[key])
        return len(self.matrices) - 1

    def _stages_of_one_matrix(self) -> dict[int, str]:
        """The stages only the items of one matrix feed, by position, with its id: they are
        scored apart (see CodedStage)."""
        m = self.model
        feeders: dict[int, set[str | None]] = {}
        for dim in m.dimensions:
            for q, _ in contributions_to(m, dim):
                if isinstance(q, Matrix):
                    stages = [i.stage for i in self.items.get(q.catalog, {}).values()]
                    feeder: str | None = q.id
                else:
                    stages, feeder = [q.stage or dim.stage], None
                for stage in stages:
                    n = self.stage_index.get(stage or "")
                    if n is not None:
                        feeders.setdefault(n, set()).add(feeder)
        return {n: qid for n, found in feeders.items() if len(found) == 1 for qid in found if qid}

    def _coded_stage(self, stage: int, qid: str) -> CodedStage:
        """A stage scored apart: its items' additions in the order the dimensions make them."""
        shared = self.scorer.stages_apart
        key = (self.industry, stage)
        if key not in shared:
            shared[key] = self._new_coded_stage(stage, qid)
        return shared[key]

    def _new_coded_stage(self, stage: int, qid: str) -> CodedStage:
        """The stage compiled: every (contribution, item) adding to it, in the order
        `_DimensionPlan.score` would add them."""
        sequence = [
            (entry.contribution, position, item.weight)
            for plan in self.dimensions
            for entry in plan.entries
            if entry.matrix is not None and entry.matrix.qid == qid
            for position, item in enumerate(entry.matrix.items)
            if self.stage_index.get(item.stage or "") == stage
        ]
        walk = next(n for n, matrix in enumerate(self.matrices) if matrix.qid == qid)
        return CodedStage(partial(_group_result, self.stage_groups[stage]), walk, sequence)

    # -- scoring -----------------------------------------------------------------------

    def score(self, answers: Answers, explain: bool) -> Result:
        values = answers.values
        get = values.get
        coded = answers.codes or _NO_CODES
        # per matrix: the reader's codes for its answer (None if it gave none), and its walk
        codes: list[tuple[int, ...] | None] = []
        walks: list[Walk] = []
        left_out: list[Exclusion] = []
        for matrix in self.matrices:
            answer = get(matrix.qid)
            codes.append(matrix.codes(answer, coded))
            walks.append(matrix.values(answer, codes[-1], left_out))
        excluded: list[Exclusion] = []
        stage_weights = self.no_stages.copy()
        stage_sums = self.no_stages.copy()
        if explain:
            dims, explanation = self._explained(values, walks, excluded, stage_weights, stage_sums)
        else:
            dims = [
                plan.score(get, walks, excluded, stage_weights, stage_sums, None)
                for plan in self.dimensions
            ]
            explanation = None
        overall = self._overall(dims)
        if explanation is not None:
            explanation["overall"] = explain_overall(self.model, dims, overall)
        headroom = self.headroom
        return Result(
            self.model_id,
            self.model_version,
            self.industry,
            self.region,
            answers.context.size,
            tuple(dims),
            overall,
            self._axes(dims) if self.axis_groups else (),
            self._stages(stage_weights, stage_sums, walks, codes),
            _exclusions(excluded, left_out),
            self.notes + self._missing_notes(dims),
            headroom.result(dims, values, codes[headroom.walk]) if headroom is not None else None,
            explanation,
        )

    def _explained(
        self,
        values: Mapping[str, Any],
        walks: list[Walk],
        excluded: list[Exclusion],
        stage_weights: list[float],
        stage_sums: list[float],
    ) -> tuple[list[DimensionResult], dict[str, Any]]:
        """The dimensions' results, and how each was computed."""
        dims = []
        explained = []
        for plan in self.dimensions:
            counted: list[tuple[Entry, float, float]] = []
            result = plan.score(values.get, walks, excluded, stage_weights, stage_sums, counted)
            dims.append(result)
            explained.append(explain_dimension(plan, result, counted, values, self, walks))
        return dims, {"dimensions": explained}

    def _overall(self, dims: list[DimensionResult]) -> OverallResult:
        weight = total = raw_total = 0.0
        scored = 0
        weights = self.dimension_weights
        for n, d in enumerate(dims):
            score = d.score
            if score is not None:
                w = weights[n]
                weight += w
                total += w * score
                raw_total += d.raw or 0.0
                scored += 1
        if not scored:
            return OverallResult(None, None, None, None, self.overall_benchmark)
        score = round_score(total / weight)
        raw = round_raw(raw_total if self.raw_sum else raw_total / scored)
        levels, bands = self.overall_levels, self.overall_bands
        return OverallResult(
            score,
            raw,
            levels.place(score, raw) if levels else None,
            bands.place(score, raw) if bands else None,
            self.overall_benchmark,
        )

    def _axes(self, dims: list[DimensionResult]) -> tuple[GroupResult, ...]:
        out = []
        for known, members in self.axis_groups:
            weight = total = 0.0
            for n in members:
                d = dims[n]
                if d.score is not None:
                    w = self.dimension_weights[n]
                    weight += w
                    total += w * d.score
            score = round_score(total / weight) if weight else None
            out.append(known.get(score) or known.add(score))
        return tuple(out)

    def _stages(
        self,
        weights: list[float],
        sums: list[float],
        walks: list[Walk],
        codes: list[tuple[int, ...] | None],
    ) -> tuple[GroupResult, ...]:
        """Each stage's result: from its sums, or looked up if it is scored apart."""
        return tuple(
            [
                _group_result(known, weights[n], sums[n])
                if coded is None
                else coded.result(walks, codes)
                for n, (known, coded) in enumerate(self.stage_parts)
            ]
        )

    def _missing_notes(self, dims: list[DimensionResult]) -> tuple[str, ...]:
        missing = [d.label for d in dims if d.score is None]
        if not missing:
            return ()
        return (f"Not scored, no countable answers: {', '.join(missing)}.",)


class _Allowed(NamedTuple):
    """The use cases a set of systems allows, by weight: ids and words, and each one's
    words with its position in the catalog (where its code is in a matrix answer's)."""

    items: tuple[str, ...]
    opportunities: tuple[Opportunity, ...]
    placed: tuple[tuple[int, Opportunity], ...]


class _HeadroomPlan:
    """The headroom check with its catalog data fixed: use cases by weight, what they need."""

    __slots__ = (
        "allowed",
        "deployed",
        "done",
        "matrix",
        "not_done",
        "potential",
        "status",
        "systems",
        "threshold",
        "use_cases",
        "walk",
    )

    def __init__(
        self,
        plan: _Plan,
        potential: int,
        deployed: list[int],
        matrix: Matrix,
    ) -> None:
        model = plan.model
        h = model.headroom
        assert h is not None
        assert model.systems_question is not None
        self.potential, self.deployed, self.threshold = potential, deployed, h.threshold
        self.matrix, self.status, self.systems = matrix.id, h.status_facet, model.systems_question
        status = next(f for f in matrix.facets if f.id == h.status_facet)
        full = max(o.value for o in status.options)
        self.done = frozenset(o.id for o in status.options if o.value >= full)
        self.walk = plan._matrix(matrix)  # the matrix's place in the plan's walks and codes
        coding = plan.matrices[self.walk].coding
        at = coding.facets.index(h.status_facet)  # scoring reads the status: it is coded
        self.not_done = PerCode(coding, lambda c: c is None or c[at] not in self.done)
        catalog = plan.items.get(matrix.catalog, {})
        position = {item: n for n, item in enumerate(catalog)}
        self.use_cases = tuple(
            (
                i.id,
                position[i.id],
                frozenset(i.requires),
                Opportunity(i.id, plan.scorer.text(i.label), i.stage),
            )
            for i in sorted(catalog.values(), key=lambda i: -i.weight)
        )
        # per set of systems in place, the use cases it allows: a respondent's systems are
        # one of few combinations, and use cases many; shared by the plans of every region
        self.allowed = plan.scorer.allowed_use_cases.setdefault(plan.industry, {})

    @classmethod
    def compile(cls, plan: _Plan) -> _HeadroomPlan | None:
        h = plan.model.headroom
        if h is None:
            return None
        position = {d.id: n for n, d in enumerate(plan.model.dimensions)}
        matrix = next(q for d in plan.model.dimensions for q in d.questions if q.id == h.matrix)
        assert isinstance(matrix, Matrix)
        return cls(plan, position[h.potential], [position[d] for d in h.deployed], matrix)

    def result(
        self, dims: list[DimensionResult], values: Mapping[str, Any], codes: tuple[int, ...] | None
    ) -> HeadroomResult | None:
        """The headroom, if scored; `codes` are the matrix answer's, if the reader gave them."""
        potential = dims[self.potential].score
        if potential is None:
            return None
        total = 0.0
        scored = 0
        for n in self.deployed:
            score = dims[n].score
            if score is not None:
                total += score
                scored += 1
        if not scored:
            return None
        mean = round_score(total / scored)
        gap = round_score(potential - mean)
        ready = self._ready(values, codes)
        return HeadroomResult(potential, mean, gap, gap >= self.threshold, ready)

    def _ready(
        self, values: Mapping[str, Any], codes: tuple[int, ...] | None
    ) -> tuple[Opportunity, ...]:
        """Use cases not yet fully automated whose every required system is in place."""
        systems = values.get(self.systems)
        if not isinstance(systems, frozenset):
            return ()
        allowed = self.allowed.get(systems) or self._allow(systems)
        if codes is not None:
            not_done = self.not_done.table()
            return tuple(
                [
                    opportunity
                    for position, opportunity in allowed.placed
                    if not_done[codes[position]]
                ]
            )
        given = values.get(self.matrix)
        if not isinstance(given, Mapping):
            given = {}
        get, status, done = given.get, self.status, self.done
        ready = []
        for item_id, opportunity in zip(allowed.items, allowed.opportunities, strict=True):
            answer = get(item_id)
            fully_automated = (
                answer.__class__ is dict or isinstance(answer, Mapping)
            ) and answer.get(status) in done
            if not fully_automated:
                ready.append(opportunity)
        return tuple(ready)

    def _allow(self, systems: frozenset[str]) -> _Allowed:
        """The use cases a set of systems not seen yet allows, remembered."""
        allowed = [u for u in self.use_cases if u[2] <= systems]
        found = _Allowed(
            tuple(u[0] for u in allowed),
            tuple(u[3] for u in allowed),
            tuple((u[1], u[3]) for u in allowed),
        )
        if len(self.allowed) < MEMO_LIMIT:
            self.allowed[systems] = found
        return found


class _DimensionPlan:
    __slots__ = (
        "_results",
        "axis",
        "bands",
        "benchmark",
        "dim",
        "entries",
        "id",
        "label",
        "levels",
        "rows",
        "stage",
        "sum_rule",
    )

    def __init__(
        self,
        dim: Dimension,
        label: str,
        entries: list[Entry],
        levels: PlacedLadder | None,
        bands: PlacedLadder | None,
        benchmark: BenchmarkFigure | None,
        results: dict[tuple[float, float, int, int], DimensionResult],
    ) -> None:
        """`results`: what `score` remembers, shared with other plans whose dimension is
        placed the same (its ladders follow from the industry and the benchmark figure)."""
        self.dim, self.label, self.entries = dim, label, entries
        self.levels, self.bands, self.benchmark = levels, bands, benchmark
        self.sum_rule = dim.rule == "sum"
        self.id, self.axis, self.stage = dim.id, dim.axis, dim.stage
        # what `score` reads of each entry, unpacked at once rather than attribute by attribute
        self.rows = tuple((e, e.qid, e.known, e.stage, e.matrix) for e in entries)
        # results by (score, raw, answered, excluded): everything else is fixed
        self._results = results

    def score(
        self,
        get: Callable[[str], Any],
        walks: list[Walk],
        excluded: list[Exclusion],
        stage_weights: list[float],
        stage_sums: list[float],
        counted: list[tuple[Entry, float, float]] | None,
    ) -> DimensionResult:
        """Add up the dimension's answers (`get` looks them up); `counted` (when given)
        collects what was counted."""
        answered = skipped = 0
        # weighted mean: Σ weight, Σ weight × points, Σ weight × normalized;
        # sum: Σ (high - low), Σ points, Σ (points - low)
        a = b = c = 0.0
        for entry, qid, known, stage, matrix in self.rows:
            answer = get(qid)
            if matrix is None:
                try:
                    terms = known.get(answer)  # never holds None, dont_know or not_applicable
                except TypeError:  # an unhashable answer, from answers built by hand
                    terms = None
                if terms is None:
                    if answer is None or (answer.__class__ is str and answer in EXCLUDED):
                        skipped += 1
                        excluded.append(entry.exclusions[answer])
                        continue
                    terms = self._evaluate(entry, answer)
                    if terms is None:
                        skipped += 1
                        excluded.append(entry.exclusions[None])
                        continue
                points, normalized, da, db, dc, ds = terms
                if stage != NO_STAGE:
                    stage_weights[stage] += entry.weight
                    stage_sums[stage] += ds
            else:
                if answer is None or (answer.__class__ is str and answer in EXCLUDED):
                    skipped += 1
                    excluded.append(entry.exclusions[answer])
                    continue
                codes, tables = walks[entry.walk]
                total, weighted = matrix.add(
                    tables[entry.contribution], codes, stage_weights, stage_sums
                )
                if not total:
                    skipped += 1
                    excluded.append(entry.exclusions[None])
                    continue
                points = normalized = weighted / total
                _, _, da, db, dc, _ = self._terms(entry, points, normalized)
            answered += 1
            if counted is not None:
                counted.append((entry, points, normalized))
            a += da
            b += db
            c += dc
        if not answered:
            return self._unscored(skipped)
        if self.sum_rule:
            score, raw = round_score(100.0 * c / a), round_raw(b)
        else:
            score, raw = round_score(100.0 * c / a), round_raw(b / a)
        key = (score, raw, answered, skipped)
        return self._results.get(key) or self._scored(key)

    def _scored(self, key: tuple[float, float, int, int]) -> DimensionResult:
        """The result for a score not seen yet, remembered: looking one up costs far less
        than placing it on the ladders and building it."""
        score, raw, answered, skipped = key
        levels, bands = self.levels, self.bands
        found = DimensionResult(
            self.id,
            self.label,
            score,
            raw,
            levels.place(score, raw) if levels else None,
            bands.place(score, raw) if bands else None,
            self.benchmark,
            answered,
            skipped,
            self.axis,
            self.stage,
        )
        if len(self._results) < RESULT_MEMO_LIMIT:
            self._results[key] = found
        return found

    def _unscored(self, skipped: int) -> DimensionResult:
        return DimensionResult(
            self.id,
            self.label,
            None,
            None,
            None,
            None,
            self.benchmark,
            0,
            skipped,
            self.axis,
            self.stage,
        )

    def _evaluate(self, entry: Entry, answer: Any) -> Terms | None:
        """What a plain answer adds, remembered (if hashable) for the next respondents."""
        assert entry.evaluate is not None
        got = entry.evaluate(answer)
        if got is None:
            return None
        terms = self._terms(entry, *got)
        known = entry.known
        if len(known) < MEMO_LIMIT:
            with suppress(TypeError):  # an unhashable answer is not remembered
                known[answer] = terms
        return terms

    def _terms(self, entry: Entry, points: float, normalized: float) -> Terms:
        """What an answer worth these points adds, by the dimension's rule (see Terms)."""
        weight = entry.weight
        if self.sum_rule:
            span_term, points_term, normalized_term = (
                entry.high - entry.low,
                points,
                points - entry.low,
            )
        else:
            span_term, points_term, normalized_term = weight, weight * points, weight * normalized
        return points, normalized, span_term, points_term, normalized_term, weight * normalized


def _group_result(known: _GroupResults, weight: float, total: float) -> GroupResult:
    """A stage's result from its sums: Σ weight and Σ weight × normalized value (a score
    is a function of them, so the result may be looked up by them)."""
    found = known.by_sums.get((weight, total))
    if found is None:
        score = round_score(100 * total / weight) if weight else None
        found = known.get(score) or known.add(score)
        if len(known.by_sums) < SUMS_MEMO_LIMIT:
            known.by_sums[weight, total] = found
    return found


def round_score(value: float) -> float:
    """round(value, SCORE_DIGITS), bit for bit."""
    return _rounded(value, SCORE_DIGITS, 100.0)


def round_raw(value: float) -> float:
    """round(value, RAW_DIGITS), bit for bit."""
    return _rounded(value, RAW_DIGITS, 10_000.0)


def _rounded(value: float, digits: int, scale: float) -> float:
    """round(value, digits) for scale = 10 ** digits, without its decimal string where
    that cannot change the outcome: a score is rounded several times a respondent.

    round() rounds the exact value × scale to the nearest whole number D (ties to even),
    then returns the float nearest D / scale. Below 2 ** 30, `value * scale` is within
    2 ** -23 of that exact product, so when its fraction is 0.000001 or more away from one
    half, it rounds to the same D; D / scale, one IEEE division, is the float nearest to it.
    Anything else (ties, zero, negative or huge values) goes to round() itself.
    """
    scaled = value * scale
    if 0.0 < scaled < 1_073_741_824.0:
        whole = float(int(scaled))  # exact, as is the fraction: scaled is below 2 ** 30
        fraction = scaled - whole
        if fraction < 0.499999 or fraction > 0.500001:
            return (whole + 1.0 if fraction > 0.5 else whole) / scale
    return round(value, digits)


def _exclusions(excluded: list[Exclusion], items: list[Exclusion]) -> tuple[Exclusion, ...]:
    """Each left-out answer once (a matrix feeds several dimensions), then left-out items.

    Items are never repeated (a matrix is walked once) nor equal to a question's exclusion.
    """
    if len(excluded) > 1:
        excluded = list(dict.fromkeys(excluded))
    return (*excluded, *items)


def _evaluator(q: Question, low: float, high: float) -> Evaluate:
    span = (high - low) or 1.0
    if isinstance(q, SingleChoice):
        table = {o.id: (o.score, (o.score - low) / span) for o in q.options}
        return table.__getitem__
    if isinstance(q, MultiChoice):
        scores = {o.id: o.score for o in q.options}
        cap = high

        # a frozenset from the reader; any iterable of option ids from answers built by hand
        def multi(chosen: Iterable[str]) -> tuple[float, float]:
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
