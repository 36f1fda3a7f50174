"""Nothing is lost: 50 respondents answering at once against a real server.

The server is `cxm serve` itself (gunicorn, several worker processes) on its own
database: a SQLite file, or a fresh PostgreSQL database when the suite runs on
PostgreSQL. Every answer the server acknowledged must be stored, exactly once, with
the value acknowledged; a retried post changes nothing.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from webtools import free_port

RESPONDENTS = 50
QUESTIONS = {  # cx-curve questions and the answers each respondent gives, in order
    "proc_sops": ["yes", "no", "yes"],
    "proc_repeat_issues": ["manual-each-time", "documented-fix"],
    "sla_targets": ["one-channel"],
    "cap_workload": ["3", "4"],
    "sla_first_response_email": ["12.5"],
}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CXM_DEBUG"}}
    env["CXM_DATA_DIR"] = str(tmp_path)
    dropdb = None
    if connection.vendor == "postgresql":
        import psycopg

        name = f"cxm_concurrency_{uuid.uuid4().hex[:8]}"
        settings = connection.settings_dict
        params = {
            "host": settings["HOST"],
            "port": settings["PORT"] or 5432,
            "user": settings["USER"],
            "dbname": "postgres",
            "autocommit": True,
        }
        with psycopg.connect(**params) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
        )

        def dropdb() -> None:
            with psycopg.connect(**params) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    port = free_port()
    script = Path(sys.executable).parent / "cxm"
    process = subprocess.Popen(
        [str(script), "serve", "--port", str(port), "--workers", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=30)
        if dropdb:
            dropdb()


class Browser:
    """A respondent's browser: cookies, the CSRF token, form posts."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(
        self, path: str, data: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        body = None
        headers = {}
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers = {"X-CSRFToken": self.csrf(), "Referer": self.base + "/"}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand redirects back to the caller: the start form's Location carries the token."""

    def redirect_request(self, *_: Any, **__: Any) -> None:
        return None


def respondent(base: str, number: int) -> dict[str, Any]:
    """Start an assessment, then save every answer in turn (one retried); report what was acknowledged."""
    browser = Browser(base)
    browser.request("/")
    status, headers, _ = browser.request(
        "/", {"model": "cx-curve", "industry": "retail", "csrfmiddlewaretoken": browser.csrf()}
    )
    assert status == 302, status
    token = re.match(r"/a/([^/]+)/", headers["Location"]).group(1)  # type: ignore[union-attr]
    acknowledged: dict[str, Any] = {}
    for question, answers in QUESTIONS.items():
        for answer in answers:
            form = {
                "question": question,
                f"a.{question}": answer,
                f"n.{question}": f"respondent {number}",
            }
            status, _, body = browser.request(f"/a/{token}/save/", form)
            if status == 200:
                acknowledged[question] = json.loads(body)["value"]
        if question == "proc_sops":  # a double submit of the last answer is harmless
            status, _, body = browser.request(f"/a/{token}/save/", form)
            assert status == 200
    _, _, stored = browser.request(f"/a/{token}/answers.json")
    return {"acknowledged": acknowledged, "stored": json.loads(stored), "number": number}


@pytest.mark.django_db(transaction=True)
def test_fifty_respondents_at_once_lose_nothing(server: str) -> None:
    with ThreadPoolExecutor(max_workers=RESPONDENTS) as pool:
        outcomes = list(pool.map(lambda n: respondent(server, n), range(RESPONDENTS)))
    assert len(outcomes) == RESPONDENTS
    for outcome in outcomes:
        assert len(outcome["acknowledged"]) == len(QUESTIONS), outcome
        assert outcome["stored"]["answers"] == outcome["acknowledged"]
        assert set(outcome["stored"]["notes"].values()) == {f"respondent {outcome['number']}"}
