"""Shared helpers for the `cxm` command-line tests.

`cxm(...)` runs the command in-process with click's CliRunner and fails the test if an
exception escapes a command: a person must get a message, never a traceback (the real
entry point would turn it into "unexpected error ... this is a bug", exit 2).
`cxm_exe` is the real installed entry point, for the few subprocess tests.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cxmaturity.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]

Cxm = Callable[..., Result]


def _run(*args: object, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    argv = [str(a) for a in args]
    result = CliRunner().invoke(cli, argv, env=env, input=input)
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        trace = "".join(traceback.format_exception(exc))
        pytest.fail(
            f"`cxm {' '.join(argv)}` let {exc.__class__.__name__} escape instead of "
            f"reporting a problem:\n{trace}"
        )
    return result


@pytest.fixture
def cxm() -> Cxm:
    """Run `cxm ARGS...` in-process; returns click's Result (stdout, stderr, exit_code)."""
    return _run


@pytest.fixture(scope="session")
def cxm_exe() -> list[str]:
    """The command that starts the real `cxm` entry point in a new process."""
    script = Path(sys.executable).parent / "cxm"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "cxmaturity.cli"]


@pytest.fixture(scope="session")
def subprocess_env() -> dict[str, str]:
    """The environment for subprocess runs: no debug switch, so the guard is active."""
    env = {k: v for k, v in os.environ.items() if k != "CXM_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture(scope="session")
def models_dir() -> Path:
    return ROOT / "src" / "cxmaturity" / "models"


@pytest.fixture(scope="session")
def schema_path() -> Path:
    return ROOT / "src" / "cxmaturity" / "core" / "model" / "model.schema.json"


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def csv_rows() -> Callable[[str], list[list[str]]]:
    return read_csv


@pytest.fixture
def csv_file() -> Callable[[Path, Sequence[Sequence[object]]], Path]:
    return write_csv
