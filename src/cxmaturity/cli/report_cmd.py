"""`cxm report`: a report of one respondent's answers, as PDF, HTML, XLSX, CSV or JSON.

`cxm report FILE --model ID` scores an answers file and renders it, with no database.
The report's plan is the planner's suggestion for those answers (what `cxm plan` shows
with its defaults), or the plan in `--plan PLAN.json` (what `cxm plan --format json`
writes, or a plan.json downloaded from the web app); `--no-plan` leaves it out.
The rendering step is `write_report(data, ...)`, which takes a `ReportData`: a command
that reads a stored assessment (`--assessment ID`, from the web side) builds one from
the database (with the organization's plan and the live peer comparison) and calls the
same function.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click
import orjson

from cxmaturity.core.model import MaturityModel
from cxmaturity.core.planning import Planner, PlanningError
from cxmaturity.core.scoring import Answers, Result, Scorer

from ._common import check_industry, fail, resolve_model, writable
from ._inputs import InputError, Record, read_records

if TYPE_CHECKING:
    from cxmaturity.reports import Organization, ReportData

# The reports package (Jinja, charts, WeasyPrint) loads when a report is made, not every
# time `cxm` starts; these mirror FORMATS and TABLES (a test checks).
Format = Literal["pdf", "html", "xlsx", "csv", "json"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "xlsx", "csv", "json")
TABLES = ("summary", "dimensions", "answers", "explanation", "plan", "kpis")
SUFFIXES: dict[str, Format] = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".zip": "csv",
    ".json": "json",
}


@click.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--assessment",
    metavar="ID",
    help="Report a finished assessment stored in the database (instead of FILE).",
)
@click.option(
    "--database",
    metavar="URL",
    help="With --assessment: the database (default: $DATABASE_URL, else the local SQLite file).",
)
@click.option(
    "--model",
    "model_ref",
    metavar="ID_OR_FILE",
    help="A built-in model id (see `cxm models list`) or a model file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="pdf or html: a document (full report, or --summary); xlsx: a workbook of tidy "
    "sheets; csv: a zip of one CSV per table (or one table with --table); json: the "
    "result and the same tables. Default: from the --output suffix.",
)
@click.option("--summary", is_flag=True, help="The one-page executive summary (pdf or html).")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write; it appears only once the report is complete.",
)
@click.option("--respondent", help="Which respondent, when FILE holds several.")
@click.option("--table", help=f"With --format csv: one table ({', '.join(TABLES)}).")
@click.option("--industry", help="Industry, when FILE does not name one.")
@click.option("--organization", "org_name", help="Organization name for the cover and title.")
@click.option(
    "--logo", type=click.Path(dir_okay=False, path_type=Path), help="Logo (PNG, JPEG, SVG)."
)
@click.option("--colour", "--color", "colour", help="Brand colour, e.g. '#1f5a96'.")
@click.option(
    "--date",
    "completed",
    help="Completion date (YYYY-MM-DD; default today); the next re-assessment follows it.",
)
@click.option(
    "--plan",
    "plan_file",
    metavar="PLAN.json",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The plan to report: the JSON `cxm plan --format json` writes (with your "
    "--budget, --target, --choose...), or a plan.json from the web app. Default with "
    "FILE: the planner's suggestion for these answers (`cxm plan` with its defaults); "
    "with --assessment: the organization's plan for it, if any.",
)
@click.option("--no-plan", is_flag=True, help="Leave the plan out of the report.")
def report(
    file: Path | None,
    assessment: str | None,
    database: str | None,
    model_ref: str | None,
    fmt: Format | None,
    summary: bool,
    output: Path,
    respondent: str | None,
    table: str | None,
    industry: str | None,
    org_name: str | None,
    logo: Path | None,
    colour: str | None,
    completed: str | None,
    plan_file: Path | None,
    no_plan: bool,
) -> None:
    """Score FILE (one respondent's answers) and write a report of the result.

    FILE is an answers file as `cxm score` reads it: YAML or JSON for one respondent, or
    CSV, XLSX or JSON Lines with one respondent a row (pick one with --respondent).
    The report includes a plan: the planner's suggested priorities for these answers,
    or the plan given with --plan (see `cxm plan`); --no-plan leaves it out.
    With --assessment ID, the report is of an assessment stored by the web app, with
    the organization's plan for it and where it stands among its peers.
    """
    if plan_file is not None and no_plan:
        raise fail("give --plan PLAN.json or --no-plan, not both")
    given_plan = _plan_document(plan_file) if plan_file is not None else None
    if assessment is not None:
        if file is not None or model_ref is not None:
            raise fail("give either FILE with --model, or --assessment ID, not both")
        fmt = fmt or _format_of(output)
        _check_options(fmt, summary, table)
        data = _stored(assessment, database)
        if given_plan is not None:
            _check_plan_model(given_plan, plan_file, data.model)
            data = dataclasses.replace(
                data, plan=_plan_for(given_plan, plan_file, data.model, data.result)
            )
        elif no_plan:
            data = dataclasses.replace(data, plan=None)
        write_report(data, fmt, output, summary=summary, table=table)
        return
    if file is None or model_ref is None:
        raise fail("give an answers FILE and --model ID, or --assessment ID")
    model = resolve_model(model_ref)
    check_industry(model, industry)
    if given_plan is not None:
        _check_plan_model(given_plan, plan_file, model)
    fmt = fmt or _format_of(output)
    _check_options(fmt, summary, table)
    when = _date(completed)
    writable(output)
    organization = _organization(org_name, logo, colour)
    scorer = Scorer(model)
    record = _respondent(file, scorer, industry, respondent)
    assert record.answers is not None
    from cxmaturity.reports import AnswerSheet, ReportData

    scored = scorer.score(record.answers, explain=True)
    result = scored.to_dict()
    if no_plan:
        plan = None
    elif given_plan is not None:
        plan = _plan_for(given_plan, plan_file, model, result)
    else:
        plan = _suggested_plan(model, scorer, record.answers, scored)
    data = ReportData(
        result=result,
        model=model,
        completed=when,
        organization=organization,
        answers=AnswerSheet.from_answers(record.answers, record.label),
        plan=plan,
    )
    write_report(data, fmt, output, summary=summary, table=table)


def _suggested_plan(
    model: MaturityModel, scorer: Scorer, answers: Answers, result: Result
) -> dict[str, Any] | None:
    """The planner's plan for these answers with its defaults, as `cxm plan` shows it."""
    from cxmaturity.reports import plan_report

    try:
        core = Planner(model, scorer).plan(answers, result)
    except PlanningError as exc:  # a model whose catalog cannot plan: report without one
        click.echo(f"cxm: no plan in the report: {exc}", err=True)
        return None
    return plan_report(core.to_dict(), model)


def _plan_document(path: Path) -> dict[str, Any]:
    """A plan's JSON document, read and checked to be one; exits with the reason if not."""
    try:
        document = orjson.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise fail(f"--plan: no such file {path}") from exc
    except OSError as exc:
        raise fail(f"--plan: cannot read {path}: {exc.strerror or exc}") from exc
    except orjson.JSONDecodeError as exc:
        raise fail(
            f"--plan: {path} is not JSON ({exc}); write it with `cxm plan --format json`"
        ) from exc
    if not isinstance(document, dict) or not isinstance(document.get("model"), dict):
        raise fail(
            f"--plan: {path} is not a plan: expected the JSON `cxm plan --format json` writes"
        )
    return document


def _check_plan_model(document: Mapping[str, Any], path: Path | None, model: MaturityModel) -> None:
    """A plan made on another model is refused; on another version of it, a warning."""
    planned = document.get("model") or {}
    if planned.get("id") != model.id:
        raise fail(
            f"--plan: {path} is a plan for the model '{planned.get('id')}', not '{model.id}'"
        )
    if planned.get("version") != model.version:
        click.echo(
            f"cxm: warning: {path} was made with {model.id} {planned.get('version')}; "
            f"the report uses {model.version}",
            err=True,
        )


def _plan_for(
    document: Mapping[str, Any] | None,
    path: Path | None,
    model: MaturityModel,
    result: Mapping[str, Any],
) -> dict[str, Any] | None:
    """The report's plan from a plan file (its model checked by `_check_plan_model`), with a
    warning when it was made from other answers than the report's."""
    from cxmaturity.reports import plan_report

    assert document is not None
    scores = {d["id"]: d.get("score") for d in result.get("dimensions") or []}
    differ = [
        t.get("label") or t.get("dimension")
        for t in document.get("targets") or []
        if isinstance(t, Mapping)
        and t.get("current") is not None
        and scores.get(t.get("dimension")) is not None
        and abs(float(t["current"]) - float(scores[t["dimension"]])) > 0.01
    ]
    if differ:
        click.echo(
            f"cxm: warning: {path} was made from other answers (its current scores differ "
            f"for {', '.join(str(d) for d in differ)}); the report measures its targets against these scores",
            err=True,
        )
    plan = plan_report(document, model)
    if plan is None:
        raise fail(f"--plan: {path} holds no priorities, targets or phases to report")
    return plan


def _check_options(fmt: Format, summary: bool, table: str | None) -> None:
    if summary and fmt not in ("pdf", "html"):
        raise fail(f"--summary is a one-page document: use --format pdf or html, not {fmt}")
    if table is not None and fmt != "csv":
        raise fail("--table picks one CSV table: use it with --format csv")
    if table is not None and table not in TABLES:
        raise fail(f"unknown table '{table}'; tables: {', '.join(TABLES)}")


def _stored(assessment_id: str, database: str | None) -> ReportData:
    """The ReportData of a finished assessment in the web app's database."""
    import uuid

    from .web_cmd import start_django

    try:
        key = uuid.UUID(assessment_id)
    except ValueError as exc:
        raise fail(f"--assessment '{assessment_id}' is not an assessment id (a UUID)") from exc
    start_django(database)
    from cxmaturity.web.assessments.models import Assessment
    from cxmaturity.web.assessments.report_data import for_assessment

    found = (
        Assessment.objects.filter(pk=key).select_related("model_version", "organization").first()
    )
    if found is None:
        raise fail(f"no assessment {assessment_id} in the database")
    if not found.completed or found.result is None:
        raise fail(f"assessment {assessment_id} is not finished yet; finish it to report on it")
    return for_assessment(found)


def write_report(
    data: ReportData,
    fmt: Format,
    output: Path,
    summary: bool = False,
    table: str | None = None,
) -> None:
    """Render `data` and write it to `output` atomically: a failure leaves no file.

    The seam for every source of a report: an answers file here, a stored assessment
    (`cxm report --assessment ID`) on the web side.
    """
    from cxmaturity.reports import ReportError, render

    try:
        body = render(data, fmt, summary=summary, table=table)
    except ReportError as exc:
        raise fail(str(exc)) from exc
    _write_atomically(writable(output), body)


def _write_atomically(path: Path, body: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as open() would create it, not mkstemp's 0600
        with os.fdopen(handle, "wb") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise fail(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise


def _format_of(output: Path) -> Format:
    found = SUFFIXES.get(output.suffix.lower())
    if found is None:
        raise fail(
            f"cannot tell the format from '{output.name}'; pass --format ({', '.join(FORMATS)})"
        )
    return found


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError as exc:
        raise fail(f"--date '{text}' is not a date like 2026-03-31") from exc


def _organization(name: str | None, logo: Path | None, colour: str | None) -> Organization | None:
    if name is None and logo is None and colour is None:
        return None
    from cxmaturity.reports import Organization, ReportError

    try:
        organization = Organization(name or "", logo, colour)
        organization.logo_image()  # a bad logo fails now, before any scoring
    except ReportError as exc:
        raise fail(str(exc)) from exc
    return organization


def _respondent(file: Path, scorer: Scorer, industry: str | None, name: str | None) -> Record:
    """The one respondent to report on, checked; a clear error otherwise."""
    try:
        records = list(read_records(file, scorer.reader, industry))
    except InputError as exc:
        raise fail(str(exc)) from exc
    if not records:
        raise fail(f"{file}: no respondent in the file")
    if name is not None:
        matches = [r for r in records if r.label == name]
        if not matches:
            known = ", ".join(r.label for r in records[:10])
            more = ", …" if len(records) > 10 else ""
            raise fail(f"{file}: no respondent named '{name}'; the file has {known}{more}")
        if len(matches) > 1:
            raise fail(
                f"{file}: {len(matches)} respondents are named '{name}'; names must be unique"
            )
        records = matches
    elif len(records) > 1:
        names = ", ".join(r.label for r in records[:5])
        raise fail(
            f"{file} holds {len(records)} respondents; a report is about one: "
            f"pick it with --respondent NAME (e.g. {names})"
        )
    record = records[0]
    if record.answers is None:
        for problem in record.problems:
            click.echo(problem, err=True)
        raise fail(f"the answers of '{record.label}' have problems; no report was written")
    return record
