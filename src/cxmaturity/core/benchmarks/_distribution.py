"""One peer group's scores, kept sorted, and the order statistics read from them.

Every figure here is a pure function of the sorted scores, answered by binary search
(percentile rank: two bisections, O(log n)) or by index (quantiles: O(1)), so a
group of 100,000 costs microseconds and nothing needs NumPy.

Definitions, chosen to match what analysts check results with:

* percentile rank: ties count half, i.e. the mean of "% strictly below" and
  "% at or below" (``scipy.stats.percentileofscore(kind="mean")``). An organization
  level with every peer sits at 50, not at 0 or 100.
* quantiles: linear interpolation between order statistics (``numpy.quantile``'s
  default, R type 7, ``statistics.quantiles(method="inclusive")``).
* quartile of a score: the quarter its percentile rank falls in, boundaries going
  up: [0, 25) → 1, [25, 50) → 2, [50, 75) → 3, [75, 100] → 4. Derived from the same
  rank that is shown, so a result never says "percentile 50, quartile 4" (which the
  cut-point reading would say for a score tied with a whole group).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SCORE_MIN = 0.0
SCORE_MAX = 100.0


class EmptyPeerGroupError(ValueError):
    """A figure was asked of a peer group with no members: there is nothing to compare with."""


@dataclass(frozen=True, slots=True)
class RankCounts:
    """Where one score sits among `total` peers: how many are strictly below it, how many equal.

    Counts are all a percentile rank and its interval need, so a caller holding scores
    in a database can send two COUNT queries instead of the scores themselves.
    """

    below: int
    equal: int
    total: int

    def __post_init__(self) -> None:
        if self.below < 0 or self.equal < 0 or self.below + self.equal > self.total:
            raise ValueError(
                f"inconsistent counts: {self.below} below and {self.equal} equal out of {self.total}"
            )

    @property
    def above(self) -> int:
        return self.total - self.below - self.equal

    @property
    def percentile(self) -> float:
        """Percentile rank (0-100), ties counted half (SciPy's kind="mean")."""
        if self.total == 0:
            raise EmptyPeerGroupError("the peer group is empty: there is no percentile to give")
        return 100.0 * (self.below + 0.5 * self.equal) / self.total

    @property
    def quartile(self) -> int:
        """1-4: the quarter the percentile rank falls in; a boundary belongs to the upper quarter."""
        return min(4, 1 + int(self.percentile // 25.0))


@dataclass(frozen=True, slots=True)
class Quartiles:
    """The three cut points splitting a peer group into quarters."""

    lower: float
    median: float
    upper: float


class ScoreDistribution:
    """The scores of one peer group, sorted ascending, with the figures a result shows.

    Holds individual scores, so it belongs on the server: what leaves it for a page is
    a ``PeerPosition`` or a ``DistributionSummary``, never the scores.
    """

    __slots__ = ("_scores",)

    def __init__(self, scores: Iterable[float] = ()) -> None:
        """Sort and check the scores: each must be a finite number from 0 to 100."""
        checked = [check_score(s) for s in scores]
        checked.sort()
        self._scores: Sequence[float] = checked

    @classmethod
    def presorted(cls, scores: Sequence[float]) -> ScoreDistribution:
        """Wrap scores already checked and sorted, without copying (the peer index's path).

        The caller promises the order and must not change the sequence afterwards.
        """
        distribution = cls.__new__(cls)
        distribution._scores = scores
        return distribution

    def snapshot(self) -> ScoreDistribution:
        """A copy that later changes to the underlying scores do not reach."""
        return ScoreDistribution.presorted(list(self._scores))

    def __len__(self) -> int:
        return len(self._scores)

    def __repr__(self) -> str:
        return f"ScoreDistribution(size={len(self._scores)})"

    @property
    def size(self) -> int:
        return len(self._scores)

    @property
    def sorted_scores(self) -> Sequence[float]:
        """The individual scores, ascending. Server-side only (export, checks), never a page."""
        return self._scores

    def counts(self, score: float) -> RankCounts:
        """How many peers are strictly below `score` and how many equal it."""
        value = check_score(score)
        below = bisect_left(self._scores, value)
        at_or_below = bisect_right(self._scores, value, lo=below)
        return RankCounts(below, at_or_below - below, len(self._scores))

    def percentile_rank(self, score: float) -> float:
        """0-100, ties counted half; equals ``scipy.stats.percentileofscore(kind="mean")``."""
        return self.counts(score).percentile

    def quartile_of(self, score: float) -> int:
        """1-4, the quarter of the percentile rank (see the module docstring for why)."""
        return self.counts(score).quartile

    def quantile(self, q: float) -> float:
        """The q-quantile (0 ≤ q ≤ 1) by linear interpolation, as ``numpy.quantile``."""
        if not 0.0 <= q <= 1.0:
            raise ValueError(f"a quantile must be between 0 and 1, got {q}")
        scores = self._require_members()
        position = (len(scores) - 1) * q
        low = math.floor(position)
        fraction = position - low
        if fraction == 0.0:
            return float(scores[low])
        below, above = scores[low], scores[low + 1]
        return float(below + fraction * (above - below))

    def median(self) -> float:
        return self.quantile(0.5)

    def quartiles(self) -> Quartiles:
        return Quartiles(self.quantile(0.25), self.quantile(0.5), self.quantile(0.75))

    def top_decile(self) -> float:
        """The 90th percentile: scores at or above it are in the group's top tenth."""
        return self.quantile(0.9)

    def _require_members(self) -> Sequence[float]:
        if not self._scores:
            raise EmptyPeerGroupError("the peer group is empty: there are no quantiles to give")
        return self._scores


def check_score(score: float) -> float:
    """`score` as a float if it is a finite number from 0 to 100, else a ValueError saying so."""
    if isinstance(score, bool) or not isinstance(score, int | float):
        raise ValueError(f"{score!r} is not a number between 0 and 100")
    value = float(score)
    if not SCORE_MIN <= value <= SCORE_MAX:  # also false for NaN
        raise ValueError(f"{score!r} is not a number between 0 and 100")
    return value
