"""Spread and agreement of ratings on an ordinal scale of A categories.

Two agreement indices are computed on the category ranks 1..A of the raters' answers
(a single-choice question's options ranked by their points, a scale's values, yes/no,
a number binned from worst to best, a dimension score placed on the model's levels):

- **rwg**, the within-group agreement index of James, Demaree & Wolf (1984, "Estimating
  within-group interrater reliability with and without response bias", Journal of
  Applied Psychology 69): one minus the ratio of the observed variance of the ratings to
  the variance they would have if every rater picked a category at random, uniformly.
  That uniform ("maximum entropy") null over A equally spaced categories has variance
  σ²_EU = (A² − 1) / 12. The observed variance is the sample variance s² (divisor n − 1).
  rwg = 1 − s² / σ²_EU, 1 meaning everyone gave the same answer. When raters split
  between the extremes s² exceeds σ²_EU and the raw index turns negative; like James,
  Demaree & Wolf we read such values as no agreement and clamp the index to [0, 1].
  Undefined (None) for fewer than two raters or a single category.
- **AD**, the average deviation index of Burke & Dunlap (2002, "Estimating interrater
  agreement with the average deviation index: a user's guide", Organizational Research
  Methods 5): the mean absolute distance of the ratings from their median, in
  categories. Burke & Dunlap give c / 6 as the practical upper limit of acceptable
  agreement for c response options. Defined from one rater (0).

The flag rule uses AD, not rwg: "strong disagreement" means at least MIN_RATERS raters
and AD > c / 6. AD stays on the answer scale (a facilitator can read "on average a
category and a half apart"), it is robust to one outlier, and its cut-off needs no null
distribution. rwg is reported next to it for readers who know that index (rwg < 0.5 is
the threshold usually quoted for weak agreement).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MIN_RATERS = 3  # fewer raters than this never raise a disagreement flag
POINT_DIGITS = 4
_TOLERANCE = 1e-9  # AD equal to c / 6 (1/3 against 2/6, say) is not above it


@dataclass(slots=True)
class Spread:
    """Mean, median and range of values (points, a number's value, or 0-100 scores)."""

    mean: float
    median: float
    min: float
    max: float

    def to_dict(self) -> dict[str, Any]:
        return {"mean": self.mean, "median": self.median, "min": self.min, "max": self.max}


@dataclass(slots=True)
class Agreement:
    """rwg and AD of the raters' category ranks (see the module's docstring)."""

    raters: int
    categories: int
    rwg: float | None
    ad: float
    ad_cutoff: float
    disagreement: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "raters": self.raters,
            "categories": self.categories,
            "rwg": self.rwg,
            "ad": self.ad,
            "ad_cutoff": self.ad_cutoff,
            "disagreement": self.disagreement,
        }


def weighted_median(pairs: Iterable[tuple[float, int]]) -> tuple[float, float] | None:
    """The two middle values (equal for an odd count) of values given with their counts."""
    ordered = sorted((v, c) for v, c in pairs if c > 0)
    n = sum(c for _, c in ordered)
    if not n:
        return None
    low_at, high_at = (n - 1) // 2, n // 2
    low = high = ordered[0][0]
    seen = 0
    for value, count in ordered:
        if seen <= low_at < seen + count:
            low = value
        if seen <= high_at < seen + count:
            high = value
            break
        seen += count
    return low, high


def spread(values: Sequence[float], digits: int = POINT_DIGITS) -> Spread | None:
    """Mean, median (the mean of the two middle values for an even count) and range."""
    return spread_counts(((v, 1) for v in values), digits)


def spread_counts(pairs: Iterable[tuple[float, int]], digits: int = POINT_DIGITS) -> Spread | None:
    """`spread` of values given with their counts, (value, count) pairs."""
    kept = [(v, c) for v, c in pairs if c > 0]
    middle = weighted_median(kept)
    if middle is None:
        return None
    n = sum(c for _, c in kept)
    return Spread(
        round(math.fsum(v * c for v, c in kept) / n, digits),
        round((middle[0] + middle[1]) / 2, digits),
        round(min(v for v, _ in kept), digits),
        round(max(v for v, _ in kept), digits),
    )


def rwg(ranks: Sequence[int], categories: int) -> float | None:
    """James, Demaree & Wolf's rwg against the uniform null, clamped to [0, 1]."""
    return rwg_counts(Counter(ranks), categories)


def rwg_counts(counts: Mapping[int, int], categories: int) -> float | None:
    """`rwg` of ranks given as rank -> count."""
    n = sum(counts.values())
    if n < 2 or categories < 2:
        return None
    mean = math.fsum(r * c for r, c in counts.items()) / n
    observed = math.fsum(c * (r - mean) ** 2 for r, c in counts.items()) / (n - 1)
    expected = (categories * categories - 1) / 12.0
    return min(1.0, max(0.0, 1.0 - observed / expected))


def ad_index(ranks: Sequence[int]) -> float:
    """Burke & Dunlap's AD: mean absolute deviation from the median (0 for no raters)."""
    return ad_counts(Counter(ranks))


def ad_counts(counts: Mapping[int, int]) -> float:
    """`ad_index` of ranks given as rank -> count."""
    middle = weighted_median((float(r), c) for r, c in counts.items())
    if middle is None:
        return 0.0
    median = (middle[0] + middle[1]) / 2
    n = sum(counts.values())
    return math.fsum(c * abs(r - median) for r, c in counts.items()) / n


def agreement(ranks: Sequence[int], categories: int) -> Agreement | None:
    """Both indices and the flag; None without raters."""
    return agreement_counts(Counter(ranks), categories)


def agreement_counts(counts: Mapping[int, int], categories: int) -> Agreement | None:
    """`agreement` of ranks given as rank -> count."""
    counts = {r: c for r, c in counts.items() if c > 0}
    n = sum(counts.values())
    if not n:
        return None
    ad = ad_counts(counts)
    cutoff = categories / 6.0
    index = rwg_counts(counts, categories)
    return Agreement(
        n,
        categories,
        None if index is None else round(index, POINT_DIGITS),
        round(ad, POINT_DIGITS),
        round(cutoff, POINT_DIGITS),
        n >= MIN_RATERS and ad > cutoff + _TOLERANCE,
    )
