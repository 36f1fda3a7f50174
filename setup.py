"""Compiles the scoring engine to C with mypyc, so one core scores ~1.3× more respondents.

Everything else is in pyproject.toml. The compiled modules are the plain Python files next
to them, type-checked and translated: they behave the same and are tested the same (the
whole suite runs against them). Where no C compiler is at hand, or with CXM_PURE_PYTHON=1,
the package installs as plain Python and scores the same figures, only slower.

An editable install (`make`) compiles in place, next to the sources: after editing one of
COMPILED, run `make` again (the Makefile does on its own; tests/conftest.py refuses to run
against a stale build).
"""

from __future__ import annotations

import os

from setuptools import Extension, setup

COMPILED = [
    "src/cxmaturity/core/scoring/_codes.py",
    "src/cxmaturity/core/scoring/_engine.py",
    "src/cxmaturity/core/scoring/_matrix.py",
    "src/cxmaturity/core/scoring/_result.py",
]


def compiled_extensions() -> list[Extension]:
    if os.environ.get("CXM_PURE_PYTHON") == "1":
        return []
    from mypyc.build import mypycify

    # mypy's own settings (pyproject.toml) load Django and pydantic plugins, which a build
    # environment does not have; what the compiled modules import from elsewhere is typed
    # by its annotations or, failing that, checked at run time.
    extensions = mypycify(
        ["--config-file=", "--ignore-missing-imports", "--follow-imports=silent", *COMPILED],
        opt_level="3",
        group_name="cxmaturity_scoring",
    )
    for extension in extensions:
        extension.optional = True  # no compiler: a warning, and plain Python
    return extensions


setup(ext_modules=compiled_extensions())
