"""The built-in patterns' analyses, worked out ahead of time and shipped in ``cleaner/data/rule_index.json``.

The matcher files each pattern by what its analysis says (:mod:`cleaner.rules.matcher`). Analysing a
pattern reads Python's private regex parser, so it is done once, by the development tool
``python -m cleaner.rules.reindex``, never at run time. A pattern the index does not hold (a user's
rule) is simply tried on every line, and so is every pattern when the index is stamped with another
``ANALYSER_VERSION``: a stale index costs time, never a different result. The test suite rebuilds the
index and fails when the shipped one differs.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import NamedTuple

ANALYSER_VERSION = 1
"""Raise it with every change to :mod:`cleaner.rules.analyser` that can change an analysis."""
INDEX_FILE = "data/rule_index.json"
"""Where the index ships, relative to the ``cleaner`` package."""


class Analysis(NamedTuple):
    """What the rule matcher files and tests a pattern by, worked out from the pattern alone."""

    needs: tuple[str, ...]
    """Literals (folded) one of which every match holds; () when none is known."""
    anchored: bool
    """Every match begins where the line begins."""
    edges: tuple[str, tuple[str, ...]] | None
    """("head" or "tail", the sorted folded prefixes or suffixes a match can have), or None for anywhere."""
    lengths: tuple[int, int | None]
    """The shortest and longest (None for any) line the pattern can match."""


UNKNOWN = Analysis((), False, None, (0, None))
"""The analysis of a pattern the index does not hold: it is tried on every line."""


class ShippedIndex(NamedTuple):
    analyses: dict[tuple[int, str], Analysis]
    """By (flags, source)."""
    case_fold: dict[int, int]
    """Characters ``re.IGNORECASE`` treats as equal beyond lower-casing (ſ and s), each mapped to one."""


@cache
def shipped() -> ShippedIndex:
    """The shipped index; empty when it is missing, unreadable or stamped with another analyser version."""
    try:
        raw = json.loads(resources.files("cleaner").joinpath(INDEX_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ShippedIndex({}, {})
    if not isinstance(raw, dict) or raw.get("analyser") != ANALYSER_VERSION:
        return ShippedIndex({}, {})
    analyses = {
        (flags, source): Analysis(
            tuple(needs), anchored, None if side is None else (side, tuple(keys)), (shortest, longest)
        )
        for flags, source, needs, anchored, side, keys, shortest, longest in raw["patterns"]
    }
    return ShippedIndex(analyses, {int(variant): canonical for variant, canonical in raw["case_fold"]})


def analysis(flags: int, source: str) -> Analysis:
    """The shipped analysis of a pattern, or ``UNKNOWN``."""
    return shipped().analyses.get((flags, source), UNKNOWN)
