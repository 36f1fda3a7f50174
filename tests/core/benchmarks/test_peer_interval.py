"""The percentile interval: the beta functions and Clopper-Pearson bounds against SciPy and by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from cxmaturity.core.benchmarks import (
    EmptyPeerGroupError,
    RankCounts,
    ScoreDistribution,
    peer_position,
    percentile_interval,
)
from cxmaturity.core.benchmarks._beta import beta_quantile, regularized_incomplete_beta

PROPERTY = settings(max_examples=150, deadline=None, database=None)
parameters = st.floats(0.5, 2_000.0)


@PROPERTY
@given(parameters, parameters, st.floats(0.0, 1.0))
def test_incomplete_beta_equals_scipy(a: float, b: float, x: float) -> None:
    expected = float(special.betainc(a, b, x))
    assert regularized_incomplete_beta(a, b, x) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@PROPERTY
@given(parameters, parameters, st.floats(0.001, 0.999))
def test_beta_quantile_equals_scipy(a: float, b: float, p: float) -> None:
    expected = float(stats.beta.ppf(p, a, b))
    assert beta_quantile(p, a, b) == pytest.approx(expected, rel=1e-8, abs=1e-12)


@pytest.mark.parametrize(("a", "b"), [(50_000.0, 50_001.0), (99_999.5, 1.5), (0.5, 100_000.0)])
def test_beta_quantile_for_groups_of_100_000(a: float, b: float) -> None:
    for p in (0.025, 0.975):
        assert beta_quantile(p, a, b) == pytest.approx(stats.beta.ppf(p, a, b), rel=1e-9)


def test_beta_functions_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="positive"):
        regularized_incomplete_beta(0, 1, 0.5)
    with pytest.raises(ValueError, match="positive"):
        beta_quantile(0.5, 1, -1)
    with pytest.raises(ValueError, match="between 0 and 1"):
        beta_quantile(1.5, 1, 1)
    assert beta_quantile(0.0, 2, 3) == 0.0
    assert beta_quantile(1.0, 2, 3) == 1.0


@pytest.mark.parametrize(
    ("below", "total"),
    [
        (0, 1),
        (1, 1),
        (0, 5),
        (2, 5),
        (5, 5),
        (3, 10),
        (0, 30),
        (17, 30),
        (250, 1000),
        (61_234, 100_000),
    ],
)
def test_without_ties_the_interval_is_scipys_exact_one(below: int, total: int) -> None:
    interval = percentile_interval(RankCounts(below, 0, total))
    expected = stats.binomtest(below, total).proportion_ci(confidence_level=0.95, method="exact")
    assert interval.low == pytest.approx(100 * expected.low, abs=1e-9)
    assert interval.high == pytest.approx(100 * expected.high, abs=1e-9)
    assert interval.method == "clopper-pearson"
    assert interval.confidence == 0.95


def test_closed_forms_by_hand() -> None:
    # k = 0: the upper bound solves (1 - p)^n = 0.025; k = n: the lower bound solves p^n = 0.025.
    none_below = percentile_interval(RankCounts(0, 0, 5))
    assert none_below.low == 0.0
    assert none_below.high == pytest.approx(100 * (1 - 0.025 ** (1 / 5)))  # 52.18
    all_below = percentile_interval(RankCounts(5, 0, 5))
    assert all_below.low == pytest.approx(100 * 0.025 ** (1 / 5))  # 47.82
    assert all_below.high == 100.0
    one_peer = percentile_interval(RankCounts(0, 0, 1))
    assert one_peer.low == 0.0
    assert one_peer.high == pytest.approx(97.5)


@pytest.mark.parametrize(
    ("below", "equal", "total"), [(0, 1, 1), (1, 3, 5), (0, 7, 7), (40, 21, 100)]
)
def test_ties_count_half_in_the_beta_form(below: int, equal: int, total: int) -> None:
    k = below + equal / 2
    interval = percentile_interval(RankCounts(below, equal, total))
    assert interval.low == pytest.approx(100 * stats.beta.ppf(0.025, k, total - k + 1), abs=1e-9)
    assert interval.high == pytest.approx(100 * stats.beta.ppf(0.975, k + 1, total - k), abs=1e-9)


def test_all_equal_scores_give_a_symmetric_interval_around_50() -> None:
    interval = percentile_interval(RankCounts(0, 20, 20))
    assert interval.low == pytest.approx(100 - interval.high)
    assert interval.low < 50 < interval.high


@PROPERTY
@given(
    st.integers(1, 500).flatmap(
        lambda n: st.tuples(st.integers(0, n), st.integers(0, n), st.just(n))
    )
)
def test_the_interval_holds_the_percentile_and_narrows_with_less_confidence(
    triple: tuple[int, int, int],
) -> None:
    below, equal, total = triple
    if below + equal > total:
        below = total - equal
    counts = RankCounts(below, equal, total)
    wide = percentile_interval(counts, 0.99)
    usual = percentile_interval(counts)
    narrow = percentile_interval(counts, 0.5)
    assert 0.0 <= wide.low <= usual.low <= narrow.low <= counts.percentile
    assert counts.percentile <= narrow.high <= usual.high <= wide.high <= 100.0


def test_more_peers_mean_a_narrower_interval() -> None:
    widths = [
        (i.high - i.low)
        for i in (percentile_interval(RankCounts(n // 2, 0, n)) for n in (10, 100, 1000, 100_000))
    ]
    assert widths == sorted(widths, reverse=True)
    assert widths[-1] < 1.0  # ±0.3 points with 100,000 peers


def test_refusals() -> None:
    with pytest.raises(EmptyPeerGroupError):
        percentile_interval(RankCounts(0, 0, 0))
    for confidence in (0.0, 1.0, 1.5):
        with pytest.raises(ValueError, match="confidence"):
            percentile_interval(RankCounts(1, 0, 2), confidence)


def test_peer_position_bundles_the_figures() -> None:
    peers = ScoreDistribution([10, 20, 30, 40, 50, 60, 70, 80])
    position = peer_position(peers, 55)
    assert position.score == 55.0
    assert position.peer_count == 8
    assert position.percentile == 62.5
    assert position.quartile == 3
    assert position.median == 45.0
    assert position.interval == percentile_interval(RankCounts(5, 0, 8))
    with pytest.raises(EmptyPeerGroupError):
        peer_position(ScoreDistribution(), 55)
