"""`cxm models`: list, show, validate and print the schema of maturity models."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from cxmaturity.core._text import resolve
from cxmaturity.core.model import MaturityModel, validate_model
from cxmaturity.models import all_builtin

from ._common import resolve_model


@click.group()
def models() -> None:
    """List, show and validate maturity models."""


@models.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def list_models(fmt: str) -> None:
    """The built-in models."""
    rows = [_summary(m) for m in all_builtin()]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table(title="Built-in maturity models")
    for column in ("id", "version", "title", "dimensions", "questions", "minutes"):
        table.add_column(
            column,
            no_wrap=column == "id",
            justify="right" if column in ("dimensions", "questions", "minutes") else "left",
        )
    for row in rows:
        table.add_row(
            *(str(row[c]) for c in ("id", "version", "title", "dimensions", "questions", "minutes"))
        )
    Console().print(table)


@models.command("show")
@click.argument("model_ref", metavar="ID_OR_FILE")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def show(model_ref: str, fmt: str) -> None:
    """A model's levels, dimensions and questions (JSON: the whole model)."""
    model = resolve_model(model_ref, param_hint="ID_OR_FILE")
    if fmt == "json":
        click.echo(model.model_dump_json(by_alias=True, exclude_none=True, indent=2))
        return
    _print_model(model)


@models.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check model files; print every problem as PATH:LINE:COLUMN: message."""
    found = 0
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(f"{path}: cannot read the file: {exc}", err=True)
            found += 1
            continue
        problems = validate_model(text, str(path))
        for problem in problems:
            click.echo(str(problem))
        found += len(problems)
        if not problems:
            click.echo(f"{path}: valid", err=True)
    if found:
        click.echo(f"{found} problem{'s' if found != 1 else ''} found", err=True)
        raise click.exceptions.Exit(1)


@models.command("schema")
def schema() -> None:
    """Print the JSON Schema of the model format (point an editor's YAML plugin at it)."""
    click.echo(schema_text(), nl=False)


def schema_text() -> str:
    return (
        resources.files("cxmaturity.core.model")
        .joinpath("model.schema.json")
        .read_text(encoding="utf-8")
    )


def _summary(model: MaturityModel) -> dict[str, object]:
    return {
        "id": model.id,
        "version": model.version,
        "title": _t(model, model.title),
        "summary": _t(model, model.summary),
        "dimensions": len(model.dimensions),
        "questions": sum(len(d.questions) for d in model.dimensions),
        "minutes": model.estimated_minutes,
    }


def _print_model(model: MaturityModel) -> None:
    console = Console()
    console.print(f"[bold]{_t(model, model.title)}[/bold]  ({model.id} {model.version})")
    console.print(_t(model, model.summary))
    source = next((s for s in model.sources if s.id == model.source), None)
    if source:
        console.print(
            f"Source: {source.publisher + ': ' if source.publisher else ''}{_t(model, source.name)}"
        )
    console.print(
        f"About {model.estimated_minutes} minutes; re-assess every {model.reassess_months} months.\n"
    )
    levels = Table(title="Levels")
    levels.add_column("#", justify="right")
    levels.add_column("level")
    levels.add_column("in short")
    for n, level in enumerate(model.levels, 1):
        levels.add_row(str(n), _t(model, level.label), _t(model, level.summary))
    console.print(levels)
    dims = Table(title="Dimensions")
    for column in ("id", "dimension", "questions", "weight", "axis", "stage"):
        dims.add_column(column)
    for d in model.dimensions:
        dims.add_row(
            d.id,
            _t(model, d.label),
            str(len(d.questions)),
            f"{d.weight:g}",
            d.axis or "",
            d.stage or "",
        )
    console.print(dims)
    if model.benchmarks:
        bench = Table(title="Published benchmarks (0-100)")
        bench.add_column("industry")
        bench.add_column("region")
        for d in model.dimensions:
            bench.add_column(d.id, justify="right")
        for b in model.benchmarks:
            bench.add_row(
                b.industry,
                b.region or "all",
                *(f"{b.values.get(d.id, '')}" for d in model.dimensions),
            )
        console.print(bench)


def _t(model: MaturityModel, text: object) -> str:
    return resolve(text, model.locale, model.locale) or ""  # type: ignore[arg-type]
