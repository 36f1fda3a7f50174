"""Charts to static SVG on the server (PDF report, no-JavaScript pages, e-mails).

vl-convert runs the same Vega and Vega-Lite the browser runs, in an embedded
JavaScript engine, so the server's SVG and the browser's interactive chart are drawn
by the same code from the same spec. Its Vega-Lite version is pinned here to the one
vendored under web/static/vendor, so both sides compile a spec the same way.

Converting costs tens of milliseconds (and about half a second for the first one in a
process, which starts the engine), while a results page or report redraws the same
charts many times. Conversions are therefore cached per process, keyed on the spec's
canonical JSON, in a bounded LRU cache.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import vl_convert

from ._chart import Chart, Kind

VEGA_LITE_VERSION = "6.4"  # vl-convert 1.9.0.post1 bundles 6.4.1; vendor/vega-lite.min.js is 6.4.1
CACHE_SIZE = 256  # charts; an SVG is 10–40 kB, so the cache stays under ~10 MB
NO_REMOTE_URLS: list[str] = []  # vl-convert may fetch nothing: specs carry their data inline

_WARM_UP_SPEC: dict[str, Any] = {
    "width": 10,
    "height": 10,
    "data": {"values": [{"x": 1}]},
    "mark": "point",
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
}


def canonical_json(spec: dict[str, Any]) -> str:
    """The spec as JSON with sorted keys and no spacing: equal specs, equal strings."""
    return json.dumps(
        spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def to_svg(chart: Chart) -> str:
    """The chart as a standalone SVG document (converted once per process per spec)."""
    return _convert(chart.kind, canonical_json(chart.spec))


@lru_cache(maxsize=CACHE_SIZE)
def _convert(kind: Kind, spec_json: str) -> str:
    if kind == "vega-lite":
        return vl_convert.vegalite_to_svg(
            spec_json, vl_version=VEGA_LITE_VERSION, allowed_base_urls=NO_REMOTE_URLS
        )
    if kind == "vega":
        return vl_convert.vega_to_svg(spec_json, allowed_base_urls=NO_REMOTE_URLS)
    raise ValueError(f"unknown chart kind {kind!r}")


def warm_up() -> None:
    """Start vl-convert's engine now (about 0.5 s) rather than on a user's first chart.

    The web server calls this once per worker process at start-up.
    """
    vl_convert.vegalite_to_svg(
        canonical_json(_WARM_UP_SPEC),
        vl_version=VEGA_LITE_VERSION,
        allowed_base_urls=NO_REMOTE_URLS,
    )


def clear_cache() -> None:
    """Forget every converted chart (tests; a process that reloads its specs)."""
    _convert.cache_clear()


def cache_info() -> Any:
    """Hits, misses and size of the conversion cache, for monitoring."""
    return _convert.cache_info()
