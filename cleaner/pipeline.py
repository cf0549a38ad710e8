"""One pipeline, data flowing one way: bytes -> text -> blocks -> decisions -> Result."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from cleaner.errors import CleanerError, DocumentError, InternalError
from cleaner.html import extract_html
from cleaner.html.extract import block_texts
from cleaner.inputs.decode import decode, mend_surrogates
from cleaner.inputs.detect import sniff_format
from cleaner.model import Result
from cleaner.options import INPUT_FORMATS, Options
from cleaner.templates import Batch, PageUnits, Templates, folder_of, learn, remove_template, site_of
from cleaner.text import extract_text
from cleaner.text.lines import split_lines

_Value = TypeVar("_Value")

__all__ = ["INPUT_FORMATS", "Options", "clean_batch", "clean_bytes", "clean_text", "survey_bytes", "survey_text"]


def clean_text(text: str, options: Options | None = None, source: str | None = None) -> Result:
    """Clean a decoded document (plain text or HTML). Raises only :class:`~cleaner.errors.CleanerError`.

    A lone surrogate (no character: what ``surrogateescape`` or a broken UTF-16 leaves) becomes U+FFFD.
    """
    return _guarded(lambda: _clean_text(text, options or Options(), source))


def _clean_text(text: str, options: Options, source: str | None) -> Result:
    text = mend_surrogates(text)
    kind = options.input_format
    if kind == "auto":
        kind = sniff_format(text, source)
    extraction = (extract_html if kind == "html" else extract_text)(text, options)
    decisions = remove_template(extraction.decisions, options.batch, extraction.metadata.url, options.rules)
    return Result(tuple(decisions), extraction.metadata, kind, source)


def _guarded(function: Callable[[], _Value]) -> _Value:
    """``function()``, raising only :class:`~cleaner.errors.CleanerError`."""
    try:
        return function()
    except CleanerError:
        raise
    except RecursionError:
        raise DocumentError("document nested too deeply to read") from None
    except MemoryError:
        raise DocumentError("document too large for the memory there is") from None
    except Exception as exc:
        raise InternalError(exc) from exc


def survey_text(text: str, options: Options | None = None, source: str | None = None) -> PageUnits:
    """The first pass of a batch over one decoded document: its site (``options.batch`` tells it) and its
    blocks' fingerprints, the blocks cleaning decides (HTML: the walked blocks; text: the lines)."""
    options = options or Options()

    def survey() -> PageUnits:
        page = mend_surrogates(text)
        kind = options.input_format if options.input_format != "auto" else sniff_format(page, source)
        url, texts = block_texts(page, options) if kind == "html" else (None, [b.text for b in split_lines(page)])
        batch = options.batch
        record_url, folder = (batch.record_url, batch.folder) if batch is not None else (None, None)
        return PageUnits.of(site_of(record_url or url, folder), texts)

    return _guarded(survey)


def survey_bytes(
    data: bytes, options: Options | None = None, source: str | None = None, charset: str | None = None
) -> PageUnits:
    """:func:`survey_text` on raw bytes, decoded as :func:`clean_bytes` decodes them."""
    return survey_text(_guarded(lambda: decode(data, charset)), options, source)


def clean_batch(
    texts: Sequence[str], options: Options | None = None, sources: Sequence[str] | None = None
) -> list[Result]:
    """Clean documents as one batch, in memory: each site's template (blocks on many of its pages: see
    cleaner.templates) is removed as TEMPLATE001. A document's site is its page's URL, else the folder of its
    ``source`` (no sources: all are one site)."""
    options = options or Options()
    names: list[str | None] = list(sources) if sources is not None else [None] * len(texts)
    batches = [Batch(Templates(), folder=folder_of(name) if name else "") for name in names]
    templates = learn(
        survey_text(text, replace(options, batch=batch), name)
        for text, batch, name in zip(texts, batches, names, strict=True)
    )
    return [
        clean_text(text, replace(options, batch=replace(batch, templates=templates)), name)
        for text, batch, name in zip(texts, batches, names, strict=True)
    ]


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
