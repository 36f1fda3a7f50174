"""One organization's place in a peer group: everything a result row shows for a dimension."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._distribution import ScoreDistribution
from ._interval import DEFAULT_CONFIDENCE, PercentileInterval, percentile_interval


@dataclass(frozen=True, slots=True)
class PeerPosition:
    """A score against its peers. Holds group-level figures only, never a peer's score.

    `peer_count` is the group's size, to be shown with every figure (an honest
    statement of sample size). The median is an order statistic of the group; in a
    group of five it is one peer's (unattributed) score, which the minimum group size
    accepts. The caller shows this only for a group its privacy rules show.
    """

    score: float
    peer_count: int
    percentile: float
    interval: PercentileInterval
    quartile: int
    median: float

    def figures(self) -> dict[str, Any]:
        """The figures pages and reports show, flat: group size, percentile and its likely
        range (with its confidence in percent), quartile, median."""
        return {
            "size": self.peer_count,
            "percentile": self.percentile,
            "low": self.interval.low,
            "high": self.interval.high,
            "confidence": round(100 * self.interval.confidence),
            "quartile": self.quartile,
            "median": self.median,
        }


def peer_position(
    distribution: ScoreDistribution, score: float, *, confidence: float = DEFAULT_CONFIDENCE
) -> PeerPosition:
    """Percentile rank (ties count half), its interval, quartile and the group median.

    Raises ``EmptyPeerGroupError`` for an empty group.
    """
    counts = distribution.counts(score)
    return PeerPosition(
        score=float(score),
        peer_count=counts.total,
        percentile=counts.percentile,
        interval=percentile_interval(counts, confidence),
        quartile=counts.quartile,
        median=distribution.median(),
    )
