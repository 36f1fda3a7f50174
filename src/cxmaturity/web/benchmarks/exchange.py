"""Export and import of anonymized benchmark sets (the core's exchange CSV) for the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cxmaturity.core.benchmarks import (
    OVERALL,
    anonymize_for_exchange,
    parse_exchange_csv,
    write_exchange_csv,
)
from cxmaturity.core.benchmarks import PeerEntry as CoreEntry

from ..assessments import registry
from .models import PeerEntry
from .peers import policy
from .store import replace_dataset


@dataclass(frozen=True, slots=True)
class Exported:
    lines: list[str]
    rows: int
    coarsened: int
    withheld: int


def export_rows() -> Exported:
    """This installation's own entries (opted-in organizations only), anonymized."""
    own = PeerEntry.objects.filter(organization__isnull=False, organization__peer_opt_in=True)
    entries = [
        CoreEntry(pk, model, industry or None, region or None, size or None, scores)
        for pk, model, industry, region, size, scores in own.values_list(
            "pk", "model_id", "industry", "region", "size", "scores"
        )
    ]
    versions = {v.model_id: v.version for v in registry.current_versions()}
    for model, version in own.values_list("model_id", "model_version"):
        versions.setdefault(model, version)
    export = anonymize_for_exchange(entries, versions, policy=policy())
    return Exported(
        list(write_exchange_csv(export.rows)), len(export.rows), export.coarsened, export.withheld
    )


def import_rows(lines: Iterable[str], dataset: str) -> int:
    """Check the whole file first (ExchangeFormatError names each row and column), then replace."""
    dimensions = {}
    for version in registry.current_versions():
        model = registry.model_for(version)
        dimensions[model.id] = {d.id for d in model.dimensions} | {OVERALL}
    rows = parse_exchange_csv(lines, dimensions=dimensions)
    return replace_dataset(dataset, rows)
