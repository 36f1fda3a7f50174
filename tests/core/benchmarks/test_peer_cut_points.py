"""Band cut points: live from a large enough peer group, the model's defaults otherwise."""

from __future__ import annotations

import numpy as np
import pytest

from cxmaturity.core.benchmarks import (
    DEFAULT_LIVE_MIN_SIZE,
    CutPoints,
    ScoreDistribution,
    band_cut_points,
    default_cut_points,
)
from cxmaturity.core.model import Ladder
from cxmaturity.models import builtin

DEFAULTS = CutPoints(upper_quartile=50.0, top_decile=62.0)


def peers(count: int) -> ScoreDistribution:
    return ScoreDistribution((i * 37) % 101 for i in range(count))


def test_live_cut_points_once_the_group_is_large_enough() -> None:
    group = peers(DEFAULT_LIVE_MIN_SIZE)
    cuts = band_cut_points(group, DEFAULTS)
    scores = list(group.sorted_scores)
    assert cuts.source == "live"
    assert cuts.peer_count == 30
    assert cuts.upper_quartile == pytest.approx(np.quantile(scores, 0.75))
    assert cuts.top_decile == pytest.approx(np.quantile(scores, 0.9))


def test_the_models_defaults_below_the_threshold_and_for_hidden_groups() -> None:
    cuts = band_cut_points(peers(29), DEFAULTS)
    assert (cuts.upper_quartile, cuts.top_decile, cuts.source, cuts.peer_count) == (
        50.0,
        62.0,
        "default",
        29,
    )
    hidden = band_cut_points(None, DEFAULTS)
    assert (hidden.source, hidden.peer_count) == ("default", 0)
    assert band_cut_points(peers(10), DEFAULTS, live_min_size=10).source == "live"


def test_a_live_threshold_below_3_is_refused() -> None:
    with pytest.raises(ValueError, match="live_min_size=2 is too small"):
        band_cut_points(peers(40), DEFAULTS, live_min_size=2)


def test_defaults_come_from_the_models_benchmark_relative_rungs() -> None:
    ladder = next(
        ladder for ladder in builtin("cx-automation").ladders if ladder.id == "vs-benchmark"
    )
    assert default_cut_points(ladder, 32.0) == CutPoints(50.0, 62.0)  # benchmark + 18, + 30
    assert default_cut_points(ladder, 80.0) == CutPoints(98.0, 100.0)  # capped at 100
    assert default_cut_points(ladder, None) == CutPoints(18.0, 30.0)


def test_no_defaults_for_a_ladder_without_those_rungs() -> None:
    ladder = Ladder.model_validate({"id": "plain", "rungs": [{"id": "all", "from": 0, "to": 100}]})
    assert default_cut_points(ladder, 40.0) is None
