"""Text mode speed, stage by stage: MB/s of page/, container/ and both, on one core.

    .venv/bin/python -m bench.text_speed

Each text is read before any clock starts; each stage of the text pipeline (what
``clean_text(text, Options(input_format="text"))`` runs, in its order) is timed around its
own call, and the whole call is timed on its own as well. Every figure is the fastest of
ROUNDS rounds of CPU time (other load on the machine only ever slows a round). MB/s is
UTF-8 input megabytes per second.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.data import available, pages, scrapinghub_dir
from bench.table import Column, print_table
from bench.timing import pin_to_one_core
from cleaner import Options, clean_text
from cleaner.classify import classify_blocks, remove_kept_repeats
from cleaner.rules import RuleSet
from cleaner.structure import classify_structure
from cleaner.textblocks import split_lines

ROUNDS = 5
STAGES = ("split lines", "pattern rules", "structure", "final repeats")


def _stage_seconds(texts: list[str], rules: RuleSet) -> dict[str, float]:
    """CPU seconds spent in each stage over all ``texts`` (one round)."""
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time

    def timed(stage: str, step: Callable[..., Any], *args: Any) -> Any:
        start = clock()
        value = step(*args)
        spent[stage] += clock() - start
        return value

    for text in texts:
        blocks = timed("split lines", split_lines, text)
        decisions = timed("pattern rules", classify_blocks, blocks, rules)
        structured, _ = timed("structure", classify_structure, decisions, rules)
        timed("final repeats", remove_kept_repeats, structured, rules)
    return spent


def _whole_seconds(texts: list[str], options: Options) -> float:
    """CPU seconds of the ``clean_text`` calls alone over all ``texts`` (one round)."""
    spent = 0.0
    for text in texts:
        start = time.process_time()
        clean_text(text, options)
        spent += time.process_time() - start
    return spent


def measure(inputs: dict[str, list[str]]) -> list[dict[str, object]]:
    """One row per input set and one for all of them: megabytes, then MB/s of the whole call and of each stage."""
    options = Options(input_format="text")
    clean_text(next(iter(inputs.values()))[0], options)  # warm-up: rule catalogue, model, stop words
    rows: list[dict[str, object]] = []
    totals: dict[str, float] = dict.fromkeys(("megabytes", "whole", *STAGES), 0.0)
    for name, texts in inputs.items():
        megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
        whole = min(_whole_seconds(texts, options) for _ in range(ROUNDS))
        rounds = [_stage_seconds(texts, options.rules) for _ in range(ROUNDS)]
        stages = {stage: min(r[stage] for r in rounds) for stage in STAGES}
        for key, seconds in (("megabytes", megabytes), ("whole", whole), *stages.items()):
            totals[key] += seconds
        rows.append(_row(name, megabytes, whole, stages))
    rows.append(_row("all text", totals["megabytes"], totals["whole"], {s: totals[s] for s in STAGES}))
    return rows


def _row(name: str, megabytes: float, whole: float, stages: dict[str, float]) -> dict[str, object]:
    row: dict[str, object] = {"input": name, "megabytes": megabytes, "seconds": whole, "whole": megabytes / whole}
    row.update({stage: megabytes / seconds for stage, seconds in stages.items() if seconds})
    return row


COLUMNS = [
    Column("input", "input"),
    Column("MB", "megabytes", ".2f"),
    Column("seconds", "seconds", ".3f"),
    Column("MB/s clean_text", "whole", ".2f"),
    *(Column(f"MB/s {stage}", stage, ".1f") for stage in STAGES),
]


def main() -> int:
    if not available():
        print(f"benchmark data not found at {scrapinghub_dir()}; set BENCH_DATA", file=sys.stderr)
        return 2
    pinned = pin_to_one_core()
    corpus = pages()
    inputs = {"page": [p.page_text() for p in corpus], "container": [p.container_text() for p in corpus]}
    title = f"Text mode over {len(corpus)} pages ({pinned}, CPU time, fastest of {ROUNDS} rounds)"
    print_table(title, COLUMNS, measure(inputs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
