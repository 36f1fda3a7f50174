"""Plausible respondents for demos, load tests and benchmarks, reproducible from a seed.

Each respondent gets a hidden maturity and a lean per dimension; answers scatter
around it, with the odd "don't know", so samples spread across every level and band
the way real organizations do instead of clustering at the middle.

The model is compiled once into one answer maker per question, so that a respondent
costs a few random numbers per answer (a sample of 100,000 is a load test's input).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

from ..model import Matrix, MaturityModel, MultiChoice, Number, Question, Scale, SingleChoice, YesNo
from ._answers import DONT_KNOW, NOT_APPLICABLE, items_for

DONT_KNOW_RATE = 0.03
SIZES = ("1-49", "50-249", "250-999", "1000-4999", "5000+")
SQRT_6 = 6**0.5

# (random numbers, the respondent's level for the question, industry) -> an answer
Maker = Callable[[random.Random, float, str], Any]


def sample_respondents(
    model: MaturityModel, count: int, seed: int = 0, industry: str | None = None
) -> Iterator[dict[str, Any]]:
    """`count` answer documents ({respondent, industry, region, size, answers}), same seed, same output."""
    rng = random.Random(seed)
    industries = [i.id for i in model.industries] or ["other"]
    regions = [r.id for r in model.regions]
    dimensions = [(d.id, [(q.id, _maker(model, q)) for q in d.questions]) for d in model.dimensions]
    for n in range(1, count + 1):
        chosen = industry or rng.choice(industries)
        maturity = rng.betavariate(2.2, 2.6)
        answers: dict[str, Any] = {}
        for _, questions in dimensions:
            lean = maturity + _noise(rng, 0.12)
            for qid, make in questions:
                level = min(1.0, max(0.0, lean + _noise(rng, 0.15)))
                answers[qid] = make(rng, level, chosen)
        yield {
            "respondent": f"r{n:06d}",
            "industry": chosen,
            "region": rng.choice(regions) if regions else None,
            "size": rng.choice(SIZES),
            "answers": answers,
        }


def _noise(rng: random.Random, spread: float) -> float:
    """A random shift around 0 with standard deviation `spread` (triangular: two draws,
    several times cheaper than a normal one and as good for plausible answers)."""
    return (rng.random() - rng.random()) * spread * SQRT_6


def _pick(rng: random.Random, level: float, n: int) -> int:
    """An index from 0 to n-1 centred on `level`, with some noise."""
    centre = level * (n - 1) + _noise(rng, 0.6)
    return min(n - 1, max(0, round(centre)))


def _maker(model: MaturityModel, q: Question) -> Maker:
    """The question's answer maker, with the odd dont_know / not_applicable."""
    answer = _matrix_maker(model, q) if isinstance(q, Matrix) else _plain_maker(q)
    dont_know = q.allow_dont_know and not isinstance(q, Matrix)
    not_applicable = q.allow_not_applicable

    def make(rng: random.Random, level: float, industry: str) -> Any:
        if dont_know and rng.random() < DONT_KNOW_RATE:
            return DONT_KNOW
        if not_applicable and rng.random() < DONT_KNOW_RATE:
            return NOT_APPLICABLE
        return answer(rng, level, industry)

    return make


def _plain_maker(q: Question) -> Maker:
    if isinstance(q, SingleChoice):
        ranked = [o.id for o in sorted(q.options, key=lambda o: o.score)]
        return lambda rng, level, _industry: ranked[_pick(rng, level, len(ranked))]
    if isinstance(q, MultiChoice):
        ids = sorted(o.id for o in q.options)
        return lambda rng, level, _industry: [i for i in ids if rng.random() < 0.15 + 0.75 * level]
    if isinstance(q, Scale):
        low, points = q.min, q.max - q.min + 1
        return lambda rng, level, _industry: low + _pick(rng, level, points)
    if isinstance(q, YesNo):
        return lambda rng, level, _industry: rng.random() < level
    if isinstance(q, Number):
        worst, span = q.worst, q.best - q.worst

        def number(rng: random.Random, level: float, _industry: str) -> float:
            return round(worst + span * min(1.0, max(0.0, level + _noise(rng, 0.1))), 1)

        return number
    raise TypeError(type(q))


def _matrix_maker(model: MaturityModel, q: Matrix) -> Maker:
    """Every item of the industry's catalog answered, facet by facet, around a level of its own.

    A facet is answered only where its applies_when holds for the facets before it. This
    is most of a sample's work, hence the loop written out (as `_pick` and `_noise` do).
    """
    facets = [
        (
            f.id,
            tuple((other, tuple(wanted)) for other, wanted in f.applies_when.items()),
            f.multiple,
            sorted(o.id for o in f.options)
            if f.multiple
            else [o.id for o in sorted(f.options, key=lambda o: o.value)],
        )
        for f in q.facets
    ]
    catalogs: dict[str, list[str]] = {}
    item_spread, pick_spread = 0.2 * SQRT_6, 0.6 * SQRT_6

    def matrix(rng: random.Random, level: float, industry: str) -> dict[str, Any]:
        items = catalogs.get(industry)
        if items is None:
            items = catalogs[industry] = list(items_for(model, industry).get(q.catalog, {}))
        draw = rng.random
        out: dict[str, Any] = {}
        for item_id in items:
            local = min(1.0, max(0.0, level + (draw() - draw()) * item_spread))
            chosen: dict[str, Any] = {}
            for facet_id, conditions, multiple, options in facets:
                asked = True
                for other, wanted in conditions:
                    if chosen.get(other) not in wanted:
                        asked = False
                        break
                if not asked:
                    continue
                if multiple:
                    chosen[facet_id] = [o for o in options if draw() < 0.1 + 0.6 * local]
                    continue
                last = len(options) - 1
                index = round(local * last + (draw() - draw()) * pick_spread)
                chosen[facet_id] = options[0 if index < 0 else min(index, last)]
            out[item_id] = chosen
        return out

    return matrix
