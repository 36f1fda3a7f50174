"""Department groups: never one below the minimum size, never one revealed by subtraction."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxmaturity.core.aggregation import MIN_GROUP, check_min_group, shown_groups
from cxmaturity.core.aggregation._campaign import _dimension_summary

PROPERTY = settings(max_examples=200, deadline=None, database=None)


@pytest.mark.parametrize(
    ("counts", "shown", "hidden"),
    [
        ({"A": 3, "B": 3}, {"A", "B"}, 0),
        ({"A": 5, "B": 4, "C": 1}, {"A"}, 5),  # C alone would show by subtraction: B goes too
        ({"A": 5, "B": 4, "C": 1, "D": 2}, {"A", "B"}, 3),  # C and D together are 3
        ({"A": 5, "B": 5, "C": 2}, {"B"}, 7),  # tie between A and B: by name
        ({"A": 5, None: 1}, set(), 6),  # no department is a group too
        ({"A": 2}, set(), 2),
        ({"A": 4, "B": 0}, {"A"}, 0),
        ({}, set(), 0),
    ],
)
def test_small_groups_and_their_complement_are_hidden(
    counts: dict[str | None, int], shown: set[str | None], hidden: int
) -> None:
    assert shown_groups(counts) == (shown, hidden)


def test_a_larger_minimum_is_allowed_a_smaller_one_refused() -> None:
    assert shown_groups({"A": 4, "B": 5, "C": 5}, 5) == ({"C"}, 9)
    assert shown_groups({"A": 4, "B": 5, "C": 6}, 5) == ({"C"}, 9)
    assert check_min_group(5) == 5
    with pytest.raises(ValueError, match="at least 3"):
        check_min_group(2)
    with pytest.raises(ValueError, match="at least 3"):
        shown_groups({"A": 1}, 1)


@PROPERTY
@given(
    st.dictionaries(
        st.one_of(st.none(), st.sampled_from(["Sales", "Support", "IT", "Finance", "Ops"])),
        st.integers(0, 12),
        max_size=6,
    ),
    st.integers(3, 6),
)
def test_what_is_hidden_is_nobody_or_at_least_min_group(
    counts: dict[str | None, int], min_group: int
) -> None:
    shown, hidden = shown_groups(counts, min_group)
    assert all(counts[g] >= min_group for g in shown)
    assert hidden == sum(counts.values()) - sum(counts[g] for g in shown)
    assert hidden == 0 or hidden >= min_group or not shown


@PROPERTY
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(["Sales", "Support", "IT", "Finance"])),
            st.floats(0, 100, allow_nan=False).map(lambda s: round(s, 2)),
        ),
        max_size=25,
    ),
    st.integers(3, 5),
)
def test_no_small_group_can_be_reconstructed_from_a_dimension_breakdown(
    rows: list[tuple[str | None, float]], min_group: int
) -> None:
    departments = [d for d, _ in rows]
    scores: list[float | None] = [s for _, s in rows]
    summary = _dimension_summary("d", "D", scores, [None] * len(rows), None, departments, min_group)
    sizes: dict[str | None, int] = {}
    for d in departments:
        sizes[d] = sizes.get(d, 0) + 1
    # every shown group is large enough and its figures are its own
    for figure in summary.departments:
        assert figure.n >= min_group
        assert figure.n == sizes[figure.department]
        own = [s for d, s in rows if d == figure.department]
        assert figure.mean == pytest.approx(math.fsum(own) / len(own), abs=0.006)
    # what subtraction from the total gives: n and mean of the hidden respondents together
    total_n = summary.scored
    left_n = total_n - sum(f.n for f in summary.departments)
    assert left_n == summary.hidden
    hidden_groups = {d for d in sizes if d not in {f.department for f in summary.departments}}
    assert left_n == sum(sizes[d] for d in hidden_groups)
    # ...is nobody, or a union of at least min_group respondents, or everyone (no breakdown)
    assert left_n == 0 or left_n >= min_group or not summary.departments
    # and never exactly one small group's figures
    for d in hidden_groups:
        if sizes[d] < min_group:
            assert left_n != sizes[d] or not summary.departments


def test_min_group_is_three_by_default() -> None:
    assert MIN_GROUP == 3
