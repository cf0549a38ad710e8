"""The benchmark: cleaner and its peers, side by side, on the same pages, in one run.

    make bench                      # everything: quality + in-process speed table, then whole-process speed
    python bench/run.py --mode html,page --only cleaner,trafilatura --json figures.json

Modes (see ../shared/bench/README.md):
  html       the page as fetched                         -> find the article body
  page       the whole page flattened to text            -> find the article among everything else
  container  the article's region flattened to text      -> remove the widgets, keep every paragraph
  harm       the answer itself as text ("do no harm")    -> remove nothing: recall is the figure

Speed is measured in process, pinned to one core, around the extraction call only
(decompression and reading excluded), after one untimed warm-up call: the fastest of three rounds.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import throughput
from bench.data import Page, available, pages, scrapinghub_dir
from bench.metric import Score, aggregate, score_document
from bench.peers import BASELINE, Extractor, extractors, names, text_as_html
from bench.table import Column, print_table
from bench.timing import pin_to_one_core

MODES = ("html", "page", "container", "harm")
ROUNDS = 3
"""Each extractor runs over each mode's pages this many times; its speed is its fastest round's."""

IN_SAMPLE_NOTE = (
    "note: cleaner's text-mode model is fitted on these pages, so its page/container/harm figures are in-sample;\n"
    "      `python -m bench.train_text cv` gives the cross-validated (held-out) ones."
)


@dataclass(frozen=True)
class Row:
    """One extractor's figures in one mode."""

    mode: str
    extractor: str
    version: str
    score: Score
    seconds: float | None
    megabytes: float
    errors: int
    first_error: str | None = None
    page_f1: tuple[float, ...] = ()
    """Each page's own F1, in corpus order."""

    @property
    def docs_per_second(self) -> float | None:
        return self.score.documents / self.seconds if self.seconds else None

    @property
    def megabytes_per_second(self) -> float | None:
        return self.megabytes / self.seconds if self.seconds else None


def mode_inputs(mode: str, corpus: list[Page]) -> list[str]:
    """What each page looks like in ``mode``, read and decompressed before any clock starts."""
    readers: dict[str, Callable[[Page], str]] = {
        "html": Page.html,
        "page": Page.page_text,
        "container": Page.container_text,
        "harm": lambda page: page.truth,
    }
    return [readers[mode](page) for page in corpus]


def run_one(mode: str, extractor: Extractor, inputs: list[str], truths: list[str]) -> Row:
    """Time ``extractor`` over ``inputs`` (one call per document) and score its outputs against ``truths``."""
    if mode == "html":
        extract, fed = extractor.from_html, inputs
    elif extractor.from_text is not None:
        extract, fed = extractor.from_text, inputs
    else:
        extract, fed = extractor.from_html, [text_as_html(text) for text in inputs]
    _safely(extract, fed[0])  # warm-up: lazy imports, compiled patterns, caches
    # The harness's own heap (every page in every form, every extractor's modules, earlier outputs) is
    # no extractor's: frozen, the cyclic collector leaves it out of the collections an extractor's
    # allocations set off, as it would in a process of that extractor's own.
    gc.collect()
    gc.freeze()
    outputs: list[str] = []
    failures: list[str] = []
    elapsed = _timed_round(extract, fed, outputs, failures)
    for _ in range(ROUNDS - 1):  # the fastest round: other load on the machine only ever slows one
        elapsed = min(elapsed, _timed_round(extract, fed, [], []))
    documents = [score_document(truth, output) for truth, output in zip(truths, outputs, strict=True)]
    score = aggregate(documents)
    timed = not (extractor.name == BASELINE and mode != "html")  # passing text through is not a speed
    megabytes = sum(len(text.encode("utf-8")) for text in inputs) / 1e6
    seconds = elapsed / 1e9 if timed else None
    first_error = failures[0] if failures else None
    page_f1 = tuple(d.f1 for d in documents)
    return Row(mode, extractor.name, extractor.version, score, seconds, megabytes, len(failures), first_error, page_f1)


def _timed_round(extract: Callable[[str], str], fed: list[str], outputs: list[str], failures: list[str]) -> int:
    """Nanoseconds spent in the ``extract`` calls over ``fed``, one call a document; what each call gives is
    added to ``outputs`` ("" for a failure, which goes to ``failures``)."""
    elapsed = 0
    for document in fed:
        start = time.perf_counter_ns()
        output = _safely(extract, document)
        elapsed += time.perf_counter_ns() - start
        if isinstance(output, Exception):
            failures.append(f"{type(output).__name__}: {output}")
            output = ""
        outputs.append(output)
    return elapsed


def _safely(extract: Callable[[str], str], document: str) -> str | Exception:
    """The extractor's output, or the exception it raised (one page failing must not stop the run)."""
    try:
        return extract(document)
    except Exception as error:
        return error


COLUMNS = [
    Column("mode", "mode"),
    Column("extractor", "extractor"),
    Column("F1", "f1", ".3f"),
    Column("precision", "precision", ".3f"),
    Column("recall", "recall", ".3f"),
    Column("accuracy", "accuracy", ".3f"),
    Column("docs/s/core", "docs_per_second", ".1f"),
    Column("MB/s", "megabytes_per_second", ".2f"),
]


def table_rows(rows: list[Row]) -> list[dict[str, object]]:
    return [
        {
            "mode": row.mode,
            "extractor": f"{row.extractor} {row.version}".strip() + (f" ({row.errors} errors)" if row.errors else ""),
            "f1": row.score.f1,
            "precision": row.score.precision,
            "recall": row.score.recall,
            "accuracy": row.score.accuracy,
            "docs_per_second": row.docs_per_second,
            "megabytes_per_second": row.megabytes_per_second,
        }
        for row in rows
    ]


def print_worst(rows: list[Row], corpus: list[Page], count: int) -> None:
    """Per mode, the ``count`` pages where cleaner trails the best other extractor most (places to look)."""
    for mode in dict.fromkeys(row.mode for row in rows):
        ours = next((r for r in rows if r.mode == mode and r.extractor == "cleaner"), None)
        peers = [r for r in rows if r.mode == mode and r.extractor not in ("cleaner", BASELINE)]
        if ours is None or not peers:
            continue
        print(f"\n{mode}: pages where cleaner trails the best peer most")
        gaps = []
        for i, page in enumerate(corpus):
            best = max(peers, key=lambda r: r.page_f1[i])
            gaps.append((best.page_f1[i] - ours.page_f1[i], page.id, ours.page_f1[i], best.extractor, best.page_f1[i]))
        for gap, page_id, f1, peer, peer_f1 in sorted(gaps, reverse=True)[:count]:
            print(f"  {page_id[:12]}  cleaner {f1:.3f}  {peer} {peer_f1:.3f}  gap {gap:+.3f}")


def parse_list(value: str, allowed: list[str] | tuple[str, ...]) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v.lower() not in {a.lower() for a in allowed}]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown {', '.join(unknown)}; choose from {', '.join(allowed)}")
    return chosen


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--mode", type=lambda v: parse_list(v, MODES), default=list(MODES), help=f"comma-separated: {', '.join(MODES)}"
    )
    parser.add_argument(
        "--only", type=lambda v: parse_list(v, names()), help=f"comma-separated extractors: {', '.join(names())}"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the figures as JSON")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list the N pages where cleaner trails most")
    parser.add_argument("--no-speed", action="store_true", help="skip the whole-process throughput comparison")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if not available():
        print(f"benchmark data not found at {scrapinghub_dir()}; set BENCH_DATA", file=sys.stderr)
        return 2
    pinned = pin_to_one_core()
    corpus = pages()
    truths = [page.truth for page in corpus]
    chosen = extractors({name.lower() for name in args.only} if args.only else None)
    rows: list[Row] = []
    for mode in [m for m in MODES if m in args.mode]:
        inputs = mode_inputs(mode, corpus)
        rows += [run_one(mode, extractor, inputs, truths) for extractor in chosen]
    print_table(
        f"{len(corpus)} pages from {scrapinghub_dir()}; in process, {pinned}, extraction call timed only",
        COLUMNS,
        table_rows(rows),
        grouped=True,
    )
    for row in rows:
        if row.first_error:
            print(
                f"  {row.extractor} failed on {row.errors} {row.mode} pages (scored as empty); first: {row.first_error}"
            )
    if any(row.extractor == "cleaner" and row.mode != "html" for row in rows):
        print(IN_SAMPLE_NOTE)
    if args.worst:
        print_worst(rows, corpus, args.worst)
    speed: list[throughput.Run] = []
    if not args.no_speed and "html" in args.mode:
        speed = throughput.measure(corpus, {e.name for e in chosen})
        print()
        throughput.report(speed, len(corpus))
    if args.json:
        payload = {
            "pages": len(corpus),
            "data": str(scrapinghub_dir()),
            "python": platform.python_version(),
            "timing": pinned,
            "page_ids": [page.id for page in corpus],
            "rows": [
                {**asdict(row), "docs_per_second": row.docs_per_second, "mb_per_second": row.megabytes_per_second}
                for row in rows
            ],
            "whole_process": [asdict(run) for run in speed],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
