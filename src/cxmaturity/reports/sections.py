"""Sections the results page and the reports both show, built once from a stored result.

The web results page (web/assessments/results.py) and the reports (_content.py) present
the same result; what they share is built here, so the page and a report never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cxmaturity.core.model import MaturityModel, attainable_raw
from cxmaturity.core.scoring import standouts


def journey_stages(model: MaturityModel, result: Mapping[str, Any]) -> dict[str, Any] | None:
    """Scores per journey stage, and the weakest stage where one stands apart: the model's
    own stages, or those of its use cases. None when no stage was scored."""
    stages = list(result.get("stages") or [])
    if all(s["score"] is None for s in stages):
        return None
    by_dimension = any(d.stage for d in model.dimensions)
    return {
        "title": "Maturity by journey stage" if by_dimension else "Use cases by journey stage",
        "list": stages,
        "weakest": standouts(stages)[1],
    }


def scorecard(model: MaturityModel, result: Mapping[str, Any]) -> dict[str, Any] | None:
    """A points scorecard (cx-matrix's /20) when the overall score is a raw sum."""
    total = (result.get("overall") or {}).get("raw")
    if model.overall.raw != "sum" or total is None:
        return None
    best = sum(attainable_raw(model, d)[1] for d in model.dimensions)
    rows = []
    for d in result.get("dimensions") or []:
        dimension = next((m for m in model.dimensions if m.id == d["id"]), None)
        top = attainable_raw(model, dimension)[1] if dimension else None
        rows.append({**d, "max": top})
    return {"rows": rows, "total": total, "max": best}
