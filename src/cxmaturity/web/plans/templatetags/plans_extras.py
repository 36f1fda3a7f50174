"""Template filters for plan pages: look-ups the Django template language lacks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """`labels|get_item:action`: a mapping's value for a key, or '' when absent."""
    return (mapping or {}).get(key, "")


@register.filter
def signed(value: float | None) -> str:
    """A change with its sign (+3.5, −2, 0); '–' when there is none."""
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"+{text}" if value > 0 else text.replace("-", "−")


@register.filter
def num(value: float | None) -> str:
    """A score as the core rounds it (up to 2 decimals), without trailing zeros."""
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".")
