"""Writing outputs: files atomically, named after their inputs; several documents framed on one stream."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePath

from cleaner.outputs import REGISTRY, Framing


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
