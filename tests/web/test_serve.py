"""`cxm serve` and `cxm demo` as a newcomer runs them: real processes, a real port."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from webtools import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def _cxm() -> list[str]:
    script = Path(sys.executable).parent / "cxm"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cxmaturity.cli"]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CXM_DEBUG"}}
    env["CXM_DATA_DIR"] = str(tmp_path)
    return env


def test_serve_migrates_fills_the_demo_and_answers_health_checks(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [*_cxm(), "serve", "--port", str(port), "--workers", "2", "--demo"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = json.loads(r.read())
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                time.sleep(0.3)
        assert body == {"status": "ok"}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            home = r.read().decode()
        assert "cx-automation" in home
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/cxm/app.css", timeout=5) as r:
            assert r.status == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "cx-maturity is running at http://127.0.0.1:" in output
    assert "Created 16 demo organizations" in output
    assert (tmp_path / "cx-maturity.sqlite3").exists()


def test_demo_twice_keeps_one_demo(tmp_path: Path) -> None:
    first = subprocess.run(
        [*_cxm(), "demo", "--organizations", "2"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    second = subprocess.run(
        [*_cxm(), "demo", "--organizations", "2"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert first.returncode == second.returncode == 0, first.stderr
    assert "Created 2 demo organizations with 10 finished assessments" in first.stdout
    assert "already there" in second.stdout


@pytest.mark.parametrize(
    ("database", "message"),
    [
        ("nosuchdb://x", "bad database URL"),
        ("postgres://nobody@127.0.0.1:1/none", "cannot use the database"),
    ],
)
def test_a_bad_database_is_one_clear_line(tmp_path: Path, database: str, message: str) -> None:
    run = subprocess.run(
        [*_cxm(), "demo", "--database", database],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert message in run.stderr
    assert "Traceback" not in run.stderr
