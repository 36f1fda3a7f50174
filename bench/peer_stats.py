"""Peer benchmark statistics of the core library: one organization's view, and a full rebuild.

Input: synthetic results, not scored answers. Each organization gets a hidden
maturity (Beta(2.2, 2.6), as ``sample_respondents`` uses) and every dimension
scatters around it; scores are rounded to 2 decimals like the scorer's, so ties occur
as they do in real data. Scoring 100,000 respondents first would add only the
scorer's own (separately benchmarked) time; what is measured here starts at scores.

Baselines, measured in the same run:
* the view: two plain ``bisect`` calls per dimension on the same sorted lists, the
  floor for any percentile rank over sorted scores;
* the rebuild: sorting each dimension's scores once (one list per dimension), the
  floor for any structure that keeps scores sorted.
"""

from __future__ import annotations

import random
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from cxmaturity.core.benchmarks import (
    OVERALL,
    CutPoints,
    GroupKey,
    PeerEntry,
    PeerIndex,
    band_cut_points,
    group_visibility,
    peer_position,
    summarize,
)
from cxmaturity.core.benchmarks._interval import _bounds

MODEL = "synthetic"
DIMENSIONS = (*(f"d{i}" for i in range(10)), OVERALL)
INDUSTRIES = ("finance", "retail", "telco", "other")
REGIONS = ("europe", "north-america", "latin-america", "asia-pacific", "middle-east-africa")
SIZES = ("1-49", "50-249", "250-999", "1000-4999", "5000+")
VIEWS = 50


def synthetic_entries(count: int, seed: int = 5) -> list[PeerEntry]:
    """`count` organizations with 10 dimension scores and an overall score each."""
    rng = random.Random(seed)
    entries = []
    for n in range(count):
        maturity = rng.betavariate(2.2, 2.6)
        scores: dict[str, float | None] = {}
        for dimension in DIMENSIONS[:-1]:
            lean = maturity + (rng.random() - rng.random()) * 0.3
            scores[dimension] = round(100 * min(1.0, max(0.0, lean)), 2)
        scores[OVERALL] = round(sum(scores.values()) / 10, 2)  # type: ignore[arg-type]
        entries.append(
            PeerEntry(
                f"org{n}",
                MODEL,
                rng.choice(INDUSTRIES),
                rng.choice(REGIONS),
                rng.choice(SIZES),
                scores,
            )
        )
    return entries


def best_seconds(work: Callable[[], object], repeats: int = 3) -> float:
    """Seconds of the fastest of several runs (the least disturbed by noise)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def view_seconds(index: PeerIndex, viewers: list[PeerEntry]) -> tuple[float, float]:
    """Seconds per view (baseline, ours): every dimension of one organization against all peers.

    Ours, per dimension: whether the group may be shown (privacy rules over the group
    and its wider groups), the percentile, its interval, quartile and median, band
    cut points and the chart summary. The
    interval cache is cleared before each view so each one pays the full price.
    """
    keys = [GroupKey(MODEL, d) for d in DIMENSIONS]
    lists = [index.distribution(k).sorted_scores for k in keys]
    defaults = CutPoints(70.0, 82.0)

    def baseline() -> None:
        for viewer in viewers:
            for dimension, scores in zip(DIMENSIONS, lists, strict=True):
                score = viewer.scores[dimension] or 0.0
                bisect_left(scores, score)
                bisect_right(scores, score)

    def ours() -> None:
        for viewer in viewers:
            _bounds.cache_clear()
            for key in keys:
                assert index.visibility(key).shown
                distribution = index.distribution(key)
                peer_position(distribution, viewer.scores[key.dimension] or 0.0)
                band_cut_points(distribution, defaults)
                summarize(distribution)

    return best_seconds(baseline) / len(viewers), best_seconds(ours) / len(viewers)


def rebuild_seconds(entries: list[PeerEntry]) -> tuple[float, float]:
    """Seconds (baseline, ours) to build every peer group from scratch."""

    def baseline() -> None:
        for dimension in DIMENSIONS:
            sorted(e.scores[dimension] or 0.0 for e in entries)

    return best_seconds(baseline, 2), best_seconds(lambda: PeerIndex.build(entries), 2)


def put_seconds(index: PeerIndex, entries: list[PeerEntry]) -> float:
    """Seconds per incremental update (an organization's new result replaces its old one)."""
    rng = random.Random(9)
    changed = [e._replace(scores={d: rng.uniform(0, 100) for d in DIMENSIONS}) for e in entries]
    start = time.perf_counter()
    for entry in changed:
        index.put(entry)
    return (time.perf_counter() - start) / len(changed)


def visibility_seconds(index: PeerIndex) -> float:
    """Seconds to decide the visibility of every group of the model (1,980 groups)."""
    return best_seconds(lambda: group_visibility(index.sizes(MODEL)))


def run(count: int) -> list[tuple[str, float, float | None]]:
    """(name, milliseconds, ratio to the baseline above it, or None) rows."""
    entries = synthetic_entries(count)
    base_build, build = rebuild_seconds(entries)
    index = PeerIndex.build(entries)
    base_view, view = view_seconds(index, random.Random(3).sample(entries, min(VIEWS, count)))
    put = put_seconds(index, entries[:20])
    visibility = visibility_seconds(index)
    return [
        ("baseline: 2 × bisect per dimension, 11 dims", 1e3 * base_view, 1.0),
        ("view: 11 dims, rank+interval+bands+chart", 1e3 * view, view / base_view),
        ("baseline: sort each dimension once", 1e3 * base_build, 1.0),
        ("PeerIndex.build, 11 dims × 180 groups", 1e3 * build, build / base_build),
        ("PeerIndex.put, one organization (11 dims)", 1e3 * put, None),
        ("group_visibility, all 1,980 groups", 1e3 * visibility, None),
    ]


if __name__ == "__main__":
    import sys

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    for name, ms, ratio in run(size):
        print(f"  {name:<44} {ms:>12,.2f} {'' if ratio is None else f'{ratio:.2f}':>11}")
