"""Questions turned into what the templates draw: labels, choices, what is already chosen.

Templates stay free of model logic: they receive plain dicts and lists, with every
model text already resolved to the model's locale.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from cxmaturity.core.model import (
    Matrix,
    MaturityModel,
    MultiChoice,
    Number,
    Question,
    Scale,
    SingleChoice,
    YesNo,
)
from cxmaturity.core.scoring import DONT_KNOW, NOT_APPLICABLE

from .models import Answer
from .questionnaire import NONE_OF_THESE, matrix_items
from .registry import text


class Given(NamedTuple):
    """An answer to show that is not a stored Answer row (e.g. a group's agreed answer)."""

    value: Any
    note: str = ""


Stored = Mapping[tuple[str, str], Answer | Given]


def question_widget(
    model: MaturityModel,
    question: Question,
    stored: Stored,
    industry: str,
    errors: dict[str, str] | None = None,
    only_item: str | None = None,
) -> dict[str, Any]:
    """Everything a template needs to draw one question with its saved answer
    (of a use-case matrix, only `only_item`'s row when given)."""
    errors = errors or {}
    common: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "label": text(model, question.label),
        "help": text(model, question.help),
        "allow_dont_know": question.allow_dont_know,
        "allow_not_applicable": question.allow_not_applicable,
        "scored": question.scored,
        "error": errors.get(question.id, ""),
    }
    if isinstance(question, Matrix):
        return {**common, **_matrix(model, question, stored, industry, errors, only_item)}
    answer = stored.get((question.id, ""))
    value = answer.value if answer else None
    common["params"] = f"question,item,a.{question.id},n.{question.id}"
    common["note"] = answer.note if answer else ""
    common["answered"] = answer is not None and value is not None
    common["excluded"] = value if value in (DONT_KNOW, NOT_APPLICABLE) else ""
    if isinstance(question, SingleChoice):
        common["options"] = [
            _option(o.id, text(model, o.label), text(model, o.description), value == o.id)
            for o in question.options
        ]
    elif isinstance(question, MultiChoice):
        chosen = set(value) if isinstance(value, list) else set()
        common["options"] = [
            _option(o.id, text(model, o.label), text(model, o.description), o.id in chosen)
            for o in question.options
        ]
        common["none_chosen"] = value == []
        common["none_value"] = NONE_OF_THESE
    elif isinstance(question, Scale):
        common["options"] = [
            _option(
                str(n),
                str(n),
                text(model, question.labels.get(n)),
                value == n,
            )
            for n in range(question.min, question.max + 1)
        ]
        common["ends"] = (
            text(model, question.labels.get(question.min)),
            text(model, question.labels.get(question.max)),
        )
    elif isinstance(question, YesNo):
        common["options"] = [
            _option("yes", "Yes", "", value is True),
            _option("no", "No", "", value is False),
        ]
    elif isinstance(question, Number):
        common["value"] = "" if value is None or isinstance(value, str) else f"{value:g}"
        common["unit"] = question.unit or ""
        common["min"] = question.min
        common["max"] = question.max
    return common


def _option(value: str, label: str, description: str, checked: bool) -> dict[str, Any]:
    return {"value": value, "label": label, "description": description, "checked": checked}


def _matrix(
    model: MaturityModel,
    question: Matrix,
    stored: Stored,
    industry: str,
    errors: dict[str, str],
    only_item: str | None = None,
) -> dict[str, Any]:
    first = question.facets[0]
    rows = []
    answered = 0
    for item in matrix_items(model, question, industry):
        if only_item is not None and item.id != only_item:
            continue
        answer = stored.get((question.id, item.id))
        value = answer.value if answer else None
        facets_given = value if isinstance(value, dict) else {}
        if value is not None:
            answered += 1
        cells = []
        for facet in question.facets:
            given = facets_given.get(facet.id)
            chosen = set(given) if isinstance(given, list) else {given}
            if facet.id == first.id and isinstance(value, str):
                chosen = {value}
            cells.append(
                {
                    "id": facet.id,
                    "name": f"a.{question.id}.{item.id}.{facet.id}",
                    "multiple": facet.multiple,
                    "label": text(model, facet.label),
                    "depends_on": dict(facet.applies_when),
                    "options": [
                        _option(
                            o.id, text(model, o.label), text(model, o.description), o.id in chosen
                        )
                        for o in facet.options
                    ],
                    "dont_know": facet.id == first.id and question.allow_dont_know,
                    "dont_know_checked": facet.id == first.id and value == DONT_KNOW,
                }
            )
        rows.append(
            {
                "id": item.id,
                "label": text(model, item.label),
                "description": text(model, item.description),
                "stage": item.stage or "",
                "cells": cells,
                "note": answer.note if answer else "",
                "note_name": f"n.{question.id}.{item.id}",
                "params": ",".join(
                    ["question", "item", f"n.{question.id}.{item.id}"]
                    + [str(cell["name"]) for cell in cells]
                ),
                "error": errors.get(f"{question.id}.{item.id}", ""),
                "answered": value is not None,
            }
        )
    return {
        "facets": [
            {"id": f.id, "label": text(model, f.label), "help": text(model, f.help)}
            for f in question.facets
        ],
        "rows": rows,
        "answered_items": answered,
    }
