"""Turn pydantic's validation errors into problems a model author can act on."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ._problems import Path, Problem, format_path
from ._yaml import Positions

_UNION_WORDS = {
    "str": "a text",
    "dict[str,str]": "a mapping of locale code to text",
    "float": "a number",
    "RelativeBound": "a mapping {benchmark_times, plus}",
}


def problems_from(
    exc: ValidationError, root: type[BaseModel], data: Any, positions: Positions, source: str
) -> list[Problem]:
    """One problem per place; union alternatives at the same place are merged."""
    merged: dict[Path, list[ErrorDetails]] = {}
    for error in exc.errors():
        path = _data_path(error["loc"], data)
        merged.setdefault(path, []).append(error)
    problems = []
    for path, errors in merged.items():
        message = _message(errors, root, path)
        line, column = locate(path, positions)
        problems.append(Problem(message, path, line, column, source))
    return problems


def locate(path: Path, positions: Positions) -> tuple[int | None, int | None]:
    """The position of the deepest part of `path` that exists in the file."""
    for end in range(len(path), -1, -1):
        found = positions.get(path[:end])
        if found:
            return found
    return None, None


def _data_path(loc: tuple[str | int, ...], data: Any) -> Path:
    """Drop the union-member labels pydantic inserts, keeping only keys the file has."""
    path: list[str | int] = []
    node: Any = data
    for index, part in enumerate(loc):
        found, child = _child(node, part)
        if found:
            path.append(part)
            node = child
        elif isinstance(node, dict) and index == len(loc) - 1 and part not in _UNION_WORDS:
            path.append(part)  # a missing key: keep it, the message names it
    return tuple(path)


def _child(node: Any, part: str | int) -> tuple[bool, Any]:
    if isinstance(node, dict) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def _message(errors: list[ErrorDetails], root: type[BaseModel], path: Path) -> str:
    kinds = {e["type"] for e in errors}
    first = errors[0]
    where = format_path(path) or "the file"
    if "extra_forbidden" in kinds:
        return _unknown_key(first, root, path)
    if "missing" in kinds:
        return _missing(path)
    if "union_tag_invalid" in kinds:
        ctx = first.get("ctx") or {}
        return (
            f"{where}: unknown type {ctx.get('tag')!r}; expected one of {ctx.get('expected_tags')}"
        )
    if "union_tag_not_found" in kinds:
        return f"{where}: missing key 'type' (single, multi, scale, number, yesno or matrix)"
    if "string_pattern_mismatch" in kinds and path and path[-1] in ("id", "version"):
        return _bad_pattern(path, first["input"])
    if len(errors) > 1:
        choices = [_UNION_WORDS.get(str(e["loc"][-1]), "") for e in errors]
        wanted = " or ".join(c for c in choices if c) or "a different value"
        return f"{where}: expected {wanted}, got {_shown(first['input'])}"
    return f"{where}: {first['msg'][0].lower()}{first['msg'][1:]} (got {_shown(first['input'])})"


def _unknown_key(error: ErrorDetails, root: type[BaseModel], path: Path) -> str:
    key = str(path[-1]) if path else "?"
    owner = _model_at(root, error["loc"][:-1])
    allowed = _keys_of(owner) if owner else []
    hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    where = format_path(path[:-1]) or "the top level"
    fix = f"; did you mean '{hint[0]}'?" if hint else f"; allowed keys: {', '.join(allowed)}"
    return f"unknown key '{key}' in {where}{fix}"


def _missing(path: Path) -> str:
    key = path[-1] if path else "?"
    owner = format_path(path[:-1]) or "the top level"
    if key == "score":
        return f"{owner}: option has no score; add 'score: <points>'"
    return f"{owner}: missing required key '{key}'"


def _bad_pattern(path: Path, value: Any) -> str:
    if path[-1] == "version":
        return f"{format_path(path)}: {_shown(value)} is not a semantic version like 1.0.0"
    return (
        f"{format_path(path)}: {_shown(value)} is not a valid id; use lower-case letters, "
        "digits, '-' and '_', starting with a letter or digit"
    )


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """Follow pydantic's error location through fields, lists, dicts and unions."""
    current: Any = root
    for part in loc:
        current = _step(current, part)
        if current is None:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _step(tp: Any, part: str | int) -> Any:
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, field in tp.model_fields.items():
            if part in (name, field.alias):
                return field.annotation
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and isinstance(part, int):
        return args[0]
    if origin is dict:
        return args[1]
    if origin in (typing.Union, types.UnionType):
        for member in args:
            if _member_name(member) == part:
                return member
    return None


def _member_name(member: Any) -> str:
    member = _unwrap(member)
    if isinstance(member, type) and issubclass(member, BaseModel):
        tag = member.model_fields.get("type")
        if tag is not None and typing.get_origin(tag.annotation) is typing.Literal:
            return str(typing.get_args(tag.annotation)[0])
        return member.__name__
    return getattr(member, "__name__", str(member))


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp
