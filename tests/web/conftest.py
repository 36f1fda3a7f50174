"""Fixtures for the web app's tests: real databases (SQLite by default, PostgreSQL when
DATABASE_URL points at one), Django's test client, and ready-made assessments.

When DATABASE_URL names a PostgreSQL server that does not answer, every database test
is skipped with the reason; with CI=true that is a failure instead, so CI cannot pass
without having run on PostgreSQL.
"""

from __future__ import annotations

import os

import pytest
from django.test import Client
from webtools import MODELS, new_assessment, sample_answers

from cxmaturity.web.assessments import registry, services
from cxmaturity.web.assessments.models import Assessment


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
def django_db_setup(_postgres_reachable: None, django_db_setup: None) -> None:
    """pytest-django's test database, made only once PostgreSQL is known to answer."""


@pytest.fixture(scope="session", autouse=True)
def _postgres_reachable() -> None:
    """Runs before the test database is made: skip (or, under CI, fail) with the reason."""
    problem = _postgres_problem()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI must run the web tests on PostgreSQL: {problem}", pytrace=False)
    pytest.skip(f"{problem}; these tests need it")


@pytest.fixture(autouse=True)
def _models(db: None) -> None:  # noqa: ARG001 (asks for the database)
    registry.install_builtin_models()


@pytest.fixture
def client() -> Client:
    return Client(enforce_csrf_checks=False)


@pytest.fixture
def finished() -> dict[str, Assessment]:
    """One completed assessment per built-in model, from sample answers."""
    out = {}
    for model_id in MODELS:
        assessment = new_assessment(model_id)
        services.store_document(assessment, sample_answers(model_id))
        services.finish(assessment)
        out[model_id] = assessment
    return out
