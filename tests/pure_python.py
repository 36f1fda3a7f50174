"""pytest plugin: import the scoring engine from its Python sources, not its compiled build.

setup.py compiles the engine with mypyc where it can; where it cannot, the same sources
run as plain Python. `make test-pure` loads this plugin first (`-p tests.pure_python`,
before anything imports the package), so CI proves both ways of installing.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

_COMPILED = tuple(importlib.machinery.EXTENSION_SUFFIXES)


class _SourcesFirst:
    """A finder that hands out a compiled cxmaturity module's .py sibling instead."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if not name.startswith("cxmaturity."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        origin = spec.origin if spec else None
        if origin is None or not origin.endswith(_COMPILED):
            return spec
        suffix = next(s for s in _COMPILED if origin.endswith(s))
        return importlib.util.spec_from_file_location(name, origin.removesuffix(suffix) + ".py")


sys.meta_path.insert(0, _SourcesFirst())
os.environ["CXM_PURE_PYTHON"] = "1"  # what setup.py reads: this run proves the plain build
