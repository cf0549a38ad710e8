"""Rewrite the shipped index of the built-in patterns' analyses (see :mod:`cleaner.rules.index`).

    .venv/bin/python -m cleaner.rules.reindex

Run it after changing a built-in rule's patterns or the analyser (``prefilter.py``); the test
suite says so when the shipped index differs from what this would write.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from cleaner.rules import Rule, builtin_rules
from cleaner.rules.index import INDEX_FILE, index_text


def builtin_index_text() -> str:
    """What the index file should hold for the built-in rules as they are now."""
    return index_text(pattern for rule in builtin_rules() if isinstance(rule, Rule) for pattern in rule.patterns)


def main() -> int:
    path = Path(str(resources.files("cleaner").joinpath(INDEX_FILE)))
    path.write_text(builtin_index_text(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
