"""Make "per core" mean one core: the benchmark pins itself (and the commands it launches) to a single CPU."""

from __future__ import annotations

import os


def pin_to_one_core() -> str:
    """Restrict this process and its future children to one core; returns a note saying what happened."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"
