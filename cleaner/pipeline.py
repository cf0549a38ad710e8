"""One pipeline, data flowing one way: bytes -> text -> blocks -> decisions -> Result."""

from __future__ import annotations

from cleaner.html import extract_html
from cleaner.inputs.decode import decode
from cleaner.inputs.detect import sniff_format
from cleaner.model import Result
from cleaner.options import INPUT_FORMATS, Options
from cleaner.text import extract_text

__all__ = ["INPUT_FORMATS", "Options", "clean_bytes", "clean_text"]


def clean_text(text: str, options: Options | None = None, source: str | None = None) -> Result:
    """Clean a decoded document (plain text or HTML)."""
    options = options or Options()
    kind = options.input_format
    if kind == "auto":
        kind = sniff_format(text, source)
    extraction = (extract_html if kind == "html" else extract_text)(text, options)
    return Result(tuple(extraction.decisions), extraction.metadata, kind, source)


def clean_bytes(
    data: bytes, options: Options | None = None, source: str | None = None, charset: str | None = None
) -> Result:
    """Clean raw document bytes (``charset``: the one their transport declares, e.g. an HTTP Content-Type);
    raises DecodeError for input that is not text."""
    return clean_text(decode(data, charset), options, source)
