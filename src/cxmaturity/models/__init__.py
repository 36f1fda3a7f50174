"""The built-in maturity models, shipped as data files beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources

from cxmaturity.core.model import MaturityModel, load_model

BUILTIN_IDS = ("cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix")


class UnknownModelError(LookupError):
    """No built-in model has that id."""

    def __init__(self, model_id: str) -> None:
        super().__init__(f"unknown model '{model_id}'; built-in models: {', '.join(BUILTIN_IDS)}")


def builtin_text(model_id: str) -> str:
    """The YAML source of a built-in model."""
    if model_id not in BUILTIN_IDS:
        raise UnknownModelError(model_id)
    return resources.files(__package__).joinpath(f"{model_id}.yaml").read_text(encoding="utf-8")


@cache
def builtin(model_id: str) -> MaturityModel:
    """A built-in model, loaded and validated once per process."""
    return load_model(builtin_text(model_id), f"{model_id}.yaml")


def all_builtin() -> list[MaturityModel]:
    return [builtin(model_id) for model_id in BUILTIN_IDS]
