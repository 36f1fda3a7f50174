"""The "how you compare with peers" section: what `benchmarks/_peers.html` shows for a result.

It holds group-level figures only (percentile, interval, quartile, median, group
size, binned shape), never a peer's name, score or answer; a group the privacy rules
hide shows only "not enough peers to compare", without its size.

It is never part of the results page's cached body: it depends on the peer group the
visitor picked and on live data. It is cached on its own (`section_html`), under a key
made of the result's stamp, the group, the privacy settings and the peer data version
(`PeerDataVersion`, moved by every change to the counts), so every app process shows
new peer data at once while a busy result is computed and drawn once, not per view.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping
from itertools import combinations, product
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from cxmaturity import charts
from cxmaturity.core.benchmarks import (
    DEFAULT_LIVE_MIN_SIZE,
    OVERALL,
    CutPoints,
    default_cut_points,
)
from cxmaturity.core.model import MaturityModel

from ..assessments import registry
from .peers import Comparison, Filters, compare, policy
from .store import scores_of

DEFAULT_CHOICE = "industry"
ATTRIBUTES = ("industry", "region", "size")
# Every group a visitor can pick: "all" and each combination of attributes, in order.
KNOWN_CHOICES = frozenset(
    ["all"] + ["+".join(c) for n in (1, 2, 3) for c in combinations(ATTRIBUTES, n)]
)
SECTION_CACHE_SECONDS = 600
SPEC_ID = "spec-peer_distribution"


def section_html(
    result_stamp: str,
    peer_data: int,
    choice: str | None,
    load: Callable[[], tuple[Mapping[str, Any], MaturityModel]],
) -> SafeString:
    """The section for one result, rendered once per (result, group, peer data version).

    `result_stamp` changes whenever the result does; `load` gives the result and its
    model, and is called only when the section is not cached.
    """
    known = choice if choice in KNOWN_CHOICES else None  # odd input cannot fill the cache
    parts = [result_stamp, str(peer_data), known or "", str(policy()), str(DEFAULT_LIVE_MIN_SIZE)]
    key = "cxm:peers:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    html: str | None = cache.get(key)
    if html is None:
        result, model = load()
        context = {
            "peers": peer_section(result, model, known),
            "peers_suffix": "",
            "spec_id": SPEC_ID,
        }
        html = render_to_string("benchmarks/_peers.html", context).strip()
        cache.set(key, html, SECTION_CACHE_SECONDS)
    return mark_safe(html)  # our own template's output, escaped when it was rendered


def choices(result: Mapping[str, Any], model: MaturityModel) -> list[tuple[str, str]]:
    """Every peer group the result can be compared with: its own attributes, combined."""
    stated = [a for a in ATTRIBUTES if result.get(a)]
    out = []
    for keep in product((True, False), repeat=len(stated)):
        chosen = [a for a, k in zip(stated, keep, strict=True) if k]
        value = "+".join(chosen) or "all"
        out.append((value, group_label(filters_for(result, value), model)))
    return sorted(out, key=lambda c: (c[0] != "all", c[0].count("+"), c[0]))


def picked(
    result: Mapping[str, Any], model: MaturityModel, choice: str | None
) -> tuple[str, Filters]:
    """The group a visitor's choice names for this result (the default when it names none
    of the result's groups), and its filters."""
    values = [v for v, _ in choices(result, model)]
    value = choice if choice in values else (DEFAULT_CHOICE if DEFAULT_CHOICE in values else "all")
    assert value is not None
    return value, filters_for(result, value)


def filters_for(result: Mapping[str, Any], choice: str) -> Filters:
    chosen = set(choice.split("+"))
    values = {a: (result.get(a) or None) if a in chosen else None for a in ATTRIBUTES}
    return Filters(**values)


def group_label(filters: Filters, model: MaturityModel) -> str:
    """'retail organizations in Europe with 250-999 employees', from the model's own words."""
    industries = {i.id: registry.text(model, i.label) for i in model.industries}
    regions = {r.id: registry.text(model, r.label) for r in model.regions}
    words = "organizations"
    if filters.industry:
        words = f"{industries.get(filters.industry, filters.industry)} organizations"
    if filters.region:
        words += f" in {regions.get(filters.region, filters.region)}"
    if filters.size:
        words += f" with {filters.size} employees"
    return words if filters.industry or filters.region or filters.size else "all organizations"


def peer_section(
    result: Mapping[str, Any], model: MaturityModel, choice: str | None
) -> dict[str, Any]:
    """The section's context for a stored result and the visitor's choice of peer group."""
    options = choices(result, model)
    choice, filters = picked(result, model, choice)
    label = group_label(filters, model)
    scores = scores_of(dict(result))
    comparisons = compare(model.id, scores, filters)
    sources = {s.id: s for s in model.sources}
    rows = []
    for figure in [_overall(result), *result.get("dimensions", [])]:
        if figure["id"] not in scores:
            continue
        rows.append(_row(model, figure, comparisons.get(figure["id"]), sources))
    shown = [r for r in rows if r["shown"]]
    chart = _chart(shown, label) if shown else None
    return {
        "choices": options,
        "choice": choice,
        "group_label": label,
        "rows": rows,
        "any_shown": bool(shown),
        "chart": chart,
        "min_group": policy().min_size,
        "live_min": DEFAULT_LIVE_MIN_SIZE,
        "facts": _facts(model, result, sources),
    }


def _overall(result: Mapping[str, Any]) -> dict[str, Any]:
    overall = dict(result.get("overall") or {})
    return {**overall, "id": OVERALL, "label": "Overall"}


def _row(
    model: MaturityModel,
    figure: Mapping[str, Any],
    comparison: Comparison | None,
    sources: Mapping[str, Any],
) -> dict[str, Any]:
    benchmark = figure.get("benchmark")
    published = None
    if benchmark:
        source = sources.get(benchmark.get("source_id"))
        published = {
            "value": benchmark["value"],
            "derived": benchmark.get("derived", False),
            "source": registry.text(model, source.name) if source else benchmark.get("source", ""),
            "year": source.year if source else None,
        }
    row: dict[str, Any] = {
        "id": figure["id"],
        "label": figure.get("label") or figure["id"],
        "score": round(float(figure["score"]), 2),
        "published": published,
        "shown": bool(comparison and comparison.shown),
    }
    if comparison is not None and comparison.position and comparison.summary:
        figures = comparison.position.figures()
        row["peers"] = figures.pop("size")  # the template's name for the group's size
        row.update(figures, summary=comparison.summary)
    row["band"] = _band(model, figure, row, benchmark["value"] if benchmark else None)
    return row


def _band(
    model: MaturityModel, figure: Mapping[str, Any], row: Mapping[str, Any], benchmark: float | None
) -> dict[str, Any] | None:
    """Upper-quartile and top-tenth cut points: live once the group is large, else the model's."""
    ladder = _band_ladder(model, figure["id"])
    if ladder is None:
        return None
    defaults = default_cut_points(ladder, benchmark) if benchmark is not None else None
    live = row["shown"] and row["peers"] >= DEFAULT_LIVE_MIN_SIZE
    if live:
        cuts = CutPoints(row["summary"].upper_quartile, row["summary"].top_decile)
    elif defaults is not None:
        cuts = defaults
    else:
        return None
    labels = {r.id: registry.text(model, r.label) for r in ladder.rungs}
    score = row["score"]
    if score >= cuts.top_decile:
        place = labels.get("top", "Top tenth")
    elif score >= cuts.upper_quartile:
        place = labels.get("upper-quartile", "Upper quartile")
    else:
        place = "Below the upper quartile"
    return {
        "upper_quartile": cuts.upper_quartile,
        "top_decile": cuts.top_decile,
        "live": live,
        "place": place,
    }


def _band_ladder(model: MaturityModel, dimension: str) -> Any:
    if dimension == OVERALL:
        ladder_id = model.overall.bands or model.scoring.bands
    else:
        spec = next((d for d in model.dimensions if d.id == dimension), None)
        ladder_id = (spec.bands if spec else None) or model.scoring.bands
    ladder = next((lad for lad in model.ladders if lad.id == ladder_id), None)
    if ladder is None or not {"upper-quartile", "top"} <= {r.id for r in ladder.rungs}:
        return None
    return ladder


def _facts(
    model: MaturityModel, result: Mapping[str, Any], sources: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Published survey figures that apply to this result's industry and region, attributed."""
    labels = {d["id"]: d.get("label", d["id"]) for d in result.get("dimensions", [])}
    out = []
    for fact in model.facts:
        if fact.industry and fact.industry != result.get("industry"):
            continue
        if fact.region and fact.region != result.get("region"):
            continue
        source = sources.get(fact.source)
        out.append(
            {
                "text": registry.text(model, fact.text),
                "dimension": labels.get(fact.dimension or "", ""),
                "source": registry.text(model, source.name) if source else fact.source,
                "publisher": (source.publisher or "") if source else "",
                "year": source.year if source else None,
                "url": (source.url or "") if source else "",
            }
        )
    return out


def _chart(rows: list[dict[str, Any]], label: str) -> dict[str, Any]:
    chart = charts.peer_distribution(
        [r["summary"].chart_row(r["label"], r["score"]) for r in rows],
        label,
    )
    svg = charts.to_svg(chart)
    return {
        "id": chart.id,
        "title": chart.title,
        "kind": chart.kind,
        "spec": chart.spec,
        "spec_id": f"spec-{chart.id}",
        "description": chart.description,
        # The static image travels inside the page: it depends on the chosen group, so a
        # separate image address would have to repeat the choice and the access check.
        "src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
    }
