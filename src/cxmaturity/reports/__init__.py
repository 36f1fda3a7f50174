"""Reports of a scored assessment: a one-page executive summary and a full report as
HTML or PDF, and the same figures as tidy tables in XLSX, CSV and JSON.

Build a `ReportData` (the result JSON, the model, and whatever else is known: the
organization, the answers, a plan, peers, a campaign) and call `render`. A plan's JSON
document (`cxm plan --format json`, or the web app's plan.json) becomes the report's
plan with `plan_report(document, model)`. This package
imports no web framework and needs no database: the CLI and the web app both call it.

    data = ReportData(result=result.to_dict(), model=model, organization=Organization("Acme"))
    pdf = render(data, "pdf", summary=True)
"""

from __future__ import annotations

from typing import Literal

from ._campaign import campaign_data
from ._data import MIN_PEER_GROUP, AnswerSheet, Organization, ReportData, ReportError, add_months
from ._exports import render_csv, render_json, render_xlsx, report_json
from ._html import render_html
from ._pdf import FetchRefused, allowed, html_to_pdf, layout, render_pdf, url_fetcher, warm_up
from ._plan import plan_report
from ._tables import TABLES, Table, tables

Format = Literal["pdf", "html", "xlsx", "csv", "json"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "xlsx", "csv", "json")
MEDIA_TYPES: dict[Format, str] = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",  # a single --table; the whole set is a zip
    "json": "application/json",
}


def render(data: ReportData, fmt: Format, summary: bool = False, table: str | None = None) -> bytes:
    """The report in one format, as bytes ready to write or to send.

    `summary` picks the one-page executive summary (pdf, html). `table` picks one table
    for csv; without it csv is a zip of every table. Raises ReportError for input the
    report cannot use (a bad logo, an unknown table).
    """
    if summary and fmt not in ("pdf", "html"):
        raise ReportError(f"the executive summary is a document: use pdf or html, not {fmt}")
    if table is not None and fmt != "csv":
        raise ReportError("a single table is a CSV export: use --format csv with --table")
    if fmt == "pdf":
        return render_pdf(data, summary)
    if fmt == "html":
        return render_html(data, summary).encode("utf-8")
    if fmt == "xlsx":
        return render_xlsx(data)
    if fmt == "csv":
        return render_csv(data, table)
    if fmt == "json":
        return render_json(data)
    raise ReportError(f"unknown report format '{fmt}'; use one of {', '.join(FORMATS)}")


def media_type(fmt: Format, table: str | None = None) -> str:
    """The Content-Type to serve a rendered report with (a web download)."""
    if fmt == "csv" and table is None:
        return "application/zip"
    return MEDIA_TYPES[fmt]


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "MIN_PEER_GROUP",
    "TABLES",
    "AnswerSheet",
    "FetchRefused",
    "Format",
    "Organization",
    "ReportData",
    "ReportError",
    "Table",
    "add_months",
    "allowed",
    "campaign_data",
    "html_to_pdf",
    "layout",
    "media_type",
    "plan_report",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_pdf",
    "render_xlsx",
    "report_json",
    "tables",
    "url_fetcher",
    "warm_up",
]
