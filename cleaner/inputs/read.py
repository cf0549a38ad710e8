"""Files, folders, archives and stdin read into Documents; a read failure is the Document's ``error``."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import BinaryIO

from cleaner.errors import InternalError
from cleaner.inputs.archives import ArchiveError, archive_stem, is_archive, read_archive
from cleaner.inputs.warc import WarcError, is_warc, read_warc, warc_stem
from cleaner.model import Origin

STDIN = "-"
STDIN_NAME = "<stdin>"
MAX_BYTES = 256 * 2**20
"""The largest file (or stdin) read by default, as large as gzip data may inflate to: ``--max-bytes`` sets it."""


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
    if isinstance(exc, InternalError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "document nested too deeply to read"
    if isinstance(exc, ValueError | MemoryError):
        return str(exc) or type(exc).__name__
    # Not a problem with the input we know of: a bug. Still one line, still naming the file.
    return f"internal error ({type(exc).__name__}: {exc})"


Found = tuple[Path, PurePath, str | None]
"""A file a PATH argument names, its path relative to that PATH, and why it cannot be read (None: it can)."""


def walk(folder: Path, follow_links: bool = False) -> Iterator[tuple[Path, str | None]]:
    """Regular files below ``folder``, sorted, skipping hidden files and folders; with each, why it cannot be
    read, or None.

    What cannot be read is named, never skipped in silence: a folder that cannot be listed, a link that
    dangles or loops, and (unless ``follow_links``) a link to a file outside ``folder`` or to a folder (not
    followed: no loops, nothing read from elsewhere). Pipes, sockets and devices are skipped (reading a named
    pipe would wait forever).
    """
    errors: list[OSError] = []
    home = folder.resolve()
    seen = {home}
    for root, dirs, names in os.walk(folder, onerror=errors.append, followlinks=follow_links):
        yield from _unlistable(errors)
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            path = Path(root) / name
            real = path.resolve()
            if path.is_symlink() and not follow_links:
                yield path, "a link to a folder: not followed (--follow-links follows it)"
            elif real in seen:
                yield path, f"a link back to a folder above it ({real}): not followed again"
            else:
                seen.add(real)
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            path = Path(root) / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                problem = _link_problem(path, home, follow_links)
                if problem is not None or path.is_file():
                    yield path, problem
            elif path.is_file():
                yield path, None
    yield from _unlistable(errors)


def _unlistable(errors: list[OSError]) -> Iterator[tuple[Path, str | None]]:
    for error in errors:
        yield Path(error.filename), f"cannot list the folder: {describe_error(error, error.filename)}"
    errors.clear()


def _link_problem(path: Path, home: Path, follow_links: bool) -> str | None:
    """Why the file a link inside an input folder points to is not read, or None."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return "a link that loops"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that loops"
        return f"a dangling link (to {os.readlink(path)})"
    if not follow_links and home not in target.parents:
        return f"a link to a file outside the folder ({target}): not followed (--follow-links follows it)"
    return None


def files(path: Path, follow_links: bool = False) -> Iterator[Found]:
    """The files a PATH argument names, each with its path relative to it and why it cannot be read (or
    None): a folder walked, else itself."""
    if path.is_dir():
        for file, problem in walk(path, follow_links):
            yield file, file.relative_to(path), problem
    else:
        yield path, PurePath(path.name), None


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


def _read_at_most(stream: BinaryIO, max_bytes: int) -> bytes:
    """All of ``stream``, or ValueError when it holds more than ``max_bytes`` (``/dev/zero`` ends too)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"larger than {_size(max_bytes)}: not read (--max-bytes sets the limit)")
    return data


def _size(count: int) -> str:
    return f"{count // 2**20} MiB" if count % 2**20 == 0 else f"{count:,} bytes"


def read_path(
    path: Path, relative: PurePath, problem: str | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Document]:
    """The document a file holds, or one per member of an archive (placed in a folder named after it); a file
    ``problem`` says cannot be read, as a failed document, and so is one larger than ``max_bytes``."""
    if problem is not None:
        yield Document(str(path), error=problem)
        return
    if not is_archive(path) and is_warc(path):  # (streamed record by record: no --max-bytes bound)
        yield from read_warc_documents(path, relative)
        return
    if not is_archive(path):
        try:
            with path.open("rb") as stream:
                yield Document(str(path), _read_at_most(stream, max_bytes), Hints(path, relative))
        except (OSError, ValueError) as exc:
            yield Document(str(path), error=describe_error(exc, str(path)))
        return
    folder = relative.parent / archive_stem(relative.name)
    try:
        for member in read_archive(path):
            hints = Hints(path, folder / member.path)
            yield Document(f"{path}:{member.path}", member.data or b"", hints, member.error)
    except (ArchiveError, OSError) as exc:
        yield Document(str(path), error=describe_error(exc, str(path)))


def read_stdin(max_bytes: int = MAX_BYTES) -> Document:
    if sys.stdin is None:  # started with standard input closed
        return Document(STDIN_NAME, error="no standard input to read")
    try:
        return Document(STDIN_NAME, _read_at_most(sys.stdin.buffer, max_bytes))
    except (OSError, ValueError) as exc:
        return Document(STDIN_NAME, error=describe_error(exc))


@dataclass(frozen=True, slots=True)
class Reading:
    """How inputs are read (``--follow-links``, ``--max-bytes``)."""

    follow_links: bool = False
    max_bytes: int = MAX_BYTES


def read_inputs(names: Iterable[str], reading: Reading = Reading()) -> Iterator[Document]:
    """Every document the PATH arguments hold, in order: folders walked, archives opened, ``-`` for stdin."""
    for name in names:
        if name == STDIN:
            yield read_stdin(reading.max_bytes)
            continue
        for path, relative, problem in files(Path(name), reading.follow_links):
            yield from read_path(path, relative, problem, reading.max_bytes)
