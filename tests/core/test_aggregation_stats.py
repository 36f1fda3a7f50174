"""rwg and AD on hand-computed cases, medians with ties, and the disagreement flag."""

from __future__ import annotations

import pytest

from cxmaturity.core.aggregation import ad_index, agreement, rwg, spread
from cxmaturity.core.aggregation._stats import weighted_median


@pytest.mark.parametrize(
    ("ranks", "categories", "expected"),
    [
        # s² = 4 (mean 3, deviations -2, 0, 2, divisor 2); σ²_EU = (25 - 1) / 12 = 2; 1 - 2 < 0 -> 0
        ([1, 3, 5], 5, 0.0),
        # mean 3.5, s² = 4 × 0.25 / 3 = 1/3; 1 - (1/3) / 2 = 5/6
        ([3, 3, 4, 4], 5, 5 / 6),
        # mean 3, s² = (1 + 0 + 0 + 1) / 3 = 2/3; 1 - (2/3) / 2 = 2/3
        ([2, 3, 3, 4], 5, 2 / 3),
        ([4, 4, 4], 5, 1.0),
        # yes/no: σ²_EU = 3/12; s² of 1, 1, 2 = 1/3; 1 - 4/3 < 0 -> 0
        ([1, 1, 2], 2, 0.0),
        # 7-point scale, σ²_EU = 48/12 = 4; s² of 3, 4, 5 = 1; 1 - 1/4
        ([3, 4, 5], 7, 0.75),
    ],
)
def test_rwg_against_the_uniform_null(ranks: list[int], categories: int, expected: float) -> None:
    assert rwg(ranks, categories) == pytest.approx(expected)


def test_rwg_needs_two_raters_and_two_categories() -> None:
    assert rwg([3], 5) is None
    assert rwg([], 5) is None
    assert rwg([1, 1], 1) is None


@pytest.mark.parametrize(
    ("ranks", "expected"),
    [
        ([1, 3, 5], 4 / 3),  # median 3: (2 + 0 + 2) / 3
        ([3, 3, 4, 4], 0.5),  # median 3.5 (mean of the middle two): 0.5 each
        ([1, 1, 2, 5], 1.25),  # median 1.5: (0.5 + 0.5 + 0.5 + 3.5) / 4
        ([2], 0.0),
        ([], 0.0),
    ],
)
def test_ad_is_the_mean_absolute_deviation_from_the_median(
    ranks: list[int], expected: float
) -> None:
    assert ad_index(ranks) == pytest.approx(expected)


def test_the_flag_is_ad_above_c_over_6_with_three_raters() -> None:
    wide = agreement([1, 3, 5], 5)
    assert wide is not None
    assert wide.ad == pytest.approx(1.3333)
    assert wide.ad_cutoff == pytest.approx(0.8333)
    assert wide.rwg == 0.0
    assert wide.disagreement
    close = agreement([3, 3, 4, 4], 5)
    assert close is not None
    assert not close.disagreement
    assert close.rwg == pytest.approx(0.8333)


def test_two_raters_never_raise_the_flag() -> None:
    pair = agreement([1, 5], 5)
    assert pair is not None
    assert pair.ad == 2.0
    assert not pair.disagreement


def test_ad_exactly_at_the_cut_off_is_not_a_disagreement() -> None:
    # yes/no: 2 yes, 1 no -> AD 1/3, cut-off 2/6
    split = agreement([2, 2, 1], 2)
    assert split is not None
    assert not split.disagreement
    even = agreement([1, 1, 2, 2], 2)
    assert even is not None
    assert even.ad == 0.5
    assert even.disagreement


def test_no_raters_no_agreement() -> None:
    assert agreement([], 5) is None


def test_medians_with_ties() -> None:
    assert weighted_median([(1.0, 2), (3.0, 2)]) == (1.0, 3.0)  # even count: two middles
    assert weighted_median([(2.0, 1), (1.0, 1), (3.0, 1)]) == (2.0, 2.0)
    assert weighted_median([(5.0, 3), (1.0, 1)]) == (5.0, 5.0)
    assert weighted_median([(1.0, 0)]) is None
    found = spread([1.0, 3.0, 3.0, 1.0])
    assert found is not None
    assert (found.mean, found.median, found.min, found.max) == (2.0, 2.0, 1.0, 3.0)
    assert spread([]) is None
