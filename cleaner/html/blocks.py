"""Walk the article's elements into blocks: paragraphs, headings, list items, quotes, code, table rows.

Text in divs and spans that are not <p> is kept (inline text gathers until the next
block-level boundary); each element an HTML rule removes becomes one removed Decision
carrying its whole text, so --explain and JSON ``removed`` show what went and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cleaner.html.dom import BLOCK_TAGS, NEVER_TEXT, HtmlElement, normalize, tag_of, text_of
from cleaner.model import Block, Decision, Removal
from cleaner.rules import RuleSet

BLOCK_KINDS = {
    "p": "p", "h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
    "li": "li", "dt": "li", "blockquote": "quote", "pre": "pre", "tr": "tr", "figcaption": "caption",
}  # fmt: skip
CELL_TAGS = frozenset({"td", "th"})

Judge = Callable[[HtmlElement, str], str | None]
"""Decides whether an element goes, with everything inside it: an HTML rule code, or None."""


@dataclass
class _Builder:
    """Gathers inline text into blocks while the walk goes; private to one walk."""

    rules: RuleSet
    judge: Judge
    decisions: list[Decision] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    line: int = 0
    para_start: bool = True

    def add(self, text: str | None, line: int | None) -> None:
        if text:
            if not self.parts:
                self.line = line or self.line
            self.parts.append(text)

    def flush(self, kind: str, para_start: bool | None = None) -> bool:
        """Close the current block; False when there was no text to close."""
        text = normalize("".join(self.parts))
        self.parts.clear()
        if not text:
            return False
        self.decisions.append(Decision(Block(text, self.line, kind, self.para_start)))
        self.para_start = True if para_start is None else para_start
        return True

    def emit(self, block: Block, removal: Removal | None = None) -> None:
        """Add a block made whole from one element (a removed element, a code block, a table row)."""
        self.decisions.append(Decision(block, removal))


def _line(el: HtmlElement) -> int:
    return int(el.sourceline or 0)


def _simple_row(el: HtmlElement) -> bool:
    """A table row of plain cells (not a layout row holding paragraphs or nested tables)."""
    return all(tag_of(cell) in CELL_TAGS and not any(tag_of(d) in BLOCK_TAGS for d in cell.iterdescendants())
               for cell in el)  # fmt: skip


def _pre_text(el: HtmlElement) -> str:
    return "\n".join(line.rstrip() for line in el.text_content().strip("\n").splitlines())


def _walk(el: HtmlElement, kind: str, out: _Builder) -> None:
    """Walk ``el``'s content (not its tail) into ``out``; ``kind`` is the enclosing block's kind."""
    tag = tag_of(el)
    if tag in NEVER_TEXT:
        return
    code = out.judge(el, tag)
    removal = out.rules.removal(code) if code is not None else None
    if removal is not None:  # (None too when the user deselected the rule: then the walk goes inside)
        if tag in BLOCK_TAGS or tag in BLOCK_KINDS:
            out.flush(kind)  # an inline element goes without splitting the paragraph around it
        text = text_of(el)
        if text:
            out.emit(Block(text, _line(el), BLOCK_KINDS.get(tag, "p"), True), removal)
        return
    if tag == "br":
        if not out.flush(kind, para_start=False):
            out.para_start = True  # a second <br> in a row: a paragraph break
        return
    if tag == "pre" or (tag == "tr" and _simple_row(el)):
        out.flush(kind)
        text = _pre_text(el) if tag == "pre" else " | ".join(t for t in (text_of(c) for c in el) if t)
        if text:
            out.emit(Block(text, _line(el), BLOCK_KINDS[tag], True))
        return
    is_block = tag in BLOCK_TAGS or tag in BLOCK_KINDS
    inner = BLOCK_KINDS.get(tag, kind) if is_block else kind
    if tag == "p" and kind in ("li", "quote"):
        inner = kind  # a paragraph inside a list item or a quote is still part of it
    if is_block:
        out.flush(kind)
    out.add(el.text, _line(el))
    for child in el:
        _walk(child, inner, out)
        out.add(child.tail, _line(child))
    if is_block:
        out.flush(inner)


def region_decisions(elements: list[HtmlElement], rules: RuleSet, judge: Judge) -> list[Decision]:
    """The decisions for the article's elements, in document order."""
    out = _Builder(rules, judge)
    for el in elements:
        out.flush("p")
        out.add(el.text, _line(el))
        for child in el:
            _walk(child, "p", out)
            out.add(child.tail, _line(child))
        out.flush("p")
    return out.decisions
