"""The report as one self-contained HTML document: inline CSS, inline SVG charts, the
logo as a data URI. The PDF is this same document laid out by WeasyPrint."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import date
from typing import Any

import jinja2

from cxmaturity.charts import palette

from ._content import PEER_KEYS, Content, half_up, number_text, score_text, with_keys
from ._data import ReportData

_env: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """The templates of this package, loaded once per process."""
    global _env
    if _env is None:
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("cxmaturity.reports", "templates"),
            autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["score"] = score_text
        env.filters["num"] = number_text
        env.filters["pct"] = _pct
        env.filters["percent"] = lambda v: "–" if v is None else f"{100 * float(v):.0f}%"
        env.filters["longdate"] = _longdate
        env.filters["day"] = _day
        env.filters["whole"] = half_up
        env.filters["tenth"] = lambda v: half_up(v, 1)
        _env = env
    return _env


def _pct(value: Any) -> str:
    """A 0–100 score clamped for a CSS width."""
    if value is None:
        return "0"
    return f"{max(0.0, min(100.0, float(value))):.2f}"


def _longdate(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _day(value: Any) -> str:
    """A date in words, or a date given as text as it is."""
    if isinstance(value, date):
        return _longdate(value)
    return "" if value is None else str(value)


COMPACT_LEVELS = 3  # the summary's wordings, fullest first (see summary.html)


def render_html(data: ReportData, summary: bool = False, compact: int = 0) -> str:
    """The executive summary (one page) or the full report, as an HTML document.

    `compact` (summary only, 0 to COMPACT_LEVELS - 1) says less to stay on one page:
    1 shortens the recommendations and draws a smaller chart, 2 keeps three priorities
    without their recommendations. The PDF takes the fullest that fits.
    """
    content = Content(data)
    template = environment().get_template("summary.html" if summary else "full.html")
    context = _context(data, content, summary)
    context["compact"] = max(0, min(compact, COMPACT_LEVELS - 1))
    return template.render(context)


def _context(data: ReportData, content: Content, summary: bool) -> dict[str, Any]:
    organization = data.organization
    accent = (organization.colour if organization else None) or palette.PRIMARY
    logo = organization.logo_image() if organization else None
    strongest, weakest = content.ranked_dimensions
    name = organization.name if organization else None
    context: dict[str, Any] = {
        "locale": data.model.locale,
        "model": data.model,
        "model_title": content.model_title,
        "model_summary": content.text(data.model.summary),
        "title": f"{name}: {content.model_title}" if name else content.model_title,
        "organization": organization,
        "logo": _data_uri(*logo) if logo else None,
        "accent": accent,
        "accent_text": accent if _luminance(accent) < 0.35 else palette.INK,
        "on_accent": "#ffffff" if _luminance(accent) < 0.45 else palette.INK,
        "result": data.result,
        "overall": content.overall,
        "dimensions": content.dimensions,
        "strongest": strongest,
        "weakest": weakest,
        "scorecard": content.scorecard,
        "completed": data.completed_on,
        "next_assessment": data.next_assessment,
        "peers": with_keys(data.shown_peers, PEER_KEYS),
        "peers_hidden": bool(data.peers) and data.shown_peers is None,
        "peer_minimum": data.peer_minimum,
        "campaign": data.campaign,
        "anonymous": data.anonymous,
        "respondent": data.shown_answers.respondent if data.shown_answers else None,
        "priorities": content.priorities,
        "plan_status": (data.plan or {}).get("status"),
        "has_benchmarks": any(d.get("benchmark") for d in content.dimensions),
    }
    if summary:
        context["chart"] = content.summary_chart()
        return context
    plan = data.plan or None
    context.update(
        {
            "charts": content.charts(),
            "axes": list(data.result.get("axes") or []),
            "stages": content.stages,
            "headroom": data.result.get("headroom"),
            "plan": plan,
            "kpi_values": bool(
                plan
                and any(
                    isinstance(k, Mapping)
                    and (k.get("baseline") is not None or k.get("target") is not None)
                    for k in plan.get("kpis") or []
                )
            ),
            "peer_rows": content.peer_rows,
            "peer_chart": content.peer_chart(),
            "targets": bool(plan and plan.get("targets")),
            "answers": content.answers,
            "explanation": content.explanation,
            "overall_explanation": content.overall_explanation,
            "excluded": list(data.result.get("excluded") or []),
            "notes": list(data.result.get("notes") or []),
            "sources": content.sources,
        }
    )
    context["toc"] = _toc(context)
    return context


def _toc(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The table of contents: every chapter present, dimensions under theirs."""
    toc: list[dict[str, Any]] = [
        {
            "id": "overview",
            "title": "At a glance",
            "children": (
                [{"id": "peers", "title": "How you compare with peers"}]
                if context["peer_rows"]
                else []
            ),
        },
        {"id": "method", "title": "Method", "children": []},
        {
            "id": "dimensions",
            "title": "Dimension by dimension",
            "children": [
                {"id": f"dim-{d['id']}", "title": d["label"]} for d in context["dimensions"]
            ],
        },
    ]
    views = [
        (key, title)
        for key, title in (
            ("axes", "Operational and strategic maturity"),
            ("stages", "Journey stages"),
            ("scorecard", "Scorecard"),
            ("headroom", "Headroom"),
        )
        if context[key]
    ]
    if views:
        toc.append(
            {
                "id": "views",
                "title": "Across the model",
                "children": [{"id": key, "title": title} for key, title in views],
            }
        )
    plan = context["plan"]
    if plan:
        parts = [
            ("plan-targets", "Targets and gaps", context["targets"]),
            ("plan-priorities", "Priorities", context["priorities"]),
            ("plan-phases", "Phases", plan.get("phases")),
            ("plan-task-force", "Task force", plan.get("task_force")),
            ("plan-kpis", "KPIs to watch", plan.get("kpis")),
        ]
        children = [{"id": key, "title": title} for key, title, present in parts if present]
        toc.append({"id": "plan", "title": "The plan", "children": children})
    if context["answers"]:
        toc.append({"id": "answers", "title": "Appendix A: every answer", "children": []})
    if context["explanation"]:
        letter = "B" if context["answers"] else "A"
        toc.append(
            {
                "id": "computation",
                "title": f"Appendix {letter}: how each score was computed",
                "children": [],
            }
        )
    return toc


def _data_uri(media: str, data: bytes) -> str:
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a #rgb or #rrggbb colour."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
