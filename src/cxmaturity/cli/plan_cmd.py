"""`cxm plan`: from one respondent's answers to a plan (targets, ranked actions, phases,
what-if and the best set of actions for an effort budget), as text or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click
import orjson
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cxmaturity.core.planning import Plan, Planner, PlanningError, TargetValue
from cxmaturity.core.scoring import Answers, Scorer

from ._common import check_industry, fail, resolve_model, writable
from ._inputs import InputError, read_records


@click.command()
@click.option(
    "--model",
    "model_ref",
    required=True,
    metavar="ID_OR_FILE",
    help="A built-in model id (see `cxm models list`) or a model file.",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--budget",
    type=int,
    help="Effort points to spend (low 1, medium 2, high 3, a missing system 3): "
    "choose the best set of actions for it.",
)
@click.option(
    "--target",
    "targets",
    multiple=True,
    metavar="DIM=SCORE",
    help="A dimension's target: a score from 0 to 100 or a level id (repeatable; "
    "default: the next level).",
)
@click.option(
    "--priority-kpi", "priority_kpis", multiple=True, metavar="KPI", help="A KPI that matters most."
)
@click.option(
    "--choose",
    "chosen",
    multiple=True,
    metavar="ACTION",
    help="Plan these actions (repeatable) instead of the top priorities or the budget's choice.",
)
@click.option(
    "--priorities",
    type=click.IntRange(min=1, max=20),
    default=5,
    show_default=True,
    help="How many top actions to suggest as priorities.",
)
@click.option(
    "--horizon",
    type=click.IntRange(min=1, max=60),
    default=12,
    show_default=True,
    help="Months the targets are for.",
)
@click.option(
    "--no-groundwork",
    is_flag=True,
    help="With --budget: leave out actions that need systems not in place.",
)
@click.option("--industry", help="Industry, if the file does not name one.")
@click.option("--respondent", help="The respondent to plan for, when FILE holds several.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the plan here instead of standard output.",
)
def plan(
    model_ref: str,
    file: Path,
    budget: int | None,
    targets: tuple[str, ...],
    priority_kpis: tuple[str, ...],
    chosen: tuple[str, ...],
    priorities: int,
    horizon: int,
    no_groundwork: bool,
    industry: str | None,
    respondent: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Plan from FILE, one respondent's answers (any format `cxm score` reads).

    Shows targets and gaps, every action of the model ranked (with how its rank score is
    made up), the phases Vision, Value, Implementation and Success, and the projected
    scores of the selected actions. See docs/planning.md for the rules.
    """
    model = resolve_model(model_ref)
    try:
        check_industry(model, industry)
    except click.BadParameter as exc:
        raise fail(f"--industry: {exc.message}") from exc
    if budget is not None and budget < 0:
        raise fail(f"--budget: {budget} is not a number of effort points (0 or more)")
    wanted = _targets(targets)
    scorer = Scorer(model)
    answers = _answers(file, scorer, industry, respondent)
    try:
        result = Planner(model, scorer).plan(
            answers,
            targets=wanted,
            horizon_months=horizon,
            budget=budget,
            chosen=list(chosen) or None,
            priority_kpis=priority_kpis,
            priorities=priorities,
            groundwork=not no_groundwork,
        )
    except PlanningError as exc:
        raise fail(str(exc)) from exc
    target = str(writable(output)) if output else "-"
    with click.open_file(target, "wb" if fmt == "json" else "w") as out:
        if fmt == "json":
            out.write(orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2))
            out.write(b"\n")
        else:
            _print(out, result)


def _targets(given: tuple[str, ...]) -> dict[str, TargetValue]:
    out: dict[str, TargetValue] = {}
    for item in given:
        dim, sep, value = item.partition("=")
        if not sep or not dim.strip() or not value.strip():
            raise fail(
                f"--target: '{item}' is not DIM=SCORE "
                "(e.g. journey=60 or strategy_leadership=managed)"
            )
        out[dim.strip()] = value.strip()
    return out


def _answers(file: Path, scorer: Scorer, industry: str | None, respondent: str | None) -> Answers:
    try:
        records = list(read_records(file, scorer.reader, industry))
    except InputError as exc:
        raise fail(str(exc)) from exc
    if respondent is not None:
        records = [r for r in records if r.label == respondent]
        if not records:
            raise fail(f"no respondent '{respondent}' in {file}")
    for record in records:
        for problem in record.problems:
            click.echo(problem, err=True)
    if any(r.answers is None for r in records):
        raise fail("the answers have problems; nothing was planned")
    if not records:
        raise fail(f"{file} holds no respondent")
    if len(records) > 1:
        names = ", ".join(r.label for r in records[:5]) + (", ..." if len(records) > 5 else "")
        raise fail(
            f"{file} holds {len(records)} respondents; a plan is for one: "
            f"choose it with --respondent ({names})"
        )
    answers = records[0].answers
    assert answers is not None
    return answers


def _n(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}".rstrip("0").rstrip(".")


def _id(placement: Any) -> str:
    return placement.label if placement is not None else "–"


def _print(out: IO[str], p: Plan) -> None:
    console = Console(file=out, width=None if out is sys.stdout else 120)
    console.print(
        f"[bold]Plan[/bold] · {p.model_id} {p.model_version} · industry {p.industry} · "
        f"{p.horizon_months}-month targets · re-assess every {p.reassess_months} months"
    )
    console.print("\n[bold]Vision[/bold]: where you stand and where to be")
    table = Table("dimension", "now", "level", "target", "target level", "gap", "benchmark")
    for t in p.targets:
        table.add_row(
            t.label,
            _n(t.current),
            _id(t.current_level),
            _n(t.target),
            _id(t.target_level),
            _n(t.gap),
            _n(t.benchmark),
        )
    o = p.overall
    table.add_row(
        "[bold]overall[/bold]",
        _n(o.current),
        _id(o.current_band or o.current_level),
        _n(o.target),
        _id(o.target_band or o.target_level),
        _n(o.gap),
        _n(o.benchmark),
    )
    console.print(table)

    console.print("\n[bold]Value[/bold]: gaps, the actions that close them, the KPIs they move")
    for link in p.phases.value:
        console.print(
            f"  {link.label} (gap {_n(link.gap)}): {', '.join(link.actions) or 'no action'}"
            f" · KPIs: {', '.join(link.kpis) or '–'}"
        )
    console.print("\n[bold]Recommendations[/bold] (ranking rule: see --format json or docs)")
    table = Table("#", "action", "kind", "effort", "gain", "score", "why")
    for r in p.recommendations:
        table.add_row(
            str(r.rank),
            f"{r.label}\n[dim]{r.action}[/dim]",
            r.kind.replace("_", " "),
            r.effort,
            f"+{_n(r.gain)}",
            _n(r.score, 1),
            "\n".join(part.words for part in r.breakdown),
        )
    console.print(table)
    if p.in_place:
        console.print(f"Already in place: {', '.join(p.in_place)}")
    if p.outgrown:
        console.print(f"Outgrown (for levels you are past): {', '.join(p.outgrown)}")
    console.print(f"\nTop priorities: {', '.join(p.priorities) or 'none'}")
    if p.budget is not None:
        b = p.budget
        console.print(f"\n[bold]Best plan for {b.budget} effort points[/bold]: {b.explanation}")
        for action in b.chosen:
            console.print(f"  chosen: {action}")
        for system in b.groundwork:
            console.print(f"  groundwork: {system}")
        for n in b.not_chosen:
            console.print(f"  not chosen: {n.action}: {n.reason}")
    console.print(f"\n[bold]Implementation[/bold] ({p.selected_by}):")
    for step in p.phases.implementation:
        kind = escape(f"[{step.kind.replace('_', ' ')}]")
        console.print(f"  {step.order}. {kind} {escape(step.label)} — {escape(step.words)}")
    console.print("\n[bold]What-if[/bold]: projected after the selected actions")
    table = Table("dimension", "now", "projected", "change", "level", "band")
    for d in (*p.projection.dimensions, p.projection.overall):
        table.add_row(
            d.label,
            _n(d.current),
            _n(d.projected),
            _n(d.delta),
            f"{_id(d.current_level)} → {_id(d.projected_level)}",
            f"{_id(d.current_band)} → {_id(d.projected_band)}",
        )
    console.print(table)
    console.print("\n[bold]Success[/bold]: KPIs to watch")
    for k in p.phases.success_kpis:
        arrow = "↑" if k.better == "higher" else "↓"
        console.print(f"  {arrow} {k.label}{' (priority)' if k.priority else ''}")
    console.print(f"  Re-assess in {p.reassess_months} months.")
    for note in (*p.notes, *p.projection.notes):
        console.print(f"[dim]note: {note}[/dim]")
