"""Band cut points relative to the benchmark: live from the peer group once it is large enough.

A model's "upper quartile" and "top of the industry" bands start at fixed offsets
from the published benchmark (e.g. benchmark + 18 and + 30 in cx-automation). Those
offsets are guesses at where the quartile and top tenth lie. Once enough peers are
stored, the real cut points replace them: the group's 75th and 90th percentiles.
Below the threshold (default 30 members, where a 90th percentile still moves a lot
with one new member) the model's defaults stay, and the result says which was used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Ladder
from ..model._ranges import bound_at
from ._distribution import ScoreDistribution
from ._privacy import MIN_ALLOWED_GROUP_SIZE

DEFAULT_LIVE_MIN_SIZE = 30
UPPER_QUARTILE_RUNG = "upper-quartile"
TOP_RUNG = "top"


@dataclass(frozen=True, slots=True)
class CutPoints:
    """Where the upper-quartile band and the top band start (0-100)."""

    upper_quartile: float
    top_decile: float


@dataclass(frozen=True, slots=True)
class BandCutPoints:
    """Cut points to place a score on the band ladder, and where they came from.

    `source` is "live" (the peer group's own 75th and 90th percentiles, from
    `peer_count` peers) or "default" (the model's benchmark-relative bounds).
    """

    upper_quartile: float
    top_decile: float
    source: Literal["live", "default"]
    peer_count: int
    live_min_size: int


def band_cut_points(
    distribution: ScoreDistribution | None,
    defaults: CutPoints,
    *,
    live_min_size: int = DEFAULT_LIVE_MIN_SIZE,
) -> BandCutPoints:
    """Live cut points if the group has at least `live_min_size` members, else `defaults`.

    Pass None for the distribution when the chosen group is not shown (privacy): a
    hidden group must not steer a result either.
    """
    if live_min_size < MIN_ALLOWED_GROUP_SIZE:
        raise ValueError(
            f"live_min_size={live_min_size} is too small: live cut points need at least "
            f"{MIN_ALLOWED_GROUP_SIZE} peers (30 or more is sensible)"
        )
    count = 0 if distribution is None else distribution.size
    if distribution is None or count < live_min_size:
        return BandCutPoints(
            defaults.upper_quartile, defaults.top_decile, "default", count, live_min_size
        )
    return BandCutPoints(
        distribution.quantile(0.75), distribution.top_decile(), "live", count, live_min_size
    )


def default_cut_points(
    ladder: Ladder,
    benchmark: float | None,
    *,
    upper_quartile_rung: str = UPPER_QUARTILE_RUNG,
    top_rung: str = TOP_RUNG,
) -> CutPoints | None:
    """The model's own cut points: where those two rungs start, placed against `benchmark`.

    None if the ladder has no such rungs (models without benchmark-relative bands).
    """
    starts = {rung.id: bound_at(rung.from_, benchmark) for rung in ladder.rungs}
    if upper_quartile_rung not in starts or top_rung not in starts:
        return None
    return CutPoints(starts[upper_quartile_rung], starts[top_rung])
