"""The answer that stands for the group, and the consensus document built from it.

Aggregation rules, per question type (over the respondents who gave an answer that
counts: "don't know", "not applicable" and no answer are left out):

- single choice: the option whose points are the lower median of the respondents'
  points (the lower of the two middle values for an even count, so a split group is
  read conservatively); if several options are worth those points, the one chosen most
  often among them, then the first in the model;
- scale: the lower median of the values, always an allowed value (never x.5);
- number: the median (the mean of the two middle values for an even count), which lies
  between two allowed answers and is therefore allowed;
- yes/no: the majority; a tie gives the lower-scoring answer (conservative);
- multiple choice: the options chosen by at least half of the respondents who answered
  it (possibly none);
- use-case matrix, per item (over the respondents who answered the item with facets):
  each single-choice facet by the single-choice rule on the facet's option values
  (so the status is the lower median), each multiple facet by the multiple-choice rule
  (an empty choice is written "none"), each facet over the respondents who answered it.
  A facet whose applies_when does not hold for the aggregated facets is left out (the
  technology of a use case whose aggregated status is "none"), so the item stays
  consistent.

A question nobody answered that way (or a matrix item) stays unanswered. The consensus
document is the facilitator's agreed answer where there is one and the aggregated
answer elsewhere; `sources` says which, per "question" or "question.item".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import (
    NONE_CHOSEN,
    Facet,
    Matrix,
    MaturityModel,
    MultiChoice,
    Number,
    Question,
    Scale,
    SingleChoice,
    YesNo,
)
from ..scoring import (
    DONT_KNOW,
    NOT_APPLICABLE,
    AnswerProblem,
    AnswerReader,
    Context,
    InvalidAnswersError,
)
from ..scoring._answers import items_for
from ._stats import weighted_median

AGREED = "agreed"
AGGREGATED = "aggregated"
UNANSWERED = "unanswered"


@dataclass(slots=True)
class Column:
    """One question's (or matrix item's, or facet's) answer from every respondent.

    `values` follows the campaign's list of respondents (a position, never a key), None
    where there is no answer; `counts` holds the answers that count (not dont_know or
    not_applicable) with how often each was given (empty for a matrix item, whose
    answers are facet mappings: see `facet_column`).
    """

    values: list[Any]
    counts: Counter[Any]
    answered: int
    dont_know: int
    not_applicable: int

    @property
    def unanswered(self) -> int:
        return len(self.values) - self.answered - self.dont_know - self.not_applicable


def column(values: list[Any]) -> Column:
    """A plain question's column (hashable answers)."""
    counts = Counter(values)
    counts.pop(None, None)
    dont_know = counts.pop(DONT_KNOW, 0)
    not_applicable = counts.pop(NOT_APPLICABLE, 0)
    return Column(values, counts, sum(counts.values()), dont_know, not_applicable)


def item_column(values: list[Any]) -> Column:
    """A matrix item's column: facet mappings (empty ones count as unanswered)."""
    answered = dont_know = not_applicable = 0
    for given in values:
        if given is None:
            continue
        if given.__class__ is str:
            if given == DONT_KNOW:
                dont_know += 1
            elif given == NOT_APPLICABLE:
                not_applicable += 1
        elif given:
            answered += 1
    return Column(values, Counter(), answered, dont_know, not_applicable)


@dataclass(slots=True)
class Collected:
    """Every respondent's answers, by question (and matrix item), one column each."""

    respondents: int
    plain: dict[str, Column]
    items: dict[str, dict[str, Column]]  # matrix id -> item id -> its facet mappings


def collect(model: MaturityModel, answers: Sequence[Mapping[str, Any]], industry: str) -> Collected:
    """Sort checked answers (AnswerReader's values) into columns by question and item.

    Matrix items outside the industry's catalog are ignored; an item answered with an
    empty mapping counts as unanswered.
    """
    questions = [q for d in model.dimensions for q in d.questions]
    catalogs = items_for(model, industry)
    plain = {
        q.id: column([a.get(q.id) for a in answers]) for q in questions if not isinstance(q, Matrix)
    }
    items: dict[str, dict[str, Column]] = {}
    for q in questions:
        if isinstance(q, Matrix):
            given = [a.get(q.id) for a in answers]
            given = [g if isinstance(g, Mapping) else None for g in given]
            items[q.id] = {
                item: item_column([g.get(item) if g is not None else None for g in given])
                for item in catalogs.get(q.catalog, {})
            }
    return Collected(len(answers), plain, items)


def facet_column(item: Column, facet: Facet) -> Column:
    """The facet's answers among an item's facet mappings (None where not answered)."""
    fid = facet.id
    return column(
        [
            given.get(fid) if given.__class__ is dict or isinstance(given, Mapping) else None
            for given in item.values
        ]
    )


def not_asked(item: Column, facet: Facet, answers: Column) -> int:
    """Respondents who answered the item but whose own answers did not ask the facet
    (its applies_when fails)."""
    conditions = tuple(facet.applies_when.items())
    if not conditions:
        return 0
    return sum(
        1
        for given, value in zip(item.values, answers.values, strict=True)
        if value is None
        and isinstance(given, Mapping)
        and given
        and any(given.get(other) not in wanted for other, wanted in conditions)
    )


def chosen_counts(counts: Mapping[Any, int]) -> Counter[str]:
    """How often each option was chosen, from counts of option sets."""
    out: Counter[str] = Counter()
    for chosen, count in counts.items():
        for option in chosen:
            out[option] += count
    return out


def single_answer(counts: Mapping[Any, int], points: Mapping[str, float]) -> str | None:
    """The option worth the lower median of the points; among options worth the same,
    the one chosen most often, then the first in the model."""
    middle = weighted_median((points[o], c) for o, c in counts.items() if o in points)
    if middle is None:
        return None
    candidates = [o for o, p in points.items() if p == middle[0]]
    return max(candidates, key=lambda o: (counts.get(o, 0), -candidates.index(o)))


def multi_answer(counts: Mapping[Any, int], options: Sequence[str]) -> list[str] | None:
    """Options chosen by at least half of the answers (counts of option sets), model order."""
    n = sum(counts.values())
    if not n:
        return None
    chosen = chosen_counts(counts)
    return [o for o in options if 2 * chosen[o] >= n]


def question_answer(question: Question, counts: Mapping[Any, int]) -> Any:
    """The answer standing for checked answers given as answer -> count; None if none."""
    counts = {v: c for v, c in counts.items() if c > 0 and v is not None}
    if not counts:
        return None
    if isinstance(question, SingleChoice):
        return single_answer(counts, {o.id: o.score for o in question.options})
    if isinstance(question, Scale):
        middle = weighted_median(counts.items())
        return None if middle is None else int(middle[0])
    if isinstance(question, Number):
        middle = weighted_median(counts.items())
        return None if middle is None else float((middle[0] + middle[1]) / 2)
    if isinstance(question, YesNo):
        yes = sum(c for v, c in counts.items() if v is True)
        no = sum(c for v, c in counts.items() if v is False)
        if yes != no:
            return yes > no
        return question.yes_score < question.no_score  # a tie: the lower-scoring answer
    if isinstance(question, MultiChoice):
        return multi_answer(counts, [o.id for o in question.options])
    raise TypeError(f"{question.id}: matrices are aggregated item by item")


def facet_answer(facet: Facet, counts: Mapping[Any, int]) -> Any:
    """A facet's aggregated answer (raw form) from answer -> count; None if none."""
    counts = {v: c for v, c in counts.items() if c > 0 and v is not None}
    if not facet.multiple:
        return single_answer(counts, {o.id: o.value for o in facet.options})
    chosen = multi_answer(counts, [o.id for o in facet.options])
    if chosen is None or chosen:
        return chosen
    if NONE_CHOSEN in {o.id for o in facet.options}:
        return None  # "none" is an option id: an empty choice cannot be written, left out
    return NONE_CHOSEN


def consistent(matrix: Matrix, facets: dict[str, Any]) -> dict[str, Any] | None:
    """The facets without those whose applies_when fails (repeatedly); None if empty."""
    changed = True
    while changed:  # a facet left out can make another one inapplicable
        changed = False
        for facet in matrix.facets:
            if facet.id in facets and any(
                facets.get(other) not in wanted for other, wanted in facet.applies_when.items()
            ):
                del facets[facet.id]
                changed = True
    return facets or None


def _counts(values: Iterable[Any]) -> Counter[Any]:
    return Counter(
        v
        for v in values
        if v is not None and not (v.__class__ is str and v in (DONT_KNOW, NOT_APPLICABLE))
    )


def aggregate_value(question: Question, values: Iterable[Any]) -> Any:
    """The answer that stands for these checked answers, in raw form; None if none count.

    dont_know, not_applicable and None are left out.
    """
    return question_answer(question, _counts(values))


def aggregate_item(matrix: Matrix, answers: Iterable[Any]) -> dict[str, Any] | None:
    """An item's aggregated facets (raw form) from checked item answers (facet mappings;
    dont_know / not_applicable are left out); None if nothing counts."""
    return item_answer(matrix, item_column(list(answers)))


def item_answer(matrix: Matrix, item: Column) -> dict[str, Any] | None:
    """An item's aggregated facets (raw form) from its column; None if nothing counts."""
    out: dict[str, Any] = {}
    for facet in matrix.facets:
        answer = facet_answer(facet, facet_column(item, facet).counts)
        if answer is not None:
            out[facet.id] = answer
    return consistent(matrix, out)


@dataclass(slots=True)
class Consensus:
    """The campaign's answer document and where each of its answers came from.

    `sources` maps "question" (or "question.item" for a use-case matrix) to "agreed",
    "aggregated" or "unanswered"; `answered` to the number of respondents whose answers
    counted there. Score it with `Scorer.score_raw(consensus.raw(context))`.
    """

    answers: dict[str, Any]
    sources: dict[str, str]
    answered: dict[str, int]
    respondents: int
    reasons: dict[str, str] = field(default_factory=dict)

    def raw(self, context: Context) -> dict[str, Any]:
        """The document Scorer.score_raw takes: the campaign's context and these answers."""
        return {
            "industry": context.industry,
            "region": context.region,
            "size": context.size,
            "answers": self.answers,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "sources": dict(self.sources),
            "answered": dict(self.answered),
            "respondents": self.respondents,
            "reasons": dict(self.reasons),
        }


@dataclass(slots=True)
class Agreed:
    """An answer the group agreed on in the consensus step, with the reason recorded."""

    answer: Any
    reason: str = ""


def aggregated_answers(
    model: MaturityModel, collected: Collected
) -> tuple[dict[str, Any], dict[str, int]]:
    """(aggregated document in raw form, respondents counted per question or question.item)."""
    document: dict[str, Any] = {}
    answered: dict[str, int] = {}
    for dim in model.dimensions:
        for q in dim.questions:
            if isinstance(q, Matrix):
                items: dict[str, Any] = {}
                for item_id, item in collected.items[q.id].items():
                    answered[f"{q.id}.{item_id}"] = item.answered
                    value = item_answer(q, item)
                    if value is not None:
                        items[item_id] = value
                if items:
                    document[q.id] = items
                continue
            cell = collected.plain[q.id]
            answered[q.id] = cell.answered
            value = question_answer(q, cell.counts)
            if value is not None:
                document[q.id] = value
    return document, answered


def build_consensus(
    reader: AnswerReader,
    context: Context,
    aggregated: Mapping[str, Any],
    answered: Mapping[str, int],
    respondents: int,
    agreed: Mapping[str, Any] | None = None,
) -> Consensus:
    """Agreed answers where given, aggregated ones elsewhere.

    `agreed` maps "question" to an answer, or "question.item" to a matrix item's answer
    (its facets, or dont_know / not_applicable); a value may be an `Agreed` (answer and
    reason). A whole matrix under "question" counts item by item. An agreed None is no
    agreement (the aggregated answer stays). Agreed answers are checked like a
    respondent's; any problem raises InvalidAnswersError naming it, and nothing is built.
    """
    model = reader.model
    matrices = {q.id: q for d in model.dimensions for q in d.questions if isinstance(q, Matrix)}
    items = items_for(model, context.industry)
    given: dict[str, Any] = {}
    reasons: dict[str, str] = {}
    problems: list[AnswerProblem] = []
    for key, value in (agreed or {}).items():
        answer, reason = (value.answer, value.reason) if isinstance(value, Agreed) else (value, "")
        qid, _, item = str(key).partition(".")
        if item:
            if qid not in matrices:
                problems.append(AnswerProblem(str(key), f"'{qid}' is not a use-case matrix"))
                continue
            given.setdefault(qid, {})[item] = answer
            keys = [str(key)]
        elif qid in matrices and isinstance(answer, Mapping):
            given.setdefault(qid, {}).update(answer)
            keys = [f"{qid}.{i}" for i in answer]
        else:
            given[qid] = answer
            keys = [qid]
        for k in keys:
            reasons[k] = reason
    checked, more = reader.read(given, context)
    problems += more
    if problems:
        raise InvalidAnswersError(problems)
    document: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for dim in model.dimensions:
        for q in dim.questions:
            if isinstance(q, Matrix):
                mine = checked.values.get(q.id, {}) if q.id in given else {}
                out: dict[str, Any] = {}
                theirs = aggregated.get(q.id) or {}
                for item_id in items.get(q.catalog, {}):
                    key = f"{q.id}.{item_id}"
                    if item_id in mine:
                        out[item_id] = raw_item(q, mine[item_id])
                        sources[key] = AGREED
                    elif item_id in theirs:
                        out[item_id] = theirs[item_id]
                        sources[key] = AGGREGATED
                    else:
                        sources[key] = UNANSWERED
                if out:
                    document[q.id] = out
                continue
            if q.id in checked.values:
                document[q.id] = raw_value(q, checked.values[q.id])
                sources[q.id] = AGREED
            elif q.id in aggregated:
                document[q.id] = aggregated[q.id]
                sources[q.id] = AGGREGATED
            else:
                sources[q.id] = UNANSWERED
    kept = {k: r for k, r in reasons.items() if sources.get(k) == AGREED}
    return Consensus(document, sources, dict(answered), respondents, kept)


def raw_value(question: Question, value: Any) -> Any:
    """A checked plain answer back in raw form (option sets as lists in model order)."""
    if isinstance(value, frozenset) and isinstance(question, MultiChoice):
        return [o.id for o in question.options if o.id in value]
    return value


def raw_item(matrix: Matrix, value: Any) -> Any:
    """A checked matrix item answer back in raw form."""
    if not isinstance(value, Mapping):
        return value  # dont_know / not_applicable
    out: dict[str, Any] = {}
    for facet in matrix.facets:
        chosen = value.get(facet.id)
        if chosen is None:
            continue
        if facet.multiple:
            ids = [o.id for o in facet.options if o.id in chosen]
            if ids:
                out[facet.id] = ids
            elif NONE_CHOSEN not in {o.id for o in facet.options}:
                out[facet.id] = NONE_CHOSEN
        else:
            out[facet.id] = chosen
    return out
