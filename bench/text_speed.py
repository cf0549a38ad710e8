"""Text mode speed: MB/s of page/, container/ and both, on one core.

    .venv/bin/python -m bench.text_speed

Each text is read before any clock starts; ``clean_text(text, Options(input_format="text"))``
is timed around each call. Every figure is the fastest of ROUNDS rounds of CPU time (other load
on the machine only ever slows a round). MB/s is UTF-8 input megabytes per second.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from bench.data import available, pages, scrapinghub_dir
from bench.table import Column, print_table
from bench.timing import pin_to_one_core
from cleaner import Options, clean_text

ROUNDS = 5


def _whole_seconds(texts: list[str], options: Options) -> float:
    """CPU seconds of the ``clean_text`` calls alone over all ``texts`` (one round)."""
    spent = 0.0
    for text in texts:
        start = time.process_time()
        clean_text(text, options)
        spent += time.process_time() - start
    return spent


def measure(inputs: dict[str, list[str]]) -> list[dict[str, object]]:
    """One row per input set and one for all of them: megabytes, seconds and MB/s of the clean_text calls."""
    options = Options(input_format="text")
    clean_text(next(iter(inputs.values()))[0], options)  # warm-up: rule catalogue, model, stop words
    rows: list[dict[str, object]] = []
    totals: dict[str, float] = dict.fromkeys(("megabytes", "whole"), 0.0)
    for name, texts in inputs.items():
        megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
        whole = min(_whole_seconds(texts, options) for _ in range(ROUNDS))
        totals["megabytes"] += megabytes
        totals["whole"] += whole
        rows.append(_row(name, megabytes, whole))
    rows.append(_row("all text", totals["megabytes"], totals["whole"]))
    return rows


def _row(name: str, megabytes: float, whole: float) -> dict[str, object]:
    return {"input": name, "megabytes": megabytes, "seconds": whole, "whole": megabytes / whole}


COLUMNS = [
    Column("input", "input"),
    Column("MB", "megabytes", ".2f"),
    Column("seconds", "seconds", ".3f"),
    Column("MB/s clean_text", "whole", ".2f"),
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
