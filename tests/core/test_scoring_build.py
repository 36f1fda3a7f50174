"""The scoring engine as installed: compiled by setup.py (mypyc) where it can be, plain
Python where it cannot (`make test-pure` runs the core tests that way too)."""

from __future__ import annotations

import importlib.machinery
import os
import pickle

import pytest

from cxmaturity.core.scoring import Scorer, _codes, _engine, _matrix, _result, sample_respondents
from cxmaturity.models import BUILTIN_IDS, builtin

ENGINE = (_codes, _engine, _matrix, _result)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PURE = os.environ.get("CXM_PURE_PYTHON") == "1"


def compiled(module: object) -> bool:
    return str(getattr(module, "__file__", "")).endswith(
        tuple(importlib.machinery.EXTENSION_SUFFIXES)
    )


@pytest.mark.skipif(not IN_CI or PURE, reason="only CI promises a C compiler")
def test_ci_tests_the_compiled_engine() -> None:
    assert all(compiled(m) for m in ENGINE), [m.__file__ for m in ENGINE]


@pytest.mark.skipif(not PURE, reason="for `make test-pure`, which imports the sources")
def test_the_pure_run_tests_the_sources() -> None:
    assert not any(compiled(m) for m in ENGINE), [m.__file__ for m in ENGINE]


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_results_come_back_whole_from_a_cache(model_id: str) -> None:
    """Caches (Django's among them) pickle results; a compiled class must survive it."""
    model = builtin(model_id)
    scorer = Scorer(model)
    for doc in sample_respondents(model, 20, seed=4):
        result = scorer.score_raw(doc, explain=True)
        again = pickle.loads(pickle.dumps(result))
        assert again.to_dict() == result.to_dict()
        assert set(again.excluded) == set(result.excluded)
