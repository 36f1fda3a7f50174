"""Use-case matrix answers as numbers, recorded by the reader and summed by the scorer.

Scoring reads few facets of an item answer (the ones a matrix's contributions gate,
multiply or average, and the headroom's status), and their options combine in few ways.
A `MatrixCoding`, shared by an `AnswerReader` and the `Scorer` built on it, numbers each
combination the first time the reader checks an item answer with it. The reader already
visits every item and facet to check them, so it records a matrix answer as one number
per catalog item (`MatrixCodes`) at almost no cost; the scorer works out once per
number what an item is worth, and then scores a matrix with list lookups instead of
walking the nested answer item by item.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from ..model import Matrix, MaturityModel

# The numbers of an item answer that is no combination of options; combinations follow.
NO_ANSWER_CODE = 0
DONT_KNOW_CODE = 1
NOT_APPLICABLE_CODE = 2
FIRST_COMBINATION = 3
# Combinations numbered per matrix: built-in models have a few dozen; the cap only bounds
# a model whose scored facets take many sets of options.
COMBINATION_LIMIT = 65_536

# The options chosen for the facets scoring reads (None: not answered), in facet order
# (padded with None to three facets: see _combination).
Combination = tuple[Any, ...]


class MatrixCodes(NamedTuple):
    """One checked matrix answer as numbers: `codes[n]` stands for the answer to `items[n]`.

    `items` is the catalog of the respondent's industry, in catalog order, exactly as
    `MatrixCoding.catalogs` holds it; `answer` is the checked answer the codes stand for.
    Scoring uses the codes only for that very answer and catalog (compared by identity),
    so answers changed or built by hand are never scored from codes of other answers.
    """

    answer: Mapping[str, Any]
    items: tuple[str, ...]
    codes: tuple[int, ...]


class MatrixCoding:
    """The numbering of one matrix's item answers, shared by a reader and its scorer.

    Numbers only ever get added (`keys[code]` is the combination a code stands for, None
    for the first three), under a lock, so that a number once handed out, in any thread,
    always means the same combination.
    """

    __slots__ = ("_codes", "_lock", "catalogs", "facets", "key", "keys", "positions")

    def __init__(self, facets: tuple[str, ...], catalogs: Mapping[str, tuple[str, ...]]) -> None:
        """`facets`: those scoring reads; `catalogs`: per industry, the matrix's items in
        catalog order, the order of the codes of an answer (`positions` tells each item's)."""
        self.facets = facets
        self.key = _combination(facets)
        self.catalogs = catalogs
        self.positions = {
            industry: {item: n for n, item in enumerate(items)}
            for industry, items in catalogs.items()
        }
        self.keys: list[Combination | None] = [None] * FIRST_COMBINATION
        self._codes: dict[Combination, int] = {}
        self._lock = threading.Lock()

    @property
    def full(self) -> bool:
        """Whether every code is taken: from then on, new combinations have none."""
        return len(self.keys) >= COMBINATION_LIMIT

    def code(self, answer: Mapping[str, Any]) -> int | None:
        """The number of an item's facet answers; None if it cannot have one (an unhashable
        option list, from answers built by hand, or every number taken)."""
        key = self.key(answer)
        try:
            found = self._codes.get(key)
        except TypeError:
            return None
        return found if found is not None else self._add(key)

    def _add(self, key: Combination) -> int | None:
        with self._lock:
            found = self._codes.get(key)
            if found is None and len(self.keys) < COMBINATION_LIMIT:
                found = len(self.keys)
                self.keys.append(key)
                self._codes[key] = found  # last: a code anyone finds is already in `keys`
        return found


def _combination(facets: tuple[str, ...]) -> Callable[[Mapping[str, Any]], Combination]:
    """A function giving the options an item answer chose for `facets`.

    Up to three facets are read with a tuple display (padded with "", never a facet id),
    several times faster than a loop: this runs for every item of every respondent.
    """
    if len(facets) > 3:
        return lambda answer: tuple([answer.get(f) for f in facets])
    a, b, c = (*facets, "", "", "")[:3]

    def three(answer: Mapping[str, Any]) -> Combination:
        get = answer.get
        return (get(a), get(b), get(c))

    return three


def scored_facets(model: MaturityModel, question: Matrix) -> tuple[str, ...]:
    """The facets of a matrix that scoring reads, in facet order."""
    read = {f for k in question.contributes for f in (*k.gate, *k.multiply, *k.average)}
    headroom = model.headroom
    if headroom is not None and headroom.matrix == question.id:
        read.add(headroom.status_facet)
    return tuple(f.id for f in question.facets if f.id in read)
