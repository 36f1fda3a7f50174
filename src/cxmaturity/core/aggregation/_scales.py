"""How answers of each question type become points, ordinal categories and distribution keys.

Ordinal categories are ranks 1..A, most mature last:

- single choice, and a single-choice facet of a use-case matrix: the options' distinct
  points (values) in increasing order; options worth the same points share a rank;
- scale: the values min..max;
- yes/no: the two answers by their points (usually no = 1, yes = 2);
- number: the answer placed from `worst` to `best` on the scoring line (clamped) and
  cut into NUMBER_BINS equal bins, so a response time runs from slow to fast.

Points are what spread (mean, median, min, max) is computed on: an option's points, a
scale's value, yes/no's points, and a number's value as answered, in its unit.
Multiple choice (and multiple facets) are nominal: counts per option, no ranks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..model import Facet, MultiChoice, Number, Question, Scale, SingleChoice, YesNo

NUMBER_BINS = 5

# answer -> (points, rank 1..A, distribution key)
Coded = tuple[float, int, str]


class Ordinal:
    """An ordinal question (or facet): its categories, distribution keys and coding."""

    __slots__ = ("_code", "categories", "keys", "table")

    def __init__(
        self,
        categories: int,
        keys: Sequence[str],
        table: dict[Any, Coded],
        code: Callable[[Any], Coded] | None = None,
    ) -> None:
        self.categories = categories
        self.keys = tuple(keys)
        self.table = table
        self._code = code

    def code(self, value: Any) -> Coded | None:
        """(points, rank, key) of a checked answer; None for anything it cannot code."""
        try:
            found = self.table.get(value)
        except TypeError:
            return None
        if found is None and self._code is not None and isinstance(value, int | float):
            found = self._code(value)
        return found


def _ranked(pairs: Sequence[tuple[Any, float, str]]) -> Ordinal:
    """(answer, points, key) pairs, ranked by distinct points."""
    distinct = sorted({p for _, p, _ in pairs})
    rank = {p: n + 1 for n, p in enumerate(distinct)}
    table = {answer: (points, rank[points], key) for answer, points, key in pairs}
    return Ordinal(len(distinct), [key for _, _, key in pairs], table)


def ordinal(question: Question) -> Ordinal | None:
    """The ordinal coding of a plain question; None for multiple choice and matrices."""
    if isinstance(question, SingleChoice):
        return _ranked([(o.id, o.score, o.id) for o in question.options])
    if isinstance(question, Scale):
        values = range(question.min, question.max + 1)
        table = {v: (float(v), v - question.min + 1, str(v)) for v in values}
        return Ordinal(len(values), [str(v) for v in values], table)
    if isinstance(question, YesNo):
        pairs = [(False, question.no_score, "no"), (True, question.yes_score, "yes")]
        return _ranked(sorted(pairs, key=lambda p: p[1]))
    if isinstance(question, Number):
        return _number(question)
    return None


def facet_ordinal(facet: Facet) -> Ordinal | None:
    """The ordinal coding of a single-choice facet; None for a multiple facet."""
    if facet.multiple:
        return None
    return _ranked([(o.id, o.value, o.id) for o in facet.options])


def _number(question: Number) -> Ordinal:
    worst, best = question.worst, question.best
    step = (best - worst) / NUMBER_BINS
    edges = [worst + step * n for n in range(NUMBER_BINS + 1)]
    keys = [f"{edges[n]:g}-{edges[n + 1]:g}" for n in range(NUMBER_BINS)]

    def code(value: float) -> Coded:
        share = min(1.0, max(0.0, (value - worst) / (best - worst)))
        at = min(NUMBER_BINS - 1, int(share * NUMBER_BINS))
        return float(value), at + 1, keys[at]

    return Ordinal(NUMBER_BINS, keys, {}, code)


def multi_keys(question: Question | Facet) -> list[str]:
    """The option ids of a multiple choice (or multiple facet), in the model's order."""
    if isinstance(question, MultiChoice | Facet):
        return [o.id for o in question.options]
    return []
