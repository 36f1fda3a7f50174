"""Whatever a model file holds, validation answers with a list of problems and never raises;
and whatever it accepts, loading and scoring can handle."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cxmaturity.core.model import Problem, load_model, validate_model
from cxmaturity.core.scoring import Scorer, sample_respondents
from cxmaturity.models import BUILTIN_IDS, builtin_text

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Path = tuple[Any, ...]

# Keys of the model format, so generated mappings look enough like models to get past
# the first checks and into the deeper ones.
MODEL_KEYS = [
    "format", "id", "version", "title", "summary", "estimated_minutes", "levels", "ladders",
    "dimensions", "questions", "options", "type", "label", "score", "rungs", "from", "to",
    "basis", "benchmark_times", "plus", "scoring", "overall", "bands", "benchmarks", "values",
    "industry", "source", "sources", "catalogs", "items", "facets", "contributes", "dimension",
    "gate", "multiply", "average", "applies_when", "min", "max", "worst", "best", "weight",
    "narratives", "axis", "stage", "stages", "axes", "headroom", "$schema", "<<",
]  # fmt: skip

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(
        ["single", "multi", "scale", "number", "yesno", "matrix", "1.0.0", "dont_know"]
    )
)
NESTED = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(MODEL_KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=40,
)

# Pieces of YAML syntax, glued at random, reach parser corners plain text rarely does:
# anchors, aliases, tags, merge keys, flow collections, block scalars, complex keys.
YAML_BITS = [
    "- ", ": ", "\n", "  ", "id", "a", "1", "&x ", "*x", "<<: ", "!!str ", "!!int ", "!!timestamp ",
    "!!binary ", "!!python/object ", "!tag ", "{", "}", "[", "]", ", ", "? ", "|\n", ">\n", "'",
    '"', "#", "---\n", "...\n", "%YAML 1.1\n", "null", "~", "2024-01-01", "0x1F", ".inf", "\t",
]  # fmt: skip
YAMLISH = st.lists(st.sampled_from(YAML_BITS), max_size=40).map("".join)


def assert_problems(result: object) -> list[Problem]:
    assert isinstance(result, list)
    assert all(isinstance(p, Problem) for p in result)
    return result


@FUZZ
@given(st.text(max_size=300))
def test_it_never_raises_on_arbitrary_text(text: str) -> None:
    assert assert_problems(validate_model(text, "fuzz.yaml")), "random text is never a model"


@FUZZ
@given(YAMLISH)
def test_it_never_raises_on_yaml_like_text(text: str) -> None:
    assert assert_problems(validate_model(text, "fuzz.yaml"))


@FUZZ
@given(NESTED)
def test_it_never_raises_on_arbitrary_data(data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    assert assert_problems(validate_model(text, "fuzz.yaml"))


@FUZZ
@given(NESTED)
def test_it_never_raises_on_arbitrary_data_in_flow_style(data: Any) -> None:
    text = yaml.safe_dump(data, default_flow_style=True, width=10**9)
    assert assert_problems(validate_model(text, "fuzz.yaml"))


# -- mutated built-in models ----------------------------------------------------------


@cache
def builtin_data(model_id: str) -> Any:
    return yaml.safe_load(builtin_text(model_id))


ID_LIKE = st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True)
STRANGE = st.sampled_from(
    [None, True, False, 0, -1, 1.5, 10**9, -(10**9), 1e300, "", "x", "dont_know", [], {}, [1], {"a": 1}]
)  # fmt: skip


def walk(node: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    """Every (path, value) in a nested structure, the root included."""
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found += walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += walk(value, (*path, index))
    return found


def parent_of(data: Any, path: Path) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def mutate(draw: Any, data: Any) -> None:
    """One random change, in place, of the kind a person editing the file could make."""
    nodes = [(p, v) for p, v in walk(data) if p]
    kind = draw(st.sampled_from(["delete", "retype", "duplicate", "rename", "reference", "number"]))
    if kind == "duplicate":
        lists = [(p, v) for p, v in walk(data) if isinstance(v, list) and v]
        if lists:
            path, items = draw(st.sampled_from(lists))
            items.insert(
                draw(st.integers(0, len(items))), copy.deepcopy(draw(st.sampled_from(items)))
            )
        return
    if kind == "rename":
        keyed = [(p, v) for p, v in nodes if isinstance(parent_of(data, p), dict)]
        path, value = draw(st.sampled_from(keyed))
        holder = parent_of(data, path)
        del holder[path[-1]]
        holder[draw(st.sampled_from(MODEL_KEYS) | ID_LIKE)] = value
        return
    if kind == "reference":
        texts = [(p, v) for p, v in nodes if isinstance(v, str)]
        ids = sorted({v for p, v in texts if p[-1] == "id"})
        path, _ = draw(st.sampled_from(texts))
        parent_of(data, path)[path[-1]] = draw(ID_LIKE | st.sampled_from(ids))
        return
    if kind == "number":
        numbers = [
            (p, v) for p, v in nodes if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        path, value = draw(st.sampled_from(numbers))
        factor = draw(st.sampled_from([-1, 0, 2, 10**6, 1e300]))
        parent_of(data, path)[path[-1]] = value * factor if factor != 0 else 0
        return
    path, _ = draw(st.sampled_from(nodes))
    holder = parent_of(data, path)
    if kind == "delete":
        del holder[path[-1]]
    else:
        holder[path[-1]] = draw(STRANGE)


@st.composite
def mutated_model(draw: Any) -> tuple[str, str]:
    model_id = draw(st.sampled_from(BUILTIN_IDS))
    data = copy.deepcopy(builtin_data(model_id))
    for _ in range(draw(st.integers(1, 3))):
        mutate(draw, data)
    return model_id, yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


@FUZZ
@given(mutated_model(), st.integers(0, 1000))
def test_a_mutated_builtin_model_is_reported_or_usable(mutated: tuple[str, str], seed: int) -> None:
    model_id, text = mutated
    problems = assert_problems(validate_model(text, f"{model_id}.yaml"))
    event("reported" if problems else "accepted")
    if problems:
        return
    model = load_model(text, f"{model_id}.yaml")
    scorer = Scorer(model)
    for respondent in sample_respondents(model, 3, seed=seed):
        result = scorer.score_raw(respondent, explain=True)
        assert result.model_id == model.id


def test_a_number_question_whose_best_is_out_of_range_is_reported_or_scored() -> None:
    """cx-curve's e-mail response time, best 1 hour, but answers allowed only from 10 hours."""
    text = builtin_text("cx-curve").replace(
        "        min: 0\n        allow_not_applicable: true",
        "        min: 10\n        allow_not_applicable: true",
    )
    assert "min: 10" in text
    if validate_model(text, "cx-curve.yaml"):
        return
    model = load_model(text, "cx-curve.yaml")
    scorer = Scorer(model)
    for respondent in sample_respondents(model, 50, seed=0):
        scorer.score_raw(respondent)
