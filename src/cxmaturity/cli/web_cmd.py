"""`cxm serve` and `cxm demo`: the web app and its demo data, from the same command line."""

from __future__ import annotations

import os

import click

from ._common import fail


def start_django(database: str | None) -> str:
    """Configure Django, migrate and load the models; failures become one clear line."""
    from cxmaturity.web import config, setup

    try:
        setup.configure(database)
        return setup.prepare()
    except config.ConfigError as exc:
        raise fail(f"bad setting: {exc}") from exc
    except ValueError as exc:  # dj-database-url on a URL it cannot parse
        raise fail(f"bad database URL: {exc}") from exc
    except Exception as exc:
        from django.db import DatabaseError

        if isinstance(exc, DatabaseError):
            raise fail(f"cannot use the database: {exc}".strip()) from exc
        raise


def _fill_demo(reset: bool, organizations: int, seed: int) -> None:
    from cxmaturity.web.assessments import demo

    if reset:
        removed = demo.reset_demo()
        if removed:
            click.echo(f"Removed the previous demo data ({removed} rows).")
    elif demo.demo_exists():
        click.echo("Demo data is already there (use --reset to make it again).")
        return
    with click.progressbar(length=1, label="Creating demo organizations", file=None) as bar:
        last = 0

        def progress(done: int, total: int) -> None:
            nonlocal last
            bar.length = total
            bar.update(done - last)
            last = done

        summary = demo.create_demo(organizations=organizations, seed=seed, progress=progress)
    click.echo(
        f"Created {summary.organizations} demo organizations with "
        f"{summary.assessments} finished assessments."
    )
    email, password = summary.login
    click.echo(
        f"Log in as {email} with the password {password} to see organizations and a campaign."
    )


DATABASE = click.option(
    "--database",
    metavar="URL",
    help="Database URL (default: $DATABASE_URL, else a SQLite file in the data directory).",
)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@DATABASE
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=lambda: min(2 * (os.cpu_count() or 1) + 1, 8),
    show_default="2 × CPUs + 1, at most 8",
    help="Worker processes.",
)
@click.option("--demo", is_flag=True, help="Fill an empty database with demo data first.")
@click.option("--access-log/--no-access-log", default=False, help="Log every request.")
def serve(
    host: str, port: int, database: str | None, workers: int, demo: bool, access_log: bool
) -> None:
    """Run the web app: migrate, load the built-in models, then serve with gunicorn."""
    where = start_django(database)
    if demo:
        _fill_demo(reset=False, organizations=16, seed=2026)
        from django.db import connections

        connections.close_all()
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"cx-maturity is running at http://{shown}:{port}/  ({where}; Ctrl+C stops it)")
    from cxmaturity.web.server import serve as run

    run(host, port, workers, access_log)


@click.command()
@DATABASE
@click.option("--organizations", default=16, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--seed", default=2026, show_default=True, type=int, help="Same seed, same demo.")
@click.option("--reset", is_flag=True, help="Remove existing demo data and create it again.")
def demo(database: str | None, organizations: int, seed: int, reset: bool) -> None:
    """Fill the database with fictional organizations and finished assessments."""
    where = start_django(database)
    click.echo(f"Database: {where}")
    _fill_demo(reset, organizations, seed)


@click.command()
@DATABASE
@click.option("--batch", is_flag=True, help="Run the queued tasks, then stop.")
def worker(database: str | None, batch: bool) -> None:
    """Run background tasks (invitation and reminder e-mails) until stopped."""
    where = start_django(database)
    click.echo(f"Worker running on {where}; Ctrl+C stops it.")
    from django.core.management import call_command

    call_command("db_worker", batch=batch, verbosity=1)
