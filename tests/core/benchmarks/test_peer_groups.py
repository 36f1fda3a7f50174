"""Peer groups: membership, upserts and removals, and incremental upkeep equal to a rebuild."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxmaturity.core.benchmarks import OVERALL, GroupKey, PeerEntry, PeerIndex

PROPERTY = settings(max_examples=60, deadline=None, database=None)


def entry(org: str, score: float, industry: str | None = "retail", region: str | None = "europe",
          size: str | None = "50-249", model: str = "m") -> PeerEntry:  # fmt: skip
    return PeerEntry(org, model, industry, region, size, {"journey": score, OVERALL: score})


def test_group_key_parents_and_ancestors() -> None:
    key = GroupKey("m", "journey", "retail", "europe", None)
    assert key.filter_count == 2
    assert key.parents() == [
        GroupKey("m", "journey", None, "europe"),
        GroupKey("m", "journey", "retail", None),
    ]
    assert key.ancestors() == [
        GroupKey("m", "journey"),
        GroupKey("m", "journey", "retail", None),
        GroupKey("m", "journey", None, "europe"),
    ]
    assert len(GroupKey("m", OVERALL, "a", "b", "c").ancestors()) == 7
    assert GroupKey("m", OVERALL).ancestors() == []


def test_an_organization_is_in_every_group_it_matches() -> None:
    index = PeerIndex.build([entry("a", 40.0)])
    journey = {k for k in index.sizes() if k.dimension == "journey"}
    assert len(journey) == 8
    assert GroupKey("m", "journey") in journey
    assert GroupKey("m", "journey", "retail", "europe", "50-249") in journey
    unstated = PeerIndex.build([entry("b", 40.0, region=None)])
    assert {k.region for k in unstated.sizes()} == {None}  # in no region's group
    assert len(unstated.sizes()) == 8  # 4 groups × 2 dimensions


def test_unscored_dimensions_stay_out() -> None:
    index = PeerIndex.build(
        [PeerEntry("a", "m", None, None, None, {"journey": None, OVERALL: 3.0})]
    )
    assert index.sizes() == {GroupKey("m", OVERALL): 1}


def test_put_replaces_the_previous_result_of_the_same_organization_and_model() -> None:
    index = PeerIndex()
    index.put(entry("a", 40.0))
    index.put(entry("a", 60.0))
    index.put(entry("a", 10.0, model="other"))
    assert len(index) == 2
    assert ("a", "m") in index
    assert list(index.distribution(GroupKey("m", "journey")).sorted_scores) == [60.0]
    assert index.size(GroupKey("other", OVERALL)) == 1


def test_remove_takes_an_organization_out_of_every_group() -> None:
    index = PeerIndex.build([entry("a", 40.0), entry("b", 50.0, industry="telco")])
    assert index.remove("a", "m") is True
    assert index.remove("a", "m") is False
    assert index.size(GroupKey("m", "journey", "retail")) == 0
    assert index.size(GroupKey("m", "journey")) == 1
    assert index.remove("b", "m")
    assert index.sizes() == {}


def test_build_refuses_two_results_of_one_organization() -> None:
    with pytest.raises(ValueError, match=r"appears twice for model 'm'.*latest completed"):
        PeerIndex.build([entry("a", 1.0), entry("a", 2.0)])


def test_a_bad_score_is_refused_and_changes_nothing() -> None:
    index = PeerIndex.build([entry("a", 40.0)])
    with pytest.raises(ValueError, match=r"organization 'a', model 'm', journey: 140\.0 is not"):
        index.put(entry("a", 140.0))
    assert list(index.distribution(GroupKey("m", "journey")).sorted_scores) == [40.0]
    with pytest.raises(ValueError, match="is not a number between 0 and 100"):
        PeerIndex.build([entry("b", float("nan"))])


def test_distributions_follow_updates_unless_snapshotted() -> None:
    index = PeerIndex.build([entry("a", 40.0)])
    live = index.distribution(GroupKey("m", "journey"))
    frozen = live.snapshot()
    index.put(entry("b", 50.0))
    assert (live.size, frozen.size) == (2, 1)
    assert index.distribution(GroupKey("m", "nothing")).size == 0


organizations = st.sampled_from([f"o{i}" for i in range(12)])
entries = st.builds(
    PeerEntry,
    organizations,
    st.sampled_from(["m", "n"]),
    st.sampled_from(["retail", "telco", None]),
    st.sampled_from(["europe", "asia", None]),
    st.sampled_from(["small", "large", None]),
    st.fixed_dictionaries(
        {
            "journey": st.one_of(st.none(), st.integers(0, 20).map(lambda n: n * 5.0)),
            OVERALL: st.floats(0, 100),
        }
    ),
)
operations = st.lists(
    st.one_of(
        entries.map(lambda e: ("put", e)),
        st.tuples(organizations, st.sampled_from(["m", "n"])).map(lambda k: ("remove", k)),
    ),
    max_size=40,
)


@PROPERTY
@given(operations)
def test_incremental_upkeep_equals_a_full_rebuild(ops: list[tuple[str, object]]) -> None:
    index = PeerIndex()
    current: dict[tuple[object, str], PeerEntry] = {}
    for kind, payload in ops:
        if kind == "put":
            assert isinstance(payload, PeerEntry)
            index.put(payload)
            current[(payload.org_key, payload.model_id)] = payload
        else:
            assert isinstance(payload, tuple)
            assert index.remove(*payload) == (current.pop(payload, None) is not None)
    rebuilt = PeerIndex.build(current.values())
    assert index.sizes() == rebuilt.sizes()
    for key in rebuilt.sizes():
        assert list(index.distribution(key).sorted_scores) == list(
            rebuilt.distribution(key).sorted_scores
        )
    assert sorted(map(repr, index.entries())) == sorted(map(repr, rebuilt.entries()))


def test_the_index_keeps_its_own_copy_of_the_scores() -> None:
    scores: dict[str, float | None] = {"journey": 40.0}
    index = PeerIndex()
    index.put(PeerEntry("a", "m", None, None, None, scores))
    scores["journey"] = 90.0  # the caller reuses its dictionary
    assert index.remove("a", "m")
    assert index.sizes() == {}
