"""The engine: Documents cleaned one after another or in worker processes, through one worker function.

:func:`clean_document` (a Document and the run's Settings, both picklable) is the unit any engine maps;
every error comes back as an :class:`Outcome` naming the document, so one bad file never stops a run.
"""

from __future__ import annotations

import functools
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path, PurePath

from cleaner.inputs.archives import archive_stem, is_archive
from cleaner.inputs.read import MAX_BYTES, STDIN, Document, describe_error, files, read_path
from cleaner.model import Result
from cleaner.outputs import render
from cleaner.outputs.write import is_up_to_date, output_name, write_atomic
from cleaner.pipeline import Options, clean_bytes

CHUNK = 4  # documents handed to a worker at once: fewer round trips, the settings once per chunk
AHEAD_PER_WORKER = 8  # documents read ahead of the one handed back, per worker (bounds the memory held)


@dataclass(frozen=True)
class Settings:
    """What every document of one run is cleaned and written with."""

    options: Options = field(default_factory=Options)
    fmt: str = "text"
    out_dir: Path | None = None  # folder mode: each document is written below it, at its hints.relative
    pretty: bool = False
    keep_result: bool = False  # --explain: hand back the Result itself, not rendered

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
    """What became of one document: written or handed back, skipped as up to date, or failed with a reason."""

    name: str
    error: str | None = None
    skipped: bool = False
    rendered: str | None = None
    result: Result | None = None


def target(document: Document, settings: Settings) -> Path | None:
    """The file a document is written to in folder mode."""
    relative = document.hints.relative
    if settings.out_dir is None or relative is None:
        return None
    return settings.out_dir / output_name(relative, settings.fmt)


def clean_document(document: Document, settings: Settings) -> Outcome:
    """Clean one document, then write it (folder mode) or hand it back rendered; failures come back named."""
    if document.error is not None:
        return Outcome(document.name, document.error)
    try:
        result = clean_bytes(document.data, settings.options, source=document.name)
        if settings.keep_result:
            return Outcome(document.name, result=result)
        rendered = render(result, settings.fmt, settings.pretty)
        out = target(document, settings)
        if out is None:
            return Outcome(document.name, rendered=rendered)
        write_atomic(out, rendered)
    except Exception as exc:
        return Outcome(document.name, describe_error(exc))
    return Outcome(document.name)


def clean_documents(documents: list[Document], settings: Settings) -> list[Outcome]:
    return [clean_document(document, settings) for document in documents]


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process in the group; only the parent should react (and say so once),
    # not each worker with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _chunks(items: Iterable[Document | Outcome]) -> Iterator[list[Document] | Outcome]:
    chunk: list[Document] = []
    for item in items:
        if isinstance(item, Document):
            chunk.append(item)
            if len(chunk) < CHUNK:
                continue
        if chunk:
            yield chunk
            chunk = []
        if isinstance(item, Outcome):
            yield item
    if chunk:
        yield chunk


def _decided(outcome: Outcome) -> Future[list[Outcome]]:
    future: Future[list[Outcome]] = Future()
    future.set_result([outcome])
    return future


def run(items: Iterable[Document | Outcome], settings: Settings, workers: int = 1) -> Iterator[Outcome]:
    """Every document cleaned, in the order given; an Outcome already decided passes through in its place.

    With ``workers`` > 1 in that many processes. Documents are read only a few ahead of the one handed
    back, so an input of any size streams through in bounded memory, and the order never depends on timing.
    """
    if workers <= 1:
        for item in items:
            yield item if isinstance(item, Outcome) else clean_document(item, settings)
        return
    pool = ProcessPoolExecutor(workers, initializer=_ignore_interrupts)
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        for chunk in _chunks(items):
            if isinstance(chunk, Outcome):
                pending.append(_decided(chunk))
            else:
                pending.append(pool.submit(clean_documents, chunk, settings))
            while pending and (len(pending) * CHUNK > workers * AHEAD_PER_WORKER or pending[0].done()):
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:  # also when the reader stops early (a closed pipe): drop the work not yet started
        pool.shutdown(wait=True, cancel_futures=True)


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


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


def _planned(path: Path, relative: PurePath, problem: str | None, out_dir: Path, fmt: str) -> Planned:
    if problem is not None:  # (never written: placed where no other output goes)
        return Planned(path, relative, out_dir / relative, problem=problem)
    if is_archive(path):
        return Planned(path, relative, out_dir / relative.parent / archive_stem(relative.name), archive=True)
    return Planned(path, relative, out_dir / output_name(relative, fmt))


def plan_folder(inputs: list[str], out_dir: Path, fmt: str, follow_links: bool = False) -> list[Planned]:
    """Every input file mirrored below ``out_dir``; raises PlanError for a plan that would lose data."""
    if STDIN in inputs:
        raise PlanError("stdin ('-') cannot be mixed with folders, archives or several files")
    if out_dir.exists() and not out_dir.is_dir():
        raise PlanError(f"-o {out_dir}: exists and is not a folder")
    folders = [Path(p) for p in inputs if Path(p).is_dir()]
    for folder in folders:
        if _inside(out_dir, folder):
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
        if entry.problem is None and (resolved in sources or any(_inside(resolved, folder) for folder in folders)):
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
            yield Outcome(str(entry.path), skipped=True)
            continue
        for document in read_path(entry.path, entry.relative, max_bytes=max_bytes):
            out = target(document, settings)
            if document.error is not None or out is None:
                yield document
            elif out in written:
                yield Outcome(document.name, f"would overwrite the output of {written[out]}: skipped")
            else:
                written[out] = document.name
                skip = entry.archive and resume and is_up_to_date(out, entry.path)
                yield Outcome(document.name, skipped=True) if skip else document
