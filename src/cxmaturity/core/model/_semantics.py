"""Rules the schema alone cannot state: unique ids, references that resolve, ladders
that neither overlap nor leave gaps, and levels that some score can reach."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from ._problems import Path
from ._ranges import attainable_raw, bound_at
from ._schema import (
    NONE_CHOSEN,
    RESERVED_ANSWERS,
    Dimension,
    Ladder,
    Matrix,
    MaturityModel,
    MultiChoice,
    Number,
    RelativeBound,
    Scale,
    SingleChoice,
)


class _Checker:
    def __init__(self, model: MaturityModel) -> None:
        self.model = model
        self.problems: list[tuple[Path, str]] = []

    def add(self, path: Path, message: str) -> None:
        self.problems.append((path, message))

    def unique(self, items: Iterable[Any], path: Path, what: str) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                self.add((*path, i, "id"), f"duplicate {what} id '{item.id}'")
            seen.setdefault(item.id, item)
        return seen

    def ref(self, value: str | None, known: Iterable[str], path: Path, what: str) -> None:
        known = list(known)
        if value is None or value in known:
            return
        hint = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        fix = (
            f"; did you mean '{hint[0]}'?"
            if hint
            else (f"; known: {', '.join(known)}" if known else f"; the model defines no {what}")
        )
        self.add(path, f"unknown {what} '{value}'{fix}")


def check(model: MaturityModel) -> list[tuple[Path, str]]:
    """Every semantic problem in a schema-valid model, with the path it belongs to."""
    c = _Checker(model)
    ids = _Ids(c, model)
    _check_references(c, model, ids)
    for d, dim in enumerate(model.dimensions):
        _check_dimension(c, ids, d, dim)
    _check_contributions(c, model, ids)
    _check_ladders(c, model, ids)
    _check_catalogs(c, model, ids)
    return c.problems


class _Ids:
    """The id sets every reference is checked against, reporting duplicates on the way."""

    def __init__(self, c: _Checker, m: MaturityModel) -> None:
        self.sources = c.unique(m.sources, ("sources",), "source")
        self.industries = c.unique(m.industries, ("industries",), "industry")
        self.regions = c.unique(m.regions, ("regions",), "region")
        self.axes = c.unique(m.axes, ("axes",), "axis")
        self.stages = c.unique(m.stages, ("stages",), "stage")
        self.systems = c.unique(m.systems, ("systems",), "system")
        self.kpis = c.unique(m.kpis, ("kpis",), "KPI")
        self.levels = c.unique(m.levels, ("levels",), "level")
        self.ladders: dict[str, Ladder] = c.unique(m.ladders, ("ladders",), "ladder")
        self.dimensions: dict[str, Dimension] = c.unique(m.dimensions, ("dimensions",), "dimension")
        self.catalogs = c.unique(m.catalogs, ("catalogs",), "catalog")
        self.actions = c.unique(m.actions, ("actions",), "action")
        self.facts = c.unique(m.facts, ("facts",), "fact")
        self.questions: dict[str, Any] = {}
        for d, dim in enumerate(m.dimensions):
            for q, question in enumerate(dim.questions):
                if question.id in self.questions:
                    c.add(
                        ("dimensions", d, "questions", q, "id"),
                        f"duplicate question id '{question.id}'",
                    )
                self.questions.setdefault(question.id, question)
        self.items = {item.id: item for catalog in m.catalogs for item in catalog.items}
        self.industry_keys = [*self.industries, "default"]


def _check_references(c: _Checker, m: MaturityModel, ids: _Ids) -> None:
    c.ref(m.source, ids.sources, ("source",), "source")
    for name in ("levels", "bands"):
        c.ref(getattr(m.scoring, name), ids.ladders, ("scoring", name), "ladder")
        c.ref(getattr(m.overall, name), ids.ladders, ("overall", name), "ladder")
    _check_narratives(
        c, ids, m.overall.narratives, m.overall.bands or m.scoring.bands, ("overall",)
    )
    seen_benchmarks: set[tuple[str, str | None]] = set()
    for b, bench in enumerate(m.benchmarks):
        path = ("benchmarks", b)
        c.ref(bench.industry, ids.industries, (*path, "industry"), "industry")
        c.ref(bench.region, ids.regions, (*path, "region"), "region")
        c.ref(bench.source, ids.sources, (*path, "source"), "source")
        for key, value in bench.values.items():
            c.ref(key, ids.dimensions, (*path, "values", key), "dimension")
            if not 0 <= value <= 100:
                c.add((*path, "values", key), f"benchmark {value} is outside the 0-100 score scale")
        if (bench.industry, bench.region) in seen_benchmarks:
            c.add(
                path,
                f"a second benchmark for industry '{bench.industry}' and region "
                f"'{bench.region or 'any'}'",
            )
        seen_benchmarks.add((bench.industry, bench.region))
    for f, fact in enumerate(m.facts):
        c.ref(fact.source, ids.sources, ("facts", f, "source"), "source")
        c.ref(fact.industry, ids.industries, ("facts", f, "industry"), "industry")
        c.ref(fact.region, ids.regions, ("facts", f, "region"), "region")
        c.ref(fact.dimension, ids.dimensions, ("facts", f, "dimension"), "dimension")
    for a, action in enumerate(m.actions):
        path = ("actions", a)
        for key, gain in action.impact.items():
            c.ref(key, ids.dimensions, (*path, "impact", key), "dimension")
            if not 0 < gain <= 100:
                c.add((*path, "impact", key), f"impact {gain} must be between 0 and 100 points")
        c.ref(action.stage, ids.stages, (*path, "stage"), "stage")
        c.ref(action.use_case, ids.items, (*path, "use_case"), "catalog item")
        _refs(c, action.requires, ids.systems, (*path, "requires"), "system")
        _refs(c, action.kpis, ids.kpis, (*path, "kpis"), "KPI")
        _refs(c, action.industries, ids.industries, (*path, "industries"), "industry")
        _refs(c, action.levels, ids.levels, (*path, "levels"), "level")
    _check_systems_question(c, m, ids)
    _check_headroom(c, m, ids)


def _refs(c: _Checker, values: Iterable[str], known: Iterable[str], path: Path, what: str) -> None:
    known = list(known)
    for i, value in enumerate(values):
        c.ref(value, known, (*path, i), what)


def _check_narratives(
    c: _Checker, ids: _Ids, narratives: dict[str, Any], ladder_id: str | None, path: Path
) -> None:
    if not narratives:
        return
    ladder = ids.ladders.get(ladder_id or "")
    if ladder is None:
        c.add((*path, "narratives"), "narratives are given but no band ladder applies here")
        return
    rungs = [r.id for r in ladder.rungs]
    for band, text in narratives.items():
        c.ref(band, rungs, (*path, "narratives", band), f"band of ladder '{ladder.id}'")
        if isinstance(text, dict) and any(key in ids.industry_keys for key in text):
            for key in text:
                c.ref(key, ids.industry_keys, (*path, "narratives", band, key), "industry")


def _check_dimension(c: _Checker, ids: _Ids, d: int, dim: Dimension) -> None:
    path = ("dimensions", d)
    c.ref(dim.axis, ids.axes, (*path, "axis"), "axis")
    c.ref(dim.stage, ids.stages, (*path, "stage"), "stage")
    c.ref(dim.levels, ids.ladders, (*path, "levels"), "ladder")
    c.ref(dim.bands, ids.ladders, (*path, "bands"), "ladder")
    for level in dim.level_texts:
        c.ref(level, ids.levels, (*path, "level_texts", level), "level")
    _check_narratives(c, ids, dim.narratives, dim.bands or c.model.scoring.bands, path)
    for q, question in enumerate(dim.questions):
        qpath = (*path, "questions", q)
        c.ref(question.stage, ids.stages, (*qpath, "stage"), "stage")
        if isinstance(question, SingleChoice | MultiChoice):
            _check_options(c, question, qpath)
        elif isinstance(question, Scale):
            if question.max <= question.min:
                c.add((*qpath, "max"), f"max ({question.max}) must be above min ({question.min})")
            for point in question.labels:
                if not question.min <= point <= question.max:
                    c.add(
                        (*qpath, "labels", point),
                        f"label for {point}, outside {question.min}-{question.max}",
                    )
        elif isinstance(question, Number):
            _check_number(c, question, qpath)
        elif isinstance(question, Matrix):
            _check_matrix(c, ids, question, qpath)


def _check_options(c: _Checker, question: SingleChoice | MultiChoice, path: Path) -> None:
    c.unique(question.options, (*path, "options"), "option")
    for o, option in enumerate(question.options):
        if option.id in RESERVED_ANSWERS:
            c.add(
                (*path, "options", o, "id"),
                f"'{option.id}' is reserved for the built-in answer; remove this option "
                "and use allow_dont_know / allow_not_applicable",
            )
    if isinstance(question, MultiChoice) and any(o.id == NONE_CHOSEN for o in question.options):
        c.add(
            (*path, "options"),
            f"'{NONE_CHOSEN}' is reserved in multi-choice questions: it is how a "
            "sheet says that no option was chosen",
        )
    scores = [o.score for o in question.options]
    if isinstance(question, SingleChoice) and max(scores) == min(scores):
        c.add(
            (*path, "options"),
            "every option has the same score, so the answer cannot change the result",
        )
    if isinstance(question, MultiChoice) and (min(scores) < 0 or sum(scores) <= 0):
        c.add(
            (*path, "options"), "multi-choice option scores must be zero or more, and not all zero"
        )


def _check_number(c: _Checker, question: Number, path: Path) -> None:
    if question.worst == question.best:
        c.add((*path, "best"), "best and worst are equal, so every figure would score the same")
    low, high = question.min, question.max
    if low is not None and high is not None and low >= high:
        c.add((*path, "max"), f"max ({high}) must be above min ({low})")
    for key in ("worst", "best"):
        value = getattr(question, key)
        if (low is not None and value < low) or (high is not None and value > high):
            c.add(
                (*path, key),
                f"{key} ({value:g}) lies outside the accepted answers "
                f"({'-inf' if low is None else f'{low:g}'} to {'inf' if high is None else f'{high:g}'})",
            )


def _check_matrix(c: _Checker, ids: _Ids, question: Matrix, path: Path) -> None:
    c.ref(question.catalog, ids.catalogs, (*path, "catalog"), "catalog")
    facets = c.unique(question.facets, (*path, "facets"), "facet")
    for f, facet in enumerate(question.facets):
        fpath = (*path, "facets", f)
        c.unique(facet.options, (*fpath, "options"), "option")
        for o, option in enumerate(facet.options):
            if option.id in RESERVED_ANSWERS:
                c.add(
                    (*fpath, "options", o, "id"),
                    f"'{option.id}' is reserved for the built-in answer",
                )
        for other, wanted in facet.applies_when.items():
            c.ref(
                other,
                [k for k in facets if k != facet.id],
                (*fpath, "applies_when", other),
                "facet",
            )
            known = [o.id for o in facets[other].options] if other in facets else []
            for w, value in enumerate(wanted):
                if other in facets:
                    c.ref(
                        value,
                        known,
                        (*fpath, "applies_when", other, w),
                        f"option of facet '{other}'",
                    )
    for k, contribution in enumerate(question.contributes):
        kpath = (*path, "contributes", k)
        c.ref(contribution.dimension, ids.dimensions, (*kpath, "dimension"), "dimension")
        used = contribution.gate + contribution.multiply + contribution.average
        if not used:
            c.add(kpath, "a contribution needs at least one facet in gate, multiply or average")
        for part in ("gate", "multiply", "average"):
            _refs(c, getattr(contribution, part), facets, (*kpath, part), "facet")


def _check_contributions(c: _Checker, m: MaturityModel, ids: _Ids) -> None:
    fed = {
        d.id
        for d in m.dimensions
        if any(q.scored and not isinstance(q, Matrix) for q in d.questions)
    }
    for question in ids.questions.values():
        if isinstance(question, Matrix) and question.scored:
            fed.update(k.dimension for k in question.contributes)
    for d, dim in enumerate(m.dimensions):
        if dim.id not in fed:
            c.add(
                ("dimensions", d), f"dimension '{dim.id}' has no question and no matrix feeding it"
            )


def _check_systems_question(c: _Checker, m: MaturityModel, ids: _Ids) -> None:
    if m.systems_question is None:
        return
    question = ids.questions.get(m.systems_question)
    if not isinstance(question, MultiChoice):
        c.add(("systems_question",), f"'{m.systems_question}' must be the id of a multi question")
        return
    for option in question.options:
        c.ref(
            option.id,
            ids.systems,
            ("systems_question",),
            "system (as an option of the systems question)",
        )


def _check_headroom(c: _Checker, m: MaturityModel, ids: _Ids) -> None:
    h = m.headroom
    if h is None:
        return
    c.ref(h.potential, ids.dimensions, ("headroom", "potential"), "dimension")
    _refs(c, h.deployed, ids.dimensions, ("headroom", "deployed"), "dimension")
    matrix = ids.questions.get(h.matrix)
    if not isinstance(matrix, Matrix):
        c.add(("headroom", "matrix"), f"'{h.matrix}' must be the id of a matrix question")
    else:
        c.ref(h.status_facet, [f.id for f in matrix.facets], ("headroom", "status_facet"), "facet")
    if m.systems_question is None:
        c.add(
            ("headroom",), "headroom needs a model-level systems_question to know what is in place"
        )


def _check_catalogs(c: _Checker, m: MaturityModel, ids: _Ids) -> None:
    for k, catalog in enumerate(m.catalogs):
        seen: set[str] = set()
        for i, item in enumerate(catalog.items):
            path = ("catalogs", k, "items", i)
            if item.id in seen:
                c.add((*path, "id"), f"duplicate catalog item id '{item.id}'")
            seen.add(item.id)
            c.ref(item.stage, ids.stages, (*path, "stage"), "stage")
            _refs(c, item.industries, ids.industries, (*path, "industries"), "industry")
            _refs(c, item.requires, ids.systems, (*path, "requires"), "system")
            _refs(c, item.kpis, ids.kpis, (*path, "kpis"), "KPI")
        for industry in ids.industries:
            if not any(not i.industries or industry in i.industries for i in catalog.items):
                c.add(
                    ("catalogs", k), f"catalog '{catalog.id}' has no item for industry '{industry}'"
                )


def _check_ladders(c: _Checker, m: MaturityModel, ids: _Ids) -> None:
    for n, ladder in enumerate(m.ladders):
        _check_ladder(c, ladder, ("ladders", n))
    uses = _ladder_uses(m)
    level_ladders = {lid for lid, role, _ in uses if role == "levels"}
    for lid in level_ladders:
        if lid not in ids.ladders:
            continue
        ladder = ids.ladders[lid]
        n = m.ladders.index(ladder)
        order = list(ids.levels)
        for r, rung in enumerate(ladder.rungs):
            c.ref(
                rung.id,
                order,
                ("ladders", n, "rungs", r, "id"),
                "level (rungs of a level ladder are levels)",
            )
        positions = [order.index(r.id) for r in ladder.rungs if r.id in order]
        if positions != sorted(positions):
            c.add(
                ("ladders", n, "rungs"),
                "rungs of a level ladder must follow the order of the levels",
            )
    reached = {r.id for lid in level_ladders if lid in ids.ladders for r in ids.ladders[lid].rungs}
    for i, level in enumerate(m.levels):
        if level_ladders and level.id not in reached:
            c.add(
                ("levels", i),
                f"level '{level.id}' is unreachable: no level ladder places a score on it",
            )
    for lid, _role, span in uses:
        used = ids.ladders.get(lid)
        if used is not None and used.basis == "raw":
            _check_raw_coverage(c, used, m.ladders.index(used), span)


def _ladder_uses(m: MaturityModel) -> list[tuple[str, str, tuple[float, float]]]:
    """(ladder id, 'levels' or 'bands', attainable raw range) for every place a ladder is used."""
    uses: list[tuple[str, str, tuple[float, float]]] = []
    spans = {d.id: attainable_raw(m, d) for d in m.dimensions}
    for dim in m.dimensions:
        for role in ("levels", "bands"):
            lid = getattr(dim, role) or getattr(m.scoring, role)
            if lid:
                uses.append((lid, role, spans[dim.id]))
    lows, highs = [s[0] for s in spans.values()], [s[1] for s in spans.values()]
    overall = (sum(lows), sum(highs)) if m.overall.raw == "sum" else (min(lows), max(highs))
    for role in ("levels", "bands"):
        lid = getattr(m.overall, role)
        if lid:
            uses.append((lid, role, overall))
    return uses


def _check_ladder(c: _Checker, ladder: Ladder, path: Path) -> None:
    c.unique(ladder.rungs, (*path, "rungs"), "rung")
    relative = any(isinstance(b, RelativeBound) for r in ladder.rungs for b in (r.from_, r.to))
    if relative and ladder.basis == "raw":
        c.add(
            (*path, "basis"),
            "bounds relative to a benchmark need basis 'score' (benchmarks are 0-100)",
        )
        return
    for r, (rung, nxt) in enumerate(zip(ladder.rungs, ladder.rungs[1:], strict=False)):
        if rung.to == nxt.from_:
            continue
        gap = [bound_at(nxt.from_, b) - bound_at(rung.to, b) for b in (0.0, 100.0)]
        kind = (
            "a gap" if min(gap) >= 0 else "an overlap" if max(gap) <= 0 else "a gap or an overlap"
        )
        c.add(
            (*path, "rungs", r + 1, "from"),
            f"{kind} between rung '{rung.id}' (to {_show(rung.to)}) and rung '{nxt.id}' "
            f"(from {_show(nxt.from_)}); make the two bounds equal",
        )
    for r, rung in enumerate(ladder.rungs):
        for b in (0.0, 100.0):
            if bound_at(rung.from_, b) > bound_at(rung.to, b):
                c.add(
                    (*path, "rungs", r),
                    f"rung '{rung.id}' goes down: from {_show(rung.from_)} "
                    f"is above to {_show(rung.to)}",
                )
                break
    if ladder.basis == "score":
        if any(bound_at(ladder.rungs[0].from_, b) > 0 for b in (0.0, 100.0)):
            c.add(
                (*path, "rungs", 0, "from"), "a gap at the bottom: the first rung must start at 0"
            )
        if any(bound_at(ladder.rungs[-1].to, b) < 100 for b in (0.0, 100.0)):
            c.add(
                (*path, "rungs", len(ladder.rungs) - 1, "to"),
                "a gap at the top: the last rung must end at 100",
            )


def _check_raw_coverage(c: _Checker, ladder: Ladder, n: int, span: tuple[float, float]) -> None:
    low, high = span
    first, last = ladder.rungs[0], ladder.rungs[-1]
    path = ("ladders", n, "rungs")
    if isinstance(first.from_, float | int) and first.from_ > low + 1e-9:
        c.add(
            (*path, 0, "from"),
            f"a gap at the bottom: raw values from {low:g} to {first.from_:g} land on no rung",
        )
    if isinstance(last.to, float | int) and last.to < high - 1e-9:
        c.add(
            (*path, len(ladder.rungs) - 1, "to"),
            f"a gap at the top: raw values from {last.to:g} to {high:g} land on no rung",
        )
    for r, rung in enumerate(ladder.rungs):
        start, end = bound_at(rung.from_, 0.0), bound_at(rung.to, 0.0)
        last_rung = r == len(ladder.rungs) - 1
        if (
            start > high + 1e-9
            or end < low - 1e-9
            or (end <= low and not last_rung and start < end)
        ):
            c.add(
                (*path, r),
                f"rung '{rung.id}' is unreachable: raw values here run from {low:g} to {high:g}",
            )


def _show(bound: float | RelativeBound) -> str:
    if isinstance(bound, RelativeBound):
        sign = "+" if bound.plus >= 0 else "-"
        return f"benchmark × {bound.benchmark_times:g} {sign} {abs(bound.plus):g}"
    return f"{bound:g}"
