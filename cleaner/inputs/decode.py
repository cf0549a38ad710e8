"""Bytes to text: decompression, BOMs, legacy encodings, newlines.

Raises :class:`DecodeError` for input that is not text (binary files, bytes
no encoding explains); the caller names the file.
"""

from __future__ import annotations

import codecs
import re
import zlib

from cleaner.errors import DocumentError

MAX_DECOMPRESSED = 256 * 1024 * 1024  # gzip data inflating past this is refused (decompression bombs)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard); so do we.
_WEB_ALIASES = {"latin_1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}
# C0 controls other than tab/newline/carriage return/form feed, and DEL: text has few (a stray
# escape sequence or two), binary data many.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SNIFF = 8192
# The bytes of control characters that text does not hold (tab, newlines and form feed aside).
_CONTROL_BYTES = bytes(b for b in range(128) if b < 9 or b in (11, 14, 15) or 15 < b < 32 or b == 127)


def _too_many_controls(count: int, length: int) -> bool:
    return count > 8 + length // 100


# Western European text in cp1252 uses only these non-ASCII characters, and few of them.
_WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŸ«»¿¡°€“”‘’„–—…•·§©®™£\xa0")
_WESTERN_MAX_SHARE = 0.25


class DecodeError(DocumentError):
    """The bytes are not text we can read."""


_SURROGATE = re.compile("[\ud800-\udfff]")


def mend_surrogates(text: str) -> str:
    """``text`` with each lone surrogate as U+FFFD: what a broken UTF-16 string or a file name whose bytes are
    not UTF-8 (``surrogateescape``) holds is no character, and UTF-8 cannot carry it."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # (UTF-8 refuses exactly the surrogates)
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def gunzip(data: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    """Inflate gzip data (all members), refusing corrupt streams and decompression bombs."""
    out = bytearray()
    rest = data
    while rest[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, limit - len(out) + 1)
        except zlib.error as exc:
            raise DecodeError(f"corrupt gzip data ({exc})") from None
        if len(out) > limit or inflater.unconsumed_tail:
            raise DecodeError(f"gzip data inflates past {limit // 2**20} MiB")
        if not inflater.eof:
            raise DecodeError("truncated gzip data")
        rest = inflater.unused_data
    return bytes(out)


def _declared_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    return _known_charset(match.group(1).decode("ascii", "replace"))


def _known_charset(label: str) -> str | None:
    """The codec a declared charset label names, as browsers read it; None for a label we do not know."""
    name = label.strip().lower()
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, zlib, rot13: codecs, but no charsets
        return None
    codec = info.name
    return _WEB_ALIASES.get(codec, codec)


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFF]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    return _too_many_controls(controls, len(sample))


def _is_western(text: str) -> bool:
    """True when ``text`` reads as Western European: few accented letters, all of the usual kind."""
    foreign = [c for c in text if ord(c) > 127]
    if not foreign or any(c not in _WESTERN for c in foreign):
        return False
    letters = sum(1 for c in text if c.isalpha())
    return len(foreign) <= letters * _WESTERN_MAX_SHARE


def _decode_legacy(data: bytes) -> str:
    """Not UTF-8: cp1252 when it reads as Western European (detectors guess badly on short Western
    text, cp1257 for French), else the detector's pick."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _is_western(text):
        return text
    from charset_normalizer import from_bytes  # imported here: only text that is not UTF-8 nor Western pays for it

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable bytes: no text encoding fits")
    return str(best)


def decode(data: bytes, charset: str | None = None) -> str:
    """Decode document bytes to text with normalised newlines.

    Order: gzip, BOM, the ``charset`` its transport declares (an HTTP Content-Type), a ``<meta charset>``
    declaration, strict UTF-8, then legacy encodings (cp1252, latin-1, cp1250, cp1251, ...).
    """
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
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
        declared = _known_charset(charset) if charset else None
        declared = declared or _declared_charset(data)
        for encoding in [declared, "utf-8"] if declared else ["utf-8"]:
            try:
                text = data.decode(encoding)
                break
            except (UnicodeError, ValueError):  # (a declared codec that fails on any bytes: "undefined")
                continue
    if text is None:
        text = _decode_legacy(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:_SNIFF]
    if _too_many_controls(len(_CONTROL.findall(sample)), len(sample)):
        raise DecodeError("binary data, not text")
    return text
