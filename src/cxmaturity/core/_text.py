"""Pick the words for one locale from a model's translatable text."""

from __future__ import annotations

from .model import Text


def resolve(text: Text | None, locale: str, fallback: str) -> str | None:
    """The text in `locale`, else in the model's own locale, else any translation given."""
    if text is None or isinstance(text, str):
        return text
    for key in (locale, fallback):
        if key in text:
            return text[key]
    return next(iter(text.values()), None)
