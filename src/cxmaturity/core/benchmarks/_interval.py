"""How certain a percentile rank is: an exact (Clopper-Pearson) binomial interval.

Why this and not a bootstrap. Peers are a sample of the organizations that could
have taken the assessment; the share of them below a score is a binomial proportion.
Clopper-Pearson is the interval for a binomial proportion that never claims more
certainty than the data supports (coverage at least the nominal level for every
group size and every true proportion), which matters most where it is most used:
peer groups of 5 to 50. It is deterministic without a seed, and it costs two beta
quantiles, whatever the group size. A percentile bootstrap of the same figure is a
multinomial resample of (below, equal, above) counts; it needs a seed, it is a
Monte-Carlo estimate of the very binomial spread this formula gives exactly, and
at small n it is too narrow (it cannot produce a percentile its sample never saw).

Ties. The rank counts a tied peer as half below, so the count estimated is
k = below + equal / 2. The interval is the Clopper-Pearson one with that k, using the
beta form (lower = Beta(k, n - k + 1) quantile, upper = Beta(k + 1, n - k) quantile),
which is defined for half counts. Counting ties as halves makes the estimate vary
less than a plain binomial count with the same mean, so the interval stays on the
safe (wide) side. Without ties it is exactly ``scipy.stats.binomtest(k, n)
.proportion_ci(method="exact")``.

Read it as: with 95% confidence, among all organizations like these peers, between
`low`% and `high`% score below this one (ties counting half).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ._beta import beta_quantile
from ._distribution import EmptyPeerGroupError, RankCounts

DEFAULT_CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class PercentileInterval:
    """Bounds (0-100) for a percentile rank at a confidence level, and how they were made."""

    low: float
    high: float
    confidence: float
    method: Literal["clopper-pearson"] = "clopper-pearson"


def percentile_interval(
    counts: RankCounts, confidence: float = DEFAULT_CONFIDENCE
) -> PercentileInterval:
    """The exact binomial interval for the percentile rank these counts give."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive), got {confidence}")
    if counts.total == 0:
        raise EmptyPeerGroupError("the peer group is empty: there is no percentile to bound")
    low, high = _bounds(2 * counts.below + counts.equal, counts.total, confidence)
    return PercentileInterval(100.0 * low, 100.0 * high, confidence)


@lru_cache(maxsize=4096)
def _bounds(twice_k: int, n: int, confidence: float) -> tuple[float, float]:
    """Bounds on the proportion for k = twice_k / 2 of n (cached: views repeat often)."""
    k = twice_k / 2.0
    tail = (1.0 - confidence) / 2.0
    low = 0.0 if k == 0 else beta_quantile(tail, k, n - k + 1.0)
    high = 1.0 if k == n else beta_quantile(1.0 - tail, k + 1.0, n - k)
    return low, high
