"""A plan's JSON document as the report's plan, and the peer comparison as the report shows it.

`plan_report` reads the planner's `Plan.to_dict()` (what `cxm plan --format json` writes)
and the web app's plan document (the same plus `decisions` and `source`); these tests
build both from the real planner, so they follow the planner's contract.
"""

from __future__ import annotations

import io
import json
from datetime import date
from functools import cache
from typing import Any

import pypdfium2 as pdfium
import pytest

from cxmaturity.core.planning import Planner
from cxmaturity.core.scoring import Scorer, sample_respondents
from cxmaturity.models import builtin
from cxmaturity.reports import ReportData, plan_report, render, render_html, tables
from cxmaturity.reports._content import half_up


@cache
def planned(model_id: str, seed: int = 3) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the result, the planner's plan document) for one sample respondent."""
    model = builtin(model_id)
    scorer = Scorer(model)
    doc = next(iter(sample_respondents(model, 1, seed=seed)))
    answers, problems = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
    assert not problems
    result = scorer.score(answers, explain=True)
    return result.to_dict(), Planner(model, scorer).plan(answers, result).to_dict()


def web_document(model_id: str) -> dict[str, Any]:
    """The web app's plan.json: the core's document plus what people decided."""
    _, core = planned(model_id)
    first, second, third = core["priorities"][:3]
    kpi = core["recommendations"][0]["kpis"][0]["id"]
    priority = {
        "touchpoint": "",
        "challenge": "",
        "recommendation": "",
        "success_metrics": [],
        "value_estimate": None,
        "currency": None,
        "owner": "",
        "due_date": None,
    }
    return {
        **core,
        "problem": None,
        "source": {"kind": "assessment", "label": "Assessment of 31 Mar 2026", "id": "x"},
        "decisions": {
            "title": "Board plan",
            "horizon_months": 12,
            "priorities": [
                {**priority, "action": third, "rank": 3},
                {
                    **priority,
                    "action": first,
                    "rank": 1,
                    "touchpoint": "Checkout",
                    "challenge": "Customers repeat themselves at every hand-off.",
                    "recommendation": "Pass the context on.",
                    "success_metrics": [{"kpi": kpi, "baseline": 72, "target": 80}],
                    "value_estimate": "120000.00",
                    "currency": "EUR",
                    "owner": "Dana",
                    "due_date": "2026-09-30",
                },
                {**priority, "action": second, "rank": 2},
            ],
            "task_force": [
                {"role": "executive_sponsor", "label": "Executive sponsor", "person": "Robin"},
                {"role": "marketing", "label": "Marketing", "person": ""},
            ],
            "comments": [{"author": "critic@example.com", "text": "Too slow."}],
            "approved": {"by": "boss@example.com", "at": "2026-04-02T09:30:00+00:00"},
        },
    }


def test_the_planners_document_becomes_the_suggested_plan() -> None:
    model = builtin("cx-journey-stages")
    _, core = planned("cx-journey-stages")
    plan = plan_report(core, model)
    assert plan is not None
    labels = {r["action"]: r["label"] for r in core["recommendations"]}
    assert [p["title"] for p in plan["priorities"]] == [
        labels[a] for a in core["selection"]["actions"][:5]
    ]
    assert plan["status"] == "suggested"
    first = plan["priorities"][0]
    rec = next(r for r in core["recommendations"] if r["action"] == first["action"])
    assert first["recommendation"] == rec["description"]
    assert first["kpis"] == [k["label"] for k in rec["kpis"]]
    assert first["value"] == f"+{half_up(rec['gain'], 1)} overall points (expected)"
    assert first["kind"] in ("quick win", "groundwork first", "to confirm")
    assert plan["targets"] == {t["dimension"]: t["target"] for t in core["targets"]}
    assert [k["id"] for k in plan["kpis"]] == [k["id"] for k in core["phases"]["success"]["kpis"]]
    assert plan["reassess_months"] == model.reassess_months
    assert plan["task_force"] == []


def test_phases_separate_quick_wins_from_groundwork_in_words() -> None:
    model = builtin("cx-journey-stages")
    _, core = planned("cx-journey-stages")
    steps = core["phases"]["implementation"]["steps"]
    plan = plan_report(core, model)
    assert plan is not None
    phases = {p["kind"]: p["items"] for p in plan["phases"]}
    assert sum(len(items) for items in phases.values()) == len(steps)
    waiting = [s for s in steps if s["kind"] == "action"]
    assert waiting, "this sample needs groundwork first"
    systems = {s.id: str(s.label) for s in model.systems}
    later = phases["action"][0]
    assert later.startswith(waiting[0]["label"] + " (after: ")
    first_system = waiting[0]["depends_on"][0].split(":", 1)[1]
    assert systems[first_system] in later  # the system's name, not its id
    assert all(" (for: " in item for item in phases["groundwork"])
    quick = plan_report(planned("cx-matrix")[1], builtin("cx-matrix"))
    assert quick is not None
    assert [p["name"] for p in quick["phases"]] == ["Quick wins: start now"]


def test_what_people_decided_wins_over_the_catalog() -> None:
    model = builtin("cx-automation")
    document = web_document("cx-automation")
    _, core = planned("cx-automation")
    plan = plan_report(document, model)
    assert plan is not None
    labels = {r["action"]: r["label"] for r in core["recommendations"]}
    assert [p["title"] for p in plan["priorities"]] == [labels[a] for a in core["priorities"][:3]]
    first = plan["priorities"][0]
    assert first["stage"] == "Checkout"
    assert first["challenge"] == "Customers repeat themselves at every hand-off."
    assert first["recommendation"] == "Pass the context on."
    assert first["kpis"][0]["baseline"] == 72
    assert first["kpis"][0]["target"] == 80
    assert first["value"].startswith("EUR 120,000; +")
    assert first["value_amount"] == 120000
    assert (first["owner"], first["due"]) == ("Dana", date(2026, 9, 30))
    second = plan["priorities"][1]  # nothing written: the catalog's words and gain
    assert second["recommendation"] == next(
        r["description"] for r in core["recommendations"] if r["action"] == second["action"]
    )
    assert plan["status"] == "approved"
    assert plan["approved_on"] == date(2026, 4, 2)
    assert plan["title"] == "Board plan"
    assert plan["source"] == "Assessment of 31 Mar 2026"
    assert plan["task_force"] == [{"role": "Executive sponsor", "person": "Robin"}]
    kpi = next(k for k in plan["kpis"] if k["id"] == first["kpis"][0]["id"])
    assert (kpi["baseline"], kpi["target"]) == (72, 80)
    text = json.dumps(plan, default=str)
    assert "boss@example.com" not in text
    assert "critic@example.com" not in text


def test_a_draft_and_a_priority_gone_from_the_catalog() -> None:
    model = builtin("cx-automation")
    document = web_document("cx-automation")
    document["decisions"]["approved"] = None
    gone = {**document["decisions"]["priorities"][0], "action": "act_retired", "rank": 9}
    document["decisions"]["priorities"].append(gone)
    plan = plan_report(document, model)
    assert plan is not None
    assert plan["status"] == "draft"
    assert plan["approved_on"] is None
    assert plan["priorities"][-1]["title"] == "act_retired"  # not in the model: its id
    assert plan["priorities"][-1]["kind"] is None


def test_nothing_to_plan_is_no_plan() -> None:
    assert plan_report(None) is None
    assert plan_report({}) is None
    assert plan_report({"model": {"id": "cx-matrix"}, "problem": "No respondent yet."}) is None
    problem = {
        "model": {"id": "cx-automation"},
        "problem": "The stored answers have problems.",
        "decisions": web_document("cx-automation")["decisions"],
    }
    plan = plan_report(problem, builtin("cx-automation"))
    assert plan is not None  # what people decided still shows, with the problem noted
    assert plan["notes"] == ["The stored answers have problems."]
    assert len(plan["priorities"]) == 3
    actions = {a.id: str(a.label) for a in builtin("cx-automation").actions}
    first = planned("cx-automation")[1]["priorities"][0]
    assert plan["priorities"][0]["title"] == actions[first]  # from the model's catalog
    assert plan["phases"] == []


def test_without_the_model_ids_stand_in() -> None:
    _, core = planned("cx-journey-stages")
    plan = plan_report(core)
    assert plan is not None
    assert plan["priorities"][0]["title"]  # labels travel in the document
    assert all(isinstance(p["kpis"], list) for p in plan["priorities"])


def test_the_full_report_shows_the_plan_with_phases_and_task_force() -> None:
    model = builtin("cx-automation")
    result, _ = planned("cx-automation")
    plan = plan_report(web_document("cx-automation"), model)
    data = ReportData(result=result, model=model, completed=date(2026, 3, 31), plan=plan)
    html = render_html(data)
    assert "The plan" in html
    assert "Board plan · Approved on 2 April 2026" in html
    assert "Phases" in html
    assert "Quick wins: start now" in html
    assert "Task force" in html
    assert "Robin" in html
    assert "Value:</em> EUR 120,000" in html
    assert "Owner: Dana · due 30 September 2026" in html
    assert "KPIs to watch" in html
    summary = render_html(data, summary=True)
    assert "Top priorities" in summary
    assert "approved plan" in summary
    assert "EUR 120,000" in summary
    rows = tables(data)["plan"].records()
    assert [r["rank"] for r in rows] == [1, 2, 3]
    kpi = plan["priorities"][0]["kpis"][0] if plan else {}
    assert str(rows[0]["kpis"]).startswith(f"{kpi['label']} from 72")
    assert "to 80" in str(rows[0]["kpis"])
    assert rows[0]["due"] == date(2026, 9, 30)


def _pages(pdf: bytes) -> int:
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    try:
        return len(document)
    finally:
        document.close()


PEERS: dict[str, Any] = {"group": "retail organizations", "size": 9, "percentile": 62.5}


def peers_for(result: dict[str, Any], size: int = 9) -> dict[str, Any]:
    edges = [float(10 * n) for n in range(11)]
    rows = [
        {
            "label": d["label"],
            "score": d["score"],
            "size": size,
            "bin_edges": edges,
            "counts": [0, 1, 1, 2, 1, 1, 1, 1, 1, 0][: len(edges) - 1],
            "lower_quartile": 30.0,
            "median": 48.25,
            "upper_quartile": 66.0,
        }
        for d in result["dimensions"]
        if d["score"] is not None
    ]
    dims = {
        d["id"]: {"size": size, "percentile": 40.0, "low": 20.0, "high": 61.0, "quartile": 2}
        for d in result["dimensions"]
    }
    return {
        **PEERS,
        "size": size,
        "low": 35.0,
        "high": 85.0,
        "quartile": 3,
        "median": 48.25,
        "dimensions": dims,
        "distribution": rows,
    }


@pytest.mark.parametrize(
    "model_id", ["cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix"]
)
def test_the_summary_stays_on_one_page_with_a_real_plan_and_peers(model_id: str) -> None:
    model = builtin(model_id)
    result, core = planned(model_id)
    for document in (core, web_document(model_id)):  # suggested (5), decided (3)
        plan = plan_report(document, model)
        assert plan is not None
        data = ReportData(
            result=result,
            model=model,
            completed=date(2026, 3, 31),
            plan=plan,
            peers=peers_for(result),
        )
        pdf = render(data, "pdf", summary=True)
        assert _pages(pdf) == 1
        assert plan["priorities"][0]["title"] in pdf_text(pdf)


def test_the_summary_says_less_rather_than_run_over() -> None:
    model = builtin("cx-automation")
    result, _ = planned("cx-automation")
    long = "Pass the whole conversation, with its context and history, to whoever takes over. "
    plan = {
        "status": "draft",
        "priorities": [
            {
                "title": f"Priority {n}: " + "make every hand-off between channels seamless " * 2,
                "recommendation": long * 4,
                "kpis": [{"label": f"KPI {k} with a long descriptive name"} for k in range(5)],
                "value": "EUR 1,200,000; +12.5 overall points (expected)",
            }
            for n in range(1, 6)
        ],
    }
    data = ReportData(result=result, model=model, plan=plan, peers=peers_for(result))
    assert _pages(render(data, "pdf", summary=True)) == 1
    html = render_html(data, summary=True, compact=2)
    assert "Priority 3" in html
    assert "Priority 4" not in html  # the most compact wording keeps three
    assert long.strip() not in html


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


def test_peer_figures_read_as_on_the_results_page() -> None:
    model = builtin("cx-curve")
    result, _ = planned("cx-curve")
    data = ReportData(result=result, model=model, peers=peers_for(result))
    full = render_html(data)
    assert "Percentile <strong>63</strong> (likely 35–85)" in full  # 62.5 rounds half up
    assert "peer median 48.3" in full
    assert "among 9 peers (retail organizations)" in full
    assert "How you compare with peers" in full
    assert 'id="chart-peer_distribution"' in full
    assert "retail organizations, 9 organizations" in full  # the method's peer group


def test_small_groups_are_left_out_whatever_the_caller_sends() -> None:
    model = builtin("cx-curve")
    result, _ = planned("cx-curve")
    small = peers_for(result)
    first = result["dimensions"][0]["id"]
    small["dimensions"][first] = {**small["dimensions"][first], "size": 4}
    small["distribution"][0] = {**small["distribution"][0], "size": 4}
    data = ReportData(result=result, model=model, peers=small)
    shown = data.shown_peers
    assert shown is not None
    assert first not in shown["dimensions"]
    assert all(row["size"] >= 5 for row in shown["distribution"])
    assert tables(data)["dimensions"].records()[0]["peer_percentile"] is None

    hidden = ReportData(result=result, model=model, peers={**peers_for(result, 4)})
    assert hidden.shown_peers is None
    html = render_html(hidden) + render_html(hidden, summary=True)
    assert "Percentile" not in html
    assert "retail organizations" not in html
    assert "Not enough peers to compare yet" in html
    assert "4 organizations" not in html
    assert "among 4" not in html

    # The installation's minimum is honoured, never below the core's floor of 3.
    assert ReportData(
        result=result, model=model, peers={**PEERS, "size": 4, "min_size": 3}
    ).shown_peers
    assert not ReportData(
        result=result, model=model, peers={**PEERS, "size": 2, "min_size": 1}
    ).shown_peers
    assert not ReportData(
        result=result, model=model, peers={**PEERS, "size": 9, "min_size": 10}
    ).shown_peers


def test_half_up_rounding() -> None:
    assert [half_up(v) for v in (62.5, 62.49, 0.5, 100.0, None)] == ["63", "62", "1", "100", "–"]
    assert [half_up(v, 1) for v in (48.25, 48.0, 7.05)] == ["48.3", "48", "7.1"]
