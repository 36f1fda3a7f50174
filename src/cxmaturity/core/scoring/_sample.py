"""Plausible respondents for demos, load tests and benchmarks, reproducible from a seed.

Each respondent gets a hidden maturity and a lean per dimension; answers scatter
around it, with the odd "don't know", so samples spread across every level and band
the way real organizations do instead of clustering at the middle.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from ..model import Matrix, MaturityModel, MultiChoice, Number, Question, Scale, SingleChoice, YesNo
from ._answers import DONT_KNOW, NOT_APPLICABLE, items_for

DONT_KNOW_RATE = 0.03
SIZES = ("1-49", "50-249", "250-999", "1000-4999", "5000+")


def sample_respondents(
    model: MaturityModel, count: int, seed: int = 0, industry: str | None = None
) -> Iterator[dict[str, Any]]:
    """`count` answer documents ({respondent, industry, region, size, answers}), same seed, same output."""
    rng = random.Random(seed)
    industries = [i.id for i in model.industries] or ["other"]
    regions = [r.id for r in model.regions]
    for n in range(1, count + 1):
        chosen = industry or rng.choice(industries)
        maturity = rng.betavariate(2.2, 2.6)
        leans = {d.id: rng.gauss(0, 0.12) for d in model.dimensions}
        answers: dict[str, Any] = {}
        for dim in model.dimensions:
            for q in dim.questions:
                level = min(1.0, max(0.0, maturity + leans[dim.id] + rng.gauss(0, 0.15)))
                answers[q.id] = _answer(rng, model, q, level, chosen)
        yield {
            "respondent": f"r{n:06d}",
            "industry": chosen,
            "region": rng.choice(regions) if regions else None,
            "size": rng.choice(SIZES),
            "answers": answers,
        }


def _answer(
    rng: random.Random, model: MaturityModel, q: Question, level: float, industry: str
) -> Any:
    if q.allow_dont_know and not isinstance(q, Matrix) and rng.random() < DONT_KNOW_RATE:
        return DONT_KNOW
    if q.allow_not_applicable and rng.random() < DONT_KNOW_RATE:
        return NOT_APPLICABLE
    if isinstance(q, SingleChoice):
        ranked = sorted(q.options, key=lambda o: o.score)
        return ranked[_pick(rng, level, len(ranked))].id
    if isinstance(q, MultiChoice):
        return sorted(o.id for o in q.options if rng.random() < 0.15 + 0.75 * level)
    if isinstance(q, Scale):
        return q.min + _pick(rng, level, q.max - q.min + 1)
    if isinstance(q, YesNo):
        return rng.random() < level
    if isinstance(q, Number):
        return round(q.worst + (q.best - q.worst) * min(1.0, max(0.0, rng.gauss(level, 0.1))), 1)
    return _matrix(rng, model, q, level, industry)


def _matrix(
    rng: random.Random, model: MaturityModel, q: Matrix, level: float, industry: str
) -> dict[str, Any]:
    items = items_for(model, industry).get(q.catalog, {})
    out: dict[str, Any] = {}
    for item_id in items:
        facets: dict[str, Any] = {}
        for facet in q.facets:
            if any(facets.get(other) not in wanted for other, wanted in facet.applies_when.items()):
                continue
            local = min(1.0, max(0.0, level + rng.gauss(0, 0.2)))
            if facet.multiple:
                facets[facet.id] = sorted(
                    o.id for o in facet.options if rng.random() < 0.1 + 0.6 * local
                )
            else:
                ranked = sorted(facet.options, key=lambda o: o.value)
                facets[facet.id] = ranked[_pick(rng, local, len(ranked))].id
        out[item_id] = facets
    return out


def _pick(rng: random.Random, level: float, n: int) -> int:
    """An index from 0 to n-1 centred on `level`, with some noise."""
    centre = level * (n - 1) + rng.gauss(0, 0.6)
    return min(n - 1, max(0, round(centre)))
