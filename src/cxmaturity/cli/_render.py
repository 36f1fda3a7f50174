"""Readable terminal output of results: one respondent in detail, many as a summary."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from cxmaturity.core.model import MaturityModel
from cxmaturity.core.scoring import Result, Scorer


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def print_result(console: Console, scorer: Scorer, result: Result) -> None:
    model = scorer.model
    console.print(
        f"[bold]{scorer.text(model.title)}[/bold] {model.version} · industry: {result.industry}"
    )
    table = Table(show_lines=False)
    for column, justify in (
        ("dimension", "left"),
        ("score", "right"),
        ("raw", "right"),
        ("level", "left"),
        ("band", "left"),
        ("benchmark", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for d in result.dimensions:
        table.add_row(
            d.label,
            _fmt(d.score),
            "–" if d.raw is None else f"{d.raw:g}",
            d.level.title or d.level.label if d.level else "–",
            d.band.label if d.band else "–",
            _fmt(d.benchmark.value) if d.benchmark else "–",
        )
    o = result.overall
    table.add_section()
    table.add_row(
        "[bold]Overall[/bold]",
        f"[bold]{_fmt(o.score)}[/bold]",
        "–" if o.raw is None else f"{o.raw:g}",
        o.level.label if o.level else "–",
        o.band.label if o.band else "–",
        _fmt(o.benchmark.value) if o.benchmark else "–",
    )
    console.print(table)
    for title, groups in (("Axes", result.axes), ("Journey stages", result.stages)):
        if groups:
            parts = [
                f"{g.label} {_fmt(g.score)}" + (f" ({g.level.label})" if g.level else "")
                for g in groups
            ]
            console.print(f"{title}: " + " · ".join(parts))
    h = result.headroom
    if h is not None and h.significant:
        console.print(
            f"[bold]Headroom:[/bold] system potential {_fmt(h.potential)} against {_fmt(h.deployed)} "
            f"deployed; {len(h.ready)} use case(s) need no new system."
        )
    if result.excluded:
        console.print(
            f"Left out of the score: {len(result.excluded)} answer(s) "
            "(don't know, not applicable or unanswered)."
        )
    for note in result.notes:
        console.print(f"[italic]{note}[/italic]")


def print_summary(
    console: Console, model: MaturityModel, results: list[tuple[str, Result]]
) -> None:
    table = Table(title=f"{model.id} {model.version}: {len(results)} respondents")
    table.add_column("respondent", no_wrap=True)
    table.add_column("industry")
    for d in model.dimensions:
        table.add_column(d.id, justify="right")
    table.add_column("overall", justify="right")
    table.add_column("level")
    table.add_column("band")
    for label, r in results:
        o = r.overall
        table.add_row(
            label,
            r.industry,
            *(_fmt(d.score) for d in r.dimensions),
            _fmt(o.score),
            o.level.label if o.level else "–",
            o.band.label if o.band else "–",
        )
    console.print(table)
