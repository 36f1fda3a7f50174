"""One result against its live peer groups: every figure computed in a few small queries.

For a model, a chosen peer group (any combination of the result's own industry,
region and size) and the result's scores, `compare` returns per dimension (and the
overall score) either the group's figures or "not shown", decided by the core's
privacy rules from the sizes of the group and every wider group.

How the figures stay exact and fast at 100,000 peers (see `models` for the tables):

1. One query reads the `PeerGroup` rows of the chosen group and its wider groups
   (at most 8 per dimension): sizes for the privacy rules, one-point slot counts.
2. The percentile needs the peers strictly below the score and those equal to it.
   Slot counts give every peer below the score's slot; one query counts, per
   dimension, the peers inside that one slot below and at the score.
3. Quantiles (quartiles, median, 90th percentile) are order statistics: the slot
   counts say which slot holds the k-th smallest score and at which offset, and one
   query reads exactly those scores (`ORDER BY score LIMIT 1 OFFSET o` in one slot).

The percentile rank, its interval, the quartile and the quantile rule are the
core's (`RankCounts`, `percentile_interval`, linear interpolation), so a page shows
exactly what `ScoreDistribution` would compute from the same scores.

All reads of one comparison run in one transaction (REPEATABLE READ on PostgreSQL),
so an entry written meanwhile cannot make the counts disagree.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from cxmaturity.core.benchmarks import (
    DEFAULT_MIN_GROUP_SIZE,
    DistributionSummary,
    GroupKey,
    PeerPosition,
    PrivacyPolicy,
    RankCounts,
    percentile_interval,
    visibility_of,
)

from .models import ANY, SLOTS, PeerGroup, PeerScore
from .store import slot_of

QUANTILES = (0.25, 0.5, 0.75, 0.9)
BINS = 10


def policy() -> PrivacyPolicy:
    """The privacy policy from `CXM_PEER_MIN_GROUP` (never below the core's minimum of 3)."""
    return PrivacyPolicy(int(getattr(settings, "CXM_PEER_MIN_GROUP", DEFAULT_MIN_GROUP_SIZE)))


@dataclass(frozen=True, slots=True)
class Filters:
    """The chosen peer group's filters; None means any."""

    industry: str | None = None
    region: str | None = None
    size: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """A score against one peer group: shown with its figures, or not shown (and nothing else)."""

    dimension: str
    shown: bool
    position: PeerPosition | None = None
    summary: DistributionSummary | None = None


@dataclass(slots=True)
class _Group:
    members: int
    slots: list[int]

    def cumulative(self) -> list[int]:
        """Members below each slot (index n: slots 0..n-1), SLOTS + 1 numbers."""
        out = [0]
        for count in self.slots:
            out.append(out[-1] + count)
        return out


def compare(
    model_id: str,
    scores: Mapping[str, float],
    filters: Filters,
    privacy: PrivacyPolicy | None = None,
) -> dict[str, Comparison]:
    """Each scored dimension's comparison with the chosen group (see the module docstring)."""
    rules = privacy or policy()
    dimensions = sorted(scores)
    if not dimensions:
        return {}
    isolate = connection.vendor == "postgresql" and not connection.in_atomic_block
    # On SQLite every transaction here is BEGIN IMMEDIATE, which would take the write
    # lock for a page view and queue answer saves behind it; its reads run outside one
    # (each statement sees a committed state; the counts may straddle a concurrent write).
    reading = transaction.atomic() if connection.vendor != "sqlite" else contextlib.nullcontext()
    with reading:
        if isolate:  # only the first statement of a transaction may set its isolation
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        groups = _groups(model_id, dimensions, filters)
        out: dict[str, Comparison] = {}
        shown: dict[str, _Group] = {}
        for dimension in dimensions:
            key = GroupKey(model_id, dimension, filters.industry, filters.region, filters.size)
            verdict = visibility_of(key, lambda k: _size(groups, k), rules)
            group = groups.get(_row_key(key))
            if verdict.shown and group is not None:
                shown[dimension] = group
            else:
                out[dimension] = Comparison(dimension, False)
        if not shown:
            return out
        counts = _counts_in_slot(model_id, filters, {d: scores[d] for d in shown}, shown)
        ranks = _needed_ranks(shown)
        order_stats = _order_statistics(model_id, filters, ranks, shown)
    for dimension, group in shown.items():
        below, equal = counts[dimension]
        rank = RankCounts(below, equal, group.members)
        quantiles = [
            _quantile(group.members, q, lambda k, d=dimension: order_stats[(d, k)])
            for q in QUANTILES
        ]
        position = PeerPosition(
            score=float(scores[dimension]),
            peer_count=group.members,
            percentile=rank.percentile,
            interval=percentile_interval(rank),
            quartile=rank.quartile,
            median=quantiles[1],
        )
        out[dimension] = Comparison(dimension, True, position, _summary(group, quantiles))
    return out


def _row_key(key: GroupKey) -> tuple[str, str, str, str]:
    return (key.dimension, key.industry or ANY, key.region or ANY, key.size or ANY)


def _size(groups: Mapping[tuple[str, str, str, str], _Group], key: GroupKey) -> int:
    group = groups.get(_row_key(key))
    return group.members if group is not None else 0


def _groups(
    model_id: str, dimensions: Sequence[str], filters: Filters
) -> dict[tuple[str, str, str, str], _Group]:
    """The chosen group and its wider groups, per dimension (one query)."""
    rows = PeerGroup.objects.filter(
        model_id=model_id,
        dimension__in=dimensions,
        industry__in={ANY, filters.industry or ANY},
        region__in={ANY, filters.region or ANY},
        size__in={ANY, filters.size or ANY},
    ).values_list("dimension", "industry", "region", "size", "members", "slots")
    return {(d, i, r, s): _Group(members, list(slots)) for d, i, r, s, members, slots in rows}


def _where(model_id: str, dimension: str, filters: Filters) -> tuple[str, list[Any]]:
    """The SQL condition of one group's score rows, and its parameters."""
    parts = ["model_id = %s", "dimension = %s"]
    params: list[Any] = [model_id, dimension]
    for column in ("industry", "region", "size"):
        value = getattr(filters, column)
        if value is not None:
            parts.append(f"{column} = %s")
            params.append(value)
    return " AND ".join(parts), params


def _slot_range(slot: int) -> tuple[str, list[float]]:
    if slot >= SLOTS - 1:
        return "score >= %s", [float(slot)]
    return "score >= %s AND score < %s", [float(slot), float(slot + 1)]


def _counts_in_slot(
    model_id: str,
    filters: Filters,
    scores: Mapping[str, float],
    groups: Mapping[str, _Group],
) -> dict[str, tuple[int, int]]:
    """Per dimension: (peers below the score, peers equal to it), counting inside one slot."""
    table = PeerScore._meta.db_table
    parts, params = [], []
    order = list(scores)
    for n, dimension in enumerate(order):
        score = float(scores[dimension])
        where, values = _where(model_id, dimension, filters)
        parts.append(
            f"SELECT {n} AS n, COUNT(CASE WHEN score < %s THEN 1 END) AS below,"
            f" COUNT(CASE WHEN score = %s THEN 1 END) AS equal FROM {table}"
            f" WHERE {where} AND score >= %s AND score <= %s"
        )
        params += [score, score, *values, float(slot_of(score)), score]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = {order[n]: (below, equal) for n, below, equal in cursor.fetchall()}
    out = {}
    for dimension in order:
        below_slot = groups[dimension].cumulative()[slot_of(float(scores[dimension]))]
        below, equal = found.get(dimension, (0, 0))
        out[dimension] = (below_slot + below, equal)
    return out


def _needed_ranks(groups: Mapping[str, _Group]) -> dict[str, set[int]]:
    """The 0-based order statistics each dimension's quantiles interpolate between."""
    out: dict[str, set[int]] = {}
    for dimension, group in groups.items():
        ranks: set[int] = set()
        for q in QUANTILES:
            position = (group.members - 1) * q
            low = math.floor(position)
            ranks.add(low)
            if position - low > 0:
                ranks.add(low + 1)
        out[dimension] = ranks
    return out


def _order_statistics(
    model_id: str,
    filters: Filters,
    ranks: Mapping[str, set[int]],
    groups: Mapping[str, _Group],
) -> dict[tuple[str, int], float]:
    """The k-th smallest score of each group for each needed k (one query).

    Ranks that fall in the same slot are read by one subquery (LIMIT spanning them):
    each quantile needs two neighbouring ranks, and planning time grows with the
    number of subqueries.
    """
    table = PeerScore._meta.db_table
    parts: list[str] = []
    params: list[Any] = []
    asked: list[tuple[str, int]] = []  # (dimension, first rank) per subquery
    for dimension, wanted in ranks.items():
        cumulative = groups[dimension].cumulative()
        where, values = _where(model_id, dimension, filters)
        by_slot: dict[int, list[int]] = {}
        for k in sorted(wanted):
            by_slot.setdefault(_slot_holding(cumulative, k), []).append(k)
        for slot, ks in by_slot.items():
            within, bounds = _slot_range(slot)
            n = len(asked)
            asked.append((dimension, ks[0]))
            parts.append(
                f"SELECT * FROM (SELECT {n} AS n, score FROM {table} WHERE {where} AND {within}"
                f" ORDER BY score LIMIT {ks[-1] - ks[0] + 1} OFFSET {ks[0] - cumulative[slot]})"
                f" AS q{n}"
            )
            params += [*values, *bounds]
    found: dict[int, list[float]] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for n, score in cursor.fetchall():
            found.setdefault(n, []).append(float(score))
    out: dict[tuple[str, int], float] = {}
    for n, (dimension, first) in enumerate(asked):
        for offset, score in enumerate(sorted(found.get(n, []))):
            out[(dimension, first + offset)] = score
    return out


def _slot_holding(cumulative: Sequence[int], k: int) -> int:
    """The slot holding the k-th smallest score (0-based): members below it <= k < through it."""
    for slot in range(SLOTS):
        if cumulative[slot + 1] > k:
            return slot
    raise ValueError(f"rank {k} is beyond the group's {cumulative[-1]} members")


def _quantile(members: int, q: float, nth: Any) -> float:
    """The q-quantile by linear interpolation between order statistics (as the core)."""
    position = (members - 1) * q
    low = math.floor(position)
    fraction = position - low
    if fraction == 0.0:
        return float(nth(low))
    below, above = nth(low), nth(low + 1)
    return float(below + fraction * (above - below))


def _summary(group: _Group, quantiles: list[float]) -> DistributionSummary:
    """Bins of ten points (the last one holds 100) and quantiles: what a chart may draw."""
    width = (SLOTS - 1) // BINS
    counts = [sum(group.slots[b * width : (b + 1) * width]) for b in range(BINS)]
    counts[-1] += group.slots[SLOTS - 1]
    return DistributionSummary(
        size=group.members,
        bin_edges=tuple(float(b * width) for b in range(BINS + 1)),
        counts=tuple(counts),
        lower_quartile=quantiles[0],
        median=quantiles[1],
        upper_quartile=quantiles[2],
        top_decile=quantiles[3],
    )
