"""Whole-process throughput: each tool's own command line over a folder of pages, start-up included.

    python bench/throughput.py          # or as part of `make bench`

The pages are decompressed into a temporary folder first (not timed); then
``clean DIR -o OUT -j 1`` and ``trafilatura --input-dir DIR --output-dir OUT --parallel 1``
are each timed wall-clock from launch to exit, on one core, best of two rounds. Start-up alone
(``--version``) is shown too, so the per-page cost can be read off.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.data import Page, available, pages, scrapinghub_dir
from bench.metric import aggregate, score_document
from bench.table import Column, print_table
from bench.timing import pin_to_one_core

ROUNDS = 2
"""Each command runs this many times and the fastest counts: other load on the machine only ever slows a run."""


@dataclass(frozen=True)
class Run:
    """One command over the folder: how long it took, how many outputs it wrote, and their F1 if scorable."""

    tool: str
    command: str
    seconds: float
    startup_seconds: float
    outputs: int
    f1: float | None
    exit_code: int


def _executable(name: str) -> str | None:
    """The tool installed next to this Python (the project's venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


def _timed(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, completed.returncode


def _score_by_name(out: Path, corpus: list[Page]) -> float:
    """F1 of ``OUT/<id>.txt`` files against the answers (a missing file counts as an empty answer)."""
    scores = []
    for page in corpus:
        path = out / f"{page.id}.txt"
        predicted = path.read_text(encoding="utf-8") if path.is_file() else ""
        scores.append(score_document(page.truth, predicted))
    return aggregate(scores).f1


@dataclass(frozen=True)
class Tool:
    name: str
    executable: str
    command: Callable[[str, Path, Path], list[str]]
    scorable: bool
    """trafilatura names its outputs by a content hash (its --keep-dirs misplaces files), so only ours are scored."""


TOOLS = (
    Tool("cleaner", "clean", lambda exe, src, out: [exe, str(src), "-o", str(out), "-j", "1"], True),
    Tool(
        "trafilatura",
        "trafilatura",
        lambda exe, src, out: [exe, "--input-dir", str(src), "--output-dir", str(out), "--parallel", "1"],
        False,
    ),
)


def measure(corpus: list[Page], only: set[str] | None = None) -> list[Run]:
    """Run each installed tool's CLI over the decompressed pages; returns one :class:`Run` per tool."""
    runs = []
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        src = Path(tmp) / "html"
        src.mkdir()
        for page in corpus:
            (src / f"{page.id}.html").write_bytes(page.html_bytes())
        for tool in TOOLS:
            exe = _executable(tool.executable)
            if exe is None or (only is not None and tool.name not in only):
                continue
            startup = min(_timed([exe, "--version"])[0] for _ in range(ROUNDS))
            timings = []
            for round_ in range(ROUNDS):  # a fresh output folder each round; the fastest round counts
                out = Path(tmp) / f"out-{tool.name}-{round_}"
                command = tool.command(exe, src, out)
                timings.append(_timed(command))
            seconds, code = min(t for t, _ in timings), max(c for _, c in timings)
            written = sorted(out.rglob("*.txt")) if out.is_dir() else []
            f1 = _score_by_name(out, corpus) if tool.scorable else None
            shown = " ".join(tool.command(tool.executable, Path("DIR"), Path("OUT")))
            runs.append(Run(tool.name, shown, seconds, startup, len(written), f1, code))
    return runs


COLUMNS = [
    Column("tool", "tool"),
    Column("command", "command"),
    Column("seconds", "seconds", ".2f"),
    Column("start-up s", "startup", ".2f"),
    Column("pages/s", "pages_per_second", ".1f"),
    Column("outputs", "outputs"),
    Column("F1 of outputs", "f1", ".3f"),
    Column("exit", "exit"),
]


def report(runs: list[Run], total: int) -> None:
    rows: list[dict[str, object]] = [
        {
            "tool": run.tool,
            "command": run.command,
            "seconds": run.seconds,
            "startup": run.startup_seconds,
            "pages_per_second": total / run.seconds,
            "outputs": f"{run.outputs}/{total}",
            "f1": run.f1,
            "exit": str(run.exit_code),
        }
        for run in runs
    ]
    print_table(f"Whole process over {total} pages (one folder, one core, start-up included)", COLUMNS, rows)


def main() -> int:
    if not available():
        print(f"benchmark data not found at {scrapinghub_dir()}; set BENCH_DATA", file=sys.stderr)
        return 2
    pin_to_one_core()
    corpus = pages()
    report(measure(corpus), len(corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
