"""Files, folders, archives and stdin read into Documents; a read failure is the Document's ``error``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from cleaner.inputs.archives import ArchiveError, archive_stem, is_archive, read_archive
from cleaner.inputs.warc import WarcError, is_warc, read_warc, warc_stem
from cleaner.model import Origin

STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True, slots=True)
class Hints:
    """What is known of a document besides its bytes."""

    path: Path | None = None  # the file it was read from (for an archive member: the archive)
    relative: PurePath | None = None  # its place below an output folder, before the output extension
    origin: Origin | None = None  # a web-archive record: the capture it came from
    input_format: str | None = None  # what its container says it is (a WARC response: html, a WET record: text)
    charset: str | None = None  # the charset its container declares (a WARC response's HTTP Content-Type)


@dataclass(frozen=True, slots=True)
class Document:
    """One document to clean, or, with ``error`` set, why it could not be read."""

    name: str
    data: bytes = b""
    hints: Hints = field(default_factory=Hints)
    error: str | None = None
    skipped: str | None = None  # not a document at all (a WARC request record, an image): why


def is_container(path: Path) -> bool:
    """An archive or a web archive: a file holding many documents."""
    return is_archive(path) or is_warc(path)


def describe_error(exc: BaseException, subject: str | None = None) -> str:
    """A one-line reason for a failure, never empty; an OS error about a file other than ``subject`` names it."""
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


def walk(folder: Path) -> Iterator[Path]:
    """Regular files below ``folder``, sorted, skipping hidden files and folders.

    Links to folders are not followed (no loops); pipes, sockets and devices are skipped
    (reading a named pipe would wait forever).
    """
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.is_file():
                yield path


def files(path: Path) -> Iterator[tuple[Path, PurePath]]:
    """The files a PATH argument names, each with its path relative to it: a folder walked, else itself."""
    if path.is_dir():
        for file in walk(path):
            yield file, file.relative_to(path)
    else:
        yield path, PurePath(path.name)


def read_warc_documents(path: Path, relative: PurePath) -> Iterator[Document]:
    """One document per record of a WARC/WET file, placed in a folder named after it, each output file
    named by a hash of its record id; records that are not pages come as skips."""
    folder = relative.parent / warc_stem(relative.name)
    try:
        for record in read_warc(path):
            origin = record.origin
            name = f"{path}:{origin.record_id}"
            suffix = ".txt" if record.input_format == "text" else ".html"
            hints = Hints(path, folder / (record.key + suffix), origin, record.input_format, record.charset)
            yield Document(name, record.data, hints, record.error, record.skipped)
    except (WarcError, OSError) as exc:
        yield Document(str(path), error=describe_error(exc, str(path)))


def read_path(path: Path, relative: PurePath) -> Iterator[Document]:
    """The document a file holds, or one per member of an archive (placed in a folder named after it)."""
    if not is_archive(path) and is_warc(path):
        yield from read_warc_documents(path, relative)
        return
    if not is_archive(path):
        try:
            yield Document(str(path), path.read_bytes(), Hints(path, relative))
        except OSError as exc:
            yield Document(str(path), error=describe_error(exc, str(path)))
        return
    folder = relative.parent / archive_stem(relative.name)
    try:
        for member in read_archive(path):
            hints = Hints(path, folder / member.path)
            yield Document(f"{path}:{member.path}", member.data or b"", hints, member.error)
    except (ArchiveError, OSError) as exc:
        yield Document(str(path), error=describe_error(exc, str(path)))


def read_stdin() -> Document:
    if sys.stdin is None:  # started with standard input closed
        return Document(STDIN_NAME, error="no standard input to read")
    try:
        return Document(STDIN_NAME, sys.stdin.buffer.read())
    except OSError as exc:
        return Document(STDIN_NAME, error=describe_error(exc))


def read_inputs(names: Iterable[str]) -> Iterator[Document]:
    """Every document the PATH arguments hold, in order: folders walked, archives opened, ``-`` for stdin."""
    for name in names:
        if name == STDIN:
            yield read_stdin()
            continue
        for path, relative in files(Path(name)):
            yield from read_path(path, relative)
