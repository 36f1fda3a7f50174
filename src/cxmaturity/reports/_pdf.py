"""The HTML report laid out as PDF by WeasyPrint, with no network access.

WeasyPrint costs about 0.7 s to import, so it is imported on the first PDF and kept:
a long-lived worker pays that once. So is its font configuration (one per thread):
WeasyPrint would otherwise make a new one per document, and with it a cold font map
whose lookups and shaping caches every page of text then has to fill again.

Nothing is fetched while rendering: the document carries its CSS, charts and logo
inline, and the URL fetcher refuses everything but data: URLs and files inside this
package, stopping the render rather than reaching out.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ._data import ReportData, ReportError
from ._html import COMPACT_LEVELS, render_html

if TYPE_CHECKING:
    from weasyprint import Document

PACKAGE_DIR = Path(__file__).resolve().parent
_fetcher_class: Any = None
_local = threading.local()  # per thread: Pango's font maps are not to be shared across threads


class FetchRefused(ReportError):
    """The document asked for a resource outside the report package."""


def allowed(url: str) -> bool:
    """Whether a report may load this URL: data:, or a file inside this package."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return path.is_relative_to(PACKAGE_DIR)


def url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses everything `allowed` does not allow."""
    global _fetcher_class
    if _fetcher_class is None:
        from weasyprint.urls import URLFetcher

        class LocalOnly(URLFetcher):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> Any:
                if not allowed(url):
                    raise FetchRefused(f"a report may not fetch {url}")
                return super().fetch(url, headers)

        _fetcher_class = LocalOnly
    return _fetcher_class(fail_on_errors=True, allowed_protocols=("data", "file"))


def font_config() -> Any:
    """This thread's WeasyPrint font configuration, made once and kept."""
    found = getattr(_local, "font_config", None)
    if found is None:
        from weasyprint.text.fonts import FontConfiguration

        found = _local.font_config = FontConfiguration()
    return found


def layout(html: str) -> Document:
    """The laid-out document (pages and boxes), for writing or for inspection."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    try:
        return weasyprint.HTML(
            string=html, base_url=PACKAGE_DIR.as_uri() + "/", url_fetcher=url_fetcher()
        ).render(font_config=font_config())
    except FatalURLFetchingError as exc:
        cause = exc.__cause__
        raise FetchRefused(str(cause) if cause else str(exc)) from exc


def render_pdf(data: ReportData, summary: bool = False) -> bytes:
    """The executive summary (one page) or the full report as PDF bytes.

    The summary is one page by construction: laid out with its fullest wording first,
    and again more compactly while it runs over (long priorities in a wide font).
    """
    if not summary:
        return html_to_pdf(render_html(data))
    for compact in range(COMPACT_LEVELS):
        document = layout(render_html(data, True, compact))
        if len(document.pages) == 1:
            break
    return _write(document)


def html_to_pdf(html: str) -> bytes:
    return _write(layout(html))


def _write(document: Document) -> bytes:
    pdf = document.write_pdf()
    assert pdf is not None
    return bytes(pdf)


def warm_up() -> None:
    """Import WeasyPrint and lay out a trivial page now rather than on a user's first PDF."""
    html_to_pdf("<!DOCTYPE html><p>cx-maturity</p>")
