"""JSON: text, title, metadata, removals and why, counts. Compact except on a terminal.

Encoded by orjson: whole process, the standard library's encoder took a tenth of a text-mode run
written as JSON (and its pure-Python ``indent`` path as long as the cleaning). The compact form encodes
the removed lines a slice at a time, so that a page of a million removed lines never holds a dict for
each of them at once; it is the same JSON text the whole dict would encode to.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

import orjson

from cleaner.inputs.decode import mend_surrogates
from cleaner.model import Decision, Result

REMOVED_PER_SLICE = 4096
"""Removed lines encoded at a time by ``to_json``."""


def _head(result: Result) -> dict[str, Any]:
    """Every field before ``removed``, in order."""
    origin: dict[str, Any] = {}
    if result.origin is not None:  # a web-archive record: the capture it came from
        origin = {"url": result.origin.url, "record_id": result.origin.record_id, "date": result.origin.date}
    return {
        "source": None if result.source is None else mend_surrogates(result.source),
        **origin,
        "input_format": result.input_format,
        "title": result.title,
        "text": result.text,
        "metadata": result.metadata.to_dict(),
    }


def _entries(removed: Sequence[Decision]) -> list[dict[str, Any]]:
    return [
        {
            "rule": d.removal.rule,
            "category": d.removal.category,
            "reason": d.removal.reason,
            "text": d.block.text,
            "line": d.block.line,
        }
        for d in removed
        if d.removal is not None
    ]


def to_dict(result: Result) -> dict[str, Any]:
    return {**_head(result), "removed": _entries(result.removed), "stats": result.stats()}


def _slices(removed: Sequence[Decision]) -> Iterator[Sequence[Decision]]:
    it = iter(removed)
    while piece := tuple(islice(it, REMOVED_PER_SLICE)):
        yield piece


def to_json(result: Result) -> str:
    """``to_dict(result)`` as compact JSON and a newline."""
    removed = result.removed
    head = orjson.dumps(_head(result))[:-1].decode()  # (without its closing brace)
    pieces = [head, ',"removed":[']
    for n, piece in enumerate(_slices(removed)):
        # (each slice a list of its own, its brackets cut off; the slices joined by commas)
        pieces.append(("," if n else "") + orjson.dumps(_entries(piece))[1:-1].decode())
    pieces.append('],"stats":' + orjson.dumps(result.stats()).decode() + "}\n")
    return "".join(pieces)


def to_pretty_json(result: Result) -> str:
    return orjson.dumps(to_dict(result), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
