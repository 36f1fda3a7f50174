"""`cxm score` on a large file: worker processes must give exactly what one process gives.

The pool starts at POOL_MIN_ROWS rows; the tests lower that bound so a small file takes
the same path a 100,000-row file does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cxmaturity.cli import score_cmd

Cxm = Callable[..., Any]
ROWS = 2_600  # three batches of reading: the pool gets more than one


@pytest.fixture
def sheet(tmp_path: Path, cxm: Cxm) -> Path:
    path = tmp_path / "answers.csv"
    result = cxm("sample", "--model", "cx-automation", "--count", ROWS, "--seed", 5, "-o", path)
    assert result.exit_code == 0, result.stderr
    return path


def score(cxm: Cxm, sheet: Path, out: Path, *extra: str) -> tuple[int, str, bytes]:
    result = cxm("score", "--model", "cx-automation", sheet, "--format", "jsonl", "-o", out, *extra)
    return result.exit_code, result.stderr, out.read_bytes() if out.exists() else b""


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(score_cmd, "POOL_MIN_ROWS", 100)
    monkeypatch.setattr(score_cmd, "_cpus", lambda: 2)


def test_it_scores_in_workers_exactly_as_in_one_process(
    cxm: Cxm, sheet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, serial = score(cxm, sheet, tmp_path / "serial.jsonl")
    assert code == 0
    monkeypatch.setattr(score_cmd, "POOL_MIN_ROWS", 100)
    monkeypatch.setattr(score_cmd, "_cpus", lambda: 2)
    code, _, pooled = score(cxm, sheet, tmp_path / "pooled.jsonl")
    assert code == 0
    assert pooled.count(b"\n") == ROWS
    assert pooled == serial


@pytest.mark.usefixtures("pooled")
def test_a_bad_row_in_a_late_batch_stops_everything(cxm: Cxm, sheet: Path, tmp_path: Path) -> None:
    lines = sheet.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index("api_readiness") if "api_readiness" in header else 4
    cells = lines[-3].split(",")
    cells[column] = "bogus"
    lines[-3] = ",".join(cells)
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, stderr, written = score(cxm, sheet, out)
    assert code == 1
    assert written == b""
    assert f"row {len(lines) - 2}" in stderr
    code, stderr, written = score(cxm, sheet, out, "--skip-invalid")
    assert code == 0
    assert written.count(b"\n") == ROWS - 1
