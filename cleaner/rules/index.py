"""The built-in patterns' analyses, worked out ahead of time and shipped with the package.

Analysing a pattern for the rule matcher (:func:`cleaner.rules.prefilter.analysed`) takes
about a millisecond, and every process that builds a rule set used to analyse all the
built-in patterns: about half a second, most of what ``clean`` spends on one small file.
An analysis depends only on the pattern's source and flags, on the analyser's code and on
the Python version (whose regex parser it reads), so the built-in patterns' analyses are
worked out once, by ``python -m cleaner.rules.reindex``, and shipped in
``cleaner/data/rule_index.json``, stamped with a hash of the analyser's source and the Python
versions it was built with (run under each, reindex adds the version when its analyses come out
the same, and starts the list again when they differ). A pattern the index does not hold (a
user's rule, or one added since the index was built) is analysed as before, and so is every
pattern when the stamp does not match: a stale index costs time, never a different result. The
test suite rebuilds the index and fails when the shipped one differs.

A shipped file rather than a cache written at run time: cleaning stays free of writes
outside its output, read-only installs and parallel workers need no locking, and the
first run is as fast as the others.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from cleaner.rules import prefilter
from cleaner.rules.prefilter import Analysis, Source, analysed, can_analyse

INDEX_FILE = "data/rule_index.json"
"""Where the index ships, relative to the ``cleaner`` package."""


def stamp() -> dict[str, str]:
    """What the analyses depend on besides the patterns: the Python version and the analyser's source."""
    try:
        source = Path(prefilter.__file__).read_bytes().replace(b"\r\n", b"\n")
    except OSError:  # pragma: no cover - an install without the source: the index is never used
        source = b""
    return {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "analyser": hashlib.sha256(source).hexdigest(),
    }


def analyse(pattern: Source) -> Analysis:
    """The pattern's analysis: from the shipped index when it holds the pattern, else worked out now."""
    if can_analyse():
        shipped = _shipped().get((pattern.flags, pattern.pattern))
        if shipped is not None:
            return shipped
    return analysed(pattern)


@cache
def _shipped() -> dict[tuple[int, str], Analysis]:
    """The shipped analyses by (flags, source); none when the index is missing, unreadable or stamped otherwise."""
    try:
        raw = json.loads(resources.files("cleaner").joinpath(INDEX_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or not holds_for_now(raw.get("stamp")):
        return {}
    return {
        (flags, source): Analysis(
            tuple(needs), anchored, None if side is None else (side, tuple(keys)), (shortest, longest)
        )
        for flags, source, needs, anchored, side, keys, shortest, longest in raw["patterns"]
    }


def holds_for_now(shipped: object) -> bool:
    """Whether an index stamped ``shipped`` holds for this process: the same analyser, a Python it was built with."""
    now = stamp()
    if not isinstance(shipped, dict) or not isinstance(shipped.get("python"), list):
        return False  # (an index from before versions were listed says "3.11" alone)
    return shipped.get("analyser") == now["analyser"] and now["python"] in shipped["python"]


def index_of(patterns: Iterable[Source], pythons: Iterable[str] = ()) -> dict[str, Any]:
    """The index file's content for these patterns (as JSON values), each analysed now, stamped for this
    Python and ``pythons`` (other versions that give the same analyses)."""
    by_key = {(p.flags, p.pattern): p for p in patterns}
    entries = []
    for flags, source in sorted(by_key, key=lambda key: (key[1], key[0])):
        analysis = analysed(by_key[flags, source])
        side, keys = analysis.edges if analysis.edges is not None else (None, ())
        entries.append([flags, source, list(analysis.needs), analysis.anchored, side, list(keys), *analysis.lengths])
    now = stamp()
    return {"stamp": {"python": sorted({now["python"], *pythons}), "analyser": now["analyser"]}, "patterns": entries}


def index_text(patterns: Iterable[Source], pythons: Iterable[str] = ()) -> str:
    """``index_of`` as the index file is written: one pattern a line, so that a change reads as a small diff."""
    index = index_of(patterns, pythons)
    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in index["patterns"])
    return f'{{"stamp": {json.dumps(index["stamp"])},\n"patterns": [\n{lines}\n]}}\n'
