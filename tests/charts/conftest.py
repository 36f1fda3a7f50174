"""Real scoring results for the chart tests, made with the public scoring API."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest

from cxmaturity.charts import clear_cache
from cxmaturity.core.scoring import Scorer, sample_respondents
from cxmaturity.models import builtin

MakeResult = Callable[..., dict[str, Any]]


@cache
def _scored(model_id: str, seed: int, industry: str) -> dict[str, Any]:
    model = builtin(model_id)
    answers = next(sample_respondents(model, 1, seed=seed, industry=industry))
    return Scorer(model).score_raw(answers).to_dict()


@pytest.fixture
def scored() -> MakeResult:
    """scored(model_id, seed=7, industry="retail"): one sampled respondent's result dict
    (a fresh copy, so a test may change it)."""

    def make(model_id: str, seed: int = 7, industry: str = "retail") -> dict[str, Any]:
        return copy.deepcopy(_scored(model_id, seed, industry))

    return make


@pytest.fixture(autouse=True)
def _fresh_svg_cache() -> Iterator[None]:
    """Each test starts with an empty conversion cache (and leaves one)."""
    clear_cache()
    yield
    clear_cache()
