"""One pipeline, data flowing one way: bytes -> text -> blocks -> decisions -> Result."""

from __future__ import annotations

from cleaner.errors import CleanerError, DocumentError, InternalError
from cleaner.html import extract_html
from cleaner.inputs.decode import decode, mend_surrogates
from cleaner.inputs.detect import sniff_format
from cleaner.model import Result
from cleaner.options import INPUT_FORMATS, Options
from cleaner.text import extract_text

__all__ = ["INPUT_FORMATS", "Options", "clean_bytes", "clean_text"]

def clean_text(text: str, options: Options | None = None, source: str | None = None) -> Result:
    """Clean a decoded document (plain text or HTML). Raises only :class:`~cleaner.errors.CleanerError`.

    A lone surrogate (no character: what ``surrogateescape`` or a broken UTF-16 leaves) becomes U+FFFD.
    """
    try:
        return _clean_text(text, options or Options(), source)
    except CleanerError:
        raise
    except RecursionError:
        raise DocumentError("document nested too deeply to read") from None
    except MemoryError:
        raise DocumentError("document too large for the memory there is") from None
    except Exception as exc:
        raise InternalError(exc) from exc


def _clean_text(text: str, options: Options, source: str | None) -> Result:
    text = mend_surrogates(text)
    kind = options.input_format
    if kind == "auto":
        kind = sniff_format(text, source)
    extraction = (extract_html if kind == "html" else extract_text)(text, options)
    return Result(tuple(extraction.decisions), extraction.metadata, kind, source)


def clean_bytes(
    data: bytes, options: Options | None = None, source: str | None = None, charset: str | None = None
) -> Result:
    """Clean raw document bytes (``charset``: the one their transport declares, e.g. an HTTP Content-Type);
    raises DecodeError for input that is not text, and only :class:`~cleaner.errors.CleanerError` in any case."""
    try:
        text = decode(data, charset)
    except CleanerError:
        raise
    except Exception as exc:
        raise InternalError(exc) from exc
    return clean_text(text, options, source)
