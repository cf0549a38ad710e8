"""Rewrite the shipped index of the built-in patterns' analyses (see :mod:`cleaner.rules.index`).

    .venv/bin/python -m cleaner.rules.reindex

Run it after changing a built-in rule's patterns or the analyser (and then raise ``ANALYSER_VERSION``);
the test suite says when the shipped index differs from what this would write.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

from cleaner.rules.analyser import analysed, case_fold_table
from cleaner.rules.index import ANALYSER_VERSION, INDEX_FILE
from cleaner.rules.registry import builtin_rules
from cleaner.rules.schema import Rule


def builtin_index_text() -> str:
    """What the index file should hold for the built-in rules as they are now: one pattern a line, so that a
    change reads as a small diff."""
    patterns = {(p.flags, p.pattern): p for rule in builtin_rules() if isinstance(rule, Rule) for p in rule.patterns}
    entries = []
    for flags, source in sorted(patterns, key=lambda key: (key[1], key[0])):
        analysis = analysed(patterns[flags, source])
        side, keys = analysis.edges if analysis.edges is not None else (None, ())
        entry = [flags, source, list(analysis.needs), analysis.anchored, side, list(keys), *analysis.lengths]
        entries.append(json.dumps(entry, ensure_ascii=False))
    case_fold = json.dumps([[variant, canonical] for variant, canonical in case_fold_table().items()])
    lines = ",\n".join(entries)
    return f'{{"analyser": {ANALYSER_VERSION},\n"case_fold": {case_fold},\n"patterns": [\n{lines}\n]}}\n'


def main() -> int:
    path = Path(str(resources.files("cleaner").joinpath(INDEX_FILE)))
    path.write_text(builtin_index_text(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
