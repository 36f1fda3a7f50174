"""Bring a database to the current schema with the built-in models in it.

`cxm serve` and `cxm demo` both start here, so a fresh machine needs no separate
migrate step, and running it again changes nothing.
"""

from __future__ import annotations

import os


def configure(database: str | None) -> None:
    """Point Django at the settings (and at `database` when given), then set it up."""
    if database:
        os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cxmaturity.web.settings")
    import django

    django.setup()


def prepare() -> str:
    """Apply migrations and install the built-in models; returns a printable database name."""
    from django.core.management import call_command
    from django.db import connection, connections

    from cxmaturity.web.assessments.registry import install_builtin_models

    call_command("migrate", interactive=False, verbosity=0)
    install_builtin_models()
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        name = f"SQLite at {settings['NAME']}"
    else:
        name = f"{connection.vendor} database '{settings['NAME']}' on {settings.get('HOST') or 'localhost'}"
    connections.close_all()  # workers are forked next: none may inherit an open connection
    return name
