"""JSON: text, title, metadata, removals and why, counts. Compact except on a terminal: with ``indent``,
``json.dumps`` runs CPython's pure-Python encoder, not the C one, costing about as much as cleaning text."""

from __future__ import annotations

import json
from typing import Any

from cleaner.inputs.decode import mend_surrogates
from cleaner.model import Result


def to_dict(result: Result) -> dict[str, Any]:
    return {
        "source": None if result.source is None else mend_surrogates(result.source),
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
            for d in result.removed
            if d.removal is not None
        ],
        "stats": result.stats(),
    }


def to_json(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False) + "\n"


def to_pretty_json(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
