"""What every command shares: finding a model, reporting problems, writing output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import click

from cxmaturity.core.model import InvalidModelError, MaturityModel, load_model
from cxmaturity.models import BUILTIN_IDS, UnknownModelError, builtin


def resolve_model(ref: str) -> MaturityModel:
    """A built-in model by id, or a model file by path; a bad reference exits with the reason."""
    if ref in BUILTIN_IDS:
        return builtin(ref)
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml", ".json") and path.is_file():
        try:
            return load_model(path.read_text(encoding="utf-8"), str(path))
        except InvalidModelError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            raise click.exceptions.Exit(1) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"cannot read {ref}: {exc}", param_hint="--model") from exc
    raise click.BadParameter(
        str(UnknownModelError(ref)) + ", or a path to a model file", param_hint="--model"
    )


def fail(message: str) -> click.exceptions.Exit:
    """Print an error for a person and return the exit to raise."""
    click.echo(f"cxm: {message}", err=True)
    return click.exceptions.Exit(1)


@contextmanager
def text_output(path: Path | None) -> Iterator[TextIO]:
    """A file to write text to (CSV-safe newlines), or standard output."""
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        yield handle
