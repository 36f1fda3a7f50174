"""The HTML document and the rules every report follows: self-contained, no network,
the organization's branding, dates, and clear errors for what cannot be used."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cxmaturity.reports import (
    FetchRefused,
    Organization,
    ReportError,
    add_months,
    allowed,
    html_to_pdf,
    render,
    render_html,
)
from cxmaturity.reports._pdf import PACKAGE_DIR


def test_html_is_one_self_contained_document(report: Any, model_id: str) -> None:
    html = report.rendered(model_id, "html").decode()
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html
    assert 'src="data:image/svg+xml;base64,' in html  # the charts travel inside, as SVG
    assert 'src="data:image/png;base64,' in html  # the logo travels inside
    assert not re.search(r"""(src|href)=["'](?!data:|#)""", html), "a link leaves the document"
    assert "@import" not in html
    assert "url(" not in html


def test_html_escapes_what_people_typed(report: Any) -> None:
    data = report.make_data(organization=Organization("<script>alert(1)</script> & Co"))
    html = render_html(data) + render_html(data, summary=True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


def test_brand_colour_is_the_accent(report: Any) -> None:
    html = render_html(report.make_data(), summary=True)
    assert "#7a1f5c" in html
    plain = render_html(report.make_data(organization=None), summary=True)
    assert "#7a1f5c" not in plain
    assert "#1f5a96" in plain


@pytest.mark.parametrize("colour", ["blue", "#12345", "#zzzzzz", "red; x: y"])
def test_a_colour_that_is_not_hex_is_refused(colour: str) -> None:
    with pytest.raises(ReportError, match="hex colour"):
        Organization("Acme", colour=colour)


def test_logo_types_are_recognised_and_anything_else_refused(report: Any, tmp_path: Path) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    assert Organization("A", svg).logo_image() == ("image/svg+xml", svg)
    assert Organization("A", report.logo_png).logo_image() == ("image/png", report.logo_png)
    path = tmp_path / "logo.png"
    path.write_bytes(report.logo_png)
    assert Organization("A", path).logo_image() == ("image/png", report.logo_png)
    with pytest.raises(ReportError, match="PNG, JPEG, GIF or SVG"):
        Organization("A", b"not an image").logo_image()
    with pytest.raises(ReportError, match="cannot read the logo"):
        Organization("A", tmp_path / "missing.png").logo_image()


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2026, 3, 31), 12, date(2027, 3, 31)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 1, 15), 60, date(2031, 1, 15)),
    ],
)
def test_next_assessment_is_completion_plus_the_models_interval(
    start: date, months: int, due: date
) -> None:
    assert add_months(start, months) == due


def test_next_assessment_follows_the_model(report: Any) -> None:
    data = report.make_data("cx-curve")  # re-assess every 6 months
    assert data.model.reassess_months == 6
    assert data.next_assessment == date(2026, 9, 30)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/style.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        f"file://{PACKAGE_DIR}/../../../../etc/passwd",
        "file://remote-host/share/x.png",
    ],
)
def test_the_url_fetcher_refuses_anything_outside_the_package(url: str) -> None:
    assert not allowed(url)
    html = f'<!DOCTYPE html><p>x</p><img src="{url}">'
    with pytest.raises(FetchRefused, match="may not fetch"):
        html_to_pdf(html)


def test_the_url_fetcher_allows_data_and_the_package_own_files() -> None:
    assert allowed("data:image/png;base64,AAAA")
    assert allowed((PACKAGE_DIR / "templates" / "report.css").as_uri())
    css = (PACKAGE_DIR / "templates" / "report.css").as_uri()
    pdf = html_to_pdf(f'<!DOCTYPE html><link rel="stylesheet" href="{css}"><p>x</p>')
    assert pdf.startswith(b"%PDF-")


def test_a_remote_stylesheet_stops_the_render(report: Any) -> None:
    html = render_html(report.make_data(), summary=True).replace(
        "<style>", '<link rel="stylesheet" href="https://cdn.example.com/x.css"><style>', 1
    )
    with pytest.raises(FetchRefused):
        html_to_pdf(html)


def test_summary_and_table_are_refused_where_they_do_not_apply(report: Any) -> None:
    data = report.make_data()
    with pytest.raises(ReportError, match="summary"):
        render(data, "xlsx", summary=True)
    with pytest.raises(ReportError, match="--table"):
        render(data, "json", table="dimensions")
    with pytest.raises(ReportError, match="exists only when a plan"):
        render(data, "csv", table="plan")


def test_a_result_without_explanation_still_renders(report: Any) -> None:
    result, _ = report.scored("cx-journey-stages")
    bare = {**result, "explanation": None}
    data = report.make_data("cx-journey-stages", answers=None)
    data = type(data)(result=bare, model=data.model, completed=data.completed)
    html = render_html(data)
    assert "how each score was computed" not in html
    assert "every answer" not in html
    assert result["dimensions"][0]["label"] in html
