"""Compiled or interpreted: the one place that decides.

Text mode's hottest loops have compiled modules (``cleaner/**/*.pyx``, built by setup.py where the
install finds a C compiler); each mirrors a Python function that stays the reference and runs
wherever its module is absent. ``CLEANER_PURE_PYTHON=1`` in the environment sets every compiled
module aside, as on an install without a compiler (and for the worker processes a run starts).
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

PURE_PYTHON = os.environ.get("CLEANER_PURE_PYTHON", "") not in ("", "0")


def compiled_module(name: str) -> ModuleType | None:
    """The compiled module ``name``; None where it was not built, or with ``CLEANER_PURE_PYTHON=1``."""
    if PURE_PYTHON:
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None
