"""XLSX, CSV and JSON: the same tidy tables, read back the way an analyst would."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook

from cxmaturity.reports import TABLES, render, tables

CORE = ["summary", "dimensions", "answers", "explanation"]


def test_workbook_has_one_tidy_sheet_per_table(report: Any, model_id: str) -> None:
    result, _ = report.scored(model_id)
    book = load_workbook(io.BytesIO(report.rendered(model_id, "xlsx")))
    assert book.sheetnames == CORE
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        header = [c.value for c in sheet[1]]
        assert all(isinstance(h, str) and h for h in header)
        assert len(set(header)) == len(header)
        assert sheet.column_dimensions["A"].width > 5
    summary = {
        h.value: v.value for h, v in zip(book["summary"][1], book["summary"][2], strict=True)
    }
    assert summary["model_id"] == model_id
    assert summary["overall_score"] == result["overall"]["score"]
    assert isinstance(summary["overall_score"], float | int)
    assert isinstance(summary["completed"], datetime)
    assert summary["completed"].date() == date(2026, 3, 31)
    dims = list(book["dimensions"].iter_rows(values_only=True))
    header, rows = dims[0], dims[1:]
    assert len(rows) == len(result["dimensions"])
    score = header.index("score")
    for row, d in zip(rows, result["dimensions"], strict=True):
        assert row[0] == d["id"]
        assert row[score] == d["score"]


def test_explanation_sheet_has_one_row_per_contribution(report: Any) -> None:
    result, _ = report.scored("cx-automation")
    book = load_workbook(io.BytesIO(report.rendered("cx-automation", "xlsx")))
    rows = list(book["explanation"].iter_rows(values_only=True))
    expected = sum(len(e["contributions"]) for e in result["explanation"]["dimensions"])
    assert len(rows) - 1 == expected
    header = rows[0]
    points = header.index("points")
    assert all(isinstance(r[points], float | int) for r in rows[1:])


def test_answers_sheet_has_a_row_per_question_or_matrix_cell(report: Any) -> None:
    _result, sheet = report.scored("cx-automation")
    book = load_workbook(io.BytesIO(report.rendered("cx-automation", "xlsx")))
    rows = list(book["answers"].iter_rows(values_only=True))
    header = rows[0]
    records = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    matrix = [r for r in records if r["item_id"]]
    items = sheet.values["use_cases"]
    assert len(matrix) == sum(len(facets) for facets in items.values())
    single = next(r for r in records if r["question_id"] == "soph_handoff")
    assert single["answer"] == sheet.values["soph_handoff"]
    assert single["answer_label"]
    assert single["answer_label"] != single["answer"]


def test_plan_and_kpi_sheets_appear_with_a_plan(report: Any) -> None:
    data = report.make_data(plan=report.plan, peers=report.peers)
    book = load_workbook(io.BytesIO(render(data, "xlsx")))
    assert book.sheetnames == list(TABLES)
    plan = list(book["plan"].iter_rows(values_only=True))
    assert plan[0][0] == "rank"
    assert [r[0] for r in plan[1:]] == [1, 2, 3, 4, 5]
    kpis = list(book["kpis"].iter_rows(values_only=True))
    assert kpis[0][0] == "kpi_id"
    assert kpis[1][0] == "csat"
    summary = list(book["summary"].iter_rows(values_only=True))
    record = dict(zip(summary[0], summary[1], strict=True))
    assert record["peer_group_size"] == 42
    assert record["peer_percentile"] == 73


def test_csv_is_a_zip_of_the_same_tables(report: Any) -> None:
    data = report.make_data()
    archive = zipfile.ZipFile(io.BytesIO(render(data, "csv")))
    assert archive.namelist() == [f"{name}.csv" for name in CORE]
    expected = tables(data)
    for name in CORE:
        text = archive.read(f"{name}.csv").decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert tuple(rows[0]) == expected[name].columns
        assert len(rows) - 1 == len(expected[name].rows)
    assert render(data, "csv") == render(data, "csv"), "the same report, the same bytes"


def test_one_csv_table(report: Any) -> None:
    result, _ = report.scored("cx-automation")
    data = report.make_data()
    rows = list(csv.DictReader(io.StringIO(render(data, "csv", table="dimensions").decode())))
    assert [r["dimension_id"] for r in rows] == [d["id"] for d in result["dimensions"]]
    assert [float(r["score"]) for r in rows] == [d["score"] for d in result["dimensions"]]
    summary = next(csv.DictReader(io.StringIO(render(data, "csv", table="summary").decode())))
    assert summary["completed"] == "2026-03-31"


def test_json_holds_the_result_the_model_and_the_tables(report: Any) -> None:
    result, _ = report.scored("cx-matrix")
    doc = json.loads(report.rendered("cx-matrix", "json"))
    assert doc["model"]["id"] == "cx-matrix"
    assert doc["model"]["version"]
    assert doc["result"] == result
    assert list(doc["tables"]) == CORE
    assert doc["tables"]["summary"][0]["overall_score"] == result["overall"]["score"]
    assert doc["tables"]["summary"][0]["completed"] == "2026-03-31"
    assert len(doc["tables"]["dimensions"]) == len(result["dimensions"])


def test_anonymous_campaign_exports_hold_no_identity_or_answers(report: Any) -> None:
    _, sheet = report.scored("cx-automation")
    data = report.make_data(campaign={"respondents": 50, "anonymous": True})
    found = tables(data)
    assert found["answers"].rows == []
    assert found["summary"].records()[0]["respondent"] is None
    assert sheet.respondent
    assert sheet.respondent.encode() not in render(data, "json")
