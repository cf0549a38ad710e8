"""Archives (.tar, .tar.gz/.tgz, .tar.bz2, .tar.xz, .zip) read safely: each regular member is a document.

Member names are untrusted: absolute paths, ``..`` and links are refused (tar members also through the
stdlib 'data' filter), and inflated sizes are capped so a decompression bomb fails cleanly."""

from __future__ import annotations

import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cleaner.inputs.decode import DecodeError, gunzip

MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one member inflating past this is refused
MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024  # and an archive whose members add up to more
MAX_MEMBERS = 100_000

_TAR_MODES = {
    ".tar": "r:",
    ".tar.gz": "r:gz",
    ".tgz": "r:gz",
    ".tar.bz2": "r:bz2",
    ".tbz2": "r:bz2",
    ".tar.xz": "r:xz",
    ".txz": "r:xz",
}
ARCHIVE_SUFFIXES = (*_TAR_MODES, ".zip")


class ArchiveError(ValueError):
    """An archive that cannot be read as a whole (corrupt, or a decompression bomb)."""


@dataclass(frozen=True, slots=True)
class Member:
    """One document inside an archive, or the reason it cannot be one."""

    path: PurePosixPath  # inside the archive, checked safe (relative, no '..')
    data: bytes | None = None
    error: str | None = None


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def archive_stem(name: str) -> str:
    """``pages.tar.gz`` -> ``pages``: the name of the folder its members are written to."""
    lower = name.lower()
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def safe_member_path(name: str) -> PurePosixPath | None:
    """The member name as a safe relative path, or None if it points outside (absolute, '..', drive)."""
    path = PurePosixPath(name.replace("\\", "/"))
    parts = [p for p in path.parts if p not in ("", ".")]
    if not parts or path.is_absolute() or ".." in parts or ":" in parts[0]:
        return None
    return PurePosixPath(*parts)


def _is_hidden(path: PurePosixPath) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in path.parts)


class _Budget:
    """Counts inflated bytes and members across one archive."""

    def __init__(self) -> None:
        self.total = 0
        self.members = 0

    def admit(self, size: int, member: bool = True) -> None:
        """Count ``size`` more inflated bytes (and, with ``member``, one more member)."""
        self.members += member
        self.total += size
        if self.members > MAX_MEMBERS:
            raise ArchiveError(f"more than {MAX_MEMBERS} members")
        if self.total > MAX_ARCHIVE_BYTES:
            raise ArchiveError(f"inflates past {MAX_ARCHIVE_BYTES // 2**20} MiB (decompression bomb?)")


def _too_big(path: PurePosixPath) -> Member:
    return Member(path, error=f"member inflates past {MAX_MEMBER_BYTES // 2**20} MiB")


def _member(path: PurePosixPath, data: bytes, budget: _Budget) -> Member:
    """A member read whole (``data``, counted already): gzip data inflated here, within the member's cap and
    counted at its inflated size, so a compressed member is no way around either limit."""
    if data[:2] != b"\x1f\x8b":
        return Member(path, data=data)
    try:
        inflated = gunzip(data, MAX_MEMBER_BYTES)
    except DecodeError as exc:
        return Member(path, error=f"member holds {exc}")
    budget.admit(len(inflated) - len(data), member=False)
    return Member(path, data=inflated)


def _tar_members(archive: Path) -> Iterator[Member]:
    budget = _Budget()
    mode = next(m for suffix, m in _TAR_MODES.items() if archive.name.lower().endswith(suffix))
    with tarfile.open(archive, mode) as tar:  # type: ignore[call-overload]
        for info in tar:
            path = safe_member_path(info.name)
            if info.isdir() or (path is not None and _is_hidden(path)):
                continue
            budget.admit(info.size)
            if path is None:
                yield Member(PurePosixPath(info.name), error="unsafe member path (absolute or '..'): skipped")
                continue
            try:
                checked = tarfile.data_filter(info, "/nonexistent-destination")
            except tarfile.FilterError as exc:
                yield Member(path, error=f"refused by the tar data filter: {exc}")
                continue
            if not checked.isfile():
                yield Member(path, error="not a regular file (link or device): skipped")
                continue
            if checked.size > MAX_MEMBER_BYTES:
                yield _too_big(path)
                continue
            stream = tar.extractfile(checked)
            yield _member(path, stream.read() if stream else b"", budget)


def _zip_members(archive: Path) -> Iterator[Member]:
    budget = _Budget()
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            path = safe_member_path(info.filename)
            if info.is_dir() or (path is not None and _is_hidden(path)):
                continue
            if path is None:
                yield Member(PurePosixPath(info.filename), error="unsafe member path (absolute or '..'): skipped")
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                budget.admit(info.file_size)
                yield _too_big(path)
                continue
            # The declared size can lie: read at most one byte past the cap and check.
            try:
                with zf.open(info) as stream:
                    data = stream.read(MAX_MEMBER_BYTES + 1)
            except (RuntimeError, NotImplementedError, zipfile.BadZipFile, zlib.error) as exc:
                # Encrypted, an unsupported compression method, or a bad checksum: this member only.
                yield Member(path, error=f"unreadable member ({exc})")
                continue
            budget.admit(len(data))
            yield _too_big(path) if len(data) > MAX_MEMBER_BYTES else _member(path, data, budget)


def read_archive(archive: Path) -> Iterator[Member]:
    """Each member of ``archive`` in order; raises ArchiveError when the archive itself is unreadable."""
    members = _zip_members(archive) if archive.name.lower().endswith(".zip") else _tar_members(archive)
    try:
        yield from members
    except (tarfile.TarError, zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, NotImplementedError) as exc:
        raise ArchiveError(f"unreadable archive ({exc or type(exc).__name__})") from None
    except OSError as exc:
        if isinstance(exc, FileNotFoundError | PermissionError | IsADirectoryError):
            raise
        raise ArchiveError(f"unreadable archive ({exc})") from None
