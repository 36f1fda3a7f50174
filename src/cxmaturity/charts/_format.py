"""Numbers and labels as the charts and their alt texts print them."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from . import _words


def number(value: float) -> str:
    """A score as people read it: one decimal at most, no trailing zero, never "-0"."""
    return f"{round(value, 1) + 0.0:g}"


def score(value: float | None) -> str:
    """A score, or the words for a dimension nobody answered."""
    return _words.NO_ANSWERS if value is None else number(value)


def span(start: float, end: float) -> str:
    return f"{number(start)}–{number(end)}"


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_words.AND} {items[-1]}"


def lines(label: str, width: int) -> list[str]:
    """A long label broken into lines of about `width` characters (never mid-word)."""
    return textwrap.wrap(label, width, break_long_words=False) or [label]


def labelled(label: str, value: float | None) -> str:
    """'Journey 22' or 'Journey: no answers', as the alt texts list figures."""
    return f"{label}: {_words.NO_ANSWERS}" if value is None else f"{label} {number(value)}"
