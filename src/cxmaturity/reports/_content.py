"""What a report says, as plain data for the templates and the tables.

This mirrors the web results page (web/assessments/results.py): the same sections from
the same stored result and model texts, so the report and the page never disagree (the
sections both build alike live in sections.py). It imports no web framework: the CLI
renders reports without a database.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, lru_cache
from typing import Any

from cxmaturity import charts
from cxmaturity.core._text import resolve
from cxmaturity.core.model import (
    Matrix,
    MaturityModel,
    MultiChoice,
    Number,
    Question,
    Scale,
    SingleChoice,
    Text,
    YesNo,
)
from cxmaturity.core.scoring import standouts

from . import sections
from ._data import ReportData

EXTREMES = 3  # strongest and weakest questions shown per dimension
PRIORITIES = 5  # the most a plan may put forward (3–5)
PEER_KEYS = ("group", "size", "percentile", "low", "high", "confidence", "quartile", "median")
SPREAD_KEYS = ("spread", "agreement", "consensus", "note")
PRIORITY_KEYS = (
    "title",
    "dimension",
    "stage",
    "kind",
    "challenge",
    "recommendation",
    "value",
    "owner",
    "due",
)
_RESERVED = {"dont_know": "Don’t know", "not_applicable": "Not applicable", "none": "None"}


def versus(difference: float) -> str:
    """A score's distance from its benchmark in words (as the results page says it)."""
    if abs(difference) < 0.5:
        return "level with it"
    side = "above" if difference > 0 else "below"
    return f"{abs(difference):.0f} points {side}"


def score_text(value: Any) -> str:
    """A 0–100 score as the page shows it: one decimal at most, '–' when absent."""
    if value is None:
        return "–"
    number = float(value)
    return f"{number:.0f}" if number.is_integer() else f"{number:.1f}"


def half_up(value: Any, digits: int = 0) -> str:
    """A figure rounded half up (as the web pages' floatformat), trailing .0 dropped:
    a percentile of 62.5 reads 63 in the report as on the results page."""
    if value is None:
        return "–"
    step = Decimal(1).scaleb(-digits)
    rounded = Decimal(str(float(value))).quantize(step, rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_text(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart of the report: its words and its SVG (the same drawing as the web page's).

    Documents show it as an image (`uri`, the SVG as a data: URI) rather than inline SVG:
    WeasyPrint then reads the SVG with its XML parser instead of parsing and styling each
    of its hundreds of elements as HTML, which made up a fifth of a full report's time.
    """

    id: str
    title: str
    description: str
    svg: str

    @property
    def uri(self) -> str:
        return _svg_uri(self.svg)


class Content:
    """The sections of a report, computed once from its `ReportData`."""

    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.model: MaturityModel = data.model
        self.result: Mapping[str, Any] = data.result
        self.questions: dict[str, Question] = {
            q.id: q for d in self.model.dimensions for q in d.questions
        }
        self.question_dimension: dict[str, str] = {
            q.id: d.id for d in self.model.dimensions for q in d.questions
        }

    # words ---------------------------------------------------------------------------

    def text(self, value: Text | None) -> str:
        return resolve(value, self.model.locale, self.model.locale) or ""

    @cached_property
    def model_title(self) -> str:
        return self.text(self.model.title)

    @cached_property
    def catalog_labels(self) -> dict[str, str]:
        return {item.id: self.text(item.label) for c in self.model.catalogs for item in c.items}

    def answer_text(self, question: Question | None, value: Any) -> str:
        """An answer in the model's words: option labels, a number with its unit, yes/no."""
        if value is None:
            return "–"
        if isinstance(value, str) and value in _RESERVED:
            return _RESERVED[value]
        if question is None:
            return str(value)
        if isinstance(question, SingleChoice):
            return self._option(question, value)
        if isinstance(question, MultiChoice):
            chosen = sorted(value) if isinstance(value, list | set | frozenset) else [value]
            return ", ".join(self._option(question, v) for v in chosen) or "None"
        if isinstance(question, YesNo):
            return "Yes" if value in (True, "yes") else "No"
        if isinstance(question, Scale):
            label = question.labels.get(int(value)) if isinstance(value, int | float) else None
            span = f"{number_text(value)} of {question.min}–{question.max}"
            return f"{span} ({self.text(label)})" if label else span
        if isinstance(question, Number):
            return f"{number_text(value)} {question.unit}" if question.unit else number_text(value)
        if isinstance(question, Matrix) and isinstance(value, Mapping):
            return f"{len(value)} item{'s' if len(value) != 1 else ''} (see below)"
        return str(value)

    def _option(self, question: SingleChoice | MultiChoice, value: Any) -> str:
        if isinstance(value, str) and value in _RESERVED:
            return _RESERVED[value]
        for option in question.options:
            if option.id == value:
                return self.text(option.label)
        return str(value)

    def facet_text(self, question: Matrix, facet_id: str, value: Any) -> str:
        facet = next((f for f in question.facets if f.id == facet_id), None)
        if facet is None:
            return str(value)
        labels = {o.id: self.text(o.label) for o in facet.options}
        if isinstance(value, list | set | frozenset):
            return ", ".join(labels.get(v, str(v)) for v in sorted(value)) or "None"
        if isinstance(value, str) and value in _RESERVED:
            return _RESERVED[value]
        return labels.get(str(value), str(value))

    # sections ------------------------------------------------------------------------

    @cached_property
    def overall(self) -> dict[str, Any]:
        return dict(self.result.get("overall") or {})

    @cached_property
    def dimensions(self) -> list[dict[str, Any]]:
        explained = {e["dimension"]: e for e in self.explanation}
        peers = (self.data.shown_peers or {}).get("dimensions") or {}
        spread = ((self.data.campaign or {}).get("dimensions")) or {}
        targets = (self.data.plan or {}).get("targets") or {}
        out = []
        for d in self.result.get("dimensions") or []:
            model_dim = next((m for m in self.model.dimensions if m.id == d["id"]), None)
            benchmark = d.get("benchmark")
            entry = explained.get(d["id"])
            strongest, weakest = self._extremes(entry)
            target = targets.get(d["id"])
            out.append(
                {
                    **d,
                    "summary": self.text(model_dim.summary) if model_dim else "",
                    "vs_benchmark": (
                        versus(d["score"] - benchmark["value"])
                        if benchmark and d["score"] is not None
                        else ""
                    ),
                    "strongest": strongest,
                    "weakest": weakest,
                    "explanation": entry,
                    "peers": with_keys(peers.get(d["id"]), PEER_KEYS),
                    "campaign": with_keys(spread.get(d["id"]), SPREAD_KEYS),
                    "target": target,
                    "gap": (
                        round(float(target) - float(d["score"]), 2)
                        if isinstance(target, int | float) and d["score"] is not None
                        else None
                    ),
                }
            )
        return out

    def _extremes(
        self, entry: Mapping[str, Any] | None
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The best- and worst-scoring questions of a dimension, from its explanation.

        A dimension scored by one use-case matrix ranks the matrix's items instead.
        """
        if not entry:
            return [], []
        contributions = list(entry.get("contributions") or [])
        if len(contributions) == 1 and contributions[0].get("items"):
            candidates = [
                {
                    "label": self.catalog_labels.get(i["item"], i["item"]),
                    "answer": "",
                    "normalized": float(i["value"]),
                }
                for i in contributions[0]["items"]
            ]
        else:
            candidates = [
                {
                    "label": c.get("label") or c["question"],
                    "answer": self.answer_text(self.questions.get(c["question"]), c.get("answer"))
                    if c.get("answer") is not None
                    else "",
                    "normalized": float(c["normalized"]),
                }
                for c in contributions
                if c.get("normalized") is not None
            ]
        if len(candidates) < 2:
            return [], []
        ranked = sorted(candidates, key=lambda c: c["normalized"])
        count = min(EXTREMES, len(ranked) // 2)
        best = list(reversed(ranked[-count:]))
        worst = ranked[:count]
        return best, worst

    @cached_property
    def ranked_dimensions(self) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]:
        return standouts(self.dimensions)

    @cached_property
    def stages(self) -> dict[str, Any] | None:
        return sections.journey_stages(self.model, self.result)

    @cached_property
    def scorecard(self) -> dict[str, Any] | None:
        return sections.scorecard(self.model, self.result)

    @cached_property
    def explanation(self) -> list[dict[str, Any]]:
        explanation = self.result.get("explanation") or {}
        labels = {d["id"]: d["label"] for d in self.result.get("dimensions") or []}
        return [
            {
                **e,
                "label": labels.get(e["dimension"], e["dimension"]),
                "contributions": [
                    {**c, "answer_text": self._contribution_answer(c)}
                    for c in e.get("contributions") or []
                ],
            }
            for e in explanation.get("dimensions", [])
        ]

    def _contribution_answer(self, contribution: Mapping[str, Any]) -> str:
        answer = contribution.get("answer")
        if answer is None:
            items = contribution.get("items")
            return f"{len(items)} use cases" if items else ""
        return self.answer_text(self.questions.get(contribution["question"]), answer)

    @cached_property
    def overall_explanation(self) -> Mapping[str, Any] | None:
        return (self.result.get("explanation") or {}).get("overall")

    @cached_property
    def sources(self) -> list[dict[str, Any]]:
        """The published sources the result's benchmark figures come from."""
        used = {
            figure["source_id"]
            for figure in [self.overall.get("benchmark")]
            + [d.get("benchmark") for d in self.result.get("dimensions") or []]
            if figure
        }
        return [
            {
                "name": self.text(s.name),
                "publisher": s.publisher or "",
                "year": s.year,
                "url": s.url or "",
            }
            for s in self.model.sources
            if s.id in used
        ]

    @cached_property
    def answers(self) -> list[dict[str, Any]]:
        """The answers appendix: every question of the model by dimension, as answered."""
        sheet = self.data.shown_answers
        if sheet is None:
            return []
        out = []
        campaign_questions = (self.data.campaign or {}).get("questions") or {}
        for dimension in self.model.dimensions:
            rows = []
            for q in dimension.questions:
                value = sheet.values.get(q.id)
                row: dict[str, Any] = {
                    "id": q.id,
                    "label": self.text(q.label),
                    "answer": self.answer_text(q, value) if value is not None else "Unanswered",
                    "note": sheet.notes.get(q.id, ""),
                    "items": [],
                    "campaign": with_keys(campaign_questions.get(q.id), SPREAD_KEYS),
                }
                if isinstance(q, Matrix) and isinstance(value, Mapping):
                    row["facets"] = [self.text(f.label) for f in q.facets]
                    for item_id, facets in value.items():
                        cells = facets if isinstance(facets, Mapping) else {}
                        row["items"].append(
                            {
                                "label": self.catalog_labels.get(item_id, item_id),
                                "cells": [
                                    self.facet_text(q, f.id, cells[f.id]) if f.id in cells else ""
                                    for f in q.facets
                                ],
                                "plain": "" if cells else self.answer_text(None, facets),
                            }
                        )
                rows.append(row)
            out.append({"id": dimension.id, "label": self.text(dimension.label), "rows": rows})
        return out

    @cached_property
    def priorities(self) -> list[dict[str, Any]]:
        plan = self.data.plan or {}
        out = []
        for p in list(plan.get("priorities") or [])[:PRIORITIES]:
            kpis = [k if isinstance(k, str) else _kpi_text(k) for k in p.get("kpis") or [] if k]
            out.append({**p, **{k: p.get(k) for k in PRIORITY_KEYS}, "kpi_texts": kpis})
        return out

    def charts(self) -> dict[str, Chart]:
        """Every chart that applies, by id, as inline SVG (converted once per process)."""
        return {
            c.id: Chart(c.id, c.title, c.description, _svg_body(charts.to_svg(c)))
            for c in charts.charts_for(dict(self.result), self.model)
        }

    def summary_chart(self) -> Chart | None:
        """The radar where the result has one, else the bars: the profile at a glance."""
        wanted = list(charts.charts_for(dict(self.result), self.model))
        pick = next((c for c in wanted if c.id == "radar"), None) or next(
            (c for c in wanted if c.id == "dimension_bars"), None
        )
        if pick is None:
            return None
        return Chart(pick.id, pick.title, pick.description, _svg_body(charts.to_svg(pick)))

    def peer_chart(self) -> Chart | None:
        """Where the scores sit in the peer group's distributions (group-level figures only:
        bin counts and quartiles), as on the results page; None without a shown group."""
        peers = self.data.shown_peers or {}
        rows = [r for r in peers.get("distribution") or [] if _distribution_row(r)]
        if not rows:
            return None
        chart = charts.peer_distribution(rows, str(peers.get("group") or "peers"))
        return Chart(chart.id, chart.title, chart.description, _svg_body(charts.to_svg(chart)))

    @cached_property
    def peer_rows(self) -> list[dict[str, Any]]:
        """The overall score and each dimension against the peer group, where shown."""
        peers = self.data.shown_peers
        if not peers:
            return []
        by_dimension = peers.get("dimensions") or {}
        overall = {k: peers.get(k) for k in PEER_KEYS}
        rows = [{**overall, "label": "Overall", "score": self.overall.get("score")}]
        for d in self.dimensions:
            entry = with_keys(by_dimension.get(d["id"]), PEER_KEYS)
            if entry is not None:
                rows.append({**entry, "label": d["label"], "score": d["score"]})
        return rows


_DISTRIBUTION_KEYS = (
    "label",
    "score",
    "size",
    "bin_edges",
    "counts",
    "lower_quartile",
    "median",
    "upper_quartile",
)


def _distribution_row(row: Any) -> bool:
    return isinstance(row, Mapping) and all(row.get(k) is not None for k in _DISTRIBUTION_KEYS)


def with_keys(entry: Any, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """A provisional extension entry with every key the templates read (None if absent)."""
    if not isinstance(entry, Mapping):
        return None
    return {**entry, **{k: entry.get(k) for k in keys}}


def _kpi_text(kpi: Mapping[str, Any]) -> str:
    label = str(kpi.get("label") or kpi.get("id") or "")
    unit = f" {kpi['unit']}" if kpi.get("unit") else ""
    parts = []
    if kpi.get("baseline") is not None:
        parts.append(f"from {number_text(kpi['baseline'])}{unit}")
    if kpi.get("target") is not None:
        parts.append(f"to {number_text(kpi['target'])}{unit}")
    return f"{label} {' '.join(parts)}".strip()


@lru_cache(maxsize=64)
def _svg_uri(svg: str) -> str:
    """The SVG as a data: URI (charts repeat across reports: encoded once per process)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _svg_body(svg: str) -> str:
    """The SVG document without its XML declaration."""
    text = svg.lstrip()
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :].lstrip()
    return text
