"""Reports as file downloads: the one place that checks a format, reads ?summary=1 and
names the file, for a result, a campaign and a campaign's background report alike."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from cxmaturity.reports import FORMATS, Format, ReportData, media_type, render


def report_format(fmt: str) -> Format:
    """The format named in a URL, or a 404 for one the reports do not make."""
    for known in FORMATS:
        if fmt == known:
            return known
    raise Http404("no such format")


def wants_summary(request: HttpRequest, fmt: Format) -> bool:
    """?summary=1 asks for the one-page summary, which only documents (pdf, html) have."""
    return request.GET.get("summary") == "1" and fmt in ("pdf", "html")


def attachment(body: bytes, fmt: Format, name: str) -> HttpResponse:
    """`body` as a download named `name` (CSV reports are a zip of tables)."""
    response = HttpResponse(body, content_type=media_type(fmt))
    suffix = "zip" if fmt == "csv" else fmt
    response["Content-Disposition"] = f'attachment; filename="{name}.{suffix}"'
    return response


def report(data: ReportData, fmt: Format, summary: bool, name: str) -> HttpResponse:
    return attachment(render(data, fmt, summary=summary), fmt, name)
