"""Entry point of `cxm`: the command group, and a last guard so no traceback reaches a user."""

from __future__ import annotations

import importlib
import os
import sys

import click

# Each command's module, imported only when the command runs or help lists it: `cxm score`
# need not load the planner, openpyxl, WeasyPrint or Django (about half a second).
COMMANDS = {
    "models": "models_cmd:models",
    "score": "score_cmd:score",
    "template": "sheet_cmd:template",
    "sample": "sheet_cmd:sample",
    "serve": "web_cmd:serve",
    "demo": "web_cmd:demo",
    "worker": "web_cmd:worker",
    "report": "report_cmd:report",
    "plan": "plan_cmd:plan",
    "benchmark": "benchmark_cmd:benchmark",
}


class _LazyGroup(click.Group):
    """A command group that imports a command's module when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: ARG002 (click's signature)
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:  # noqa: ARG002
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module, name = where.split(":")
        command = getattr(importlib.import_module(f".{module}", __package__), name)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="cxmaturity", prog_name="cxm")
def cli() -> None:
    """cx-maturity: assess customer-experience maturity on open, declarative models."""


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
