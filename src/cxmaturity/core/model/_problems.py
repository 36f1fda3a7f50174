"""Problems found in user input, each pinned to a place a person can go and fix."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake: where it is (file, line, column, key path) and what to do about it."""

    message: str
    path: Path = ()
    line: int | None = None
    column: int | None = None
    source: str = "<model>"

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.message}"


def format_path(path: Path) -> str:
    """Render a key path the way a person reads YAML: dimensions[0].questions[2].options."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class InvalidModelError(ValueError):
    """A model file could not be loaded; `problems` says every reason, never only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
