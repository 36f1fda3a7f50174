"""Fixtures for the web app's tests: real databases (SQLite by default, PostgreSQL when
DATABASE_URL points at one; tests/conftest.py checks it answers), Django's test client,
and ready-made assessments."""

from __future__ import annotations

import pytest
from django.test import Client
from webtools import MODELS, new_assessment, sample_answers

from cxmaturity.web.assessments import registry, services
from cxmaturity.web.assessments.models import Assessment


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
