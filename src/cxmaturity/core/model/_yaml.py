"""Parse YAML or JSON text while remembering where every key and value stands.

PyYAML's composer keeps a mark (line and column) on each node; we walk the node
tree ourselves so that a later error about ``dimensions[2].questions[0]`` can name
the line it came from, and so that duplicate keys (silently accepted by PyYAML's
constructors) become problems instead of lost data.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ._problems import Path, Problem

Positions = dict[Path, tuple[int, int]]

_MERGE_TAG = "tag:yaml.org,2002:merge"
_BRACKETS = re.compile(r"[\[\]{}]")
# libyaml's composer recurses in C and crashes the whole process on some kilobytes of
# nested brackets; past this bound we parse with PyYAML's pure-Python loader instead,
# whose recursion stops with a RecursionError we can report.
_C_SAFE_DEPTH = 200


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _loader_for(text: str) -> type[yaml.SafeLoader]:
    indents = max((len(line) - len(line.lstrip(" -?:")) for line in text.splitlines()), default=0)
    if indents > _C_SAFE_DEPTH:
        return yaml.SafeLoader
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


class _Constructor(yaml.SafeLoader):
    """Builds scalars exactly like ``safe_load`` does, one node at a time."""


def parse(text: str, source: str) -> tuple[Any, Positions, list[Problem]]:
    """Return the data, the position of every path in it, and any syntax problems."""
    try:
        if _bracket_depth(text) > _C_SAFE_DEPTH:
            raise RecursionError
        root = yaml.compose(text, Loader=_loader_for(text))
    except RecursionError:
        return (
            None,
            {},
            [Problem(f"the file is too deeply nested (over {MAX_DEPTH} levels)", (), 1, 1, source)],
        )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        reason = exc.problem or "the file is not valid YAML or JSON"
        return None, {}, [Problem(f"syntax error: {reason}", (), line, column, source)]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(f"syntax error: {exc}", (), 1, 1, source)]
    positions: Positions = {}
    problems: list[Problem] = []
    if root is None:
        return None, positions, problems
    builder = _Builder(source, positions, problems)
    try:
        return builder.build(root, ()), positions, problems
    except (_TooBigError, RecursionError):
        message = (
            f"the file is too large or too deeply nested (over {MAX_NODES:,} values, "
            f"counting aliases, or over {MAX_DEPTH} levels)"
        )
        return None, {}, [Problem(message, (), 1, 1, source)]


MAX_NODES = 200_000
MAX_DEPTH = 64


class _TooBigError(Exception):
    """Raised when aliases or nesting would make a small file expand without bound."""


class _Builder:
    def __init__(self, source: str, positions: Positions, problems: list[Problem]) -> None:
        self.source = source
        self.positions = positions
        self.problems = problems
        self.scalars = _Constructor("")
        self.budget = MAX_NODES

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.budget -= 1
        if self.budget < 0 or len(path) > MAX_DEPTH:
            raise _TooBigError
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.scalars.construct_object(node, deep=True)
        except Exception as exc:  # PyYAML's constructors raise many kinds on odd tags
            line, column = self.positions[path]
            reason = getattr(exc, "problem", None) or str(exc) or exc.__class__.__name__
            self.problems.append(
                Problem(f"unreadable value ({node.tag}): {reason}", path, line, column, self.source)
            )
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be a plain word, not a list or mapping")
                continue
            if key_node.tag == _MERGE_TAG:
                self._problem(key_node, path, "YAML merge keys ('<<') are not supported")
                continue
            try:
                key = self.scalars.construct_object(key_node)
            except Exception:  # a tag PyYAML cannot build, e.g. `!custom id:`
                self._problem(
                    key_node, path, f"unreadable key {key_node.value!r} (tag {key_node.tag})"
                )
                continue
            key = key if isinstance(key, str | int) else str(key)
            if key in out:
                first = self.positions.get((*path, key), (0, 0))[0]
                self._problem(
                    key_node, (*path, key), f"duplicate key '{key}' (first at line {first})"
                )
                continue
            out[key] = self.build(value_node, (*path, key))
            self.positions[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        return out

    def _problem(self, node: yaml.Node, path: Path, message: str) -> None:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(message, path, line, column, self.source))
