"""Peer benchmarks: where a score sits among comparable organizations, told honestly.

Pure statistics over scores the caller hands in (no database, no web framework):

* ``ScoreDistribution``: a peer group's sorted scores; percentile rank (ties count
  half, as SciPy's kind="mean"), quartile, median, quantiles.
* ``percentile_interval``: an exact (Clopper-Pearson) interval for the rank, from
  counts alone; ``peer_position`` bundles rank, interval, quartile and median.
* ``PeerIndex``: sorted scores for every peer group (model × dimension × industry ×
  region × size, None meaning any), kept up to date one organization at a time.
* ``group_visibility`` / ``visibility_of``: the privacy rules (minimum size; no group
  derivable from a shown wider one by subtraction), for all groups or one.
* ``band_cut_points``: live upper-quartile and top-decile cut points, or the model's.
* ``summarize``: bins and quantiles for a chart, no individual score.
* ``parse_exchange_csv`` / ``write_exchange_csv`` / ``anonymize_for_exchange``: the
  anonymized CSV that moves benchmark data between installations.
"""

from ._cut_points import (
    DEFAULT_LIVE_MIN_SIZE,
    BandCutPoints,
    CutPoints,
    band_cut_points,
    default_cut_points,
)
from ._distribution import EmptyPeerGroupError, Quartiles, RankCounts, ScoreDistribution
from ._exchange import (
    EXCHANGE_COLUMNS,
    AnonymizedExport,
    ExchangeFormatError,
    ExchangeProblem,
    ExchangeRow,
    anonymize_for_exchange,
    exchange_entries,
    parse_exchange_csv,
    write_exchange_csv,
)
from ._groups import PeerEntry, PeerIndex
from ._interval import DEFAULT_CONFIDENCE, PercentileInterval, percentile_interval
from ._keys import OVERALL, GroupKey
from ._position import PeerPosition, peer_position
from ._privacy import (
    DEFAULT_MIN_GROUP_SIZE,
    MIN_ALLOWED_GROUP_SIZE,
    GroupTooSmallError,
    GroupVisibility,
    PrivacyPolicy,
    group_visibility,
    visibility_of,
)
from ._summary import DistributionSummary, summarize

__all__ = [
    "DEFAULT_CONFIDENCE",
    "DEFAULT_LIVE_MIN_SIZE",
    "DEFAULT_MIN_GROUP_SIZE",
    "EXCHANGE_COLUMNS",
    "MIN_ALLOWED_GROUP_SIZE",
    "OVERALL",
    "AnonymizedExport",
    "BandCutPoints",
    "CutPoints",
    "DistributionSummary",
    "EmptyPeerGroupError",
    "ExchangeFormatError",
    "ExchangeProblem",
    "ExchangeRow",
    "GroupKey",
    "GroupTooSmallError",
    "GroupVisibility",
    "PeerEntry",
    "PeerIndex",
    "PeerPosition",
    "PercentileInterval",
    "PrivacyPolicy",
    "Quartiles",
    "RankCounts",
    "ScoreDistribution",
    "anonymize_for_exchange",
    "band_cut_points",
    "default_cut_points",
    "exchange_entries",
    "group_visibility",
    "parse_exchange_csv",
    "peer_position",
    "percentile_interval",
    "summarize",
    "visibility_of",
    "write_exchange_csv",
]
