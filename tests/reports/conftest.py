"""Real scored results for the report tests, and renders shared across a test session.

PDFs take a fraction of a second each, so each distinct report is rendered once per
worker process and reused by every test that reads it.
"""

from __future__ import annotations

import base64
from datetime import date
from functools import cache
from typing import Any

import pytest

from cxmaturity.core.scoring import Scorer, sample_respondents
from cxmaturity.models import BUILTIN_IDS, builtin
from cxmaturity.reports import AnswerSheet, Organization, ReportData, render

COMPLETED = date(2026, 3, 31)
# A 1×1 red PNG: the smallest real logo.
LOGO_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)
PLAN: dict[str, Any] = {
    "priorities": [
        {
            "title": f"Priority {n}",
            "dimension": None,
            "challenge": "Customers repeat themselves at every hand-off.",
            "recommendation": "Pass the conversation's context to the agent who takes over.",
            "kpis": [{"label": "CSAT", "baseline": 72, "target": 80, "unit": "%"}, "NPS"],
            "value": "€120k a year",
        }
        for n in range(1, 6)
    ],
    "phases": [{"name": "Vision", "items": ["Agree the targets"]}],
    "task_force": [{"role": "Executive sponsor", "person": "Dana"}],
    "kpis": [{"id": "csat", "label": "CSAT", "unit": "%", "baseline": 72, "target": 80}],
}
PEERS: dict[str, Any] = {"group": "Retail, Europe", "size": 42, "percentile": 73, "quartile": 3}


@cache
def scored(model_id: str, seed: int = 3) -> tuple[dict[str, Any], AnswerSheet]:
    model = builtin(model_id)
    scorer = Scorer(model)
    doc = next(iter(sample_respondents(model, 1, seed=seed)))
    answers, problems = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
    assert not problems
    notes = {next(iter(doc["answers"])): "Checked with the support lead"}
    sheet = AnswerSheet(answers.values, notes, doc.get("respondent"))
    return scorer.score(answers, explain=True).to_dict(), sheet


def make_data(model_id: str = "cx-automation", **extra: Any) -> ReportData:
    result, sheet = scored(model_id)
    fields: dict[str, Any] = {
        "completed": COMPLETED,
        "organization": Organization("Acme Retail", LOGO_PNG, "#7a1f5c"),
        "answers": sheet,
    }
    fields.update(extra)
    return ReportData(result=result, model=builtin(model_id), **fields)


@cache
def rendered(model_id: str, fmt: str, summary: bool = False, extras: bool = False) -> bytes:
    """A report rendered once per process; `extras` adds a plan and peers."""
    data = make_data(model_id, plan=PLAN, peers=PEERS) if extras else make_data(model_id)
    return render(data, fmt, summary=summary)  # type: ignore[arg-type]


@pytest.fixture(params=BUILTIN_IDS)
def model_id(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def report() -> Any:
    """The helpers above, for tests: report.scored, report.make_data, report.rendered."""

    class Helpers:
        pass

    helpers = Helpers()
    for name, value in {
        "scored": scored,
        "make_data": make_data,
        "rendered": rendered,
        "completed": COMPLETED,
        "logo_png": LOGO_PNG,
        "plan": PLAN,
        "peers": PEERS,
    }.items():
        setattr(helpers, name, value)
    return helpers
