"""The engine's rounding is round() bit for bit (see _engine._rounded): scores, raw values,
stage and headroom figures all go through it, and the JSON contract shows them."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from cxmaturity.core.scoring._engine import RAW_DIGITS, SCORE_DIGITS, round_raw, round_score


def same(a: float, b: float) -> bool:
    return a.hex() == b.hex() or (math.isnan(a) and math.isnan(b))


@given(st.floats(allow_nan=True, allow_infinity=True))
@example(0.0)
@example(-0.0)
@example(-0.001)
@example(0.005)
@example(0.015)
@example(2.675)  # stored just below 2.675: round() gives 2.67
@example(1_073_741_824.0 / 100)
def test_any_float_rounds_as_round_does(value: float) -> None:
    assert same(round_score(value), round(value, SCORE_DIGITS))
    assert same(round_raw(value), round(value, RAW_DIGITS))


@given(st.integers(0, 10_000_000), st.integers(-3, 3))
def test_values_at_and_beside_a_half_round_as_round_does(whole: int, step: int) -> None:
    for scale, digits in ((100, SCORE_DIGITS), (10_000, RAW_DIGITS)):
        value = (whole + 0.5) / scale
        for _ in range(abs(step)):
            value = math.nextafter(value, math.copysign(math.inf, step))
        expected = round(value, digits)
        got = round_score(value) if digits == SCORE_DIGITS else round_raw(value)
        assert same(got, expected), (value, got, expected)


@given(st.integers(1, 10_000), st.integers(1, 10_000))
def test_scores_made_of_sums_round_as_round_does(part: int, whole: int) -> None:
    """What scoring rounds: 100 × a weighted sum over a total weight."""
    value = 100.0 * (part / 7) / (whole / 3)
    assert same(round_score(value), round(value, SCORE_DIGITS))
    assert same(round_raw(value / 100), round(value / 100, RAW_DIGITS))
