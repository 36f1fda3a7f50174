"""The result page's content, built from the stored result and the model it was scored on.

A finished assessment keeps its `Result.to_dict()`; the page reads that and the
model's texts, so showing a result never rescores it, and the page says exactly what
the JSON download says.

A stored result does not change until it is finished again, which moves its
`updated_at`; so the page's body (some 30-55 kB of HTML, 6-8 ms of template work) is
rendered once and kept in Django's cache under a key made of everything it shows that
could change. Only the frame around it (CSRF token, anything per visitor) is rendered
per request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from cxmaturity import charts
from cxmaturity.core.model import MaturityModel, attainable_raw

from . import registry
from .forms import INDUSTRIES, REGIONS
from .models import Assessment

DOWNLOADS = (
    ("Full report (PDF)", "pdf", ""),
    ("One-page summary (PDF)", "pdf", "?summary=1"),
    ("Workbook (XLSX)", "xlsx", ""),
    ("Tables (CSV, zip)", "csv", ""),
)
BODY_CACHE_SECONDS = 600  # also bounds how long a body outlives a deploy on a shared cache


def page(assessment: Assessment) -> dict[str, Any]:
    """The results page's context: its title, and its body from the cache when there."""
    model = registry.model_for(assessment.model_version)
    return {
        "assessment": assessment,
        "model_title": registry.text(model, model.title),
        "body": body_html(assessment),
    }


def body_html(assessment: Assessment) -> SafeString:
    """The page's content (assessments/_result_body.html), rendered once per stored result."""
    key = _body_key(assessment)
    html: str | None = cache.get(key)
    if html is None:
        html = str(render_to_string("assessments/_result_body.html", page_context(assessment)))
        cache.set(key, html, BODY_CACHE_SECONDS)
    return mark_safe(html)  # our own template's output, escaped when it was rendered


def _body_key(assessment: Assessment) -> str:
    """Everything the body shows that can change: a new result moves `updated_at`."""
    organization = assessment.organization
    parts = [
        str(assessment.pk),
        assessment.updated_at.isoformat(),
        assessment.completed_at.isoformat() if assessment.completed_at else "",
        str(organization.pk) if organization else "",
        organization.name if organization else "",
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"cxm:result-body:{digest}"


def page_context(assessment: Assessment) -> dict[str, Any]:
    token = assessment.result_token
    return {
        "assessment": assessment,
        **result_context(
            assessment.result or {},
            registry.model_for(assessment.model_version),
            chart_url=lambda chart: reverse(
                "assessments:chart_svg", kwargs={"token": token, "chart": chart}
            ),
            json_url=reverse("assessments:result_json", kwargs={"token": token}),
            report_url=lambda fmt: reverse(
                "assessments:report", kwargs={"token": token, "fmt": fmt}
            ),
            organization=assessment.organization,
        ),
    }


def result_context(
    result: dict[str, Any],
    model: MaturityModel,
    *,
    chart_url: Callable[[str], str],
    json_url: str,
    report_url: Callable[[str], str] | None = None,
    organization: Any,
    extra_charts: Sequence[charts.Chart] = (),
) -> dict[str, Any]:
    """What `_result_body.html` shows for a result: a self-assessment's or a campaign's."""
    scored = [d for d in result["dimensions"] if d["score"] is not None]
    ranked = sorted(scored, key=lambda d: d["score"])
    chart_list = [
        {
            "id": c.id,
            "title": c.title,
            "description": c.description,
            "kind": c.kind,
            "spec": c.spec,
            "spec_id": f"spec-{c.id}",
            "svg_url": chart_url(c.id),
        }
        for c in [*charts.charts_for(result, model), *extra_charts]
    ]
    return {
        "organization": organization,
        "model": model,
        "model_title": registry.text(model, model.title),
        "result": result,
        "industry_label": dict(INDUSTRIES).get(result["industry"], result["industry"]),
        "region_label": dict(REGIONS).get(result["region"] or "", result["region"] or ""),
        "overall": result["overall"],
        "dimensions": _dimensions(model, result),
        "strongest": ranked[-1] if ranked else None,
        "weakest": ranked[0] if len(ranked) > 1 else None,
        "axes": result["axes"],
        "stages": _stages(model, result),
        "scorecard": _scorecard(model, result),
        "headroom": result["headroom"],
        "excluded": result["excluded"],
        "notes": result["notes"],
        "explanation": _explanation(result),
        "charts": chart_list,
        "levels": [{"id": lv.id, "label": registry.text(model, lv.label)} for lv in model.levels],
        "sources": _sources(model, result),
        "json_url": json_url,
        "downloads": [
            {"label": label, "url": report_url(fmt) + query} for label, fmt, query in DOWNLOADS
        ]
        if report_url
        else [],
    }


def chart_svg(assessment: Assessment, chart_id: str) -> str | None:
    """One chart of the result as static SVG (for pages without JavaScript and for print)."""
    model = registry.model_for(assessment.model_version)
    for chart in charts.charts_for(assessment.result or {}, model):
        if chart.id == chart_id:
            return charts.to_svg(chart)
    return None


def _dimensions(model: MaturityModel, result: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for d in result["dimensions"]:
        benchmark = d.get("benchmark")
        out.append(
            {
                **d,
                "summary": next(
                    (registry.text(model, m.summary) for m in model.dimensions if m.id == d["id"]),
                    "",
                ),
                "vs_benchmark": (
                    _versus(d["score"] - benchmark["value"])
                    if benchmark and d["score"] is not None
                    else ""
                ),
            }
        )
    return out


def _versus(difference: float) -> str:
    if abs(difference) < 0.5:
        return "level with it"
    side = "above" if difference > 0 else "below"
    return f"{abs(difference):.0f} points {side}"


def _stages(model: MaturityModel, result: dict[str, Any]) -> dict[str, Any] | None:
    """Scores per journey stage: the model's own stages, or those of its use cases."""
    stages = [s for s in result["stages"] if s["score"] is not None]
    if not stages:
        return None
    by_dimension = any(d.stage for d in model.dimensions)
    return {
        "title": "Maturity by journey stage" if by_dimension else "Use cases by journey stage",
        "list": result["stages"],
        "weakest": min(stages, key=lambda s: s["score"]),
    }


def _scorecard(model: MaturityModel, result: dict[str, Any]) -> dict[str, Any] | None:
    """A points scorecard (cx-matrix's /20) when the overall score is a raw sum."""
    if model.overall.raw != "sum" or result["overall"]["raw"] is None:
        return None
    best = sum(attainable_raw(model, d)[1] for d in model.dimensions)
    rows = []
    for d in result["dimensions"]:
        dimension = next(m for m in model.dimensions if m.id == d["id"])
        rows.append({**d, "max": attainable_raw(model, dimension)[1]})
    return {"rows": rows, "total": result["overall"]["raw"], "max": best}


def _explanation(result: dict[str, Any]) -> list[dict[str, Any]]:
    explanation = result.get("explanation") or {}
    labels = {d["id"]: d["label"] for d in result["dimensions"]}
    return [
        {**e, "label": labels.get(e["dimension"], e["dimension"])}
        for e in explanation.get("dimensions", [])
    ]


def _sources(model: MaturityModel, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The published sources the result's benchmark figures come from."""
    used = {
        figure["source_id"]
        for figure in [result["overall"].get("benchmark")]
        + [d.get("benchmark") for d in result["dimensions"]]
        if figure
    }
    return [
        {
            "name": registry.text(model, s.name),
            "publisher": s.publisher or "",
            "year": s.year,
            "url": s.url or "",
        }
        for s in model.sources
        if s.id in used
    ]
