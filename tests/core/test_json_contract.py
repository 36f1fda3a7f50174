"""Result.to_dict() is the JSON other tools read: its keys and shapes are a contract."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cxmaturity.core.scoring import Scorer, sample_respondents
from cxmaturity.models import BUILTIN_IDS, builtin


def results(model_id: str, explain: bool = False, count: int = 8) -> list[dict[str, Any]]:
    model = builtin(model_id)
    scorer = Scorer(model)
    return [
        scorer.score_raw(answers, explain=explain).to_dict()
        for answers in sample_respondents(model, count, seed=11)
    ]


def is_score(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and 0 <= value <= 100)


def check_level(level: Any) -> None:
    assert level is None or (isinstance(level["id"], str) and isinstance(level["label"], str))


def check_band(band: Any) -> None:
    if band is not None:
        assert isinstance(band["id"], str)
        assert band["label"]
        assert band["narrative"] is None or isinstance(band["narrative"], str)


def check_benchmark(benchmark: Any) -> None:
    if benchmark is not None:
        assert isinstance(benchmark["value"], int | float)
        assert isinstance(benchmark["source"], str)
        assert benchmark["source"]


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_the_top_level_keys(model_id: str) -> None:
    model = builtin(model_id)
    for out in results(model_id):
        assert {"model", "industry", "dimensions", "overall", "excluded", "explanation"} <= set(out)
        assert out["model"] == {"id": model.id, "version": model.version}
        assert isinstance(out["industry"], str)
        assert isinstance(out["excluded"], list)
        assert out["explanation"] is None


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_each_dimension_entry(model_id: str) -> None:
    model = builtin(model_id)
    for out in results(model_id):
        assert [d["id"] for d in out["dimensions"]] == [d.id for d in model.dimensions]
        for dim in out["dimensions"]:
            keys = {"id", "label", "score", "raw", "level", "band", "benchmark"}
            assert keys <= set(dim)
            assert isinstance(dim["label"], str)
            assert dim["label"]
            assert is_score(dim["score"])
            assert (dim["raw"] is None) == (dim["score"] is None)
            check_level(dim["level"])
            check_band(dim["band"])
            check_benchmark(dim["benchmark"])


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_the_overall_entry(model_id: str) -> None:
    for out in results(model_id):
        overall = out["overall"]
        assert {"score", "raw", "level", "band"} <= set(overall)
        assert is_score(overall["score"])
        check_level(overall["level"])
        check_band(overall["band"])


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_each_exclusion_names_a_question_and_a_reason(model_id: str) -> None:
    question_ids = {q.id for d in builtin(model_id).dimensions for q in d.questions}
    for out in results(model_id, count=30):
        for exclusion in out["excluded"]:
            assert exclusion["question"] in question_ids
            assert exclusion["reason"] in ("dont_know", "not_applicable", "unanswered")


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_it_survives_a_json_round_trip(model_id: str) -> None:
    for out in results(model_id, explain=True):
        assert json.loads(json.dumps(out)) == out


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_explained_shares_add_up_to_the_dimension_score(model_id: str) -> None:
    model = builtin(model_id)
    rules = {d.id: d.rule for d in model.dimensions}
    checked = 0
    for out in results(model_id, explain=True):
        explained = {e["dimension"]: e for e in out["explanation"]["dimensions"]}
        assert set(explained) == set(rules)
        for dim in out["dimensions"]:
            entry = explained[dim["id"]]
            assert entry["rule"] == rules[dim["id"]]
            if dim["score"] is None or entry["rule"] != "weighted_mean":
                continue
            shares = sum(c["share"] for c in entry["contributions"])
            assert shares == pytest.approx(dim["score"], abs=0.05), dim["id"]
            checked += 1
    assert checked > 0


def test_explanation_lists_each_matrix_item_value() -> None:
    model = builtin("cx-automation")
    answers = next(sample_respondents(model, 1, seed=3, industry="telco"))
    out = Scorer(model).score_raw(answers, explain=True).to_dict()
    journey = next(e for e in out["explanation"]["dimensions"] if e["dimension"] == "journey")
    (matrix,) = journey["contributions"]
    items = {i["item"]: i for i in matrix["items"]}
    assert set(items) == set(answers["answers"]["use_cases"])
    assert all(0 <= i["value"] <= 1 for i in items.values())
    weighted = sum(i["weight"] * i["value"] for i in items.values()) / sum(
        i["weight"] for i in items.values()
    )
    assert matrix["normalized"] == pytest.approx(weighted, abs=1e-3)
