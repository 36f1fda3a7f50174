"""What scoring returns, and its JSON contract.

`Result.to_dict()` is the contract other tools rely on (the CLI's JSON, the web
download, the API): keys are only ever added, never renamed or removed.

Results are immutable by convention, not frozen: a frozen dataclass sets every field
through object.__setattr__, which made building results a fifth of the cost of scoring.
Scoring shares results between respondents (placements, dimension, stage and axis
results), so they must not be changed. Exclusion is hashable, to be listed once, but not
frozen either: compiled (see setup.py), a frozen dataclass cannot be unpickled from a cache.

The results built for every respondent write their own `__init__` (`init=False`): compiled,
the one dataclasses generates stays interpreted, and building them took about a sixth of a
respondent's time. Compiled, such a class cannot be made without its arguments, as pickle
makes objects, so it pickles as a call with its fields (`Rebuilt`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any


class Rebuilt:
    """A result pickled (for a cache) as a call to its class with its fields, in order."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]


@dataclass(slots=True)
class Placement:
    """A level or band: the rung a score landed on, with the words for it."""

    id: str
    label: str
    title: str | None = None
    narrative: str | None = None
    focus: str | None = None

    def as_level(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "title": self.title,
            "description": self.narrative,
        }

    def as_band(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "narrative": self.narrative,
            "focus": self.focus,
        }


@dataclass(slots=True)
class BenchmarkFigure:
    value: float
    source: str
    source_id: str
    derived: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "source": self.source,
            "source_id": self.source_id,
            "derived": self.derived,
        }


@dataclass(slots=True)
class Exclusion:
    """An answer left out of the score, and why (dont_know, not_applicable, unanswered)."""

    question: str
    reason: str
    item: str | None = None

    def __hash__(self) -> int:  # written out: compiled, a generated one stays interpreted
        return hash((self.question, self.reason, self.item))

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "item": self.item, "reason": self.reason}


@dataclass(slots=True, init=False)
class DimensionResult(Rebuilt):
    id: str
    label: str
    score: float | None
    raw: float | None
    level: Placement | None
    band: Placement | None
    benchmark: BenchmarkFigure | None
    answered: int
    excluded: int
    axis: str | None = None
    stage: str | None = None

    def __init__(
        self,
        id: str,
        label: str,
        score: float | None,
        raw: float | None,
        level: Placement | None,
        band: Placement | None,
        benchmark: BenchmarkFigure | None,
        answered: int,
        excluded: int,
        axis: str | None = None,
        stage: str | None = None,
    ) -> None:
        self.id = id
        self.label = label
        self.score = score
        self.raw = raw
        self.level = level
        self.band = band
        self.benchmark = benchmark
        self.answered = answered
        self.excluded = excluded
        self.axis = axis
        self.stage = stage

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "score": self.score,
            "raw": self.raw,
            "level": self.level.as_level() if self.level else None,
            "band": self.band.as_band() if self.band else None,
            "benchmark": self.benchmark.to_dict() if self.benchmark else None,
            "answered": self.answered,
            "excluded": self.excluded,
            "axis": self.axis,
            "stage": self.stage,
        }


@dataclass(slots=True, init=False)
class GroupResult(Rebuilt):
    """An axis or a journey stage: a score over part of the model."""

    id: str
    label: str
    score: float | None
    level: Placement | None

    def __init__(self, id: str, label: str, score: float | None, level: Placement | None) -> None:
        self.id = id
        self.label = label
        self.score = score
        self.level = level

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "score": self.score,
            "level": self.level.as_level() if self.level else None,
        }


@dataclass(slots=True, init=False)
class OverallResult(Rebuilt):
    score: float | None
    raw: float | None
    level: Placement | None
    band: Placement | None
    benchmark: BenchmarkFigure | None

    def __init__(
        self,
        score: float | None,
        raw: float | None,
        level: Placement | None,
        band: Placement | None,
        benchmark: BenchmarkFigure | None,
    ) -> None:
        self.score = score
        self.raw = raw
        self.level = level
        self.band = band
        self.benchmark = benchmark

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "raw": self.raw,
            "level": self.level.as_level() if self.level else None,
            "band": self.band.as_band() if self.band else None,
            "benchmark": self.benchmark.to_dict() if self.benchmark else None,
        }


@dataclass(slots=True)
class Opportunity:
    id: str
    label: str
    stage: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "stage": self.stage}


@dataclass(slots=True, init=False)
class HeadroomResult(Rebuilt):
    """System potential against what is deployed, and use cases the stack already allows."""

    potential: float
    deployed: float
    gap: float
    significant: bool
    ready: tuple[Opportunity, ...]

    def __init__(
        self,
        potential: float,
        deployed: float,
        gap: float,
        significant: bool,
        ready: tuple[Opportunity, ...],
    ) -> None:
        self.potential = potential
        self.deployed = deployed
        self.gap = gap
        self.significant = significant
        self.ready = ready

    def to_dict(self) -> dict[str, Any]:
        return {
            "potential": self.potential,
            "deployed": self.deployed,
            "gap": self.gap,
            "significant": self.significant,
            "ready_use_cases": [o.to_dict() for o in self.ready],
        }


@dataclass(slots=True, init=False)
class Result(Rebuilt):
    model_id: str
    model_version: str
    industry: str
    region: str | None
    size: str | None
    dimensions: tuple[DimensionResult, ...]
    overall: OverallResult
    axes: tuple[GroupResult, ...]
    stages: tuple[GroupResult, ...]
    excluded: tuple[Exclusion, ...]
    notes: tuple[str, ...]
    headroom: HeadroomResult | None
    explanation: dict[str, Any] | None

    def __init__(
        self,
        model_id: str,
        model_version: str,
        industry: str,
        region: str | None,
        size: str | None,
        dimensions: tuple[DimensionResult, ...],
        overall: OverallResult,
        axes: tuple[GroupResult, ...],
        stages: tuple[GroupResult, ...],
        excluded: tuple[Exclusion, ...],
        notes: tuple[str, ...],
        headroom: HeadroomResult | None,
        explanation: dict[str, Any] | None,
    ) -> None:
        self.model_id = model_id
        self.model_version = model_version
        self.industry = industry
        self.region = region
        self.size = size
        self.dimensions = dimensions
        self.overall = overall
        self.axes = axes
        self.stages = stages
        self.excluded = excluded
        self.notes = notes
        self.headroom = headroom
        self.explanation = explanation

    def dimension(self, dimension_id: str) -> DimensionResult:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": {"id": self.model_id, "version": self.model_version},
            "industry": self.industry,
            "region": self.region,
            "size": self.size,
            "dimensions": [d.to_dict() for d in self.dimensions],
            "overall": self.overall.to_dict(),
            "axes": [a.to_dict() for a in self.axes],
            "stages": [s.to_dict() for s in self.stages],
            "headroom": self.headroom.to_dict() if self.headroom else None,
            "excluded": [e.to_dict() for e in self.excluded],
            "notes": list(self.notes),
            "explanation": self.explanation,
        }


def standouts(
    parts: Sequence[Mapping[str, Any]],
) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]:
    """The highest- and the lowest-scored of a result's dimensions or stages (as in
    `Result.to_dict()`), each only where it stands apart: when every scored part has the
    same score, naming one the strongest and another the weakest would be arbitrary, so
    neither is named; a lone scored part is the highest only."""
    scored = sorted((p for p in parts if p["score"] is not None), key=lambda p: p["score"])
    if not scored:
        return None, None
    low, high = scored[0], scored[-1]
    if len(scored) == 1:
        return high, None
    if low["score"] == high["score"]:
        return None, None
    return high, low
