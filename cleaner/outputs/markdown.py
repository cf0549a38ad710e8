"""Markdown (CommonMark with GFM tables): the page's structure, and its text exactly, nothing read as syntax.

Headings at their levels, paragraphs (an HTML ``<br>`` a hard line break), ordered and unordered lists
with their nesting, block quotes, fenced code with its language, pipe tables with every cell in its
column, definition lists (``: definition``, as PHP Markdown Extra and Pandoc write them), figures
with their captions, and with --formatting, --links and --images the inline markup.

Every character of the text that CommonMark or GFM could read as syntax or as raw HTML is
backslash-escaped, so a renderer shows exactly the text the page had.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple
from urllib.parse import quote

from cleaner.html.markup import plain_text, safe_url
from cleaner.model import Block, Inline, Result
from cleaner.outputs.structure import FLOWING, HEADINGS, Leaf, Node, block_tree, in_frame, table_rows, title_heading

_INLINE_SYNTAX = re.compile(r"[\\`*\[\]<>|~]|&(?=[#A-Za-z0-9])|(?<![^\W_])_|_(?![^\W_])")
"""Anywhere: escapes, code, emphasis, links, raw HTML and autolinks, table cells, strikethrough, entities.
An ``_`` between two letters or digits can neither open nor close emphasis, and is left alone."""
_LINE_START_SYNTAX = re.compile(r"[#+=-]|\d{1,9}(?=[.)])")
"""At a line's start: a heading, a list item, a thematic break or a setext underline."""
_HEADING_CLOSE = re.compile(r"(^|[ \t])(#+)$")
_BACKTICKS = re.compile(r"`+")
_NOT_LANGUAGE = re.compile(r"[^A-Za-z0-9_+#.-]")
_DESTINATION_SAFE = "/:?#@!$&'*+,;=%~-._"
_MARKERS = {"em": "*", "strong": "**", "del": "~~"}
_DELIMITERS = ("*", "~", "`")
BULLETS = ("-", "*")
"""Two lists in a row need two bullets (or delimiters): with one, CommonMark reads a single list."""
DELIMITERS = (".", ")")


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def escape_inline(text: str) -> str:
    """``text`` escaped for the middle of a line."""
    return _INLINE_SYNTAX.sub(_backslash, text)


def escape(text: str) -> str:
    """``text`` as Markdown that reads back as exactly ``text``, as a paragraph, a heading or a table cell."""
    escaped = escape_inline(text)
    start = _LINE_START_SYNTAX.match(escaped)
    if start is None:
        return escaped
    if start.group()[0].isdigit():  # "1984. That year": the delimiter after the number is escaped
        end = start.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def _destination(url: str) -> str:
    return quote(url, safe=_DESTINATION_SAFE)


def _wraps(before: str, first: str, last: str, after: str) -> bool:
    """``*inner*`` (or ``**``, ``~~``) between the characters ``before`` and ``after`` reads back as that
    emphasis around exactly ``inner`` (its ``first`` and ``last`` characters): it starts and ends with a
    letter or digit, and no delimiter touches it."""
    return first.isalnum() and last.isalnum() and before not in _DELIMITERS and after not in _DELIMITERS


def _code_span(text: str, before: str, after: str) -> str | None:
    """``text`` as a code span, or None where it would not read back as one (against a backtick; a
    fence of three at a line's start opens a code block)."""
    runs = {len(run) for run in _BACKTICKS.findall(text)}
    width = 1
    while width in runs:
        width += 1
    if (before and before in "`") or (after and after in "`") or (width >= 3 and not before) or not text.strip():
        return None
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or (text[0] == text[-1] == " ") else text
    return "`" * width + padded + "`" * width


def _edge(runs: tuple[Inline, ...], last: bool, in_link: bool) -> str:
    """The first (or ``last``) character the runs render as, or a delimiter where it could be one: what a
    run beside them must not touch is never missed, and each run is rendered once."""
    for run in reversed(runs) if last else runs:
        if run.kind == "text":
            if run.text:
                return escape_inline(run.text)[-1 if last else 0]
        elif run.kind == "image":
            if safe_url(run.target):
                return ")" if last else "!"
        elif run.kind == "code" or run.kind in _MARKERS:
            return "`" if run.kind == "code" else _MARKERS[run.kind][0]
        elif run.kind == "link" and not in_link and safe_url(run.target):
            return ")" if last else "["
        else:
            edge = _edge(run.children, last, in_link)
            if edge:
                return edge
    return ""


def _runs(runs: tuple[Inline, ...], before: str, after: str, in_link: bool = False) -> str:
    """Inline runs as Markdown between the characters ``before`` and ``after`` ("" at a line's edge); markup
    that would not read back as such (emphasis against a delimiter, a link in a link or to an unsafe
    target) is given as its text."""
    out: list[str] = []
    for i, run in enumerate(runs):
        left = out[-1][-1:] if out and out[-1] else before
        right = _edge(runs[i + 1 :], False, in_link) or after
        piece = _run(run, left, right, in_link)
        if left == "!" and piece.startswith("[") and out and out[-1].endswith("!"):
            out[-1] = out[-1][:-1] + "\\!"  # "!" before a link would make it a picture
        out.append(piece)
    return "".join(out)


def _run(run: Inline, before: str, after: str, in_link: bool) -> str:
    if run.kind == "text":
        return escape(run.text) if not before else escape_inline(run.text)
    if run.kind == "image":
        src = safe_url(run.target)
        return f"![{escape_inline(run.text)}]({_destination(src)})" if src else ""
    if run.kind == "code":
        span = _code_span(plain_text(run.children), before, after)
        if span is not None:
            return span
    marker = _MARKERS.get(run.kind)
    if marker is not None:
        first, last = _edge(run.children, False, in_link), _edge(run.children, True, in_link)
        if _wraps(before, first, last, after):
            return marker + _runs(run.children, marker[-1], marker[0], in_link) + marker
    elif run.kind == "link" and not in_link:
        href = safe_url(run.target)
        if href:
            inner = _runs(run.children, "[", "]", in_link=True)
            return f"[{inner}]({_destination(href)})" if inner else ""
    return _runs(run.children, before, after, in_link)


def _line(block: Block) -> str:
    if block.shape.inline is not None:
        return _runs(block.shape.inline, "", "")
    return escape(block.text)


def heading(level: int, markdown: str) -> str:
    """An ATX heading of ``markdown`` (escaped already): a closing run of ``#`` would be taken off it."""
    return "#" * level + " " + _HEADING_CLOSE.sub(r"\1\\\2", markdown)


def _code(block: Block) -> str:
    code = block.shape.code if block.shape.code is not None else block.text
    runs = [len(run) for run in _BACKTICKS.findall(code)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    language = _NOT_LANGUAGE.sub("", (block.shape.language or "").split(" ")[0])  # the info string's first word
    return f"{fence}{language}\n{code}\n{fence}"


def _table(leaf: Leaf) -> str:
    rows = table_rows(leaf)

    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(map(escape_inline, cells)) + " |"  # a cell holds no blocks: no line start

    rule = "| " + " | ".join("---" for _ in rows[0]) + " |"
    return "\n".join([row(rows[0]), rule, *map(row, rows[1:])])


def _leaf(leaf: Leaf) -> str:
    first = leaf.blocks[0]
    if leaf.kind in HEADINGS:
        return heading(int(first.kind[1]), _line(first))
    if leaf.kind == "pre":
        return _code(first)
    if leaf.kind == "tr":
        return _table(leaf)
    if leaf.kind == "img":
        return _line(first)
    text = "\\\n".join(map(_line, leaf.blocks))  # a backslash at a line's end: a hard line break
    if leaf.kind == "li" and not in_frame(leaf, "li", "dt"):
        return "- " + _indent(text, 2)
    if leaf.kind == "quote" and not in_frame(leaf, "quote"):
        return _quote(text)
    return text


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join(pad + line if line and i else line for i, line in enumerate(text.split("\n")))


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


class Chunk(NamedTuple):
    """One block-level piece of Markdown, and what it is: a paragraph, a list that may follow a paragraph
    line directly (bullets, or numbers from 1: CommonMark lets only those interrupt one), or other."""

    text: str
    role: str = "other"


def _joined(chunks: list[Chunk], tight: bool = False) -> str:
    """Chunks one after the other, a blank line between; ``tight`` (in a list item): a paragraph and the
    list after it on consecutive lines, so that the list stays tight."""
    out = chunks[0].text if chunks else ""
    for before, chunk in pairwise(chunks):
        out += ("\n" if tight and before.role == "p" and chunk.role == "list" else "\n\n") + chunk.text
    return out


def _list(node: Node, style: int) -> list[Chunk]:
    """A list; what sits in it outside any <li> (browsers show it indented, without a marker) goes with the
    item before it, or before the list when no item came yet."""
    ordered = node.frame is not None and node.frame.kind == "ol"
    number = node.frame.start if node.frame is not None else 1
    interrupts = not ordered or number == 1
    before: list[Node | Leaf] = []
    items: list[list[Node | Leaf]] = []
    for child in node.children:
        if isinstance(child, Node) and child.frame is not None and child.frame.kind == "li":
            items.append(list(child.children))
        else:
            (items[-1] if items else before).append(child)
    lines: list[str] = []
    for item in items:
        marker = f"{number}{DELIMITERS[style]}" if ordered else BULLETS[style]
        number += 1
        lines.append(marker + " " + _indent(_joined(_chunks(item), tight=True), len(marker) + 1))
    listed = [Chunk("\n".join(lines), "list" if interrupts else "other")] if lines else []
    return _chunks(before) + listed


def _list_kind(child: Node | Leaf) -> str | None:
    if isinstance(child, Node) and child.frame is not None and child.frame.kind in ("ul", "ol"):
        return child.frame.kind
    return None


def _chunks(children: list[Node | Leaf]) -> list[Chunk]:
    """The block-level Markdown of a container's children."""
    chunks: list[Chunk] = []
    previous: tuple[str | None, int] = (None, 0)  # the list just written, and its marker style
    for child in children:
        kind = _list_kind(child)
        if isinstance(child, Leaf):
            chunks.append(Chunk(_leaf(child), "p" if child.kind in FLOWING else "other"))
        elif kind is not None:
            style = 1 - previous[1] if previous[0] == kind else 0
            listed = _list(child, style)
            chunks.extend(listed)
            if listed and listed[-1].role != "p":  # (a list of no items gives only what stood in it)
                previous = (kind, style)
                continue
        else:
            chunks.extend(_container(child))
        previous = (None, 0)
    return chunks


def _container(node: Node) -> list[Chunk]:
    kind = node.frame.kind if node.frame is not None else ""
    inner = _chunks(node.children)
    if kind == "quote":
        return [Chunk(_quote(_joined(inner)))] if inner else []
    if kind == "li":  # an item outside any list
        return _list(Node(None, [node]), 0)
    if kind == "dd" and inner and inner[0].role == "p":  # CommonMark has no definitions: only their first line says it
        return [Chunk(": " + inner[0].text, "p"), *inner[1:]]
    return inner


def to_markdown(result: Result) -> str:
    """The kept blocks as Markdown; the title first as a heading unless an h1 says it."""
    title, blocks = title_heading(result)
    chunks = [Chunk(heading(1, escape(title)))] if title is not None else []
    chunks.extend(_chunks(block_tree(blocks, line_breaks=result.input_format == "html").children))
    return _joined(chunks) + "\n" if chunks else ""
