"""`cxm score`: score answer files on a model, as a table, JSON or JSON Lines."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click
import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cxmaturity.core.scoring import Result, Scorer

from ._common import fail, resolve_model, writable
from ._inputs import InputError, Record, read_records
from ._render import print_result, print_summary


@click.command()
@click.option(
    "--model",
    "model_ref",
    required=True,
    metavar="ID_OR_FILE",
    help="A built-in model id (see `cxm models list`) or a model file.",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--industry", help="Industry for rows that do not name one (finance, retail, telco, other)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    help="text: a readable table (default on a terminal); json: results with their "
    "explanation; jsonl: one line a row, in input order (the default on a pipe).",
)
@click.option("--explain", is_flag=True, help="Include the explanation in jsonl output.")
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Score the valid rows and report invalid ones on stderr, instead of stopping.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write results here instead of standard output.",
)
def score(
    model_ref: str,
    file: Path,
    industry: str | None,
    fmt: str | None,
    explain: bool,
    skip_invalid: bool,
    output: Path | None,
) -> None:
    """Score FILE: one respondent (YAML/JSON) or one respondent a row (CSV, XLSX, JSON Lines).

    Spreadsheet columns are question ids, plus optional respondent, industry, region and
    size; a use-case matrix takes one column per item and facet (question.item.facet).
    `cxm template` writes an empty sheet. Answer `dont_know` or `not_applicable` to leave a
    question out of the score; an empty cell is unanswered and also left out.
    """
    model = resolve_model(model_ref)
    scorer = Scorer(model)
    if industry is not None:
        known = {i.id for i in model.industries} | {"other"}
        if industry not in known:
            raise click.BadParameter(
                f"unknown industry '{industry}'; use one of {', '.join(sorted(known))}",
                param_hint="--industry",
            )
    records = _read_all(file, scorer, industry)
    invalid = [r for r in records if r.answers is None]
    for record in invalid:
        for problem in record.problems:
            click.echo(problem, err=True)
    if invalid and not skip_invalid:
        raise fail(
            f"{len(invalid)} of {len(records)} respondent(s) have problems; nothing was scored "
            "(fix them, or pass --skip-invalid)"
        )
    valid = [r for r in records if r.answers is not None]
    if not valid:
        raise fail("no valid respondent to score")
    fmt = fmt or ("text" if sys.stdout.isatty() and output is None else "jsonl")
    target = str(writable(output)) if output else "-"
    with click.open_file(target, "wb" if fmt != "text" else "w") as out:
        _write(out, fmt, scorer, valid, explain or fmt == "json")
    if invalid:
        click.echo(f"cxm: skipped {len(invalid)} invalid respondent(s)", err=True)


def _read_all(file: Path, scorer: Scorer, industry: str | None) -> list[Record]:
    try:
        if not sys.stderr.isatty():
            return list(read_records(file, scorer.reader, industry))
        with _progress() as progress:
            task = progress.add_task("reading", total=None)
            records = []
            for record in read_records(file, scorer.reader, industry):
                records.append(record)
                progress.advance(task)
            return records
    except InputError as exc:
        raise fail(str(exc)) from exc


def _write(out: IO[Any], fmt: str, scorer: Scorer, records: list[Record], explain: bool) -> None:
    if fmt == "text":
        results = [(r.label, _score(scorer, r, False)) for r in records]
        console = Console(file=out, width=None if out is sys.stdout else 120)
        if len(results) == 1:
            print_result(console, scorer, results[0][1])
        else:
            print_summary(console, scorer.model, results)
        return
    if fmt == "json":
        items = [_score(scorer, r, True).to_dict() for r in records]
        out.write(orjson.dumps(items[0] if len(items) == 1 else items, option=orjson.OPT_INDENT_2))
        out.write(b"\n")
        return
    batch = records if len(records) < 5_000 or not sys.stderr.isatty() else None
    if batch is not None:
        for record in records:
            out.write(orjson.dumps(_score(scorer, record, explain).to_dict()) + b"\n")
        return
    with _progress() as progress:
        task = progress.add_task("scoring", total=len(records))
        for record in records:
            out.write(orjson.dumps(_score(scorer, record, explain).to_dict()) + b"\n")
            progress.advance(task)


def _score(scorer: Scorer, record: Record, explain: bool) -> Result:
    assert record.answers is not None
    return scorer.score(record.answers, explain)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
