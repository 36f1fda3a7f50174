"""Use-case matrices compiled for one industry: what each item answer is worth, and sums.

An item's value for a contribution depends only on the options chosen for the facets
scoring reads, and a matrix has few such combinations, so each combination's values are
worked out once: per code (see _codes) for answers the reader encoded, per combination
met for answers built by hand, which are walked item by item instead.

Either way, sums are built one addition at a time, item after item in catalog order, the
order of the plain formulas, so codes and walks give bit-for-bit the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from math import fsum
from operator import itemgetter
from typing import Any, Generic, TypeVar

from ..model import CatalogItem, Facet, Matrix
from ..model._schema import Contribution  # not exported: only its type is needed here
from ._answers import DONT_KNOW, NOT_APPLICABLE
from ._codes import FIRST_COMBINATION, NO_ANSWER_CODE, Combination, MatrixCodes, MatrixCoding
from ._result import Exclusion, GroupResult

NO_STAGE = -1
# Distinct answers remembered per question, matrix, stage or set of systems; checked
# answers have far fewer (a matrix item: every combination of the options scoring reads),
# the cap only bounds odd input.
MEMO_LIMIT = 65_536
# Results remembered per journey stage scored apart, by the codes of its items.
STAGE_MEMO_LIMIT = 16_384

# An item's value for each contribution of its matrix (None: nothing to count).
ItemValues = tuple[float | None, ...]
# A respondent's matrix answer, per catalog item in catalog order: `codes` and, per
# contribution, a table giving each code's value (None: nothing to count). With the
# reader's codes, the tables are the matrix's, by code; without, `codes` are the items'
# positions and the tables the values met in a walk over the answer.
Walk = tuple[Sequence[int], list[list[float | None]]]
T = TypeVar("T")
# The reason an item is left out, by code (see MatrixCoding): the codes below FIRST_COMBINATION
_LEFT_OUT_REASONS = ("unanswered", DONT_KNOW, NOT_APPLICABLE)


class PerCode(Generic[T]):
    """What each code of a matrix coding stands for, worked out once, as codes appear.

    The reader hands out new codes at any time; `table()` catches up first. A grown table
    replaces the old one rather than changing it, so a thread still reading the old one
    reads a consistent list.
    """

    __slots__ = ("_coding", "_table", "_work")

    def __init__(self, coding: MatrixCoding, work: Callable[[Combination | None], T]) -> None:
        self._coding, self._work = coding, work
        self._table: list[T] = []

    def table(self) -> list[T]:
        """What each code stands for, by code."""
        table = self._table
        keys = self._coding.keys
        if len(table) < len(keys):
            table = self._table = table + [self._work(k) for k in keys[len(table) :]]
        return table


class MatrixPlan:
    """A use-case matrix compiled for one industry, read once per respondent.

    `weights` holds each item's weight and the stage its sums go to while the
    contributions are added up (NO_STAGE for a stage scored apart, see CodedStage).
    """

    __slots__ = (
        "_facet",
        "_left_out",
        "_memo",
        "_positions",
        "_values_by_code",
        "coding",
        "contributions",
        "encoded_items",
        "items",
        "qid",
        "question",
        "weights",
    )

    def __init__(
        self,
        question: Matrix,
        catalog: Mapping[str, CatalogItem],
        stages: Mapping[str, int],
        coding: MatrixCoding,
        industry: str,
    ) -> None:
        self.question, self.qid = question, question.id
        self.contributions = tuple(question.contributes)
        self.coding = coding
        # the catalog the reader's codes follow (the same items in the same order)
        self.encoded_items = coding.catalogs.get(industry)
        self._facet = _facet_reader(question.facets)
        self.items: tuple[CatalogItem, ...] = tuple(catalog.values())
        self.weights = tuple((i.weight, stages.get(i.stage or "", NO_STAGE)) for i in self.items)
        self._memo: dict[Combination, ItemValues] = {}
        self._positions = tuple(range(len(self.items)))
        self._values_by_code = [
            PerCode(coding, self._value_of(n)) for n in range(len(self.contributions))
        ]
        # per item, the exclusion of each code that is no combination of options
        self._left_out = tuple(
            tuple(Exclusion(question.id, reason, i) for reason in _LEFT_OUT_REASONS)
            for i in catalog
        )

    def contribution_to(self, dimension_id: str) -> int:
        """The position of the (first) contribution feeding a dimension."""
        return next(n for n, k in enumerate(self.contributions) if k.dimension == dimension_id)

    def codes(self, answer: Any, coded: Mapping[str, MatrixCodes]) -> tuple[int, ...] | None:
        """The reader's codes for the respondent's answer, if it recorded them for this very
        answer and catalog; None for answers built by hand (or changed since)."""
        encoded = coded.get(self.qid)
        if encoded is None or encoded.answer is not answer:
            return None
        return encoded.codes if encoded.items is self.encoded_items else None

    def values(self, answer: Any, codes: tuple[int, ...] | None, left_out: list[Exclusion]) -> Walk:
        """Each item's values, by code if the answer has codes, else by a walk over it.

        Items left unanswered, dont_know or not_applicable go to `left_out`, in catalog
        order.
        """
        if codes is None:
            return self.walk(answer, left_out)
        if codes and min(codes) < FIRST_COMBINATION:
            left_out.extend(
                [
                    excluded[code]
                    for excluded, code in zip(self._left_out, codes, strict=True)
                    if code < FIRST_COMBINATION
                ]
            )
        return codes, [by_code.table() for by_code in self._values_by_code]

    def walk(self, answer: Any, left_out: list[Exclusion]) -> Walk:
        """`values` for an answer without codes, from its nested item and facet answers."""
        if answer.__class__ is not dict and not isinstance(answer, Mapping):
            return self._positions, [[None] * len(self.items) for _ in self.contributions]
        found: list[ItemValues | None] = []
        get, memo, key = answer.get, self._memo, self.coding.key
        for item, excluded in zip(self.items, self._left_out, strict=True):
            given = get(item.id)
            if given.__class__ is not dict and not isinstance(given, Mapping):
                found.append(None)
                if given is None:
                    left_out.append(excluded[NO_ANSWER_CODE])
                elif isinstance(given, str):
                    left_out.append(Exclusion(self.qid, given, item.id))
                continue
            chosen = key(given)  # the options chosen for the facets scoring reads
            try:
                values = memo.get(chosen)
            except TypeError:  # an unhashable option list, from answers built by hand
                values = self._values(given)
            if values is None:
                values = self._values(given)
                if len(memo) < MEMO_LIMIT:
                    memo[chosen] = values
            found.append(values)
        return self._positions, [
            [None if values is None else values[n] for values in found]
            for n in range(len(self.contributions))
        ]

    def add(
        self,
        values: list[float | None],
        codes: Sequence[int],
        stage_weights: list[float],
        stage_sums: list[float],
    ) -> tuple[float, float]:
        """Σ weight and Σ weight × value over the items counted for one contribution
        (`values` is its table in the walk).

        Each counted item also goes into its stage's sums (unless the stage is scored
        apart), right here, so stage sums take their additions in the same order as the
        dimensions do.
        """
        total = weighted = 0.0
        for n, (weight, stage) in enumerate(self.weights):  # as many as codes
            value = values[codes[n]]
            if value is not None:
                product = weight * value
                total += weight
                weighted += product
                if stage != NO_STAGE:
                    stage_weights[stage] += weight
                    stage_sums[stage] += product
        return total, weighted

    def item_values(self, walk: Walk, contribution: int) -> list[tuple[str, float, float]]:
        """(item id, weight, value) of the items counted for one contribution."""
        codes, values = walk[0], walk[1][contribution]
        return [
            (item.id, item.weight, value)
            for item, code in zip(self.items, codes, strict=True)
            if (value := values[code]) is not None
        ]

    def _values(self, answer: Mapping[str, Any]) -> ItemValues:
        return tuple(_item_value(k, self._facet, answer) for k in self.contributions)

    def _value_of(self, contribution: int) -> Callable[[Combination | None], float | None]:
        """A function giving a code's value for a contribution (None for a code that is
        no combination of options)."""

        def value(combination: Combination | None) -> float | None:
            if combination is None:
                return None
            chosen = dict(zip(self.coding.facets, combination, strict=False))
            return _item_value(self.contributions[contribution], self._facet, chosen)

        return value


class CodedStage:
    """A journey stage fed by the items of one matrix alone, scored apart from the rest.

    Its score follows from the answers to those items only, so with codes it is looked up
    by the items' codes (which combine in far fewer ways than whole answers do), and only
    worked out, in the order the dimensions would add to it, when not seen yet.
    """

    __slots__ = ("_known", "_pick", "group", "matrix", "sequence")

    def __init__(
        self,
        group: Callable[[float, float], GroupResult],
        matrix: int,
        sequence: Sequence[tuple[int, int, float]],
    ) -> None:
        """`group` gives the result for Σ weight and Σ weight × value; `matrix` is the
        matrix's place in the plan's walks and codes; `sequence` lists (contribution, item
        position, weight) in the order the dimensions add to the stage."""
        self.group, self.matrix, self.sequence = group, matrix, tuple(sequence)
        self._pick = itemgetter(*sorted({position for _, position, _ in sequence}))
        self._known: dict[Any, GroupResult] = {}

    def result(self, walks: list[Walk], codes: list[tuple[int, ...] | None]) -> GroupResult:
        """The stage's result: looked up by its items' codes, or worked out from the walk."""
        mine = codes[self.matrix]
        if mine is None:
            return self._score(walks[self.matrix])
        key = self._pick(mine)
        found = self._known.get(key)
        if found is None:
            found = self._score(walks[self.matrix])
            if len(self._known) < STAGE_MEMO_LIMIT:
                self._known[key] = found
        return found

    def _score(self, walk: Walk) -> GroupResult:
        """The stage's result from its items' values, added up in the dimensions' order."""
        codes, tables = walk
        weight = total = 0.0
        for contribution, position, item_weight in self.sequence:
            value = tables[contribution][codes[position]]
            if value is not None:
                weight += item_weight
                total += item_weight * value
        return self.group(weight, total)


def _facet_reader(facets: list[Facet]) -> Callable[[Mapping[str, Any], str], float | None]:
    """A function giving a facet's value in an item answer (a share of the total if multiple)."""
    multiple = {f.id for f in facets if f.multiple}
    values = {f.id: {o.id: o.value for o in f.options} for f in facets}
    totals = {f.id: sum(o.value for o in f.options) or 1.0 for f in facets}

    def facet_value(answer: Mapping[str, Any], facet_id: str) -> float | None:
        chosen = answer.get(facet_id)
        if chosen is None:
            return None
        if facet_id in multiple:  # fsum: the same total whatever order a set lists options in
            return fsum(values[facet_id][c] for c in chosen) / totals[facet_id]
        return values[facet_id][chosen]

    return facet_value


def _item_value(
    contribution: Contribution,
    facet_value: Callable[[Mapping[str, Any], str], float | None],
    answer: Mapping[str, Any],
) -> float | None:
    """gate × product(multiply) × mean(average); None when nothing averaged was answered."""
    value = 1.0
    for f in contribution.gate:
        value *= 1.0 if (facet_value(answer, f) or 0.0) > 0 else 0.0
    for f in contribution.multiply:
        value *= facet_value(answer, f) or 0.0
    if value == 0.0 or not contribution.average:
        return value
    averaged = [v for f in contribution.average if (v := facet_value(answer, f)) is not None]
    return value * sum(averaged) / len(averaged) if averaged else None
