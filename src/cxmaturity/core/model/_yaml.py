"""Parse YAML or JSON text while remembering where every key and value stands.

PyYAML's composer keeps a mark (line and column) on each node; we walk the node
tree ourselves so that a later error about ``dimensions[2].questions[0]`` can name
the line it came from, and so that duplicate keys (silently accepted by PyYAML's
constructors) become problems instead of lost data.
"""

from __future__ import annotations

from typing import Any

import yaml

from ._problems import Path, Problem

Positions = dict[Path, tuple[int, int]]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Constructor(yaml.SafeLoader):
    """Builds scalars exactly like ``safe_load`` does, one node at a time."""


def parse(text: str, source: str) -> tuple[Any, Positions, list[Problem]]:
    """Return the data, the position of every path in it, and any syntax problems."""
    try:
        root = yaml.compose(text, Loader=_Loader)
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
        message = f"the file is too large or too deeply nested (over {MAX_NODES} values or aliases)"
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
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            line, column = self.positions[path]
            self.problems.append(
                Problem(f"unreadable value: {exc}", path, line, column, self.source)
            )
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be a plain word, not a list or mapping")
                continue
            key = self.scalars.construct_object(key_node)
            key = key if isinstance(key, str | int) else str(key)
            if key == "<<":
                self._problem(key_node, path, "YAML merge keys ('<<') are not supported")
                continue
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
