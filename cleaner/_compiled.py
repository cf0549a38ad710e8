"""Compiled or interpreted: the one place that decides.

A few modules of text mode are compiled by Cython from their own Python source where the install finds a
C compiler (setup.py compiles every module with a ``.pxd`` beside it; the ``.pxd`` only declares types).
The extension then sits beside the ``.py`` and Python imports it first. ``CLEANER_PURE_PYTHON=1`` in the
environment makes every ``cleaner`` module load from its ``.py`` instead, as on an install without a
compiler (and for the worker processes a run starts, which inherit the environment).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ExtensionFileLoader, ModuleSpec, PathFinder, SourceFileLoader
from importlib.util import spec_from_file_location
from pathlib import Path
from types import ModuleType

PURE_PYTHON = os.environ.get("CLEANER_PURE_PYTHON", "") not in ("", "0")


class _SourceFirst(MetaPathFinder):
    """Finds a ``cleaner`` submodule as usual, but takes the ``.py`` beside a compiled extension."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if not fullname.startswith("cleaner.") or path is None:
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is None or not isinstance(spec.loader, ExtensionFileLoader) or spec.origin is None:
            return spec
        source = Path(spec.origin).parent / (fullname.rpartition(".")[2] + ".py")
        if not source.is_file():
            return spec
        return spec_from_file_location(fullname, source, loader=SourceFileLoader(fullname, str(source)))


def is_compiled(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from a compiled extension rather than its Python source."""
    return isinstance(getattr(module, "__loader__", None), ExtensionFileLoader)


if PURE_PYTHON and not any(isinstance(finder, _SourceFirst) for finder in sys.meta_path):
    sys.meta_path.insert(0, _SourceFirst())
