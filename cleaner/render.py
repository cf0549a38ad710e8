"""Renderers: format a Result. They never decide what is boilerplate."""

from __future__ import annotations

import json
from typing import Any

from cleaner.model import Result

FORMATS = ("text", "json", "jsonl", "markdown")
EXTENSIONS = {"text": ".txt", "json": ".json", "jsonl": ".jsonl", "markdown": ".md"}


def to_text(result: Result) -> str:
    text = result.text
    return text + "\n" if text else ""


def to_dict(result: Result) -> dict[str, Any]:
    return {
        "source": result.source,
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
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"


def to_jsonl(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False) + "\n"


_MD_PREFIX = {
    "h1": "# ",
    "h2": "## ",
    "h3": "### ",
    "h4": "#### ",
    "h5": "##### ",
    "h6": "###### ",
    "li": "- ",
    "quote": "> ",
}


def to_markdown(result: Result) -> str:
    parts: list[str] = []
    if result.title and not any(b.kind == "h1" for b in result.kept):
        parts.append(f"# {result.title}\n\n")
    previous_kind = None
    for block in result.kept:
        if parts:
            same_list = block.kind == previous_kind == "li"
            parts.append("\n" if same_list or (not block.para_start and block.kind == "p") else "\n\n")
        parts.append(_MD_PREFIX.get(block.kind, "") + block.text)
        previous_kind = block.kind
    return "".join(parts) + ("\n" if parts else "")


def render(result: Result, fmt: str) -> str:
    if fmt == "text":
        return to_text(result)
    if fmt == "json":
        return to_json(result)
    if fmt == "jsonl":
        return to_jsonl(result)
    if fmt == "markdown":
        return to_markdown(result)
    raise ValueError(f"unknown format {fmt!r}")
