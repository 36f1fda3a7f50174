"""A peer group's distribution for a chart: histogram bins and quantiles, no individual score.

The chart needs the shape of the group, not its members. Counts per bin (default
10 bins of 10 points; the last one includes 100) and the quartiles and 90th
percentile give the shape; the minimum and maximum are left out (in a small group
they are two organizations' exact scores), and so is the mean (with the size, it
lets a member who knows the others' scores solve for the last one). Groups below
the privacy minimum are refused outright.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from ._distribution import SCORE_MAX, ScoreDistribution
from ._privacy import PrivacyPolicy


@dataclass(frozen=True, slots=True)
class DistributionSummary:
    """What a distribution chart may draw. `bin_edges` has one more item than `counts`."""

    size: int
    bin_edges: tuple[float, ...]
    counts: tuple[int, ...]
    lower_quartile: float
    median: float
    upper_quartile: float
    top_decile: float

    def chart_row(self, label: str, score: float) -> dict[str, Any]:
        """One row of the peer distribution chart (`charts.peer_distribution`): this
        group's shape with the organization's own score on it."""
        return {
            "label": label,
            "score": score,
            "size": self.size,
            "bin_edges": list(self.bin_edges),
            "counts": list(self.counts),
            "lower_quartile": self.lower_quartile,
            "median": self.median,
            "upper_quartile": self.upper_quartile,
        }


def summarize(
    distribution: ScoreDistribution,
    *,
    bins: int = 10,
    policy: PrivacyPolicy | None = None,
) -> DistributionSummary:
    """Bins and quantiles of a group; GroupTooSmallError below the policy's minimum size."""
    (policy or PrivacyPolicy()).require_shown(distribution.size)
    if bins < 1:
        raise ValueError(f"bins must be at least 1, got {bins}")
    edges = tuple(i * SCORE_MAX / bins for i in range(bins + 1))
    scores = distribution.sorted_scores
    # Bin i holds [edge i, edge i+1); the last also holds 100. Bisection: O(bins · log n).
    starts = [bisect_left(scores, edge) for edge in edges[:-1]] + [len(scores)]
    counts = tuple(starts[i + 1] - starts[i] for i in range(bins))
    quartiles = distribution.quartiles()
    return DistributionSummary(
        size=distribution.size,
        bin_edges=edges,
        counts=counts,
        lower_quartile=quartiles.lower,
        median=quartiles.median,
        upper_quartile=quartiles.upper,
        top_decile=distribution.top_decile(),
    )
