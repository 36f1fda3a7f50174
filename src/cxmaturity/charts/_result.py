"""Reading the scoring result's JSON contract (`Result.to_dict()`) the way charts need it.

Charts take the dict, not the `Result` object, because that is what the web app keeps
and what the PDF job will get back from storage: one input for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxmaturity.core.model import Dimension, MaturityModel


@dataclass(frozen=True, slots=True)
class Row:
    """One scored thing (dimension, axis or stage) as a chart shows it."""

    id: str
    label: str
    score: float | None
    level: str | None
    benchmark: float | None
    order: int  # 1-based position as the model lists it


def _level(entry: dict[str, Any]) -> str | None:
    level = entry.get("level")
    return level.get("label") if isinstance(level, dict) else None


def _benchmark(entry: dict[str, Any]) -> float | None:
    bench = entry.get("benchmark")
    return float(bench["value"]) if isinstance(bench, dict) else None


def _score(entry: dict[str, Any]) -> float | None:
    value = entry.get("score")
    return None if value is None else float(value)


def rows(entries: list[dict[str, Any]]) -> list[Row]:
    """Dimensions, axes or stages of a result in the order given (the model's order)."""
    return [
        Row(
            str(e["id"]),
            str(e.get("label") or e["id"]),
            _score(e),
            _level(e),
            _benchmark(e),
            n,
        )
        for n, e in enumerate(entries, start=1)
    ]


def dimensions(result: dict[str, Any]) -> list[Row]:
    return rows(list(result.get("dimensions") or []))


def has_benchmarks(result: dict[str, Any]) -> bool:
    """Whether every dimension has an industry benchmark (cx-automation for a known industry)."""
    dims = dimensions(result)
    return bool(dims) and all(d.benchmark is not None for d in dims)


def overall(result: dict[str, Any]) -> tuple[float | None, str | None, str | None, float | None]:
    """(score, level id, level label, benchmark) of the overall result."""
    entry = result.get("overall") or {}
    level = entry.get("level")
    level_id = level.get("id") if isinstance(level, dict) else None
    return _score(entry), level_id, _level(entry), _benchmark(entry)


def dimension_of(model: MaturityModel, dimension_id: str) -> Dimension | None:
    """The model's dimension with that id, or None for a result from another model version."""
    return next((d for d in model.dimensions if d.id == dimension_id), None)
