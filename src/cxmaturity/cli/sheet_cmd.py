"""`cxm template` and `cxm sample`: empty answer sheets, and realistic generated ones."""

from __future__ import annotations

import csv
from pathlib import Path

import click
import orjson
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cxmaturity.core.scoring import CONTEXT_COLUMNS, Column, columns, flatten, sample_respondents

from ._common import check_industry, fail, resolve_model, text_output, writable

_FORMATS = click.Choice(["csv", "xlsx"])


@click.command()
@click.option("--model", "model_ref", required=True, metavar="ID_OR_FILE")
@click.option("--format", "fmt", type=_FORMATS, default="csv", show_default=True)
@click.option("--industry", help="Only this industry's use cases (matrix columns); default: all.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (required for xlsx; csv defaults to standard output).",
)
def template(model_ref: str, fmt: str, industry: str | None, output: Path | None) -> None:
    """Write an empty answer sheet: a header of question ids (XLSX: with drop-down lists)."""
    model = resolve_model(model_ref)
    check_industry(model, industry)
    cols = columns(model, industry)
    if fmt == "csv":
        with text_output(output) as out:
            csv.writer(out).writerow([c.name for c in cols])
        return
    if output is None:
        raise fail("--output is required for xlsx")
    _workbook(cols, model.id).save(writable(output))
    click.echo(f"wrote {output}", err=True)


@click.command()
@click.option("--model", "model_ref", required=True, metavar="ID_OR_FILE")
@click.option("--count", type=click.IntRange(1, 10_000_000), required=True)
@click.option("--industry", help="Give every respondent this industry; default: a mix.")
@click.option(
    "--seed", type=int, default=0, show_default=True, help="The same seed gives the same file."
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def sample(
    model_ref: str, count: int, industry: str | None, seed: int, fmt: str, output: Path | None
) -> None:
    """Generate COUNT valid, varied respondents (demo data, load tests, benchmarks)."""
    model = resolve_model(model_ref)
    check_industry(model, industry)
    docs = sample_respondents(model, count, seed, industry)
    if fmt == "jsonl":
        with click.open_file(str(writable(output)) if output else "-", "wb") as out:
            for doc in docs:
                out.write(orjson.dumps(doc) + b"\n")
        return
    names = [c.name for c in columns(model, industry)]
    with text_output(output) as out:
        writer = csv.DictWriter(out, names, extrasaction="raise")
        writer.writeheader()
        for doc in docs:
            row = flatten(doc["answers"])
            row.update({k: str(doc[k] or "") for k in CONTEXT_COLUMNS})
            writer.writerow(row)
    if output:
        click.echo(f"wrote {count} respondents to {output}", err=True)


def _workbook(cols: list[Column], model_id: str) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "answers"
    lists = book.create_sheet("lists")
    guide = book.create_sheet("questions")
    guide.append(["column", "question", "answers accepted"])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F5")
    for n, col in enumerate(cols, 1):
        cell = sheet.cell(row=1, column=n, value=col.name)
        cell.font, cell.fill = bold, fill
        sheet.column_dimensions[get_column_letter(n)].width = max(12, min(40, len(col.name) + 2))
        accepted = col.hint or ", ".join(col.choices)
        if col.multiple and col.choices:
            accepted = f"one or more of {', '.join(col.choices)}, separated by '|'"
        guide.append([col.name, col.label, accepted])
        if col.choices and not col.multiple:
            letter = get_column_letter(n)
            for row, choice in enumerate(col.choices, 1):
                lists.cell(row=row, column=n, value=choice)
            rule = DataValidation(
                type="list",
                formula1=f"=lists!${letter}$1:${letter}${len(col.choices)}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Not an answer",
                error=f"Pick one of: {', '.join(col.choices)}"[:255],
            )
            rule.add(f"{letter}2:{letter}10000")
            sheet.add_data_validation(rule)
    for cell in guide[1]:
        cell.font = bold
    guide.column_dimensions["A"].width = 40
    guide.column_dimensions["B"].width = 80
    guide.column_dimensions["C"].width = 60
    lists.sheet_state = "hidden"
    sheet.freeze_panes = "A2"
    book.properties.title = f"cx-maturity answer sheet: {model_id}"
    return book
