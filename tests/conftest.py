"""What every test run shares: a scoring engine compiled from its current sources, and
for the database tests, PostgreSQL, when configured, answering first.

When DATABASE_URL names a PostgreSQL server that does not answer, the database tests
are skipped with the reason; with CI=true that is a failure instead, so CI cannot pass
without having run on PostgreSQL. The check runs before pytest-django makes the test
database, so the reason is one line rather than a connection traceback per test.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
COMPILED = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def pytest_sessionstart() -> None:
    """Refuse to test a scoring engine compiled before its sources last changed (setup.py
    compiles it in place): the tests would prove the old code. `make` compiles it again."""
    import cxmaturity.core.scoring  # noqa: F401  (loads the engine, compiled or not)

    stale = []
    for name, module in list(sys.modules.items()):
        built = Path(getattr(module, "__file__", None) or "")
        suffix = next((s for s in COMPILED if built.name.endswith(s)), None)
        if not name.startswith("cxmaturity.") or suffix is None:
            continue
        source = built.with_name(built.name.removesuffix(suffix) + ".py")
        if source.stat().st_mtime > built.stat().st_mtime:
            stale.append(source.name)
    if stale:
        raise pytest.UsageError(
            f"The compiled scoring engine is older than {', '.join(sorted(stale))}: "
            "run `make` (or `pip install --no-build-isolation -e .`) to compile it again."
        )


def skip_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI must run these tests: {reason}", pytrace=False)
    pytest.skip(reason)


def _postgres_problem() -> str | None:
    """Why the configured PostgreSQL cannot be used, or None (also None on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    import psycopg

    settings = connection.settings_dict
    try:
        psycopg.connect(
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            user=settings["USER"] or None,
            password=settings["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as exc:
        where = f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
        return f"PostgreSQL at {where} is not reachable ({str(exc).strip().splitlines()[0]})"
    return None


@pytest.fixture(scope="session")
def postgres_reachable() -> None:
    problem = _postgres_problem()
    if problem is not None:
        skip_or_fail(f"{problem}; these tests need it")


@pytest.fixture(scope="session")
def django_db_setup(postgres_reachable: None, django_db_setup: None) -> None:
    """pytest-django's test database, made only once PostgreSQL is known to answer."""
