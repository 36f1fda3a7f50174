"""Numeric facts derived from a model: what a question can score, what a dimension
can reach, where a benchmark-relative threshold falls. Shared by validation and
scoring so both agree on every bound."""

from __future__ import annotations

from ._schema import (
    Bound,
    Dimension,
    Matrix,
    MaturityModel,
    MultiChoice,
    Number,
    Question,
    RelativeBound,
    Scale,
    SingleChoice,
    YesNo,
)


def bound_at(bound: Bound, benchmark: float | None) -> float:
    """A threshold's value; a relative one is placed against the benchmark, within 0-100."""
    if isinstance(bound, RelativeBound):
        value = (benchmark or 0.0) * bound.benchmark_times + bound.plus
        return min(100.0, max(0.0, value))
    return float(bound)


def points_range(question: Question) -> tuple[float, float]:
    """The lowest and highest points an answer to this question can be worth."""
    if isinstance(question, SingleChoice):
        scores = [o.score for o in question.options]
        return min(scores), max(scores)
    if isinstance(question, MultiChoice):
        total = sum(o.score for o in question.options)
        return 0.0, min(total, question.cap) if question.cap else total
    if isinstance(question, Scale):
        return float(question.min), float(question.max)
    if isinstance(question, YesNo):
        return min(question.yes_score, question.no_score), max(
            question.yes_score, question.no_score
        )
    if isinstance(question, Number | Matrix):
        return 0.0, 1.0
    raise TypeError(type(question))


def contributions_to(model: MaturityModel, dimension: Dimension) -> list[tuple[Question, float]]:
    """(question, weight) pairs feeding a dimension: its own questions and any matrix aimed at it."""
    out: list[tuple[Question, float]] = [
        (q, q.weight) for q in dimension.questions if q.scored and not isinstance(q, Matrix)
    ]
    for dim in model.dimensions:
        for q in dim.questions:
            if (
                q.scored
                and isinstance(q, Matrix)
                and any(k.dimension == dimension.id for k in q.contributes)
            ):
                out.append((q, q.weight))
    return out


def attainable_raw(model: MaturityModel, dimension: Dimension) -> tuple[float, float]:
    """The raw values the dimension can take (every subset of answers for a mean)."""
    ranges = [points_range(q) for q, _ in contributions_to(model, dimension)]
    if not ranges:
        return 0.0, 0.0
    if dimension.rule == "sum":
        return sum(r[0] for r in ranges), sum(r[1] for r in ranges)
    return min(r[0] for r in ranges), max(r[1] for r in ranges)
