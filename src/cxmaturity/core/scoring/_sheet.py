"""The spreadsheet layout of answers: one respondent a row, one answer a column.

Shared by the CSV/XLSX template, the sample generator and the readers, so a sheet
written by one is always read back by the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._text import resolve
from ..model import (
    NONE_CHOSEN,
    Matrix,
    MaturityModel,
    MultiChoice,
    Number,
    Scale,
    SingleChoice,
    Text,
    YesNo,
)
from ._answers import (
    CONTEXT_COLUMNS,
    DONT_KNOW,
    MULTI_SEPARATOR,
    NOT_APPLICABLE,
    items_for,
)


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, the question behind it and the answers it accepts."""

    name: str
    question: str
    label: str
    choices: tuple[str, ...] = ()
    multiple: bool = False
    hint: str = ""


def columns(model: MaturityModel, industry: str | None = None) -> list[Column]:
    """Context columns, then every question; a matrix expands to item.facet columns.

    With no industry, matrix columns cover every catalog item of every industry.
    """

    def text(value: Text | None) -> str:
        return resolve(value, model.locale, model.locale) or ""

    out = [Column(name, name, name.capitalize()) for name in CONTEXT_COLUMNS]
    catalogs = (
        {c.id: {i.id: i for i in c.items} for c in model.catalogs}
        if industry is None
        else items_for(model, industry)
    )
    for dim in model.dimensions:
        for q in dim.questions:
            extra = _extra(q)
            if isinstance(q, Matrix):
                for item in catalogs.get(q.catalog, {}).values():
                    for facet in q.facets:
                        out.append(
                            Column(
                                f"{q.id}.{item.id}.{facet.id}",
                                q.id,
                                f"{text(item.label)}: {text(facet.label)}",
                                tuple(o.id for o in facet.options) + extra,
                                facet.multiple,
                            )
                        )
            elif isinstance(q, SingleChoice):
                out.append(
                    Column(q.id, q.id, text(q.label), tuple(o.id for o in q.options) + extra)
                )
            elif isinstance(q, MultiChoice):
                out.append(
                    Column(
                        q.id,
                        q.id,
                        text(q.label),
                        tuple(o.id for o in q.options) + extra,
                        True,
                        f"several options separated by '{MULTI_SEPARATOR}'",
                    )
                )
            elif isinstance(q, YesNo):
                out.append(Column(q.id, q.id, text(q.label), ("yes", "no", *extra)))
            elif isinstance(q, Scale):
                points = tuple(str(p) for p in range(q.min, q.max + 1))
                out.append(Column(q.id, q.id, text(q.label), points + extra))
            elif isinstance(q, Number):
                unit = f" ({q.unit})" if q.unit else ""
                out.append(Column(q.id, q.id, text(q.label), extra, hint=f"a number{unit}"))
    return out


def _extra(q: Any) -> tuple[str, ...]:
    return ((DONT_KNOW,) if q.allow_dont_know else ()) + (
        (NOT_APPLICABLE,) if q.allow_not_applicable else ()
    )


def flatten(answers: Mapping[str, Any]) -> dict[str, str]:
    """Nested answers (as in a YAML answer file) to cells keyed by column name."""
    row: dict[str, str] = {}
    for qid, value in answers.items():
        if isinstance(value, Mapping):
            for item, facets in value.items():
                if isinstance(facets, Mapping):
                    for facet, cell in facets.items():
                        row[f"{qid}.{item}.{facet}"] = _cell(cell)
                else:
                    row[f"{qid}.{item}"] = _cell(facets)
        else:
            row[qid] = _cell(value)
    return row


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple | set | frozenset):
        return MULTI_SEPARATOR.join(sorted(str(v) for v in value)) or NONE_CHOSEN
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
