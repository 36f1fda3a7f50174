"""Percentile rank, quartile and quantiles of a peer group: hand-computed cases and SciPy."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from cxmaturity.core.benchmarks import (
    EmptyPeerGroupError,
    RankCounts,
    ScoreDistribution,
    peer_position,
    summarize,
)
from cxmaturity.reports._content import _DISTRIBUTION_KEYS  # what a report's chart reads

PROPERTY = settings(max_examples=150, deadline=None, database=None)
# Scores on a coarse grid so that ties are frequent, as with 2-decimal scores in small groups.
scores = st.integers(0, 40).map(lambda n: n * 2.5)
groups = st.lists(scores, min_size=1, max_size=60)


@pytest.mark.parametrize(
    ("peers", "score", "below", "equal", "percentile"),
    [
        ([1, 2, 3, 4], 3, 2, 1, 62.5),  # (2 + 1/2) / 4
        ([1, 2, 3, 4], 2.5, 2, 0, 50.0),
        ([1, 2, 2, 2, 3], 2, 1, 3, 50.0),  # (1 + 3/2) / 5
        ([50] * 7, 50, 0, 7, 50.0),  # level with everyone: the middle, not 0 or 100
        ([50] * 7, 49.99, 0, 0, 0.0),
        ([50] * 7, 50.01, 7, 0, 100.0),
        ([40], 40, 0, 1, 50.0),  # a single peer
        ([40], 10, 0, 0, 0.0),
        ([40], 90, 1, 0, 100.0),
        ([0, 100], 0, 0, 1, 25.0),
        ([0, 100], 100, 1, 1, 75.0),
    ],
)
def test_percentile_rank_by_hand(
    peers: list[float], score: float, below: int, equal: int, percentile: float
) -> None:
    distribution = ScoreDistribution(peers)
    assert distribution.counts(score) == RankCounts(below, equal, len(peers))
    assert distribution.percentile_rank(score) == percentile
    assert percentile == pytest.approx(stats.percentileofscore(peers, score, kind="mean"))


@PROPERTY
@given(groups, st.one_of(scores, st.floats(0, 100)))
def test_percentile_rank_equals_scipy_mean_kind(peers: list[float], score: float) -> None:
    expected = stats.percentileofscore(peers, score, kind="mean")
    assert ScoreDistribution(peers).percentile_rank(score) == pytest.approx(expected, abs=1e-9)


@PROPERTY
@given(groups, st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]))
def test_quantiles_equal_numpy_linear(peers: list[float], q: float) -> None:
    distribution = ScoreDistribution(peers)
    assert distribution.quantile(q) == pytest.approx(float(np.quantile(peers, q)), abs=1e-9)
    assert distribution.median() == pytest.approx(statistics.median(peers), abs=1e-9)
    quartiles = distribution.quartiles()
    assert quartiles.lower <= quartiles.median <= quartiles.upper <= distribution.top_decile()


def test_quantiles_by_hand() -> None:
    distribution = ScoreDistribution([40, 10, 30, 20])  # unsorted input is sorted
    assert distribution.sorted_scores == [10, 20, 30, 40]
    assert distribution.quartiles().lower == 17.5  # position 0.75 between 10 and 20
    assert distribution.median() == 25.0
    assert distribution.quartiles().upper == 32.5
    assert distribution.top_decile() == pytest.approx(37.0)  # position 2.7
    single = ScoreDistribution([42])
    assert single.median() == single.top_decile() == single.quantile(0) == 42.0


@pytest.mark.parametrize(
    ("score", "percentile", "quartile"),
    [
        (5, 0.0, 1),
        (10, 12.5, 1),
        (15, 25.0, 2),  # a boundary belongs to the upper quarter
        (20, 37.5, 2),
        (25, 50.0, 3),
        (30, 62.5, 3),
        (35, 75.0, 4),
        (40, 87.5, 4),
        (45, 100.0, 4),
    ],
)
def test_quartile_edges(score: float, percentile: float, quartile: int) -> None:
    distribution = ScoreDistribution([10, 20, 30, 40])
    assert distribution.percentile_rank(score) == percentile
    assert distribution.quartile_of(score) == quartile


def test_quartile_of_a_score_level_with_everyone_is_the_middle_one() -> None:
    assert ScoreDistribution([60] * 9).quartile_of(60) == 3  # percentile 50


@PROPERTY
@given(groups, scores)
def test_quartile_follows_the_percentile(peers: list[float], score: float) -> None:
    distribution = ScoreDistribution(peers)
    percentile = distribution.percentile_rank(score)
    assert distribution.quartile_of(score) == min(4, math.floor(percentile / 25) + 1)


def test_empty_group_is_a_clear_error() -> None:
    empty = ScoreDistribution()
    assert empty.size == 0
    with pytest.raises(EmptyPeerGroupError, match="empty"):
        empty.percentile_rank(50)
    with pytest.raises(EmptyPeerGroupError, match="empty"):
        empty.median()
    with pytest.raises(EmptyPeerGroupError):
        empty.quartile_of(50)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -0.01, 100.01, "50", True, None])
def test_scores_must_be_numbers_from_0_to_100(bad: object) -> None:
    with pytest.raises(ValueError, match="is not a number between 0 and 100"):
        ScoreDistribution([10, bad])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="is not a number between 0 and 100"):
        ScoreDistribution([10]).percentile_rank(bad)  # type: ignore[arg-type]


def test_quantile_outside_0_1_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        ScoreDistribution([1]).quantile(1.5)


@pytest.mark.parametrize(("below", "equal", "total"), [(-1, 0, 3), (2, 2, 3), (0, -1, 0)])
def test_inconsistent_counts_are_refused(below: int, equal: int, total: int) -> None:
    with pytest.raises(ValueError, match="inconsistent counts"):
        RankCounts(below, equal, total)


def test_counts_from_a_database_give_the_same_rank() -> None:
    assert RankCounts(below=3, equal=2, total=10).percentile == 40.0
    assert RankCounts(below=3, equal=2, total=10).above == 5
    with pytest.raises(EmptyPeerGroupError):
        _ = RankCounts(0, 0, 0).percentile


def test_presorted_wraps_without_copying_and_snapshot_copies() -> None:
    scores = [1.0, 2.0, 3.0]
    live = ScoreDistribution.presorted(scores)
    frozen = live.snapshot()
    scores.append(4.0)
    assert live.size == 4
    assert frozen.size == 3
    assert repr(frozen) == "ScoreDistribution(size=3)"


def test_the_flat_figures_and_chart_row_carry_the_group_level_figures_only() -> None:
    peers = ScoreDistribution([10.0, 20.0, 30.0, 40.0, 50.0, 60.0])
    position = peer_position(peers, 35.0)
    assert position.figures() == {
        "size": 6,
        "percentile": position.percentile,
        "low": position.interval.low,
        "high": position.interval.high,
        "confidence": round(100 * position.interval.confidence),
        "quartile": position.quartile,
        "median": 35.0,
    }
    summary = summarize(peers)
    row = summary.chart_row("Overall", 35.0)
    assert (row["label"], row["score"], row["size"], sum(row["counts"])) == ("Overall", 35.0, 6, 6)
    assert len(row["bin_edges"]) == len(row["counts"]) + 1
    assert set(row) == set(_DISTRIBUTION_KEYS)
