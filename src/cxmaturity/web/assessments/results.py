"""The result page's content, built from the stored result and the model it was scored on.

A finished assessment keeps its `Result.to_dict()`; the page reads that and the
model's texts, so showing a result never rescores it, and the page says exactly what
the JSON download says.

A stored result does not change until it is finished again, which moves its
`updated_at`; so the page's body (some 30-55 kB of HTML, 6-8 ms of template work) is
rendered once and kept in Django's cache under a key made of everything it shows that
could change. Only the frame around it (CSRF token, anything per visitor) is rendered
per request, after one indexed SELECT of the key's columns (`shown`); for a visitor with
no session and no messages the frame is the same every time, so their whole page is
cached too (`visitor_page`). The live peer section is fetched by the page's script from
its own address and cached on its own; without JavaScript, a link asks for the page with
the section in it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache as once
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from cxmaturity import charts
from cxmaturity.core.model import MaturityModel
from cxmaturity.core.scoring import standouts
from cxmaturity.reports import sections

from ..benchmarks.section import section_html
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


@dataclass(frozen=True, slots=True)
class Shown:
    """What a results view needs before it knows whether its cache has the answer.

    `stamp` changes whenever anything the page's body shows can change (a new result
    moves `updated_at`; the organization's name is shown); `peer_data` is the peer data
    version. Read in one indexed SELECT, without the result itself (tens of kB of JSON
    to decode), which is loaded only when a cache misses.
    """

    token: str
    model_version_id: int
    stamp: str
    peer_data: int


def shown(token: str) -> Shown | None:
    """The finished result behind a result token, as far as the cache keys go; or None."""
    with connection.cursor() as cursor:
        cursor.execute(_shown_statement(connection.vendor), [token, Assessment.Status.COMPLETED])
        row = cursor.fetchone()
    if row is None:
        return None
    *stamped, model_version_id, peer_data = row
    return Shown(token, model_version_id, "\x1f".join(map(str, stamped)), peer_data or 0)


@once
def _shown_statement(vendor: str) -> str:
    from ..benchmarks.models import PeerDataVersion
    from ..organizations.models import Organization

    q = connection.ops.quote_name
    a, o = Assessment._meta, Organization._meta
    column = {f.name: q(f.column) for f in a.concrete_fields}
    return (
        f"SELECT a.{column['id']}, a.{column['updated_at']}, a.{column['completed_at']},"
        f" o.{q('id')}, o.{q('name')}, a.{column['model_version']},"
        f" (SELECT v.{q('number')} FROM {q(PeerDataVersion._meta.db_table)} v"
        f" WHERE v.{q('id')} = {PeerDataVersion.ROW})"
        f" FROM {q(a.db_table)} a LEFT JOIN {q(o.db_table)} o"
        f" ON o.{q('id')} = a.{column['organization']}"
        f" WHERE a.{column['result_token']} = %s AND a.{column['status']} = %s"
        f" AND a.{column['result']} IS NOT NULL"
    )


def page(found: Shown, load: Callable[[], Assessment]) -> dict[str, Any]:
    """The results page's context: its title, and its body from the cache when there.

    `load` gives the whole assessment; it is called only when the body is not cached.
    """
    model = registry.model_for(registry.version(found.model_version_id))
    return {
        "model_title": registry.text(model, model.title),
        "body": body_html(found, load),
        "peers_url": reverse("assessments:result_peers", kwargs={"token": found.token}),
    }


def visitor_page(found: Shown, load: Callable[[], Assessment]) -> str:
    """The whole page as a visitor with nothing of their own on it sees it: no session
    (so not signed in) and no messages waiting. Its frame then depends on the result alone
    (the page has no form to post, so it carries no CSRF token), and the whole page is
    rendered once per stored result, like its body."""
    key = "cxm:result-page:" + _digest(found.token, found.stamp)
    html: str | None = cache.get(key)
    if html is None:
        html = render_to_string("assessments/result.html", page(found, load))
        cache.set(key, html, BODY_CACHE_SECONDS)
    return html


def body_html(found: Shown, load: Callable[[], Assessment]) -> SafeString:
    """The page's content (assessments/_result_body.html), rendered once per stored result."""
    key = "cxm:result-body:" + _digest(found.stamp)
    html: str | None = cache.get(key)
    if html is None:
        html = str(render_to_string("assessments/_result_body.html", page_context(load())))
        cache.set(key, html, BODY_CACHE_SECONDS)
    return mark_safe(html)  # our own template's output, escaped when it was rendered


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def peers_html(found: Shown, choice: str | None, load: Callable[[], Assessment]) -> SafeString:
    """The live peer section of the result, from its own cache (see benchmarks.section)."""

    def result_and_model() -> tuple[dict[str, Any], MaturityModel]:
        assessment = load()
        return assessment.result or {}, registry.model_for(assessment.model_version)

    return section_html(found.stamp, found.peer_data, choice, result_and_model)


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
    strongest, weakest = standouts(result["dimensions"])
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
        "strongest": strongest,
        "weakest": weakest,
        "axes": result["axes"],
        "stages": sections.journey_stages(model, result),
        "scorecard": sections.scorecard(model, result),
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
