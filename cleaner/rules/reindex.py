"""Rewrite the shipped index of the built-in patterns' analyses (see :mod:`cleaner.rules.index`).

    .venv/bin/python -m cleaner.rules.reindex

Run it after changing a built-in rule's patterns or the analyser (``prefilter.py``); the test
suite says so when the shipped index differs from what this would write. Run it under each Python
the project supports: a version whose analyses come out as the shipped ones is added to the stamp.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

from cleaner.rules import Rule, builtin_rules
from cleaner.rules.index import INDEX_FILE, index_text


def builtin_index_text(pythons: list[str] | None = None) -> str:
    """What the index file should hold for the built-in rules as they are now, stamped for this Python and
    ``pythons``; by default for those the shipped index is stamped for when its analyses are these."""
    patterns = [pattern for rule in builtin_rules() if isinstance(rule, Rule) for pattern in rule.patterns]
    if pythons is None:
        pythons = _shipped_pythons(index_text(patterns))
    return index_text(patterns, pythons)


def _shipped_pythons(now: str) -> list[str]:
    """The Python versions the shipped index is stamped for, when it holds what ``now`` holds (same analyser,
    same analyses); none otherwise."""
    try:
        shipped = json.loads(resources.files("cleaner").joinpath(INDEX_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    fresh = json.loads(now)
    same = (
        shipped.get("patterns") == fresh["patterns"]
        and shipped.get("stamp", {}).get("analyser") == (fresh["stamp"]["analyser"])
    )
    pythons = shipped.get("stamp", {}).get("python", [])
    return list(pythons) if same and isinstance(pythons, list) else []


def main() -> int:
    path = Path(str(resources.files("cleaner").joinpath(INDEX_FILE)))
    text = builtin_index_text()
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}, for Python {', '.join(json.loads(text)['stamp']['python'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
