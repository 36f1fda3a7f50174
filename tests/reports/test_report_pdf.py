"""The PDF documents: they open, hold the figures, render visibly and stay on the page."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdfium2 as pdfium
import pytest

from cxmaturity.models import builtin
from cxmaturity.reports import layout, render_html
from cxmaturity.reports._content import score_text

PAGE_TOLERANCE = 0.5  # CSS px: rounding in the layout, not overflow


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF."""
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def flat(text: str) -> str:
    """Page text with line breaks and runs of spaces as single spaces."""
    return re.sub(r"\s+", " ", text)


def test_full_report_holds_every_figure(report: Any, model_id: str) -> None:
    result, _ = report.scored(model_id)
    pdf = report.rendered(model_id, "pdf")
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    text = flat(" ".join(pages))
    assert "Acme Retail" in text
    assert score_text(result["overall"]["score"]) in text
    if result["overall"]["level"]:
        assert result["overall"]["level"]["label"] in text
    for d in result["dimensions"]:
        assert d["label"] in text
        assert score_text(d["score"]) in text
    assert "Appendix A: every answer" in text
    assert "how each score was computed" in text
    assert "Next re-assessment due" in text
    assert "31 March 2027" in text or "30 September 2026" in text  # 12 or 6 months
    assert f"Page 2 of {len(pages)}" in flat(pages[1])


def test_full_report_has_a_table_of_contents_with_page_numbers(report: Any) -> None:
    pages = pdf_pages(report.rendered("cx-automation", "pdf"))
    contents = flat(pages[1])
    assert "Contents" in contents
    entries = dict(re.findall(r"(At a glance|Method|Dimension by dimension)[ .]*?(\d+)", contents))
    assert set(entries) == {"At a glance", "Method", "Dimension by dimension"}
    for title, page in entries.items():
        assert title in pages[int(page) - 1], f"TOC says {title} is on page {page}"


def test_cover_carries_the_organization_and_no_page_number(report: Any) -> None:
    cover = flat(pdf_pages(report.rendered("cx-automation", "pdf"))[0])
    assert "Acme Retail" in cover
    assert "customer-experience maturity report" in cover.lower()
    assert "Page 1" not in cover


def test_executive_summary_is_exactly_one_page(report: Any, model_id: str) -> None:
    for extras in (False, True):
        pages = pdf_pages(report.rendered(model_id, "pdf", summary=True, extras=extras))
        assert len(pages) == 1, f"{model_id} summary (plan and peers: {extras}) ran over"


def test_executive_summary_holds_level_priorities_peers_and_next_date(report: Any) -> None:
    result, _ = report.scored("cx-automation")
    text = flat(pdf_pages(report.rendered("cx-automation", "pdf", summary=True, extras=True))[0])
    assert result["overall"]["level"]["label"] in text
    assert result["overall"]["band"]["label"] in text
    assert score_text(result["overall"]["score"]) in text
    assert "Profile across dimensions" in text  # the radar
    assert "Percentile 73" in text
    assert "42 peers" in text
    for n in range(1, 6):
        assert f"Priority {n}" in text
    assert "CSAT from 72 % to 80 %" in text
    assert "Next re-assessment due 31 March 2027" in text


def test_a_peer_group_under_five_is_never_shown(report: Any) -> None:
    data = report.make_data(peers={"group": "Tiny", "size": 4, "percentile": 99})
    html = render_html(data, summary=True) + render_html(data)
    assert "Tiny" not in html
    assert "Percentile" not in html


def test_anonymous_campaign_reports_hold_no_identity_or_individual_answer(report: Any) -> None:
    data = report.make_data(campaign={"respondents": 50, "anonymous": True})
    _, sheet = report.scored("cx-automation")
    html = render_html(data)
    assert "every answer" not in html
    assert sheet.respondent
    assert sheet.respondent not in html
    assert "50" in html
    assert "anonymous" in html


def test_pages_render_with_ink_inside_the_page(report: Any, model_id: str) -> None:
    """Every page of both documents, as pixels: not blank, and nothing in the right margin."""
    for summary in (False, True):
        document = pdfium.PdfDocument(io.BytesIO(report.rendered(model_id, "pdf", summary=summary)))
        try:
            for number, page in enumerate(document, 1):
                image = page.render(scale=0.5, fill_color=(255, 255, 255, 255)).to_pil()
                grey = image.convert("L")
                width, height = grey.size
                assert grey.getextrema()[0] < 128, f"page {number} is blank"
                if number == 1 and not summary:
                    continue  # the cover's colour band bleeds to the edge on purpose
                margin = grey.crop((width - int(width * 0.035), 0, width, height))
                assert margin.getextrema()[0] > 250, f"page {number} draws in the right margin"
                page.close()
        finally:
            document.close()


def test_every_box_is_laid_out_within_the_page_width(report: Any, model_id: str) -> None:
    for summary in (False, True):
        document = layout(render_html(report.make_data(model_id), summary=summary))
        for number, page in enumerate(document.pages, 1):
            box = page._page_box
            for child in box.descendants():
                right = child.position_x + child.margin_width()
                assert right <= page.width + PAGE_TOLERANCE, (
                    f"page {number}: {child!r} ends at {right:.1f}px, past {page.width:.1f}px"
                )


@pytest.mark.parametrize("model_id", ["cx-matrix"])
def test_scorecard_total_is_in_the_report(report: Any, model_id: str) -> None:
    result, _ = report.scored(model_id)
    text = flat(" ".join(pdf_pages(report.rendered(model_id, "pdf"))))
    raw = result["overall"]["raw"]
    assert f"{raw:g} / 20" in text
    assert builtin(model_id).overall.raw == "sum"


def test_weasyprint_has_nothing_to_warn_about(
    report: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Unsupported CSS or a resource it could not load would be logged, not raised."""
    data = report.make_data("cx-curve", plan=report.plan, peers=report.peers)
    with caplog.at_level("WARNING", logger="weasyprint"):
        layout(render_html(data))
        layout(render_html(data, summary=True))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
