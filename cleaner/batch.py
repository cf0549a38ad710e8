"""Folder in, folder out: plan jobs, clean each in worker processes, write atomically.

A job is one input file, or one archive whose members are written below a
folder named after it. Every error is caught per document and comes back as
an :class:`Outcome` naming the document, so one bad file never stops a run.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePath

from cleaner.model import Result
from cleaner.pipeline import Options, clean_bytes
from cleaner.render import EXTENSIONS, render
from cleaner.sources import ArchiveError, archive_stem, is_archive, read_archive, walk

MAX_CHUNK = 8
"""Jobs handed to a worker at once: big enough to save overhead, small enough for a lively progress bar."""
AHEAD_PER_WORKER = 4
"""Stream mode: documents read ahead of the one being printed, per worker (bounds the memory held)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One input file and where its output goes (for an archive: the folder its members go to)."""

    path: Path
    out: Path
    archive: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """One document to clean in stream mode, or why it could not be read."""

    name: str
    data: bytes | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A stream-mode document cleaned, or why it could not be."""

    name: str
    result: Result | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one document: written, skipped as up to date, or failed with a reason."""

    name: str
    error: str | None = None
    skipped: bool = False


def output_name(relative: PurePath, fmt: str) -> PurePath:
    """``a/b/page.html.gz`` -> ``a/b/page.txt`` (for text): the input's extension and any .gz replaced."""
    name = relative.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = PurePath(name).stem if PurePath(name).suffix else name
    return relative.with_name((stem or name) + EXTENSIONS[fmt])


def job_for(path: Path, relative: Path, out_dir: Path, fmt: str) -> Job:
    """The job for ``path``, written below ``out_dir`` at ``relative`` (archives: a folder named by stem)."""
    if is_archive(path):
        return Job(path, out_dir / relative.parent / archive_stem(relative.name), archive=True)
    return Job(path, out_dir / output_name(relative, fmt))


def plan(folder: Path, out_dir: Path, fmt: str) -> list[Job]:
    """A job for each file below ``folder``, mirroring the tree into ``out_dir``."""
    return [job_for(p, p.relative_to(folder), out_dir, fmt) for p in walk(folder)]


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str) -> None:
    """Write via a temporary file in the same folder and rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would have.
        os.fchmod(fd, 0o666 & ~_current_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_up_to_date(out: Path, source: Path) -> bool:
    """For --resume: the output exists and is not older than its input."""
    try:
        return out.stat().st_mtime >= source.stat().st_mtime
    except OSError:
        return False


def describe_error(exc: BaseException, subject: str | None = None) -> str:
    """A one-line reason for a failure, for the user: no traceback, but never empty.

    ``subject`` is the file the message is already about; an OS error naming another file names it.
    """
    return " ".join(_reason(exc, subject).split())


def _reason(exc: BaseException, subject: str | None) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        other = exc.filename is not None and str(exc.filename) != subject
        return f"{exc.strerror} ({exc.filename})" if other else exc.strerror
    if isinstance(exc, RecursionError):
        return "document nested too deeply to read"
    if isinstance(exc, ValueError | MemoryError):
        return str(exc) or type(exc).__name__
    # Not a problem with the input we know of: a bug. Still one line, still naming the file.
    return f"internal error ({type(exc).__name__}: {exc})"


def _clean_to(out: Path, data: bytes, name: str, fmt: str, options: Options) -> Outcome:
    try:
        write_atomic(out, render(clean_bytes(data, options, source=name), fmt))
    except Exception as exc:
        return Outcome(name, describe_error(exc))
    return Outcome(name)


def _archive_outcomes(job: Job, fmt: str, options: Options, resume: bool) -> Iterator[Outcome]:
    written: dict[Path, str] = {}
    try:
        for member in read_archive(job.path):
            name = f"{job.path}:{member.path}"
            if member.error is not None or member.data is None:
                yield Outcome(name, member.error or "unreadable member")
                continue
            out = job.out / output_name(member.path, fmt)
            if out in written:
                yield Outcome(name, f"would overwrite the output of {written[out]}: skipped")
                continue
            written[out] = name
            if resume and is_up_to_date(out, job.path):
                yield Outcome(name, skipped=True)
                continue
            yield _clean_to(out, member.data, name, fmt, options)
    except (ArchiveError, OSError) as exc:
        yield Outcome(str(job.path), describe_error(exc, str(job.path)))


def run_job(job: Job, fmt: str, options: Options, resume: bool = False) -> list[Outcome]:
    """Clean one file (or each member of one archive) and write the output; errors become Outcomes."""
    if job.archive:
        return list(_archive_outcomes(job, fmt, options, resume))
    name = str(job.path)
    if resume and is_up_to_date(job.out, job.path):
        return [Outcome(name, skipped=True)]
    try:
        data = job.path.read_bytes()
    except OSError as exc:
        return [Outcome(name, describe_error(exc, name))]
    return [_clean_to(job.out, data, name, fmt, options)]


@dataclass(frozen=True, slots=True)
class _Settings:
    """What every job of one run shares: handed to each worker process once, not with every chunk."""

    fmt: str
    options: Options
    resume: bool


_worker_settings: _Settings | None = None
"""This worker process's settings, set once by :func:`_start_worker` (unused in the parent)."""


def _start_worker(settings: _Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    # Ctrl-C reaches every process in the group; only the parent should react (and say so once),
    # not each worker with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _settings() -> _Settings:
    if _worker_settings is None:  # pragma: no cover - the pool's initializer always runs first
        raise RuntimeError("worker process started without its settings")
    return _worker_settings


def _run_in_worker(job: Job) -> list[Outcome]:
    settings = _settings()
    return run_job(job, settings.fmt, settings.options, settings.resume)


def clean_document(document: Document, options: Options) -> Cleaned:
    """Clean one stream-mode document; a read error, or any error cleaning it, comes back named."""
    if document.error is not None or document.data is None:
        return Cleaned(document.name, error=document.error or "nothing to read")
    try:
        return Cleaned(document.name, clean_bytes(document.data, options, source=document.name))
    except Exception as exc:
        return Cleaned(document.name, error=describe_error(exc))


def _clean_in_worker(document: Document) -> Cleaned:
    return clean_document(document, _settings().options)


def clean_in_order(documents: Iterable[Document], options: Options, workers: int = 1) -> Iterator[Cleaned]:
    """Every document cleaned, in the order given; with ``workers`` > 1 in that many processes.

    Documents are read only a few ahead of the one handed back (AHEAD_PER_WORKER per worker), so a
    folder of any size streams through in bounded memory, and output order never depends on timing.
    """
    if workers <= 1:
        for document in documents:
            yield clean_document(document, options)
        return
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(_Settings("text", options, False),))
    pending: deque[Future[Cleaned]] = deque()
    try:
        for document in documents:
            pending.append(pool.submit(_clean_in_worker, document))
            while pending and (len(pending) > workers * AHEAD_PER_WORKER or pending[0].done()):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:  # also when the reader stops early (a closed pipe): drop the work not yet started
        pool.shutdown(wait=True, cancel_futures=True)


def run_batch(
    jobs: list[Job],
    fmt: str,
    options: Options,
    workers: int = 1,
    resume: bool = False,
    on_done: Callable[[list[Outcome]], None] | None = None,
) -> list[Outcome]:
    """Run every job; with ``workers`` > 1 in that many processes. Outcomes come in job order.

    ``on_done`` is called once per job, with that job's outcomes, as it finishes.
    """
    outcomes: list[Outcome] = []

    def done(job_outcomes: list[Outcome]) -> None:
        outcomes.extend(job_outcomes)
        if on_done:
            on_done(job_outcomes)

    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            done(run_job(job, fmt, options, resume))
        return outcomes
    n = len(jobs)
    # The options (with the whole rule set) go to each worker once, through the initializer; the chunks
    # carry only jobs.
    settings = _Settings(fmt, options, resume)
    with ProcessPoolExecutor(max_workers=min(workers, n), initializer=_start_worker, initargs=(settings,)) as pool:
        chunk = max(1, min(MAX_CHUNK, n // (workers * 4)))
        for job_outcomes in pool.map(_run_in_worker, jobs, chunksize=chunk):
            done(job_outcomes)
    return outcomes
