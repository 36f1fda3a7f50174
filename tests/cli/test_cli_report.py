"""`cxm report`: an answers file to a report in every format; bad input writes nothing."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from openpyxl import load_workbook

from cxmaturity import reports
from cxmaturity.cli import report_cmd
from cxmaturity.core.planning import Planner
from cxmaturity.core.scoring import Scorer, sample_respondents
from cxmaturity.models import builtin

Cxm = Callable[..., Result]


def _answers(tmp_path: Path, model_id: str = "cx-matrix", count: int = 1) -> Path:
    docs = list(sample_respondents(builtin(model_id), count, seed=5))
    if count == 1:
        path = tmp_path / "answers.yaml"
        path.write_text(yaml.safe_dump(docs[0]), encoding="utf-8")
    else:
        path = tmp_path / "answers.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def _score(model_id: str, path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    scorer = Scorer(builtin(model_id))
    answers, problems = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
    assert not problems
    return scorer.score(answers).to_dict()


def test_the_cli_mirrors_the_reports_formats_and_tables() -> None:
    assert report_cmd.FORMATS == reports.FORMATS
    assert report_cmd.TABLES == reports.TABLES


def test_pdf_report_from_an_answers_file(cxm: Cxm, tmp_path: Path) -> None:
    answers = _answers(tmp_path)
    out = tmp_path / "report.pdf"
    run = cxm(
        "report", answers, "--model", "cx-matrix", "-o", out, "--organization", "Acme",
        "--date", "2026-02-01",
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_summary_html_json_xlsx_and_csv(cxm: Cxm, tmp_path: Path) -> None:
    answers = _answers(tmp_path)
    result = _score("cx-matrix", answers)
    html = tmp_path / "summary.html"
    assert cxm("report", answers, "--model", "cx-matrix", "--summary", "-o", html).exit_code == 0
    assert "Executive summary" in html.read_text(encoding="utf-8")

    out = tmp_path / "r.json"
    assert cxm("report", answers, "--model", "cx-matrix", "-o", out).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["result"]["overall"]["score"] == result["overall"]["score"]
    assert doc["model"] == {"id": "cx-matrix", "version": "1.0.0", "title": doc["model"]["title"]}

    xlsx = tmp_path / "r.xlsx"
    assert cxm("report", answers, "--model", "cx-matrix", "-o", xlsx).exit_code == 0
    assert load_workbook(xlsx).sheetnames == list(reports.TABLES)  # with the suggested plan
    assert cxm("report", answers, "--model", "cx-matrix", "--no-plan", "-o", xlsx).exit_code == 0
    assert load_workbook(xlsx).sheetnames == ["summary", "dimensions", "answers", "explanation"]

    zipped = tmp_path / "tables.zip"
    run = cxm("report", answers, "--model", "cx-matrix", "--format", "csv", "-o", zipped)
    assert run.exit_code == 0
    assert "dimensions.csv" in zipfile.ZipFile(zipped).namelist()

    one = tmp_path / "dimensions.csv"
    run = cxm("report", answers, "--model", "cx-matrix", "--table", "dimensions", "-o", one)
    assert run.exit_code == 0
    assert one.read_text(encoding="utf-8").startswith("dimension_id,dimension,score")


def test_one_respondent_of_many_is_picked_by_name(cxm: Cxm, tmp_path: Path) -> None:
    answers = _answers(tmp_path, count=3)
    out = tmp_path / "r.json"
    run = cxm("report", answers, "--model", "cx-matrix", "-o", out)
    assert run.exit_code == 1
    assert "holds 3 respondents" in run.stderr
    assert "--respondent" in run.stderr
    assert not out.exists()
    name = json.loads(answers.read_text(encoding="utf-8").splitlines()[1])["respondent"]
    run = cxm("report", answers, "--model", "cx-matrix", "--respondent", name, "-o", out)
    assert run.exit_code == 0, run.output
    summary = json.loads(out.read_text(encoding="utf-8"))["tables"]["summary"][0]
    assert summary["respondent"] == name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--respondent", "nobody"], "no respondent named 'nobody'"),
        (["--summary", "--format", "xlsx"], "--summary is a one-page document"),
        (["--table", "dimensions", "--format", "json"], "--table picks one CSV table"),
        (["--table", "nope", "--format", "csv"], "unknown table 'nope'"),
        (["--table", "plan", "--format", "csv", "--no-plan"], "exists only when a plan"),
        (["--plan", "missing.json"], "--plan: no such file"),
        (["--plan", "answers.yaml"], "is not JSON"),
        (["--plan", "answers.yaml", "--no-plan"], "not both"),
        (["--colour", "teal"], "is not a hex colour"),
        (["--logo", "missing.png"], "cannot read the logo"),
        (["--date", "31/03/2026"], "is not a date like"),
    ],
)
def test_bad_options_fail_clearly_and_write_nothing(
    cxm: Cxm, tmp_path: Path, args: list[str], message: str
) -> None:
    answers = _answers(tmp_path)
    out = tmp_path / "out.json"
    args = [str(answers) if a == "answers.yaml" else a for a in args]  # a file that is no plan
    run = cxm("report", answers, "--model", "cx-matrix", "-o", out, *args)
    assert run.exit_code == 1
    assert message in run.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


def test_bad_inputs_fail_clearly_and_write_nothing(cxm: Cxm, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    run = cxm("report", tmp_path / "missing.yaml", "--model", "cx-matrix", "-o", out)
    assert run.exit_code == 1
    assert "no such file" in run.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers:\n  strategy_leadership_stage: sideways\n", encoding="utf-8")
    run = cxm("report", broken, "--model", "cx-matrix", "-o", out)
    assert run.exit_code == 1
    assert "broken.yaml:2" in run.stderr
    assert "no report was written" in run.stderr
    run = cxm("report", _answers(tmp_path), "--model", "cx-matrix", "-o", tmp_path / "r.txt")
    assert run.exit_code == 1
    assert "cannot tell the format" in run.stderr
    run = cxm("report", _answers(tmp_path), "--model", "cx-matrix", "-o", tmp_path / "no" / "r.pdf")
    assert run.exit_code == 1
    assert "does not exist" in run.stderr
    assert not out.exists()


def test_a_failed_render_leaves_the_previous_file_untouched(
    cxm: Cxm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.json"
    out.write_text("previous", encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise reports.ReportError("the renderer broke")

    monkeypatch.setattr(reports, "render", broken)
    run = cxm("report", _answers(tmp_path), "--model", "cx-matrix", "-o", out)
    assert run.exit_code == 1
    assert "the renderer broke" in run.stderr
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "r.json"]


def test_written_files_get_ordinary_permissions(cxm: Cxm, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert cxm("report", _answers(tmp_path), "--model", "cx-matrix", "-o", out).exit_code == 0
    assert out.stat().st_mode & 0o044, "readable by others, as open() would make it"


def test_report_data_is_the_seam_for_other_sources(tmp_path: Path) -> None:
    """A stored assessment (`--assessment ID`) only has to build a ReportData."""
    model = builtin("cx-matrix")
    answers = _answers(tmp_path)
    data = reports.ReportData(result=_score("cx-matrix", answers), model=model)
    out = tmp_path / "r.html"
    report_cmd.write_report(data, "html", out, summary=True)
    assert "cx" in out.read_text(encoding="utf-8").lower()
    assert io.BytesIO(out.read_bytes()).getvalue().startswith(b"<!DOCTYPE html>")


def _planned(model_id: str, path: Path, *args: str) -> Any:
    """What `cxm plan` computes for an answers file (the core planner, as the CLI calls it)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    model = builtin(model_id)
    scorer = Scorer(model)
    answers, problems = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
    assert not problems
    budget = int(args[1]) if args else None
    return Planner(model, scorer).plan(answers, budget=budget)


def test_the_report_has_the_planners_suggested_plan_by_default(cxm: Cxm, tmp_path: Path) -> None:
    answers = _answers(tmp_path, "cx-automation")
    core = _planned("cx-automation", answers)
    out = tmp_path / "r.json"
    assert cxm("report", answers, "--model", "cx-automation", "-o", out).exit_code == 0
    tables = json.loads(out.read_text(encoding="utf-8"))["tables"]
    expected = [core.recommendation(a).label for a in core.selection][:5]
    assert [p["title"] for p in tables["plan"]] == expected
    assert tables["plan"][0]["kpis"]  # the KPIs it moves, as text
    assert "overall points (expected)" in tables["plan"][0]["value"]
    assert tables["summary"][0]["plan_status"] == "suggested"
    assert [k["kpi_id"] for k in tables["kpis"]] == [k.id for k in core.phases.success_kpis]

    html = tmp_path / "s.html"
    run = cxm("report", answers, "--model", "cx-automation", "--summary", "-o", html)
    assert run.exit_code == 0
    text = html.read_text(encoding="utf-8")
    assert "Top priorities" in text
    assert "suggested by the planner" in text


def test_a_plan_from_cxm_plan_goes_into_the_report(cxm: Cxm, tmp_path: Path) -> None:
    answers = _answers(tmp_path, "cx-automation")
    plan = tmp_path / "plan.json"
    run = cxm(
        "plan", "--model", "cx-automation", answers, "--budget", "4", "--format", "json", "-o", plan
    )
    assert run.exit_code == 0, run.output
    core = _planned("cx-automation", answers, "--budget", "4")
    assert core.selected_by == "budget"
    out = tmp_path / "r.html"
    run = cxm("report", answers, "--model", "cx-automation", "--plan", plan, "-o", out)
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""  # the plan was made from these answers: nothing to warn about
    text = out.read_text(encoding="utf-8")
    for action in core.selection:
        assert core.recommendation(action).label in text
    assert "Phases" in text
    assert "Targets and gaps" in text

    other = tmp_path / "other.yaml"
    doc = next(iter(sample_respondents(builtin("cx-automation"), 1, seed=11)))
    other.write_text(yaml.safe_dump(doc), encoding="utf-8")
    run = cxm("report", other, "--model", "cx-automation", "--plan", plan, "-o", out)
    assert run.exit_code == 0
    assert "was made from other answers" in run.stderr

    wrong = tmp_path / "matrix.json"
    run = cxm("report", _answers(tmp_path), "--model", "cx-matrix", "--plan", plan, "-o", wrong)
    assert run.exit_code == 1
    assert "is a plan for the model 'cx-automation', not 'cx-matrix'" in run.stderr
    assert not wrong.exists()
