"""JSON: text, title, metadata, removals and why, counts. Compact except on a terminal.

Encoded by orjson: whole process, the standard library's encoder took a tenth of a text-mode run
written as JSON (and its pure-Python ``indent`` path as long as the cleaning).
"""

from __future__ import annotations

from typing import Any

import orjson

from cleaner.model import Result


def to_dict(result: Result) -> dict[str, Any]:
    origin: dict[str, Any] = {}
    if result.origin is not None:  # a web-archive record: the capture it came from
        origin = {"url": result.origin.url, "record_id": result.origin.record_id, "date": result.origin.date}
    return {
        "source": result.source,
        **origin,
        "input_format": result.input_format,
        "title": result.title,
        "text": result.text,
        "metadata": result.metadata.to_dict(),
        "removed": [
            {
                "rule": d.removal.rule,
                "category": d.removal.category,
                "reason": d.removal.reason,
                "text": d.block.text,
                "line": d.block.line,
            }
            for d in result.decisions
            if d.removal is not None
        ],
        "stats": result.stats(),
    }


def to_json(result: Result) -> str:
    return orjson.dumps(to_dict(result), option=orjson.OPT_APPEND_NEWLINE).decode()


def to_pretty_json(result: Result) -> str:
    return orjson.dumps(to_dict(result), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
