"""Writing outputs: files atomically, named after their inputs; several documents framed on one stream."""

from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING

from cleaner.outputs import REGISTRY, Framing

if TYPE_CHECKING:
    from cleaner.inputs.read import Document
    from cleaner.run import Outcome

STREAM_SUFFIXES = (".jsonl", ".jsonl.gz")
# What write_atomic's temporary files are called (mkstemp: 8 random characters).
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def output_name(relative: PurePath, fmt: str) -> PurePath:
    """``a/b/page.html.gz`` -> ``a/b/page.txt`` (for text): the input's extension and any .gz replaced."""
    name = relative.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = PurePath(name).stem if PurePath(name).suffix else name
    return relative.with_name((stem or name) + REGISTRY[fmt].extension)


def write_atomic(path: Path, data: str) -> None:
    """Write via a temporary file in the same folder and rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would have.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> int:
    """For --resume: remove the temporary files a killed run left below ``folder`` between write and rename."""
    removed = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            if _TEMPORARY.match(name):
                Path(root, name).unlink(missing_ok=True)
                removed += 1
    return removed


def is_up_to_date(out: Path, source: Path) -> bool:
    """For --resume: the output exists and is not older than its input."""
    try:
        return out.stat().st_mtime >= source.stat().st_mtime
    except OSError:
        return False


class StreamWriter:
    """Writes rendered documents one after another so that several still make one well-formed stream."""

    def __init__(self, framing: Framing, write: Callable[[str], None]) -> None:
        self.framing = framing
        self.write = write
        self.count = 0

    def add(self, rendered: str) -> None:
        if not rendered:
            return
        body = rendered.removesuffix("\n") if self.framing.inline else rendered
        self.write((self.framing.between if self.count else self.framing.start) + body)
        self.count += 1

    def close(self) -> None:
        self.write(self.framing.end if self.count else self.framing.empty)


Key = tuple[str | None, str | None]  # a record's source and, for a web-archive record, its record id


class StreamFile:
    """One file of JSON lines for a whole run (``-o corpus.jsonl`` or ``.jsonl.gz``), in input order.

    Records go to ``NAME.part``, renamed to NAME when the run completes; an interrupted run leaves the part
    file, holding whole records only once its tail is cut at the last newline. ``resume`` continues it (or
    NAME itself), skipping the documents already in it, so the end result equals an uninterrupted run.
    """

    def __init__(self, path: Path, resume: bool = False) -> None:
        self.path = path
        self.part = path.with_name(path.name + ".part")
        self.done: set[Key] = set()
        self.written = 0
        self.compressed = compressed = path.name.lower().endswith(".gz")
        kept = self._records_so_far() if resume else []
        path.parent.mkdir(parents=True, exist_ok=True)
        # A fresh part file, open for the life of the run (closed by close()), then the records kept from before.
        if compressed:
            self._fh: IO[str] = gzip.open(self.part, "wt", encoding="utf-8", newline="\n")  # noqa: SIM115
        else:
            self._fh = self.part.open("w", encoding="utf-8", newline="\n")
        self._fh.writelines(kept)

    def _records_so_far(self) -> list[str]:
        """The whole records of the part file (else of NAME), their keys noted in ``done``."""
        base = self.part if self.part.exists() else self.path if self.path.exists() else None
        if base is None:
            return []
        kept = []
        for line in _whole_lines(base, self.compressed):
            try:
                record = json.loads(line)
            except ValueError:
                break  # a torn last record
            self.done.add((record.get("source"), record.get("record_id")))
            kept.append(line)
        return kept

    def not_yet_written(
        self, items: Iterable[Document], source_of: Callable[[Document], str]
    ) -> Iterator[Document | Outcome]:
        """The documents still to clean; those already in the file come as Outcomes skipped as up to date."""
        from cleaner.run import UP_TO_DATE, Outcome

        for document in items:
            origin = document.hints.origin
            key = (source_of(document), origin.record_id if origin is not None else None)
            yield Outcome(document.name, skipped=UP_TO_DATE) if self.done and key in self.done else document

    def add(self, rendered: str) -> None:
        if rendered:
            self._fh.write(rendered)
            self.written += 1

    def close(self, complete: bool) -> None:
        """Rename the part file to its name when the run is complete; else keep it for --resume, unless it
        holds nothing at all (a run stopped before its first record)."""
        self._fh.close()
        if complete:
            os.replace(self.part, self.path)
        elif not self.written and not self.done:
            self.part.unlink(missing_ok=True)


def _whole_lines(path: Path, compressed: bool) -> Iterator[str]:
    """The newline-ended lines of a (possibly gzipped, possibly cut short) file, up to where it is cut."""
    rest = b""
    for chunk in _inflated(path) if compressed else _chunks(path):
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        for line in lines:
            try:
                yield line.decode("utf-8") + "\n"
            except UnicodeDecodeError:
                return


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 16):
            yield chunk


def _inflated(path: Path) -> Iterator[bytes]:
    """The data of every gzip member in turn, as far as it can be inflated (a cut stream ends early)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    for chunk in _chunks(path):
        while chunk:
            try:
                yield inflater.decompress(chunk)
            except zlib.error:
                return
            chunk = b""
            if inflater.eof:  # the next member, if any
                chunk, inflater = inflater.unused_data, zlib.decompressobj(16 + zlib.MAX_WBITS)
