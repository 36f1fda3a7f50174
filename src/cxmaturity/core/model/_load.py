"""Load a model from text: syntax, schema and semantic rules, every problem at once."""

from __future__ import annotations

from pydantic import ValidationError

from ._problems import InvalidModelError, Path, Problem
from ._pydantic_errors import locate, problems_from
from ._schema import MaturityModel
from ._semantics import check
from ._yaml import parse


def load_model(text: str, source: str = "<model>") -> MaturityModel:
    """Parse and validate a model file's text; raise InvalidModelError listing every problem."""
    problems = validate_model(text, source)
    if problems:
        raise InvalidModelError(problems)
    data, _, _ = parse(text, source)
    return MaturityModel.model_validate(data)


def validate_model(text: str, source: str = "<model>") -> list[Problem]:
    """Every problem in a model file, sorted by position; an empty list means it is valid."""
    data, positions, problems = parse(text, source)
    if problems:
        return problems
    if not isinstance(data, dict):
        return [
            Problem("a model file must hold a mapping of keys (id, version, ...)", (), 1, 1, source)
        ]
    try:
        model = MaturityModel.model_validate(data)
    except ValidationError as exc:
        return _sorted(problems_from(exc, MaturityModel, data, positions, source))

    def where(path: Path) -> tuple[int | None, int | None]:
        return locate(path, positions)

    found = []
    for path, message in check(model):
        line, column = where(path)
        found.append(Problem(message, path, line, column, source))
    return _sorted(found)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.message))
