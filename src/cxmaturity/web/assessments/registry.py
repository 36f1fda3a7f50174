"""Model versions in the database, and their parsed models and scorers, cached per process.

Parsing a model and compiling its scorer takes milliseconds; a request must not pay
that, so each process keeps them by (model id, version). A stored version never
changes, which makes the cache safe without invalidation.
"""

from __future__ import annotations

from cxmaturity.core._text import resolve
from cxmaturity.core.model import MaturityModel, Text, load_model
from cxmaturity.core.scoring import Scorer
from cxmaturity.models import BUILTIN_IDS, builtin, builtin_text

from .models import ModelVersion

_models: dict[tuple[str, str], MaturityModel] = {}
_scorers: dict[tuple[str, str], Scorer] = {}
_versions: dict[int, ModelVersion] = {}


def install_builtin_models() -> list[ModelVersion]:
    """Store the built-in models' current versions (idempotent); returns them."""
    stored = []
    for model_id in BUILTIN_IDS:
        model = builtin(model_id)
        record, _ = ModelVersion.objects.get_or_create(
            model_id=model.id,
            version=model.version,
            defaults={
                "title": text(model, model.title),
                "source": builtin_text(model_id),
                "builtin": True,
            },
        )
        stored.append(record)
    return stored


def current_versions() -> list[ModelVersion]:
    """The newest stored version of each built-in model, in the built-in order."""
    by_id: dict[str, ModelVersion] = {}
    for record in ModelVersion.objects.filter(builtin=True).order_by("model_id", "-loaded_at"):
        by_id.setdefault(record.model_id, record)
    return [by_id[m] for m in BUILTIN_IDS if m in by_id]


def version(pk: int) -> ModelVersion:
    """A stored model version by id, read once per process and without its source.

    The source (tens of kB of YAML) is loaded only if `model_for` ever needs to parse
    it, which it does not for the built-in models' current versions.
    """
    found = _versions.get(pk)
    if found is None:
        found = _versions[pk] = ModelVersion.objects.defer("source").get(pk=pk)
    return found


def model_for(record: ModelVersion) -> MaturityModel:
    key = (record.model_id, record.version)
    found = _models.get(key)
    if found is None:
        current = builtin(record.model_id) if record.model_id in BUILTIN_IDS else None
        if current is not None and current.version == record.version:
            found = current
        else:
            found = load_model(record.source, f"{record.model_id}-{record.version}.yaml")
        _models[key] = found
    return found


def scorer_for(record: ModelVersion) -> Scorer:
    key = (record.model_id, record.version)
    found = _scorers.get(key)
    if found is None:
        found = _scorers[key] = Scorer(model_for(record))
    return found


def text(model: MaturityModel, value: Text | None) -> str:
    """A model text in the model's own locale ('' when absent)."""
    return resolve(value, model.locale, model.locale) or ""
