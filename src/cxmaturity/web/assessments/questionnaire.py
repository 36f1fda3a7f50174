"""The questionnaire as the browser sees it: pages, form field names, posted values.

One dimension per page. Field names carry the question (and matrix item and facet)
they answer, `a.<question>[.<item>.<facet>]` for answers and `n.<question>[.<item>]`
for notes; ids never contain dots, so the names split back unambiguously.

Posted values are only translated here (radio text to a typed answer); whether an
answer is valid is decided by the scoring core's AnswerReader, so the web form and
an uploaded answers file obey the same rules and give the same messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cxmaturity.core.model import (
    Dimension,
    Matrix,
    MaturityModel,
    MultiChoice,
    Question,
)
from cxmaturity.core.scoring import DONT_KNOW, NOT_APPLICABLE, AnswerProblem, AnswerReader, Context
from cxmaturity.core.scoring._answers import items_for

NONE_OF_THESE = "none"
EXCLUSIVE = (DONT_KNOW, NOT_APPLICABLE)
NOTE_LIMIT = 2000


@dataclass(frozen=True)
class Page:
    number: int
    dimension: Dimension
    questions: tuple[Question, ...]


@dataclass
class Posted:
    """What a form post says about one question or matrix item.

    `value` None means "no answer" (cleared or never given); the note is kept either way.
    """

    question: str
    item: str
    value: Any
    note: str
    problems: list[AnswerProblem] = field(default_factory=list)


def pages(model: MaturityModel) -> list[Page]:
    """One page per dimension that asks something, in the model's order."""
    asking = [d for d in model.dimensions if d.questions]
    return [Page(n, d, tuple(d.questions)) for n, d in enumerate(asking, start=1)]


def matrix_items(model: MaturityModel, question: Matrix, industry: str) -> list[Any]:
    """The catalog items a respondent of this industry rates, in catalog order."""
    return list(items_for(model, industry).get(question.catalog, {}).values())


def count_expected(model: MaturityModel, industry: str) -> int:
    """How many answers a complete questionnaire has (a matrix counts each item)."""
    total = 0
    for page in pages(model):
        for q in page.questions:
            total += len(matrix_items(model, q, industry)) if isinstance(q, Matrix) else 1
    return total


def read_question(
    reader: AnswerReader,
    context: Context,
    question: Question,
    post: Mapping[str, list[str]],
    item: str = "",
) -> Posted:
    """The answer and note posted for one question (or one matrix item), checked."""
    if isinstance(question, Matrix):
        return _read_item(reader, context, question, item, post)
    name = f"a.{question.id}"
    note = _note(post, f"n.{question.id}")
    values = [v.strip() for v in post.get(name, []) if v.strip()]
    posted = Posted(question.id, "", None, note)
    exclusive = [v for v in values if v in EXCLUSIVE]
    if exclusive:
        if len(values) > 1:
            posted.problems.append(
                AnswerProblem(question.id, "choose either an answer or \u201cdon\u2019t know\u201d")
            )
            return posted
        raw: Any = exclusive[0]
    elif isinstance(question, MultiChoice):
        if NONE_OF_THESE in values and len(values) > 1:
            posted.problems.append(
                AnswerProblem(
                    question.id, "\u201cnone of these\u201d cannot be combined with options"
                )
            )
            return posted
        raw = [] if values == [NONE_OF_THESE] else values
        if not values:
            return posted
    elif len(values) > 1:
        posted.problems.append(AnswerProblem(question.id, "expected one answer, got several"))
        return posted
    elif not values:
        return posted
    else:
        raw = values[0]
    _check(reader, context, {question.id: raw}, posted)
    return posted


def _read_item(
    reader: AnswerReader,
    context: Context,
    question: Matrix,
    item: str,
    post: Mapping[str, list[str]],
) -> Posted:
    prefix = f"a.{question.id}.{item}."
    note = _note(post, f"n.{question.id}.{item}")
    posted = Posted(question.id, item, None, note)
    facets: dict[str, Any] = {}
    for facet in question.facets:
        values = [v.strip() for v in post.get(prefix + facet.id, []) if v.strip()]
        if values:
            facets[facet.id] = values if facet.multiple else values[0]
    first = question.facets[0].id
    if facets.get(first) in EXCLUSIVE:
        raw: Any = facets[first]
    elif not facets:
        return posted
    else:
        # A form without JavaScript cannot hide facets that do not apply (technology of
        # a use case not in place): drop them rather than refuse the whole row.
        for facet in question.facets:
            for other, wanted in facet.applies_when.items():
                if facet.id in facets and facets.get(other) not in wanted:
                    del facets[facet.id]
        raw = facets
    _check(reader, context, {question.id: {item: raw}}, posted)
    return posted


def _check(reader: AnswerReader, context: Context, raw: dict[str, Any], posted: Posted) -> None:
    answers, problems = reader.read(raw, context)
    if problems:
        posted.problems.extend(problems)
        return
    value = answers.values.get(posted.question)
    if posted.item:
        value = value.get(posted.item) if isinstance(value, dict) else None
    posted.value = jsonable(value)


def _note(post: Mapping[str, list[str]], name: str) -> str:
    values = post.get(name, [])
    return values[-1].strip()[:NOTE_LIMIT] if values else ""


def jsonable(value: Any) -> Any:
    """A checked answer as stored (and as an answers file writes it): sets become sorted lists."""
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def field_names(question: Question, items: list[str]) -> set[str]:
    """Every form field name that may answer this question."""
    if isinstance(question, Matrix):
        names = set()
        for item in items:
            names.add(f"n.{question.id}.{item}")
            names.update(f"a.{question.id}.{item}.{f.id}" for f in question.facets)
        return names
    return {f"a.{question.id}", f"n.{question.id}"}
