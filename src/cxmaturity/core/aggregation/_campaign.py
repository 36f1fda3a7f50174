"""A campaign's respondents summed up: spread, agreement, departments, consensus, result.

`aggregate` takes a model and the respondents' checked answers (each with a key and a
department or team) and gives a `CampaignAggregate`:

- per question (per item × facet for a use-case matrix): how many answered and how
  many were left out (don't know, not applicable, unanswered, not asked), the
  distribution, and for ordinal questions the spread of the points and the agreement
  (rwg and AD, see `_stats`); a question where respondents disagree strongly (AD above
  c / 6 with at least 3 raters) lists the departments whose median answer is lower
  than, at, or higher than the overall median;
- per dimension (and overall): the spread of the respondents' 0-100 scores, their
  distribution in 10-point bins, the count per level, the agreement with each
  respondent's level as the ordinal category (the dimension's level ladder; 20-point
  bins if the model has none), and the mean per department;
- the aggregated answers, the consensus document and the campaign's result scored from it.

Department figures obey the minimum group size with complementary suppression (see
`_groups`). In anonymous mode nothing in the aggregate names a respondent or holds one
respondent's answers or scores; in named mode the respondents' own scores are listed by
key, without their departments (a department's size must never show below the minimum).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Facet, Ladder, Matrix, MaturityModel, MultiChoice, Question
from ..scoring import (
    AnswerProblem,
    AnswerReader,
    Answers,
    Context,
    InvalidAnswersError,
    Result,
    Scorer,
)
from ._answers import (
    Collected,
    Column,
    Consensus,
    build_consensus,
    chosen_counts,
    collect,
    consistent,
    facet_answer,
    facet_column,
    not_asked,
    question_answer,
)
from ._groups import MIN_GROUP, check_min_group, shown_groups
from ._scales import Coded, Ordinal, facet_ordinal, ordinal
from ._stats import Agreement, Spread, agreement_counts, spread, spread_counts, weighted_median

SCORE_DIGITS = 2
POINT_DIGITS = 4
SCORE_BINS = tuple(f"{n}-{n + 10}" for n in range(0, 100, 10))
FALLBACK_LEVELS = 5  # 20-point bins when a model has no level ladder


@dataclass(frozen=True, slots=True)
class Respondent:
    """One respondent of a campaign: a key (never shown in anonymous mode), a department
    or team (None: none given), and checked answers (from AnswerReader)."""

    key: str
    department: str | None
    answers: Answers


def checked_respondent(
    reader: AnswerReader,
    key: str,
    department: str | None,
    answers: Mapping[str, Any],
    context: Context,
) -> Respondent:
    """A respondent from raw answers, checked with the campaign's context; raises
    InvalidAnswersError (fields prefixed with the key) if anything is wrong."""
    checked, problems = reader.read(answers, context)
    if problems:
        raise InvalidAnswersError([AnswerProblem(f"{key}: {p.field}", p.message) for p in problems])
    return Respondent(key, department, checked)


@dataclass(slots=True)
class Side:
    """A department on one side of a disagreement: its size and median answer (points)."""

    department: str | None
    n: int
    median: float

    def to_dict(self) -> dict[str, Any]:
        return {"department": self.department, "n": self.n, "median": self.median}


@dataclass(slots=True)
class Sides:
    """Departments whose median answer is lower than, at, or higher than the overall
    median (on the ordinal ranks: lower means less mature); `hidden` respondents are in
    groups too small to show."""

    lower: tuple[Side, ...]
    at: tuple[Side, ...]
    higher: tuple[Side, ...]
    hidden: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "lower": [s.to_dict() for s in self.lower],
            "at": [s.to_dict() for s in self.at],
            "higher": [s.to_dict() for s in self.higher],
            "hidden": self.hidden,
        }


@dataclass(slots=True)
class QuestionSummary:
    """One question, or one facet of one item of a use-case matrix, across respondents.

    `type` is the question's type, or for a facet "single" or "multi". `spread` and
    `agreement` exist for ordinal questions only (not multiple choice); `sides` only
    when the agreement flags a strong disagreement.
    """

    key: str
    question: str
    item: str | None
    facet: str | None
    dimension: str
    type: str
    answered: int
    dont_know: int
    not_applicable: int
    unanswered: int
    not_asked: int
    distribution: dict[str, int]
    spread: Spread | None
    agreement: Agreement | None
    sides: Sides | None

    @property
    def excluded(self) -> int:
        """Respondents left out: don't know, not applicable or unanswered (not counting
        those a facet's applies_when did not ask)."""
        return self.dont_know + self.not_applicable + self.unanswered

    @property
    def flagged(self) -> bool:
        return self.agreement is not None and self.agreement.disagreement

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "question": self.question,
            "item": self.item,
            "facet": self.facet,
            "dimension": self.dimension,
            "type": self.type,
            "answered": self.answered,
            "excluded": self.excluded,
            "dont_know": self.dont_know,
            "not_applicable": self.not_applicable,
            "unanswered": self.unanswered,
            "not_asked": self.not_asked,
            "distribution": dict(self.distribution),
            "spread": self.spread.to_dict() if self.spread else None,
            "agreement": self.agreement.to_dict() if self.agreement else None,
            "flagged": self.flagged,
            "sides": self.sides.to_dict() if self.sides else None,
        }


@dataclass(slots=True)
class GroupFigure:
    """A department's mean score in one dimension, shown only for large enough groups."""

    department: str | None
    n: int
    mean: float

    def to_dict(self) -> dict[str, Any]:
        return {"department": self.department, "n": self.n, "mean": self.mean}


@dataclass(slots=True)
class DimensionSummary:
    """A dimension's (or the overall, id "overall") 0-100 scores across respondents."""

    id: str
    label: str
    scored: int
    unscored: int
    spread: Spread | None
    distribution: dict[str, int]
    levels: dict[str, int]
    agreement: Agreement | None
    departments: tuple[GroupFigure, ...]
    hidden: int

    def department(self, name: str | None) -> GroupFigure | None:
        return next((g for g in self.departments if g.department == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "scored": self.scored,
            "unscored": self.unscored,
            "spread": self.spread.to_dict() if self.spread else None,
            "distribution": dict(self.distribution),
            "levels": dict(self.levels),
            "agreement": self.agreement.to_dict() if self.agreement else None,
            "departments": [g.to_dict() for g in self.departments],
            "departments_hidden": self.hidden,
        }


@dataclass(slots=True)
class RespondentScores:
    """One respondent's own scores: listed in named mode only."""

    respondent: str
    overall: float | None
    scores: dict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {"respondent": self.respondent, "overall": self.overall, "scores": self.scores}


@dataclass(slots=True)
class CampaignAggregate:
    """Everything a campaign's results page shows; `to_dict()` is a stable JSON contract
    (keys are only ever added)."""

    model_id: str
    model_version: str
    context: Context
    respondents: int
    anonymous: bool
    min_group: int
    overall: DimensionSummary
    dimensions: tuple[DimensionSummary, ...]
    questions: tuple[QuestionSummary, ...]
    aggregated: dict[str, Any]
    consensus: Consensus
    result: Result
    individual: tuple[RespondentScores, ...] | None

    @property
    def flagged(self) -> tuple[str, ...]:
        """Keys of the questions (question.item.facet) where respondents disagree strongly."""
        return tuple(q.key for q in self.questions if q.flagged)

    def question(self, key: str) -> QuestionSummary:
        return next(q for q in self.questions if q.key == key)

    def dimension(self, dimension_id: str) -> DimensionSummary:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def agree(self, agreed: Mapping[str, Any] | None, scorer: Scorer) -> CampaignAggregate:
        """The same aggregate with other agreed answers (a new consensus and result)."""
        consensus = build_consensus(
            scorer.reader,
            self.context,
            self.aggregated,
            self.consensus.answered,
            self.respondents,
            agreed,
        )
        result = scorer.score_raw(consensus.raw(self.context))
        return CampaignAggregate(
            self.model_id,
            self.model_version,
            self.context,
            self.respondents,
            self.anonymous,
            self.min_group,
            self.overall,
            self.dimensions,
            self.questions,
            self.aggregated,
            consensus,
            result,
            self.individual,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": {"id": self.model_id, "version": self.model_version},
            "context": {
                "industry": self.context.industry,
                "region": self.context.region,
                "size": self.context.size,
            },
            "respondents": self.respondents,
            "anonymous": self.anonymous,
            "min_group": self.min_group,
            "overall": self.overall.to_dict(),
            "dimensions": [d.to_dict() for d in self.dimensions],
            "questions": [q.to_dict() for q in self.questions],
            "flagged": list(self.flagged),
            "aggregated": self.aggregated,
            "consensus": self.consensus.to_dict(),
            "result": self.result.to_dict(),
            "individual": (
                None if self.individual is None else [r.to_dict() for r in self.individual]
            ),
        }


def aggregate(
    model: MaturityModel,
    respondents: Iterable[Respondent],
    *,
    context: Context | None = None,
    agreed: Mapping[str, Any] | None = None,
    anonymous: bool = False,
    min_group: int = MIN_GROUP,
    scorer: Scorer | None = None,
) -> CampaignAggregate:
    """Sum up a campaign (see the module's docstring).

    `context` is the campaign's (industry, region, size): it picks the matrix items and
    scores the consensus document; each respondent is scored with their answers' own
    context, which should be the campaign's. `agreed` is the consensus step's answers
    (see `build_consensus`). `min_group` below 3 is refused with a ValueError.
    Pass a `scorer` built for `model` to reuse its compiled plans.
    """
    check_min_group(min_group)
    if scorer is None:
        scorer = Scorer(model)
    elif scorer.model is not model:
        raise ValueError("the scorer was built for another model")
    people = list(respondents)
    keys = [p.key for p in people]
    if len(set(keys)) != len(keys):
        raise ValueError("a respondent is listed twice: respondent keys must be unique")
    if context is None:
        context = people[0].answers.context if people else Context()
    departments = [_department(p.department) for p in people]
    results = [scorer.score(p.answers) for p in people]
    collected = collect(model, [p.answers.values for p in people], context.industry)
    questions, aggregated, answered = _walk(model, collected, departments, min_group)
    dimensions = tuple(
        _dimension_summary(
            d.id,
            scorer.text(d.label),
            [r.dimensions[n].score for r in results],
            [lv.id if (lv := r.dimensions[n].level) else None for r in results],
            _ladder(model, d.levels or model.scoring.levels),
            departments,
            min_group,
        )
        for n, d in enumerate(model.dimensions)
    )
    overall = _dimension_summary(
        "overall",
        "Overall",
        [r.overall.score for r in results],
        [lv.id if (lv := r.overall.level) else None for r in results],
        _ladder(model, model.overall.levels),
        departments,
        min_group,
    )
    consensus = build_consensus(scorer.reader, context, aggregated, answered, len(people), agreed)
    result = scorer.score_raw(consensus.raw(context))
    individual = None
    if not anonymous:
        individual = tuple(
            RespondentScores(p.key, r.overall.score, {d.id: d.score for d in r.dimensions})
            for p, r in zip(people, results, strict=True)
        )
    return CampaignAggregate(
        model.id,
        model.version,
        context,
        len(people),
        anonymous,
        min_group,
        overall,
        dimensions,
        questions,
        aggregated,
        consensus,
        result,
        individual,
    )


def _department(name: str | None) -> str | None:
    if name is None:
        return None
    cleaned = str(name).strip()
    return cleaned or None


def _ladder(model: MaturityModel, ladder_id: str | None) -> Ladder | None:
    return next((lad for lad in model.ladders if lad.id == ladder_id), None)


def _walk(
    model: MaturityModel,
    collected: Collected,
    departments: Sequence[str | None],
    min_group: int,
) -> tuple[tuple[QuestionSummary, ...], dict[str, Any], dict[str, int]]:
    """(summaries, aggregated document, respondents counted per question or question.item),
    from one count of each question's (each facet's) answers."""
    out: list[QuestionSummary] = []
    document: dict[str, Any] = {}
    answered: dict[str, int] = {}
    for dim in model.dimensions:
        for q in dim.questions:
            if not isinstance(q, Matrix):
                cell = collected.plain[q.id]
                where = Where(q.id, q.id, None, None, dim.id, q.type)
                out.append(_summary(where, q, cell, 0, ordinal(q), departments, min_group))
                answered[q.id] = cell.answered
                value = question_answer(q, cell.counts)
                if value is not None:
                    document[q.id] = value
                continue
            scales = [(f, facet_ordinal(f)) for f in q.facets]
            items: dict[str, Any] = {}
            for item_id, item in collected.items[q.id].items():
                facets: dict[str, Any] = {}
                for facet, scale in scales:
                    cell = facet_column(item, facet)
                    # item-level dont_know / not_applicable are the facet's too
                    cell.dont_know, cell.not_applicable = item.dont_know, item.not_applicable
                    skipped = not_asked(item, facet, cell) if cell.answered < item.answered else 0
                    kind = "multi" if facet.multiple else "single"
                    where = Where(
                        f"{q.id}.{item_id}.{facet.id}", q.id, item_id, facet.id, dim.id, kind
                    )
                    out.append(_summary(where, facet, cell, skipped, scale, departments, min_group))
                    value = facet_answer(facet, cell.counts)
                    if value is not None:
                        facets[facet.id] = value
                answered[f"{q.id}.{item_id}"] = item.answered
                found = consistent(q, facets)
                if found is not None:
                    items[item_id] = found
            if items:
                document[q.id] = items
    return tuple(out), document, answered


@dataclass(frozen=True, slots=True)
class Where:
    """What a summary is about."""

    key: str
    question: str
    item: str | None
    facet: str | None
    dimension: str
    type: str


def _summary(
    where: Where,
    asked: Question | Facet,
    cell: Column,
    skipped: int,
    scale: Ordinal | None,
    departments: Sequence[str | None],
    min_group: int,
) -> QuestionSummary:
    """One question's (or facet's) summary from its column; `skipped` respondents were not
    asked (applies_when). The answers themselves are read only for a flagged question's
    sides; everything else comes from the counts."""
    counts = cell.counts
    unanswered = cell.unanswered - skipped
    if scale is None:  # multiple choice: how often each option was chosen
        options = asked.options if isinstance(asked, MultiChoice | Facet) else []
        chosen = chosen_counts(counts)
        distribution = {o.id: chosen[o.id] for o in options}
        return QuestionSummary(
            where.key, where.question, where.item, where.facet, where.dimension, where.type,
            cell.answered, cell.dont_know, cell.not_applicable, unanswered, skipped,
            distribution, None, None, None,
        )  # fmt: skip
    distribution = dict.fromkeys(scale.keys, 0)
    ranks: Counter[int] = Counter()
    points: list[tuple[float, int]] = []
    uncoded = 0
    for value, count in counts.items():
        coded = scale.code(value)
        if coded is None:  # not a checked answer: counted as unanswered
            uncoded += count
            continue
        points.append((coded[0], count))
        ranks[coded[1]] += count
        distribution[coded[2]] += count
    agreed = agreement_counts(ranks, scale.categories)
    sides = None
    if agreed is not None and agreed.disagreement:
        sides = _sides(cell.values, scale, departments, min_group)
    return QuestionSummary(
        where.key, where.question, where.item, where.facet, where.dimension, where.type,
        cell.answered - uncoded, cell.dont_know, cell.not_applicable, unanswered + uncoded,
        skipped, distribution, spread_counts(points, POINT_DIGITS), agreed, sides,
    )  # fmt: skip


def _sides(
    values: Sequence[Any],
    scale: Ordinal,
    departments: Sequence[str | None],
    min_group: int,
) -> Sides:
    """Departments by their median rank against the overall median (small ones hidden)."""
    pairs = Counter(zip(departments, values, strict=True))
    groups: dict[str | None, dict[Coded, int]] = {}
    everyone: Counter[Coded] = Counter()
    for (department, value), count in pairs.items():
        coded = None if value is None else scale.code(value)
        if coded is None:  # no answer, dont_know, not_applicable
            continue
        everyone[coded] += count
        group = groups.get(department)
        if group is None:
            group = groups[department] = {}
        group[coded] = group.get(coded, 0) + count
    middle = _median_rank(everyone)
    shown, hidden = shown_groups({d: sum(g.values()) for d, g in groups.items()}, min_group)
    lower: list[Side] = []
    at_median: list[Side] = []
    higher: list[Side] = []
    for name in sorted(shown, key=_group_order):
        group = groups[name]
        median = weighted_median((c[0], n) for c, n in group.items())
        assert median is not None  # a shown group has answers
        side = Side(name, sum(group.values()), round((median[0] + median[1]) / 2, POINT_DIGITS))
        group_middle = _median_rank(group)
        if group_middle < middle:
            lower.append(side)
        elif group_middle > middle:
            higher.append(side)
        else:
            at_median.append(side)
    return Sides(tuple(lower), tuple(at_median), tuple(higher), hidden)


def _median_rank(counts: Mapping[Coded, int]) -> float:
    middle = weighted_median((float(c[1]), n) for c, n in counts.items())
    return 0.0 if middle is None else (middle[0] + middle[1]) / 2


def _group_order(name: str | None) -> tuple[bool, str]:
    """Departments by name, respondents without one last."""
    return (name is None, name or "")


def _dimension_summary(
    dimension_id: str,
    label: str,
    scores: Sequence[float | None],
    levels: Sequence[str | None],
    ladder: Ladder | None,
    departments: Sequence[str | None],
    min_group: int,
) -> DimensionSummary:
    rungs: dict[str, int] = {}
    if ladder is not None:
        for rung in ladder.rungs:
            rungs.setdefault(rung.id, len(rungs) + 1)
    categories = len(rungs) if rungs else FALLBACK_LEVELS
    distribution = dict.fromkeys(SCORE_BINS, 0)
    level_counts = dict.fromkeys(rungs, 0)
    kept: list[float] = []
    ranks: list[int] = []
    groups: dict[str | None, list[float]] = {}
    for score, level, department in zip(scores, levels, departments, strict=True):
        if score is None:
            continue
        kept.append(score)
        distribution[SCORE_BINS[min(9, max(0, int(score // 10)))]] += 1
        if not rungs:  # no level ladder: 20-point bins
            rank: int | None = min(FALLBACK_LEVELS, int(score // 20) + 1)
        elif (rank := rungs.get(level or "")) is not None:
            level_counts[level or ""] += 1
        if rank is not None:
            ranks.append(rank)
        groups.setdefault(department, []).append(score)
    shown, hidden = shown_groups({d: len(g) for d, g in groups.items()}, min_group)
    figures = tuple(
        GroupFigure(
            name,
            len(groups[name]),
            round(math.fsum(groups[name]) / len(groups[name]), SCORE_DIGITS),
        )
        for name in sorted(shown, key=_group_order)
    )
    return DimensionSummary(
        dimension_id,
        label,
        len(kept),
        len(scores) - len(kept),
        spread(kept, SCORE_DIGITS),
        distribution,
        level_counts,
        agreement_counts(Counter(ranks), categories),
        figures,
        hidden,
    )
