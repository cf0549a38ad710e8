"""Folder in, folder out: walk inputs, clean each in worker processes, write atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cleaner.decode import DecodeError
from cleaner.pipeline import Options, clean_bytes
from cleaner.render import EXTENSIONS, render


@dataclass(frozen=True, slots=True)
class Job:
    """One input file and where its output goes."""

    path: Path
    out: Path


@dataclass(frozen=True, slots=True)
class Outcome:
    path: Path
    error: str | None = None
    skipped: bool = False


def output_name(relative: Path, fmt: str) -> Path:
    """``a/b/page.html.gz`` -> ``a/b/page.txt`` (for text): the input's extension and any .gz replaced."""
    name = relative.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = Path(name).stem if Path(name).suffix else name
    return relative.with_name(stem + EXTENSIONS[fmt])


def walk(folder: Path) -> Iterator[Path]:
    """Regular files below ``folder``, sorted, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def plan(folder: Path, out_dir: Path, fmt: str) -> list[Job]:
    return [Job(p, out_dir / output_name(p.relative_to(folder), fmt)) for p in walk(folder)]


def write_atomic(path: Path, data: str) -> None:
    """Write via a temporary file in the same folder and rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_up_to_date(job: Job) -> bool:
    """For --resume: the output exists and is not older than its input."""
    try:
        return job.out.stat().st_mtime >= job.path.stat().st_mtime
    except OSError:
        return False


def run_job(job: Job, fmt: str, options: Options) -> Outcome:
    """Clean one file and write its output; errors become an Outcome, never an exception."""
    try:
        data = job.path.read_bytes()
        result = clean_bytes(data, options, source=str(job.path))
        write_atomic(job.out, render(result, fmt))
    except (OSError, DecodeError, ValueError, RecursionError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Outcome(job.path, message or type(exc).__name__)
    return Outcome(job.path)


def run_batch(
    jobs: list[Job],
    fmt: str,
    options: Options,
    workers: int = 1,
    resume: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Run every job; with ``workers`` > 1 in that many processes. Order of outcomes = order of jobs."""
    outcomes: list[Outcome] = []
    todo: list[Job] = []
    for job in jobs:
        if resume and is_up_to_date(job):
            outcome = Outcome(job.path, skipped=True)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
        else:
            todo.append(job)
    if workers <= 1 or len(todo) <= 1:
        for job in todo:
            outcome = run_job(job, fmt, options)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
        return outcomes
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, min(32, len(todo) // (workers * 4)))
        for outcome in pool.map(run_job, todo, [fmt] * len(todo), [options] * len(todo), chunksize=chunk):
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    return outcomes
