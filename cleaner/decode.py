"""Bytes to text: decompression, BOMs, legacy encodings, newlines.

Raises :class:`DecodeError` for input that is not text (binary files, bytes
no encoding explains); the caller names the file.
"""

from __future__ import annotations

import codecs
import re
import zlib

from charset_normalizer import from_bytes

MAX_DECOMPRESSED = 512 * 1024 * 1024
"""A gzip member larger than this once inflated is refused (decompression bombs)."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
# C0 controls other than tab/newline/carriage return/form feed, and DEL: text has few.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """The bytes are not text we can read."""


def gunzip(data: bytes) -> bytes:
    """Inflate gzip data, refusing corrupt streams and decompression bombs."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_DECOMPRESSED)
    except zlib.error as exc:
        raise DecodeError(f"corrupt gzip data ({exc})") from None
    if inflater.unconsumed_tail:
        raise DecodeError(f"gzip data inflates past {MAX_DECOMPRESSED // 2**20} MiB")
    return out


def maybe_gunzip(data: bytes) -> bytes:
    if data[:2] == b"\x1f\x8b":
        return gunzip(data)
    return data


def _declared_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 100 + 1


def decode(data: bytes) -> str:
    """Decode document bytes to text with normalised newlines.

    Order: BOM, a ``<meta charset>`` declaration, strict UTF-8, then a
    charset detector for legacy encodings (cp1252, latin-1, ...).
    """
    data = maybe_gunzip(data)
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark ({exc.reason})") from None
            break
    if text is None:
        if _looks_binary(data):
            raise DecodeError("binary data, not text")
        declared = _declared_charset(data)
        candidates = [declared] if declared else []
        for encoding in [*candidates, "utf-8"]:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        best = from_bytes(data).best()
        if best is None:
            raise DecodeError("undecodable bytes: no text encoding fits")
        text = str(best)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text[:8192]) and len(_CONTROL.findall(text[:8192])) > 8:
        raise DecodeError("binary data, not text")
    return text
