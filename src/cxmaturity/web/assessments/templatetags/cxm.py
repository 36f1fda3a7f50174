"""Template filters the pages share."""

from __future__ import annotations

import json
from typing import Any

from django import template

register = template.Library()


@register.filter
def to_json(value: Any) -> str:
    """JSON for a data attribute; autoescaping keeps it safe inside quotes."""
    return json.dumps(value, separators=(",", ":"))


@register.filter
def score(value: float | None) -> str:
    """A 0–100 score as people read it: no decimals, a dash when nothing was answered."""
    return "–" if value is None else f"{value:.0f}"
