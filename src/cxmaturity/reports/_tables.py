"""The report as tidy tables: one record per row, one typed value per cell.

The XLSX sheets, the CSV files and the JSON export hold exactly these tables, so a BI
analyst gets the same columns whichever format they load. Columns are stable for a
given table (a missing value is empty, never a missing column), except the `plan` and
`kpis` tables, which exist only when a plan is present and take the plan's fields.

| table        | one row per                      | key columns                          |
|--------------|----------------------------------|--------------------------------------|
| summary      | report                           | model_id, model_version, completed   |
| dimensions   | dimension                        | dimension_id                         |
| answers      | question (matrix: item × facet)  | question_id, item_id, facet_id       |
| explanation  | contribution to a dimension      | dimension_id, question_id            |
| plan         | priority                         | rank                                 |
| kpis         | KPI of the plan                  | kpi_id                               |
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from cxmaturity.core.model import Matrix

from ._content import Content, _kpi_text
from ._data import ReportData

TABLES = ("summary", "dimensions", "answers", "explanation", "plan", "kpis")
Cell = str | int | float | bool | date | None


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def tables(data: ReportData, content: Content | None = None) -> dict[str, Table]:
    """Every table the report has, by name, in TABLES order."""
    content = content or Content(data)
    out = [
        _summary(data, content),
        _dimensions(content),
        _answers(data, content),
        _explanation(content),
    ]
    plan = data.plan or {}
    if plan.get("priorities"):
        out.append(
            _records(
                "plan",
                [_priority_row(p) for p in plan["priorities"] if isinstance(p, Mapping)],
                first=("rank",),
                numbered=True,
            )
        )
    if plan.get("kpis"):
        out.append(_records("kpis", plan["kpis"], first=("kpi_id",), rename={"id": "kpi_id"}))
    return {t.name: t for t in out}


def _priority_row(priority: Mapping[str, Any]) -> dict[str, Any]:
    """A priority as one row: its KPIs as text ("CSAT from 72 % to 80 %; NPS")."""
    kpis = priority.get("kpis")
    if not isinstance(kpis, list | tuple):
        return dict(priority)
    texts = [k if isinstance(k, str) else _kpi_text(k) for k in kpis if k]
    return {**priority, "kpis": "; ".join(str(t) for t in texts) or None}


def _label(entry: Any) -> str | None:
    return entry.get("label") if isinstance(entry, Mapping) else None


def _id(entry: Any) -> str | None:
    return entry.get("id") if isinstance(entry, Mapping) else None


def _value(entry: Any) -> float | None:
    return entry.get("value") if isinstance(entry, Mapping) else None


def _summary(data: ReportData, content: Content) -> Table:
    overall = content.overall
    result = data.result
    peers = data.shown_peers or {}
    campaign = data.campaign or {}
    sheet = data.shown_answers
    columns = (
        "model_id",
        "model_version",
        "model_title",
        "organization",
        "respondent",
        "industry",
        "region",
        "size",
        "completed",
        "next_assessment",
        "overall_score",
        "overall_raw",
        "overall_level_id",
        "overall_level",
        "overall_band_id",
        "overall_band",
        "overall_benchmark",
        "benchmark_derived",
        "respondents",
        "anonymous",
        "peer_group",
        "peer_group_size",
        "peer_percentile",
        "peer_quartile",
        "peer_median",
        "peer_percentile_low",
        "peer_percentile_high",
        "plan_status",
    )
    bench = overall.get("benchmark")
    row: tuple[Cell, ...] = (
        data.model.id,
        data.model.version,
        content.model_title,
        data.organization.name if data.organization else None,
        sheet.respondent if sheet else None,
        result.get("industry"),
        result.get("region"),
        result.get("size"),
        data.completed_on,
        data.next_assessment,
        overall.get("score"),
        overall.get("raw"),
        _id(overall.get("level")),
        _label(overall.get("level")),
        _id(overall.get("band")),
        _label(overall.get("band")),
        _value(bench),
        bench.get("derived") if isinstance(bench, Mapping) else None,
        campaign.get("respondents"),
        data.anonymous if data.campaign else None,
        peers.get("group"),
        peers.get("size"),
        peers.get("percentile"),
        peers.get("quartile"),
        peers.get("median"),
        peers.get("low"),
        peers.get("high"),
        (data.plan or {}).get("status"),
    )
    return Table("summary", columns, [row])


def _dimensions(content: Content) -> Table:
    columns = (
        "dimension_id",
        "dimension",
        "score",
        "raw",
        "level_id",
        "level",
        "band_id",
        "band",
        "benchmark",
        "vs_benchmark",
        "benchmark_source",
        "answered",
        "excluded",
        "axis",
        "stage",
        "peer_percentile",
        "peer_quartile",
        "peer_median",
        "peer_group_size",
        "target",
        "gap",
    )
    rows: list[tuple[Cell, ...]] = []
    for d in content.dimensions:
        bench = d.get("benchmark")
        peers = d.get("peers") or {}
        rows.append(
            (
                d["id"],
                d.get("label"),
                d.get("score"),
                d.get("raw"),
                _id(d.get("level")),
                _label(d.get("level")),
                _id(d.get("band")),
                _label(d.get("band")),
                _value(bench),
                (
                    round(d["score"] - bench["value"], 2)
                    if isinstance(bench, Mapping) and d.get("score") is not None
                    else None
                ),
                bench.get("source") if isinstance(bench, Mapping) else None,
                d.get("answered"),
                d.get("excluded"),
                d.get("axis"),
                d.get("stage"),
                peers.get("percentile"),
                peers.get("quartile"),
                peers.get("median"),
                peers.get("size"),
                d.get("target"),
                d.get("gap"),
            )
        )
    return Table("dimensions", columns, rows)


def _raw(value: Any) -> Cell:
    """An answer as stored: an option id, ids joined by '|', a number or a boolean."""
    if isinstance(value, list | set | frozenset | tuple):
        return "|".join(sorted(str(v) for v in value))
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def _answers(data: ReportData, content: Content) -> Table:
    columns = (
        "dimension_id",
        "question_id",
        "question",
        "item_id",
        "item",
        "facet_id",
        "facet",
        "answer",
        "answer_label",
        "note",
    )
    sheet = data.shown_answers
    rows: list[tuple[Cell, ...]] = []
    if sheet is None:
        return Table("answers", columns, rows)
    for dimension in data.model.dimensions:
        for q in dimension.questions:
            value = sheet.values.get(q.id)
            note = sheet.notes.get(q.id) or None
            label = content.text(q.label)
            if isinstance(q, Matrix) and isinstance(value, Mapping):
                for item_id, facets in value.items():
                    item = content.catalog_labels.get(item_id, item_id)
                    if not isinstance(facets, Mapping):
                        rows.append(
                            (
                                dimension.id,
                                q.id,
                                label,
                                item_id,
                                item,
                                None,
                                None,
                                _raw(facets),
                                content.answer_text(None, facets),
                                note,
                            )
                        )
                        continue
                    for facet in q.facets:
                        if facet.id in facets:
                            cell = facets[facet.id]
                            rows.append(
                                (
                                    dimension.id,
                                    q.id,
                                    label,
                                    item_id,
                                    item,
                                    facet.id,
                                    content.text(facet.label),
                                    _raw(cell),
                                    content.facet_text(q, facet.id, cell),
                                    note,
                                )
                            )
                continue
            rows.append(
                (
                    dimension.id,
                    q.id,
                    label,
                    None,
                    None,
                    None,
                    None,
                    _raw(value),
                    content.answer_text(q, value) if value is not None else None,
                    note,
                )
            )
    return Table("answers", columns, rows)


def _explanation(content: Content) -> Table:
    columns = (
        "dimension_id",
        "dimension",
        "rule",
        "question_id",
        "question",
        "answer",
        "answer_label",
        "points",
        "min",
        "max",
        "weight",
        "normalized",
        "share",
    )
    rows: list[tuple[Cell, ...]] = []
    for e in content.explanation:
        for c in e.get("contributions") or []:
            answer = c.get("answer")
            rows.append(
                (
                    e["dimension"],
                    e["label"],
                    e.get("rule"),
                    c["question"],
                    c.get("label"),
                    _raw(answer),
                    content.answer_text(content.questions.get(c["question"]), answer)
                    if answer is not None
                    else None,
                    c.get("points"),
                    c.get("min"),
                    c.get("max"),
                    c.get("weight"),
                    c.get("normalized"),
                    c.get("share"),
                )
            )
    return Table("explanation", columns, rows)


def _flat(value: Any) -> Cell:
    if isinstance(value, list | tuple):
        return "; ".join(str(_flat(v)) for v in value)
    if isinstance(value, Mapping):
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    if isinstance(value, str | int | float | bool | date) or value is None:
        return value
    return str(value)


def _records(
    name: str,
    entries: Iterable[Any],
    first: tuple[str, ...],
    numbered: bool = False,
    rename: Mapping[str, str] | None = None,
) -> Table:
    """A table from a list of mappings: the union of their keys, `first` columns first."""
    rename = rename or {}
    dicts = [
        {rename.get(str(k), str(k)): v for k, v in e.items()}
        for e in entries
        if isinstance(e, Mapping)
    ]
    if numbered:
        dicts = [{"rank": n, **d} for n, d in enumerate(dicts, 1)]
    columns = list(first)
    for d in dicts:
        columns += [k for k in d if k not in columns]
    return Table(name, tuple(columns), [tuple(_flat(d.get(c)) for c in columns) for d in dicts])
