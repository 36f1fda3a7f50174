"""The JSON Schema of the model format, generated from the pydantic classes, is usable by
editors: well formed, closed to unknown keys, and every shipped model satisfies it."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from cxmaturity.core.model import MaturityModel
from cxmaturity.models import BUILTIN_IDS, builtin_text


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return MaturityModel.model_json_schema(by_alias=True)


def as_an_editor_sees_it(model_id: str) -> Any:
    """The model file's data with JSON types only (e.g. scale labels keyed by '1', not 1)."""
    return json.loads(json.dumps(yaml.safe_load(builtin_text(model_id))))


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in refs(value)]
    return []


def test_it_is_plain_json(schema: dict[str, Any]) -> None:
    assert json.loads(json.dumps(schema)) == schema


def test_every_reference_resolves(schema: dict[str, Any]) -> None:
    found = refs(schema)
    assert found
    for ref in found:
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in schema["$defs"], ref


def test_required_keys_are_declared(schema: dict[str, Any]) -> None:
    for name, definition in [("MaturityModel", schema), *schema["$defs"].items()]:
        missing = set(definition.get("required", [])) - set(definition.get("properties", {}))
        assert missing == set(), name


def test_it_closes_every_object_to_unknown_keys(schema: dict[str, Any]) -> None:
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object" and "properties" in definition:
            assert definition.get("additionalProperties") is False, name


def test_it_allows_a_schema_header_and_names_the_required_keys(schema: dict[str, Any]) -> None:
    assert "$schema" in schema["properties"]
    assert {"id", "version", "title", "summary", "levels", "ladders", "dimensions"} <= set(
        schema["required"]
    )


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_it_declares_every_top_level_key_a_builtin_model_uses(
    schema: dict[str, Any], model_id: str
) -> None:
    assert set(as_an_editor_sees_it(model_id)) <= set(schema["properties"])


def test_it_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_every_builtin_model_satisfies_it(schema: dict[str, Any], model_id: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(schema)
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(as_an_editor_sees_it(model_id))
    ]
    assert errors == []


def test_it_rejects_an_unknown_key(schema: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = as_an_editor_sees_it("cx-matrix")
    data["dimensions"][0]["questions"][0]["optoins"] = []
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)
