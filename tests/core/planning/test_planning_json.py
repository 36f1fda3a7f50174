"""Plan.to_dict() is a JSON contract: its keys and shapes are only ever added to."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cxmaturity.core.planning import Planner
from cxmaturity.core.scoring import Scorer, sample_respondents
from cxmaturity.models import BUILTIN_IDS, builtin

TOP = {
    "model",
    "industry",
    "region",
    "horizon_months",
    "reassess_months",
    "targets",
    "overall",
    "systems",
    "recommendations",
    "in_place",
    "outgrown",
    "priorities",
    "selection",
    "phases",
    "projection",
    "budget",
    "ranking_rule",
    "notes",
}
TARGET = {
    "dimension",
    "label",
    "weight",
    "current",
    "target",
    "gap",
    "source",
    "current_raw",
    "target_raw",
    "current_level",
    "target_level",
    "current_band",
    "target_band",
    "benchmark",
}
RECOMMENDATION = {
    "rank",
    "action",
    "label",
    "description",
    "stage",
    "use_case",
    "kind",
    "effort",
    "effort_points",
    "impact",
    "gains",
    "gain",
    "kpis",
    "feasibility",
    "score",
    "breakdown",
    "why",
    "after",
}
PROJECTED = {
    "id",
    "label",
    "current",
    "projected",
    "delta",
    "current_raw",
    "projected_raw",
    "current_level",
    "projected_level",
    "current_band",
    "projected_band",
    "actions",
}


def plans(model_id: str, count: int = 4) -> list[dict[str, Any]]:
    model = builtin(model_id)
    scorer = Scorer(model)
    planner = Planner(model, scorer)
    out = []
    for n, doc in enumerate(sample_respondents(model, count, seed=13)):
        answers, problems = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
        assert problems == []
        plan = planner.plan(answers, budget=6 if n % 2 else None)
        out.append(json.loads(json.dumps(plan.to_dict())))  # a JSON round trip
    return out


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_the_plan_json_contract(model_id: str) -> None:
    model = builtin(model_id)
    for out in plans(model_id):
        assert set(out) >= TOP
        assert out["model"] == {"id": model.id, "version": model.version}
        assert [t["dimension"] for t in out["targets"]] == [d.id for d in model.dimensions]
        for t in out["targets"]:
            assert set(t) >= TARGET
        assert {"current", "target", "gap", "target_band", "target_level"} <= set(out["overall"])
        assert set(out["systems"]) >= {"question", "status", "present", "absent"}
        for r in out["recommendations"]:
            assert set(r) >= RECOMMENDATION
            assert r["kind"] in ("quick_win", "groundwork", "confirm")
            assert r["feasibility"]["status"] in ("ready", "groundwork", "unknown")
            assert [p["part"] for p in r["breakdown"]] == ["gain", "kpis", "effort", "feasibility"]
            assert all({"id", "label", "unit", "better", "priority"} <= set(k) for k in r["kpis"])
        assert set(out["selection"]) == {"actions", "by"}
        phases = out["phases"]
        assert set(phases) >= {"vision", "value", "implementation", "success"}
        assert {"overall", "gaps"} <= set(phases["vision"])
        assert "gaps" in phases["value"]
        for step in phases["implementation"]["steps"]:
            assert {
                "order",
                "id",
                "kind",
                "label",
                "action",
                "systems",
                "depends_on",
                "words",
            } <= set(step)
        assert phases["success"]["reassess_months"] == model.reassess_months
        projection = out["projection"]
        assert {
            "actions",
            "systems",
            "methods",
            "dimensions",
            "overall",
            "changes",
            "notes",
        } <= set(projection)
        for p in [*projection["dimensions"], projection["overall"]]:
            assert set(p) >= PROJECTED
        if out["budget"] is not None:
            assert {
                "budget",
                "spent",
                "gain",
                "chosen",
                "groundwork",
                "not_chosen",
                "solver",
                "explanation",
                "projection",
            } <= set(out["budget"])
        assert isinstance(out["ranking_rule"], str)
