"""The model format: every key a model file may hold, as typed pydantic classes.

The JSON Schema shipped with the package is generated from these classes, so the
schema, the loader and the documentation cannot drift apart. Cross-references
(ids pointing at other ids) are checked afterwards by ``_semantics``.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT_VERSION: Literal[1] = 1
RESERVED_ANSWERS = ("dont_know", "not_applicable")
NONE_CHOSEN = "none"  # a multi-choice cell meaning "none of these", distinct from unanswered

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=64,
        description="A stable identifier: lower-case letters, digits, '-' and '_'.",
    ),
]
Text = Annotated[
    str | dict[str, str],
    Field(
        description=(
            "User-facing text: a plain string in the model's locale, or a mapping "
            "of locale code to text (e.g. {en: ..., fr: ...}) for translations."
        )
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(_Strict):
    """A public source that facts and benchmark figures are attributed to."""

    id: Id
    name: Text
    publisher: str | None = None
    url: str | None = None
    year: int | None = None
    note: Text | None = None


class RelativeBound(_Strict):
    """A threshold that moves with the benchmark: benchmark × benchmark_times + plus."""

    benchmark_times: float = 1.0
    plus: float = 0.0


Bound = float | RelativeBound


class Rung(_Strict):
    """One step of a ladder: values in [from, to) land here; the last rung includes its `to`."""

    id: Id
    from_: Bound = Field(alias="from")
    to: Bound
    label: Text | None = None
    narrative: Text | None = None
    focus: Text | None = None


class Ladder(_Strict):
    """Ordered thresholds that place a score (0-100) or a raw value on levels or bands."""

    id: Id
    label: Text | None = None
    basis: Literal["score", "raw"] = "score"
    rungs: list[Rung] = Field(min_length=1)


class Level(_Strict):
    """A maturity level of the model, lowest first."""

    id: Id
    label: Text
    summary: Text | None = None
    description: Text | None = None


class Named(_Strict):
    """An axis, a journey stage, an industry, a region or a system: an id with words."""

    id: Id
    label: Text
    description: Text | None = None


class Kpi(_Strict):
    id: Id
    label: Text
    description: Text | None = None
    unit: str | None = None
    better: Literal["higher", "lower"] = "higher"


class Option(_Strict):
    """An answer option; `score` is the points it is worth (required: no silent zero)."""

    id: Id
    label: Text
    score: float
    description: Text | None = None


class _Question(_Strict):
    id: Id
    label: Text
    help: Text | None = None
    weight: float = Field(default=1.0, gt=0)
    stage: Id | None = None
    allow_dont_know: bool = True
    allow_not_applicable: bool = False
    scored: bool = Field(
        default=True,
        description="False: asked and kept (e.g. a systems checklist for planning), never scored.",
    )


class SingleChoice(_Question):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2)


class MultiChoice(_Question):
    """Several options may be chosen; `coverage` scores the share of the points chosen,
    `sum` adds the points chosen up to `cap`."""

    type: Literal["multi"]
    rule: Literal["coverage", "sum"] = "coverage"
    cap: float | None = Field(default=None, gt=0)
    options: list[Option] = Field(min_length=1)


class Scale(_Question):
    type: Literal["scale"]
    min: int = 1
    max: int
    labels: dict[int, Text] = Field(default_factory=dict)


class Number(_Question):
    """A figure such as a first-response time; scored linearly from `worst` to `best`."""

    type: Literal["number"]
    unit: str | None = None
    worst: float
    best: float
    min: float | None = None
    max: float | None = None


class YesNo(_Question):
    type: Literal["yesno"]
    yes_score: float = 1.0
    no_score: float = 0.0


class FacetOption(_Strict):
    id: Id
    label: Text
    value: float = Field(ge=0, le=1)
    description: Text | None = None


class Facet(_Strict):
    """One column of a use-case matrix (e.g. status, technology, channels)."""

    id: Id
    label: Text
    help: Text | None = None
    multiple: bool = False
    options: list[FacetOption] = Field(min_length=1)
    applies_when: dict[Id, list[Id]] = Field(
        default_factory=dict,
        description="Asked only when another facet has one of these options.",
    )


class Contribution(_Strict):
    """How a matrix feeds a dimension: per item, gate × product(multiply) × mean(average)."""

    dimension: Id
    gate: list[Id] = Field(default_factory=list)
    multiply: list[Id] = Field(default_factory=list)
    average: list[Id] = Field(default_factory=list)


class Matrix(_Question):
    """A catalog of items (e.g. use cases), each answered with several facets."""

    type: Literal["matrix"]
    catalog: Id
    facets: list[Facet] = Field(min_length=1)
    contributes: list[Contribution] = Field(min_length=1)


Question = Annotated[
    SingleChoice | MultiChoice | Scale | Number | YesNo | Matrix,
    Field(discriminator="type"),
]


class LevelText(_Strict):
    """A dimension's own name and description for one level (e.g. "CX is identity")."""

    title: Text | None = None
    description: Text | None = None


class Dimension(_Strict):
    id: Id
    label: Text
    summary: Text | None = None
    description: Text | None = None
    weight: float = Field(default=1.0, gt=0)
    axis: Id | None = None
    stage: Id | None = None
    rule: Literal["weighted_mean", "sum"] = "weighted_mean"
    levels: Id | None = Field(default=None, description="Ladder id; default: scoring.levels.")
    bands: Id | None = Field(default=None, description="Ladder id; default: scoring.bands.")
    level_texts: dict[Id, LevelText] = Field(default_factory=dict)
    narratives: dict[Id, Text | dict[Id, Text]] = Field(
        default_factory=dict,
        description="Per band id: one text, or texts per industry id (with 'default').",
    )
    questions: list[Question] = Field(default_factory=list)


class Overall(_Strict):
    """How dimensions roll up: the score is always the weighted mean of dimension scores."""

    raw: Literal["mean", "sum"] = "mean"
    levels: Id | None = None
    bands: Id | None = None
    narratives: dict[Id, Text | dict[Id, Text]] = Field(default_factory=dict)


class Scoring(_Strict):
    levels: Id | None = None
    bands: Id | None = None


class Benchmark(_Strict):
    """Published figures on the 0-100 score scale for one industry (and region)."""

    industry: Id
    region: Id | None = None
    source: Id
    values: dict[Id, float]
    sample_size: int | None = Field(default=None, ge=1)


class Fact(_Strict):
    """A published figure quoted next to a result, always with its source."""

    id: Id
    text: Text
    source: Id
    industry: Id | None = None
    region: Id | None = None
    dimension: Id | None = None


class CatalogItem(_Strict):
    id: Id
    label: Text
    description: Text | None = None
    stage: Id | None = None
    industries: list[Id] = Field(
        default_factory=list, description="Industries it belongs to; empty means every industry."
    )
    weight: float = Field(default=1.0, gt=0)
    requires: list[Id] = Field(default_factory=list, description="System ids it needs.")
    kpis: list[Id] = Field(default_factory=list)
    effort: Literal["low", "medium", "high"] = "medium"


class Catalog(_Strict):
    id: Id
    label: Text
    items: list[CatalogItem] = Field(min_length=1)


class Action(_Strict):
    """A step a plan can recommend: what it raises, what it needs, what it moves."""

    id: Id
    label: Text
    description: Text | None = None
    impact: dict[Id, float] = Field(description="Expected score points gained per dimension.")
    stage: Id | None = None
    requires: list[Id] = Field(default_factory=list)
    effort: Literal["low", "medium", "high"] = "medium"
    kpis: list[Id] = Field(default_factory=list)
    industries: list[Id] = Field(default_factory=list)
    use_case: Id | None = None
    levels: list[Id] = Field(
        default_factory=list,
        description=(
            "Levels the action lifts a dimension from (e.g. [ad-hoc] for a first step): it "
            "is suggested while a dimension it raises is on one of them, and after the "
            "actions for the levels below; empty means any level."
        ),
    )


class Headroom(_Strict):
    """Potential far above deployment means the stack already allows quick wins."""

    potential: Id
    deployed: list[Id] = Field(min_length=1)
    threshold: float = Field(default=15.0, gt=0, le=100)
    matrix: Id
    status_facet: Id


class MaturityModel(_Strict):
    """A CX maturity model: questions, scoring, thresholds, words and catalogs."""

    schema_: str | None = Field(default=None, alias="$schema")
    format: Literal[1] = 1
    id: Id
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$", description="Semantic version.")
    title: Text
    summary: Text
    description: Text | None = None
    locale: str = "en"
    estimated_minutes: int = Field(ge=1, le=240)
    source: Id | None = Field(default=None, description="Source id the model is based on.")
    reassess_months: int = Field(default=12, ge=1, le=60)
    systems_question: Id | None = Field(
        default=None,
        description="A multi question whose option ids are system ids: the systems in place.",
    )
    sources: list[Source] = Field(default_factory=list)
    industries: list[Named] = Field(default_factory=list)
    regions: list[Named] = Field(default_factory=list)
    axes: list[Named] = Field(default_factory=list)
    stages: list[Named] = Field(default_factory=list)
    systems: list[Named] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    levels: list[Level] = Field(min_length=2)
    ladders: list[Ladder] = Field(min_length=1)
    scoring: Scoring = Scoring()
    overall: Overall = Overall()
    dimensions: list[Dimension] = Field(min_length=1)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    catalogs: list[Catalog] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    headroom: Headroom | None = None


def json_schema_text() -> str:
    """The JSON Schema of the format, as shipped in model.schema.json (editors validate with it)."""
    schema = MaturityModel.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://cx-maturity.dev/schema/model-1.json"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
