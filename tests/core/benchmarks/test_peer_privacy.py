"""Privacy: the minimum group size and complementary suppression, crafted cases and a property."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxmaturity.core.benchmarks import (
    GroupKey,
    GroupTooSmallError,
    PeerEntry,
    PeerIndex,
    PrivacyPolicy,
    ScoreDistribution,
    group_visibility,
    summarize,
    visibility_of,
)

PROPERTY = settings(max_examples=80, deadline=None, database=None)
ALL = GroupKey("m", "overall")
RETAIL = GroupKey("m", "overall", "retail")
RETAIL_EUROPE = GroupKey("m", "overall", "retail", "europe")
EUROPE = GroupKey("m", "overall", None, "europe")


@pytest.mark.parametrize("too_small", [2, 1, 0, -5])
def test_a_minimum_below_3_is_refused(too_small: int) -> None:
    with pytest.raises(ValueError, match=f"min_size={too_small} is too small: .* at least 3"):
        PrivacyPolicy(too_small)


def test_the_minimum_is_5_by_default_and_may_be_3() -> None:
    assert PrivacyPolicy().min_size == 5
    assert PrivacyPolicy(3).min_size == 3
    with pytest.raises(ValueError, match="whole number"):
        PrivacyPolicy(4.5)  # type: ignore[arg-type]


def decide(sizes: dict[GroupKey, int], min_size: int = 5) -> dict[GroupKey, tuple[str, object]]:
    verdicts = group_visibility(sizes, PrivacyPolicy(min_size))
    for key, verdict in verdicts.items():  # one group at a time decides the same
        assert visibility_of(key, lambda k: sizes.get(k, 0), PrivacyPolicy(min_size)) == verdict
    return {k: (v.reason, v.because_of) for k, v in verdicts.items()}


def test_a_small_group_is_never_shown() -> None:
    assert decide({ALL: 4}) == {ALL: ("too_small", None)}
    assert decide({ALL: 5})[ALL] == ("shown", None)
    assert decide({ALL: 3}, min_size=3)[ALL] == ("shown", None)


def test_a_narrower_group_derivable_by_subtraction_is_suppressed() -> None:
    # retail (12) minus retail + europe (10) would show the 2 retailers outside Europe.
    verdicts = decide({ALL: 40, RETAIL: 12, RETAIL_EUROPE: 10, EUROPE: 25})
    assert verdicts[RETAIL] == ("shown", None)
    assert verdicts[RETAIL_EUROPE] == ("derivable", RETAIL)


def test_a_complement_of_at_least_min_size_is_fine() -> None:
    verdicts = decide({ALL: 40, RETAIL: 12, RETAIL_EUROPE: 7, EUROPE: 25})
    assert verdicts[RETAIL_EUROPE] == ("shown", None)


def test_identical_groups_reveal_nothing() -> None:
    verdicts = decide({ALL: 40, RETAIL: 12, RETAIL_EUROPE: 12, EUROPE: 25})
    assert verdicts[RETAIL_EUROPE] == ("shown", None)


def test_the_other_parent_can_suppress_too() -> None:
    verdicts = decide({ALL: 40, RETAIL: 30, RETAIL_EUROPE: 10, EUROPE: 13})
    assert verdicts[RETAIL_EUROPE] == ("derivable", EUROPE)


def test_a_hidden_parent_does_not_hide_the_grandparent_comparison() -> None:
    # retail is hidden (all - retail = 3), yet all - (retail + europe) = 4 is still derivable.
    verdicts = decide({ALL: 100, RETAIL: 97, RETAIL_EUROPE: 96, EUROPE: 99})
    assert verdicts[RETAIL] == ("derivable", ALL)
    assert verdicts[EUROPE] == ("derivable", ALL)
    assert verdicts[RETAIL_EUROPE] == ("derivable", ALL)


def test_a_group_hidden_as_derivable_does_not_hide_its_narrower_groups() -> None:
    verdicts = decide({ALL: 20, RETAIL: 18, RETAIL_EUROPE: 10, EUROPE: 10})
    assert verdicts[RETAIL] == ("derivable", ALL)
    assert verdicts[RETAIL_EUROPE] == ("shown", None)  # 10 outside it in "all": fine


def test_inconsistent_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="inconsistent sizes"):
        group_visibility({ALL: 5, RETAIL: 9})


def test_the_index_answers_for_one_group() -> None:
    index = PeerIndex.build(
        PeerEntry(f"o{i}", "m", "retail", "europe" if i < 10 else "asia", None, {"overall": 50.0})
        for i in range(12)
    )
    assert index.visibility(RETAIL).shown
    assert index.visibility(RETAIL_EUROPE).reason == "derivable"
    assert index.visibility(GroupKey("m", "overall", "telco")).reason == "too_small"


industries = st.sampled_from(["retail", "telco", "finance", None])
regions = st.sampled_from(["europe", "asia", None])
sizes = st.sampled_from(["small", "large", None])


@PROPERTY
@given(
    st.lists(st.tuples(industries, regions, sizes), min_size=0, max_size=80),
    st.integers(3, 8),
)
def test_no_shown_group_has_a_small_complement_in_a_shown_wider_group(
    members: list[tuple[str | None, str | None, str | None]], min_size: int
) -> None:
    index = PeerIndex.build(
        PeerEntry(n, "m", *attributes, {"overall": 50.0}) for n, attributes in enumerate(members)
    )
    verdicts = group_visibility(index.sizes("m"), PrivacyPolicy(min_size))
    shown = {key for key, verdict in verdicts.items() if verdict.shown}
    for key in shown:
        assert index.size(key) >= min_size
        for wider in key.ancestors():  # parents, and their parents
            if wider in shown:
                difference = index.size(wider) - index.size(key)
                assert difference == 0 or difference >= min_size, (key, wider)
    for verdict in verdicts.values():
        if verdict.reason == "too_small":
            assert verdict.size < min_size


def test_the_chart_summary_refuses_small_groups_and_shows_bins_only() -> None:
    with pytest.raises(GroupTooSmallError, match="fewer than 5 members"):
        summarize(ScoreDistribution([10, 20, 30, 40]))
    summary = summarize(ScoreDistribution([0, 9.99, 10, 55, 100, 100]))
    assert summary.size == 6
    assert summary.bin_edges == (0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100)
    assert summary.counts == (2, 1, 0, 0, 0, 1, 0, 0, 0, 2)  # 10 opens bin 2; 100 is in the last
    assert summary.lower_quartile == pytest.approx(9.9925)  # position 1.25: 9.99 → 10
    assert summary.median == 32.5
    assert summary.upper_quartile == pytest.approx(88.75)  # position 3.75: 55 → 100
    assert not {"minimum", "maximum", "mean", "scores"} & set(summary.__dataclass_fields__)
    assert summarize(ScoreDistribution([1, 2, 3]), policy=PrivacyPolicy(3), bins=4).counts == (
        3,
        0,
        0,
        0,
    )
    with pytest.raises(ValueError, match="bins"):
        summarize(ScoreDistribution([1] * 5), bins=0)
