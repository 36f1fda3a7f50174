"""Entry point of `cxm`: the command group, and a last guard so no traceback reaches a user."""

from __future__ import annotations

import os
import sys

import click

from . import benchmark_cmd, models_cmd, plan_cmd, report_cmd, score_cmd, sheet_cmd, web_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="cxmaturity", prog_name="cxm")
def cli() -> None:
    """cx-maturity: assess customer-experience maturity on open, declarative models."""


cli.add_command(models_cmd.models)
cli.add_command(score_cmd.score)
cli.add_command(sheet_cmd.template)
cli.add_command(sheet_cmd.sample)
cli.add_command(web_cmd.serve)
cli.add_command(web_cmd.demo)
cli.add_command(web_cmd.worker)
cli.add_command(report_cmd.report)
cli.add_command(plan_cmd.plan)
cli.add_command(benchmark_cmd.benchmark)


def main() -> None:
    """Run the CLI; an unexpected failure prints one line (set CXM_DEBUG=1 for the traceback)."""
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("CXM_DEBUG"):
            raise
        click.echo(f"cxm: unexpected error: {exc.__class__.__name__}: {exc}", err=True)
        click.echo(
            "cxm: this is a bug; run again with CXM_DEBUG=1 and report the traceback", err=True
        )
        sys.exit(2)
