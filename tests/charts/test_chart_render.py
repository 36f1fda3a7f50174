"""Server-side SVG: every chart converts, shows its labels, and converts only once."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import vl_convert

from cxmaturity.charts import Chart, charts_for, render, to_svg, warm_up
from cxmaturity.models import BUILTIN_IDS, builtin

MakeResult = Callable[..., dict[str, Any]]  # the `scored` fixture (conftest.py)
VENDOR = Path(render.__file__).resolve().parents[1] / "web" / "static" / "vendor"


def shows(svg: str, label: str) -> bool:
    """Every word of the label is drawn (long labels are broken into lines)."""
    return all(html.escape(word, quote=False) in svg for word in label.split())


def labels_of(chart: Chart, result: dict[str, Any]) -> list[str]:
    """The names a chart must show."""
    if chart.id in ("radar", "dimension_bars"):
        return [d["label"] for d in result["dimensions"]]
    if chart.id == "axes":
        return [a["label"] for a in result["axes"]]
    if chart.id == "stages":
        return [s["label"] for s in result["stages"]]
    if chart.id == "level_curve":
        return [row["level"] for row in chart.spec["datasets"]["levels"]]
    if chart.id == "headroom":
        return [row["row"] for row in chart.spec["datasets"]["rows"]]
    raise AssertionError(chart.id)


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_every_chart_converts_to_svg_with_its_labels(model_id: str, scored: MakeResult) -> None:
    result = scored(model_id)
    for chart in charts_for(result, builtin(model_id)):
        svg = to_svg(chart)
        assert svg.startswith("<svg"), chart.id
        assert svg.rstrip().endswith("</svg>"), chart.id
        assert f'width="{chart.spec["width"]}' in svg or chart.kind == "vega-lite"
        for label in labels_of(chart, result):
            assert shows(svg, label), (chart.id, label)
        assert 'font-family="DejaVu Sans, sans-serif"' in svg
        assert "http" not in svg.replace("http://www.w3.org/", ""), chart.id


def test_full_dimension_names_are_in_the_svg(scored: MakeResult) -> None:
    """Bars print whole names; the radar wraps them and keeps the whole name as aria-label."""
    result = scored("cx-curve")
    charts = {c.id: c for c in charts_for(result, builtin("cx-curve"))}
    bars, radar = to_svg(charts["dimension_bars"]), to_svg(charts["radar"])
    for d in result["dimensions"]:
        name = html.escape(d["label"], quote=False)
        assert f">{name}<" in bars
        assert f'aria-label="{html.escape(d["label"])}"' in radar


def test_a_chart_with_unanswered_dimensions_renders(scored: MakeResult) -> None:
    """The small hand-made edge case: scores the scorer leaves empty (None)."""
    result = scored("cx-automation")
    for d in result["dimensions"][:2]:
        d.update(score=None, raw=None, level=None, band=None)
    result["stages"][0].update(score=None, level=None)
    result["overall"].update(score=None, raw=None, level=None, band=None)
    charts = charts_for(result, builtin("cx-automation"))
    assert [c.id for c in charts] == [
        "level_curve",
        "radar",
        "dimension_bars",
        "stages",
        "headroom",
    ]
    for chart in charts:
        svg = to_svg(chart)
        assert svg.startswith("<svg")
        if chart.id != "headroom":  # headroom shows no dimension, only its own figures
            assert "no answers" in svg, chart.id


class Calls:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, spec: str, **_options: Any) -> str:
        self.count += 1
        json.loads(spec)
        return f"<svg>{self.count}</svg>"


def test_the_same_spec_is_converted_once(
    monkeypatch: pytest.MonkeyPatch, scored: MakeResult
) -> None:
    vl, vg = Calls(), Calls()
    monkeypatch.setattr(vl_convert, "vegalite_to_svg", vl)
    monkeypatch.setattr(vl_convert, "vega_to_svg", vg)
    charts = {c.id: c for c in charts_for(scored("cx-automation"), builtin("cx-automation"))}
    bars = charts["dimension_bars"]
    first = to_svg(bars)
    assert to_svg(bars) == first
    # an equal spec built anew, its keys in another order, is the same chart
    shuffled = dict(reversed(list(json.loads(json.dumps(bars.spec)).items())))
    assert list(shuffled) != list(bars.spec)
    assert to_svg(replace(bars, spec=shuffled)) == first
    assert vl.count == 1
    # a different spec is converted
    to_svg(charts["level_curve"])
    assert vl.count == 2
    # Vega specs go through vega_to_svg, cached the same way
    to_svg(charts["radar"])
    to_svg(charts["radar"])
    assert vg.count == 1
    assert render.cache_info().hits == 3


def test_the_cache_is_bounded() -> None:
    assert render._convert.cache_info().maxsize == render.CACHE_SIZE


def test_warm_up_converts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = Calls()
    monkeypatch.setattr(vl_convert, "vegalite_to_svg", calls)
    warm_up()
    assert calls.count == 1


def test_warm_up_really_converts() -> None:
    warm_up()


def test_vl_convert_uses_the_vendored_versions() -> None:
    """The browser (vendored files) and vl-convert must run the same Vega and Vega-Lite."""
    assert render.VEGA_LITE_VERSION in vl_convert.get_vegalite_versions()
    head = (VENDOR / "vega-lite.min.js").read_text(encoding="utf-8")[:2000]
    found = re.search(r'var \w+="(\d+\.\d+\.\d+)"', head)
    assert found, "version string not found at the start of vega-lite.min.js"
    assert found.group(1).startswith(render.VEGA_LITE_VERSION + ".")
    vega = (VENDOR / "vega.min.js").read_text(encoding="utf-8")[-3000:]
    assert f'version="{vl_convert.get_vega_version()}"' in vega
    embed = (VENDOR / "vega-embed.min.js").read_text(encoding="utf-8")
    assert f'"{vl_convert.get_vega_embed_version()}"' in embed
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    for name, version in (
        ("vega", vl_convert.get_vega_version()),
        ("vega-lite", found.group(1)),
        ("vega-embed", vl_convert.get_vega_embed_version()),
    ):
        assert f"`{name}` | {version}" in readme


def test_vendored_files_are_complete() -> None:
    for name in ("htmx.min.js", "vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        assert (VENDOR / name).stat().st_size > 10_000
    for name in ("htmx.org", "vega", "vega-lite", "vega-embed"):
        assert (VENDOR / f"{name}.LICENSE").read_text(encoding="utf-8").strip()
    # Django's manifest storage follows sourceMappingURL comments; the maps must exist
    for js in VENDOR.glob("*.js"):
        for ref in re.findall(r"sourceMappingURL=(\S+)", js.read_text(encoding="utf-8")[-500:]):
            assert (VENDOR / ref).is_file(), (js.name, ref)


def test_the_package_does_not_import_django() -> None:
    code = (
        "import sys, cxmaturity.charts, cxmaturity.charts.render;"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


PARITY_JS = r"""
const vm = require('vm'), fs = require('fs'), path = require('path');
for (const f of ['vega.min.js', 'vega-lite.min.js'])
  vm.runInThisContext(fs.readFileSync(path.join(process.argv[2], f), 'utf8'), {filename: f});
const charts = JSON.parse(fs.readFileSync(0, 'utf8'));
function logger(sink) {
  let level = 0;
  return {level(l) { if (l === undefined) return level; level = l; return this; },
    error(...a) { sink.push('error: ' + a.join(' ')); return this; },
    warn(...a) { sink.push('warn: ' + a.join(' ')); return this; },
    info() { return this; }, debug() { return this; }};
}
(async () => {
  const out = [];
  for (const c of charts) {
    const messages = [];
    const vg = c.kind === 'vega-lite'
      ? vegaLite.compile(c.spec, {logger: logger(messages)}).spec : c.spec;
    const view = new vega.View(vega.parse(vg), {renderer: 'none', logger: logger(messages)});
    const svg = await view.toSVG();
    view.finalize();
    out.push({id: c.id, vega: c.kind === 'vega-lite' ? vg : null, svg: svg.length, messages});
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the vendored JS")
@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_the_browser_compiles_every_spec_as_the_server_does(
    model_id: str, scored: MakeResult, tmp_path: Path
) -> None:
    """The vendored Vega-Lite compiles each spec to exactly the Vega that vl-convert makes,
    and the vendored Vega draws every chart without a warning."""
    charts = charts_for(scored(model_id), builtin(model_id))
    script = tmp_path / "parity.js"
    script.write_text(PARITY_JS, encoding="utf-8")
    run = subprocess.run(
        ["node", str(script), str(VENDOR)],
        input=json.dumps([c.to_dict() for c in charts]),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    for chart, browser in zip(charts, json.loads(run.stdout), strict=True):
        assert browser["messages"] == [], chart.id
        assert browser["svg"] > 1000, chart.id
        if chart.kind == "vega-lite":
            server = vl_convert.vegalite_to_vega(chart.spec, vl_version=render.VEGA_LITE_VERSION)
            assert browser["vega"] == server, chart.id
