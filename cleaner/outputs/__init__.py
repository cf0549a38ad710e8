"""The output formats: one registry entry each (renderer, file extension, stream framing).

Renderers only format a Result; they never decide what is boilerplate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cleaner.errors import DocumentError
from cleaner.model import Result
from cleaner.outputs.html import to_html
from cleaner.outputs.json import to_json, to_pretty_json
from cleaner.outputs.markdown import to_markdown


@dataclass(frozen=True, slots=True)
class Framing:
    """How several documents share one stream: ``start``, the documents separated by ``between``, ``end``;
    with no document at all, ``empty``."""

    between: str
    start: str = ""
    end: str = ""
    empty: str = ""
    inline: bool = False  # the documents are elements of one value: each loses its final newline


def to_text(result: Result) -> str:
    return result.text + "\n" if result.text else ""


@dataclass(frozen=True, slots=True)
class Format:
    render: Callable[[Result], str]
    extension: str
    framing: Framing
    pretty: Callable[[Result], str] | None = None  # for a person at a terminal, when it differs


REGISTRY = {
    "text": Format(to_text, ".txt", Framing(between="\n")),
    "json": Format(
        to_json, ".json", Framing(",\n", start="[\n", end="\n]\n", empty="[]\n", inline=True), to_pretty_json
    ),
    "jsonl": Format(to_json, ".json", Framing(between="")),
    "markdown": Format(to_markdown, ".md", Framing(between="\n---\n\n")),
    "html": Format(to_html, ".html", Framing(between="")),
}
FORMATS = tuple(REGISTRY)
ONE_DOCUMENT = Framing(between="")  # a stream that can hold only one document: the document as it is


def render(result: Result, fmt: str, pretty: bool = False) -> str:
    """``result`` in format ``fmt``; ``pretty`` for a person at a terminal."""
    try:
        entry = REGISTRY[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}") from None
    try:
        return (entry.pretty if pretty and entry.pretty else entry.render)(result)
    except RecursionError:  # (markdown and html walk the page's nesting: hundreds of levels run out of stack)
        raise DocumentError(f"document nested too deeply to render as {fmt}") from None
