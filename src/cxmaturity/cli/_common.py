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


def resolve_model(ref: str, param_hint: str = "--model") -> MaturityModel:
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
            raise click.BadParameter(f"cannot read {ref}: {exc}", param_hint=param_hint) from exc
    raise click.BadParameter(
        str(UnknownModelError(ref)) + ", or a path to a model file", param_hint=param_hint
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
    with writable(path).open("w", encoding="utf-8", newline="") as handle:
        yield handle


def writable(path: Path) -> Path:
    """The path, once we know it can be written; otherwise exit with the reason."""
    if not path.parent.is_dir():
        raise fail(f"cannot write {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise fail(f"cannot write {path}: it is a folder")
    return path


def check_industry(model: MaturityModel, industry: str | None) -> None:
    """Refuse an industry the model does not know, naming the ones it does."""
    known = {i.id for i in model.industries} | {"other"}
    if industry is not None and industry not in known:
        raise click.BadParameter(
            f"unknown industry '{industry}'; use one of {', '.join(sorted(known))}",
            param_hint="--industry",
        )
