"""The engine: Documents cleaned one after another or in worker processes, through one worker function.

:func:`clean_document` (a Document and the run's Settings, both picklable) is the unit any engine maps;
every error comes back as an :class:`Outcome` naming the document, so one bad file never stops a run.
"""

from __future__ import annotations

import functools
import multiprocessing
import pickle
import signal
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path, PurePath
from typing import TypeVar, cast

from cleaner.inputs.archives import archive_stem, is_archive
from cleaner.inputs.read import MAX_BYTES, STDIN, Document, describe_error, files, is_container, read_path
from cleaner.inputs.warc import warc_stem
from cleaner.model import Result
from cleaner.outputs import render
from cleaner.outputs.write import is_up_to_date, output_name, write_atomic
from cleaner.pipeline import Options, clean_bytes, survey_bytes
from cleaner.pool import GRACE, HELPER_CONTEXT, Pool
from cleaner.templates import Batch, PageUnits, Templates, folder_of, learn

_Answer = TypeVar("_Answer")

UP_TO_DATE = "up to date"  # the skip reason of --resume


@dataclass(frozen=True)
class Settings:
    """What every document of one run is cleaned and written with."""

    options: Options = field(default_factory=Options)
    fmt: str = "text"
    out_dir: Path | None = None  # folder mode: each document is written below it, at its hints.relative
    pretty: bool = False
    keep_result: bool = False  # --explain: hand back the Result itself, not rendered
    timeout: float | None = None  # seconds one document may take; past it, it fails and the run goes on
    templates: Templates | None = None  # the batch's site templates, once its first pass has found them

    @functools.cached_property
    def _pickled(self) -> bytes:
        return pickle.dumps({f.name: getattr(self, f.name) for f in fields(self)})

    def __reduce__(self) -> tuple[Callable[[bytes], Settings], tuple[bytes]]:
        # The options hold the whole rule set, a few hundred kB pickled and slow to unpickle: pickled once
        # here, unpickled once per worker however many tasks carry them.
        return _unpickle_settings, (self._pickled,)


@functools.lru_cache(maxsize=4)
def _unpickle_settings(data: bytes) -> Settings:
    return Settings(**pickle.loads(data))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one document: written or handed back, skipped (why: up to date, not a page), or failed
    with a reason."""

    name: str
    error: str | None = None
    skipped: str | None = None
    rendered: str | None = None
    result: Result | None = None


def target(document: Document, settings: Settings) -> Path | None:
    """The file a document is written to in folder mode."""
    relative = document.hints.relative
    if settings.out_dir is None or relative is None:
        return None
    return settings.out_dir / output_name(relative, settings.fmt)


def source_of(document: Document) -> str:
    """The ``source`` its output names: the document's own name, or for a web-archive record the archive."""
    hints = document.hints
    return str(hints.path) if hints.origin is not None and hints.path is not None else document.name


class DocumentTimeout(BaseException):
    """A document took longer than the run's time limit (raised by a signal anywhere in the cleaning: not an
    Exception, so that no ``except Exception`` on the way, the library's own included, takes it for a bug)."""


def _on_alarm(signum: int, frame: object) -> None:
    raise DocumentTimeout


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in the block after ``seconds`` (the main thread only: signals reach no other)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _decided(document: Document) -> Outcome | None:
    """What is known of a document before cleaning it: it could not be read, or it is not a page."""
    if document.error is not None:
        return Outcome(document.name, document.error)
    if document.skipped is not None:
        return Outcome(document.name, skipped=document.skipped)
    return None


def document_options(document: Document, settings: Settings, templates: Templates | None) -> Options:
    """The run's options as they apply to one document: the format its container says it is, and (in a batch
    with site templates) what tells its site, the URL its web-archive record names or the folder it is in."""
    hints = document.hints
    options = settings.options
    if hints.input_format is not None and options.input_format == "auto":
        options = replace(options, input_format=hints.input_format)
    if templates is not None:
        record = hints.origin is not None and hints.path is not None
        folder = str(hints.path) if record else folder_of(document.name)
        options = replace(options, batch=Batch(templates, hints.origin.url if hints.origin else None, folder))
    return options


def survey_task(settings: Settings, task: Task | Answer) -> PageUnits | None:
    """The first pass of a batch on one task: the page's site and block fingerprints (cleaner.templates); None
    for what is not a page or cannot be read (the cleaning pass says why)."""
    document, _ = task
    if not isinstance(document, Document) or _decided(document) is not None:
        return None
    try:
        with time_limit(settings.timeout):
            options = document_options(document, settings, Templates())
            return survey_bytes(document.data, options, source_of(document), document.hints.charset)
    except (DocumentTimeout, Exception):
        return None


def survey_failed(task: Task | Answer, reason: str) -> PageUnits | None:
    """The first pass learns nothing from a page whose worker was stopped (the cleaning pass says why)."""
    return None


def clean_document(document: Document, settings: Settings) -> Outcome:
    """Clean one document and render it (the unit every engine maps); failures come back named."""
    decided = _decided(document)
    if decided is not None:
        return decided
    hints = document.hints
    options = document_options(document, settings, settings.templates)
    try:
        with time_limit(settings.timeout):
            result = clean_bytes(document.data, options, source_of(document), hints.charset)
            if hints.origin is not None:
                result = replace(result, origin=hints.origin)
            if settings.keep_result:
                return Outcome(document.name, result=result)
            return Outcome(document.name, rendered=render(result, settings.fmt, settings.pretty))
    except DocumentTimeout:
        return Outcome(document.name, f"took longer than {settings.timeout:g} s: stopped (see --timeout)")
    except Exception as exc:
        return Outcome(document.name, describe_error(exc))


def deliver(outcome: Outcome, out: Path | None) -> Outcome:
    """In folder mode, write a cleaned document to its file (atomically, in the one process that writes)."""
    if out is None or outcome.rendered is None:
        return outcome
    try:
        write_atomic(out, outcome.rendered)
    except Exception as exc:
        return Outcome(outcome.name, describe_error(exc))
    return Outcome(outcome.name)


def clean_failed(task: Task | Answer, reason: str) -> Answer:
    """The answer for a task whose worker was stopped or died."""
    return Outcome(task[0].name, reason), None


Task = tuple[Document, Path | None]  # a document to clean, and the file it is written to (folder mode)
Answer = tuple[Outcome, Path | None]


def is_task(item: Task | Answer) -> bool:
    return isinstance(item[0], Document)


def tasks(items: Iterable[Document | Outcome], settings: Settings) -> Iterator[Task | Answer]:
    """Documents to clean with where each goes; what is decided already (unreadable, not a page, up to date)
    comes as its answer, to pass through in its place."""
    for item in items:
        decided = item if isinstance(item, Outcome) else _decided(item)
        if decided is not None:
            yield decided, None
        else:
            assert isinstance(item, Document)
            yield item, target(item, settings)


class _Helper(threading.local):
    """This thread's helper process (off the main thread, where no signal reaches), for one work and one
    run's settings."""

    key: tuple[object, object, bytes] | None = None
    pool: Pool[Task | Answer, object] | None = None


_HELPER = _Helper()


def limited(
    work: Callable[[Settings, Task | Answer], _Answer],
    failed: Callable[[Task | Answer, str], _Answer],
    settings: Settings,
    task: Task | Answer,
) -> _Answer:
    """``work(settings, task)``, held to the run's time limit even off the main thread (a Dask worker runs
    tasks in threads): there the task runs in a helper process of the thread's own, kept for the next task
    and replaced when it is stopped past the limit. A process that may not start processes (a daemonic Dask
    worker, under its nanny) runs the task itself, without a limit."""
    if (
        not settings.timeout
        or threading.current_thread() is threading.main_thread()
        or multiprocessing.current_process().daemon
        or not is_task(task)
    ):
        return work(settings, task)
    key = (work, failed, settings._pickled)
    if _HELPER.key != key or _HELPER.pool is None:
        if _HELPER.pool is not None:
            _HELPER.pool.close()
        partial = functools.partial(work, settings)
        _HELPER.pool = Pool(partial, failed, 1, settings.timeout + GRACE, HELPER_CONTEXT)
        _HELPER.key = key
    return cast(_Answer, _HELPER.pool.one(task))  # (the pool was made for this work: its answers are of its type)


def clean_task(settings: Settings, task: Task | Answer) -> Answer:
    """:func:`clean_document` on a task, what every engine maps."""
    document, out = task
    return (clean_document(document, settings), out) if isinstance(document, Document) else (document, out)


def answers(
    work: Callable[[Settings, Task | Answer], _Answer],
    failed: Callable[[Task | Answer, str], _Answer],
    items: Iterable[Task | Answer],
    settings: Settings,
    workers: int = 1,
) -> Iterator[_Answer]:
    """``work`` on each task, in the order given: in this process, or in up to ``workers`` processes, started
    as there is work for them (``failed`` answers for a task whose worker was stopped or died)."""
    if workers <= 1:
        for task in items:
            yield work(settings, task)
        return
    deadline = settings.timeout + GRACE if settings.timeout else None
    pool: Pool[Task | Answer, _Answer] = Pool(functools.partial(work, settings), failed, workers, deadline)
    yield from pool.map(items, is_task)


def run(
    items: Iterable[Document | Outcome],
    settings: Settings,
    workers: int = 1,
    survey: Iterable[Document | Outcome] | None = None,
) -> Generator[Outcome, None, None]:
    """Every document cleaned (and in folder mode written), in the order given; an Outcome already decided
    passes through in its place.

    With ``workers`` > 1 in up to that many processes, started as there is work for them. Documents are read
    only a few ahead of the one handed back, so an input of any size streams through in bounded memory, and
    the order never depends on timing. With ``survey`` (every document of the batch, those already written
    included), a first pass finds the batch's site templates, which the cleaning pass removes.
    """
    if survey is not None:
        settings = replace(
            settings, templates=learn(answers(survey_task, survey_failed, tasks(survey, settings), settings, workers))
        )
    for answer in answers(clean_task, clean_failed, tasks(items, settings), settings, workers):
        yield deliver(*answer)


class PlanError(ValueError):
    """A folder-mode plan that would write over an input, or two inputs to one file."""


@dataclass(frozen=True, slots=True)
class Planned:
    """One input file of folder mode and where its output goes (for an archive: the folder its members go to)."""

    path: Path
    relative: PurePath
    out: Path
    archive: bool = False
    problem: str | None = None
    """Why the file cannot be read (a dangling link, a folder that cannot be listed), or None."""


def is_inside(child: Path, parent: Path) -> bool:
    """``child`` is ``parent`` or below it (links resolved)."""
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


def _planned(path: Path, relative: PurePath, problem: str | None, out_dir: Path, fmt: str) -> Planned:
    if problem is not None:  # (never written: placed where no other output goes)
        return Planned(path, relative, out_dir / relative, problem=problem)
    if is_container(path):
        stem = archive_stem(relative.name) if is_archive(path) else warc_stem(relative.name)
        return Planned(path, relative, out_dir / relative.parent / stem, archive=True)
    return Planned(path, relative, out_dir / output_name(relative, fmt))


def plan_folder(inputs: list[str], out_dir: Path, fmt: str, follow_links: bool = False) -> list[Planned]:
    """Every input file mirrored below ``out_dir``; raises PlanError for a plan that would lose data."""
    if STDIN in inputs:
        raise PlanError("stdin ('-') cannot be mixed with folders, archives or several files")
    if out_dir.exists() and not out_dir.is_dir():
        raise PlanError(f"-o {out_dir}: exists and is not a folder")
    folders = [Path(p) for p in inputs if Path(p).is_dir()]
    for folder in folders:
        if is_inside(out_dir, folder):
            raise PlanError(f"-o {out_dir}: refusing to write inside the input folder {folder}")
    found = [item for name in inputs for item in files(Path(name), follow_links)]
    plan = [_planned(*item, out_dir, fmt) for item in found]
    targets = [entry.out.resolve() for entry in plan]
    first_for: dict[Path, Path] = {}
    for entry, resolved in zip(plan, targets, strict=True):
        if entry.problem is not None:
            continue
        if resolved in first_for:
            raise PlanError(f"{first_for[resolved]} and {entry.path} would both be written to {entry.out}")
        first_for[resolved] = entry.path
    sources = {entry.path.resolve() for entry in plan if entry.problem is None}
    for entry, resolved in zip(plan, targets, strict=True):
        if entry.problem is None and (resolved in sources or any(is_inside(resolved, folder) for folder in folders)):
            raise PlanError(f"-o {out_dir}: {entry.path} would be written over an input")
    return plan


def folder_items(
    plan: list[Planned], settings: Settings, resume: bool = False, max_bytes: int = MAX_BYTES
) -> Iterator[Document | Outcome]:
    """The documents of a folder-mode plan, with what is decided before cleaning as Outcomes: inputs whose
    output is up to date (``resume``), files that cannot be read, and documents that would overwrite the output
    of another: an archive's member and another member, or a file beside the archive (``pages.zip`` holding
    ``a.txt`` beside ``pages/a.txt``)."""
    written: dict[Path, str] = {}
    for entry in plan:
        if entry.problem is not None:
            yield Outcome(str(entry.path), entry.problem)
            continue
        if resume and not entry.archive and is_up_to_date(entry.out, entry.path):
            yield Outcome(str(entry.path), skipped=UP_TO_DATE)
            continue
        for document in read_path(entry.path, entry.relative, max_bytes=max_bytes):
            out = target(document, settings)
            if document.error is not None or document.skipped is not None or out is None:
                yield document
            elif out in written:
                yield Outcome(document.name, f"would overwrite the output of {written[out]}: skipped")
            else:
                written[out] = document.name
                fresh = entry.archive and resume and is_up_to_date(out, entry.path)
                yield Outcome(document.name, skipped=UP_TO_DATE) if fresh else document
