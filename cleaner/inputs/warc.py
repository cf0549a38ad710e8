"""Web archives (WARC, and Common Crawl's WET) read record by record: each page a document of its own.

A ``response`` (or ``resource``) record with an HTML payload is a page read in HTML mode, decoded with the
charset of its HTTP ``Content-Type``; a WET ``conversion`` record is a page already flattened to text, read
in text mode. Every other record (requests, metadata, warcinfo, images, redirects, ...) is not a page: it
comes back as a skip with the reason, for the summary to count. Records are read one at a time from the
file (gzip member by member), so an archive of any size streams through in bounded memory.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.inputs.archives import MAX_MEMBER_BYTES
from cleaner.model import Origin

_SNIFF = 512
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PAGE_RECORDS = ("response", "resource")
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".arc.gz")


class WarcError(ValueError):
    """A web archive that cannot be read on (corrupt, truncated)."""


@dataclass(frozen=True, slots=True)
class Record:
    """One page of a web archive, or why a record is not one (``skipped``) or cannot be read (``error``)."""

    origin: Origin
    input_format: str = "html"  # html for a response, text for a WET conversion
    data: bytes = b""
    charset: str | None = None  # from the HTTP Content-Type
    skipped: str | None = None
    error: str | None = None

    @property
    def key(self) -> str:
        """A file name for the record's output: a hash of its record id, the same on every run."""
        return hashlib.sha256((self.origin.record_id or "").encode()).hexdigest()[:32]


def is_warc(path: Path) -> bool:
    """True for a WARC or WET file (gzipped or not), judged by its first bytes, not its name."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF)
    except OSError:
        return False
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def warc_stem(name: str) -> str:
    """``crawl.warc.gz`` -> ``crawl``: the name of the folder its records are written to."""
    lower = name.lower()
    for suffix in sorted(WARC_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    stem = name[:-3] if lower.endswith(".gz") else name
    return stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """``text/html; charset=ISO-8859-1`` -> (``text/html``, ``ISO-8859-1``)."""
    if not content_type:
        return "", None
    mime, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return mime.strip().lower(), charset


def _payload(record: Any) -> bytes | str:
    """The record's payload (chunked transfer and content encodings undone), or why it is refused."""
    try:
        data: bytes = record.content_stream().read(MAX_MEMBER_BYTES + 1)
    except Exception as exc:  # a corrupt gzip or brotli body, a bad chunk: this record only
        return f"unreadable payload ({type(exc).__name__}: {exc})"
    if len(data) > MAX_MEMBER_BYTES:
        return f"payload over {MAX_MEMBER_BYTES // 2**20} MiB"
    return data


def _record(record: Any) -> Record:
    headers = record.rec_headers
    origin = Origin(
        headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Record-ID"), headers.get_header("WARC-Date")
    )
    kind = record.rec_type
    if kind == "conversion":
        mime, charset = _media_type(headers.get_header("Content-Type"))
        payload = _payload(record)
        if isinstance(payload, str):
            return Record(origin, "text", error=payload)
        return Record(origin, "text", payload, charset or "utf-8")
    if kind not in _PAGE_RECORDS:
        return Record(origin, skipped=f"{kind} record")
    http = record.http_headers
    mime, charset = _media_type(http.get_header("Content-Type") if http else headers.get_header("Content-Type"))
    if http is not None and http.get_statuscode() and not http.get_statuscode().startswith("2"):
        return Record(origin, skipped=f"HTTP {http.get_statuscode()}")
    if mime not in _HTML_TYPES:
        return Record(origin, skipped=f"not HTML ({mime or 'no type'})")
    payload = _payload(record)
    if isinstance(payload, str):
        return Record(origin, error=payload)
    return Record(origin, "html", payload, charset)


def read_warc(path: Path) -> Iterator[Record]:
    """Every record of a WARC/WET file, in file order; raises WarcError where the file cannot be read on,
    and for a file that ends in the middle of a record (the reader itself would stop there in silence)."""
    from warcio.archiveiterator import ArchiveIterator  # imported here: a run without archives never pays for it
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as fh:
        end = 0
        records = ArchiveIterator(fh)
        each = iter(records)
        while True:
            try:
                record = next(each)
            except StopIteration:
                break
            except ArchiveLoadFailed as exc:
                raise WarcError(f"corrupt web archive ({' '.join(str(exc).split())})") from None
            except (EOFError, zlib.error) as exc:
                raise WarcError(f"corrupt web archive ({exc or type(exc).__name__})") from None
            except (AttributeError, TypeError, ValueError, KeyError, IndexError) as exc:
                # warcio trusts the headers it reads: a record without WARC-Target-URI, or with a header it
                # cannot parse, fails inside it with whatever its code met (a None URI's .startswith)
                raise WarcError(
                    f"corrupt web archive (a record the reader cannot parse: {type(exc).__name__})"
                ) from None
            yield _record(record)
            end = records.get_record_offset() + records.get_record_length()
        fh.seek(end)
        if fh.read(_SNIFF).strip():
            raise WarcError(f"web archive cut short or corrupt after byte {end} (the records before it were read)")
