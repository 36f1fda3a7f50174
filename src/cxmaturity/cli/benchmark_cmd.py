"""`cxm benchmark`: rebuild live peer benchmarks, and move anonymized ones between installations."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ._common import fail, writable
from .web_cmd import DATABASE, start_django

DATASET = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@click.group()
def benchmark() -> None:
    """Live peer benchmarks: recompute, export and import."""


@benchmark.command()
@DATABASE
@click.option(
    "--queue",
    is_flag=True,
    help="Queue the recompute for `cxm worker` instead of running it here (e.g. nightly from cron).",
)
def recompute(database: str | None, queue: bool) -> None:
    """Derive every opted-in organization's entries again and rebuild the peer groups."""
    where = start_django(database)
    if queue:
        from cxmaturity.web.benchmarks.tasks import recompute_benchmarks

        recompute_benchmarks.enqueue()
        click.echo(f"Queued a recompute on {where}; `cxm worker` runs it.")
        return
    from cxmaturity.web.benchmarks import store

    with click.progressbar(length=1, label="Rebuilding peer groups", file=None) as bar:
        last = 0

        def progress(done: int, total: int) -> None:
            nonlocal last
            bar.length = max(total, 1)
            bar.update(done - last)
            last = done

        entries = store.recompute(progress)
    click.echo(f"Peer benchmarks rebuilt on {where}: {entries} entries.")


@benchmark.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@DATABASE
def export(file: Path, database: str | None) -> None:
    """Write this installation's peer data, anonymized, as an exchange CSV file.

    Only opted-in organizations' own results are written (imported sets are not passed
    on); attributes are coarsened until every combination has enough rows, and scores
    that would still stand out are withheld.
    """
    start_django(database)
    from cxmaturity.web.benchmarks import exchange

    target = writable(file)
    report = exchange.export_rows()
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(report.lines)
    click.echo(
        f"Wrote {report.rows} scores to {file} ({report.coarsened} with coarser attributes,"
        f" {report.withheld} withheld)."
    )


@benchmark.command(name="import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--dataset",
    required=True,
    help="Name of the set, e.g. consultant-2026; replaces a set of that name.",
)
@DATABASE
def import_(file: Path, dataset: str, database: str | None) -> None:
    """Add a benchmark set (exchange CSV) to the peer groups: all of it, or nothing."""
    if not DATASET.match(dataset):
        raise click.BadParameter(
            "use lower-case letters, digits, '-' and '_' (up to 40)", param_hint="--dataset"
        )
    start_django(database)
    from cxmaturity.core.benchmarks import ExchangeFormatError
    from cxmaturity.web.benchmarks import exchange

    try:
        with file.open(encoding="utf-8", newline="") as handle:
            count = exchange.import_rows(handle, dataset)
    except UnicodeDecodeError as exc:
        raise fail(f"{file} is not UTF-8 text ({exc.reason}); nothing was imported") from exc
    except ExchangeFormatError as exc:
        for problem in exc.problems:
            click.echo(f"{file}: {problem}", err=True)
        if exc.truncated:
            click.echo(f"{file}: (stopped after {len(exc.problems)} problems)", err=True)
        raise fail(f"{file} was not imported: nothing was changed") from exc
    click.echo(f"Imported {count} scores as the set '{dataset}'; peer groups rebuilt.")
