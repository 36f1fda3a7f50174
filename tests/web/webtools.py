"""Helpers the web tests share: make assessments and sample answers."""

from __future__ import annotations

from typing import Any

from cxmaturity.core.scoring import sample_respondents
from cxmaturity.models import builtin
from cxmaturity.web.assessments.models import Assessment, ModelVersion

MODELS = ("cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix")


def version(model_id: str) -> ModelVersion:
    return ModelVersion.objects.get(model_id=model_id, version=builtin(model_id).version)


def new_assessment(model_id: str, industry: str = "retail", **extra: Any) -> Assessment:
    return Assessment.objects.create(
        model_version=version(model_id),
        industry=industry,
        region=extra.get("region", "europe"),
        size=extra.get("size", "250-999"),
    )


def sample_answers(model_id: str, industry: str = "retail", seed: int = 3) -> dict[str, Any]:
    document = next(sample_respondents(builtin(model_id), 1, seed=seed, industry=industry))
    answers: dict[str, Any] = document["answers"]
    return answers
