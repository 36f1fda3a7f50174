"""Which dimension or stage a result names its strongest and its weakest."""

from __future__ import annotations

from typing import Any

from cxmaturity.core.scoring import standouts


def parts(*scores: float | None) -> list[dict[str, Any]]:
    return [{"id": f"p{n}", "score": score} for n, score in enumerate(scores)]


def test_the_highest_and_the_lowest_scored_stand_out() -> None:
    strongest, weakest = standouts(parts(40.0, None, 80.5, 12.25))
    assert (strongest, weakest) == ({"id": "p2", "score": 80.5}, {"id": "p3", "score": 12.25})


def test_parts_that_all_score_the_same_name_neither() -> None:
    assert standouts(parts(66.67, 66.67, None, 66.67)) == (None, None)


def test_a_lone_scored_part_is_the_highest_only() -> None:
    assert standouts(parts(None, 50.0)) == ({"id": "p1", "score": 50.0}, None)


def test_nothing_scored_names_nothing() -> None:
    assert standouts(parts(None, None)) == (None, None)
    assert standouts([]) == (None, None)
