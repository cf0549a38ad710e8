"""Walk the article's elements into blocks: paragraphs, headings, list items, quotes, code, table rows.

Text in divs and spans that are not <p> is kept (inline text gathers until the next
block-level boundary); each element an HTML rule removes becomes one removed Decision
carrying its whole text, so --explain and JSON ``removed`` show what went and why.

Each kept block also carries its ``Shape``: the lists, items, quotes and tables it sits in,
a table row's cells column by column, a code block's lines and language, and (when asked
for) its inline markup. Cleaning never reads it; the markdown and html renderers do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count

from cleaner.html.dom import BLOCK_TAGS, NEVER_TEXT, HtmlElement, normalize, tag_of, text_of
from cleaner.html.markup import Markup, code_language, code_text, image_of
from cleaner.model import NO_SHAPE, Block, Decision, Frame, Removal, Shape
from cleaner.options import MarkupOptions
from cleaner.rules import RuleSet

BLOCK_KINDS = {
    "p": "p", "h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
    "li": "li", "dt": "li", "blockquote": "quote", "pre": "pre", "tr": "tr", "figcaption": "caption",
}  # fmt: skip
FRAME_KINDS = {
    "ul": "ul", "ol": "ol", "menu": "ul", "li": "li", "blockquote": "quote", "table": "table",
    "dl": "dl", "dt": "dt", "dd": "dd", "figure": "figure",
}  # fmt: skip
"""Elements that hold blocks and give them structure: each becomes a Frame of the blocks inside it."""
CELL_TAGS = frozenset({"td", "th"})
MAX_COLSPAN = 100
MAX_ROWSPAN = 1000

Judge = Callable[[HtmlElement, str], str | None]
"""Decides whether an element goes, with everything inside it: an HTML rule code, or None."""


@dataclass
class _Builder:
    """Gathers inline text into blocks while the walk goes; private to one walk."""

    rules: RuleSet
    judge: Judge
    serials: Iterator[int]
    markup: Markup | None = None
    decisions: list[Decision] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    line: int = 0
    para_start: bool = True
    shapes: dict[tuple[Frame, ...], Shape] = field(default_factory=dict)
    rowspans: dict[int, dict[int, int]] = field(default_factory=dict)
    """Per table (by its frame's serial): the columns a cell above still covers, and for how many rows."""

    def add(self, text: str | None, line: int | None) -> None:
        if text:
            if not self.parts:
                self.line = line or self.line
            self.parts.append(text)
            if self.markup is not None:
                self.markup.text(text)

    def flush(self, kind: str, frames: tuple[Frame, ...], para_start: bool | None = None) -> bool:
        """Close the current block; False when there was no text to close."""
        text = normalize("".join(self.parts))
        self.parts.clear()
        inline = self.markup.close(text) if self.markup is not None else None
        if not text:
            return False
        if inline is not None:
            shape = Shape(frames, inline=inline)
        elif (shape := self.shapes.get(frames)) is None:  # type: ignore[assignment]
            shape = self.shapes[frames] = Shape(frames) if frames else NO_SHAPE
        self.decisions.append(Decision(Block(text, self.line, kind, self.para_start, shape)))
        self.para_start = True if para_start is None else para_start
        return True

    def emit(self, block: Block, removal: Removal | None = None) -> None:
        """Add a block made whole from one element (a removed element, a code block, a table row)."""
        self.decisions.append(Decision(block, removal))

    def frame(self, tag: str, el: HtmlElement) -> Frame:
        return Frame(FRAME_KINDS[tag], next(self.serials), _list_start(el) if tag == "ol" else 1)

    def row_cells(self, frames: tuple[Frame, ...], row: HtmlElement, texts: list[str]) -> tuple[str, ...]:
        """The row's cells one per column: a colspan fills the columns it spans, a rowspan those below it."""
        table = next((f.serial for f in reversed(frames) if f.kind == "table"), 0)
        covered = self.rowspans.setdefault(table, {})
        cells: list[str] = []

        def skip_covered() -> None:
            while covered.get(len(cells), 0) > 0:
                covered[len(cells)] -= 1
                cells.append("")

        for cell, text in zip(row, texts, strict=True):
            skip_covered()
            across = _span(cell, "colspan", MAX_COLSPAN)
            down = _span(cell, "rowspan", MAX_ROWSPAN)
            if down > 1:
                covered.update(dict.fromkeys(range(len(cells), len(cells) + across), down - 1))
            cells.append(text)
            cells.extend([""] * (across - 1))
        last = max((column for column, rows in covered.items() if rows > 0), default=-1)
        while len(cells) <= last:
            if covered.get(len(cells), 0) > 0:
                covered[len(cells)] -= 1
            cells.append("")
        return tuple(cells)


def _span(cell: HtmlElement, name: str, limit: int) -> int:
    try:
        return min(max(int(cell.get(name) or 1), 1), limit)
    except ValueError:
        return 1


def _list_start(el: HtmlElement) -> int:
    try:
        return min(max(int(el.get("start") or 1), 0), 999_999_999)  # CommonMark allows nine digits
    except ValueError:
        return 1


def _line(el: HtmlElement) -> int:
    return int(el.sourceline or 0)


def _simple_row(el: HtmlElement) -> bool:
    """A table row of plain cells (not a layout row holding paragraphs or nested tables)."""
    return all(tag_of(cell) in CELL_TAGS and not any(tag_of(d) in BLOCK_TAGS for d in cell.iterdescendants())
               for cell in el)  # fmt: skip


def _is_header_row(el: HtmlElement) -> bool:
    parent = el.getparent()
    return (parent is not None and tag_of(parent) == "thead") or all(tag_of(cell) == "th" for cell in el)


def _pre_text(el: HtmlElement) -> str:
    return "\n".join(line.rstrip() for line in el.text_content().strip("\n").splitlines())


def _walk(el: HtmlElement, kind: str, frames: tuple[Frame, ...], out: _Builder) -> None:
    """Walk ``el``'s content (not its tail) into ``out``; ``kind`` is the enclosing block's kind, ``frames``
    the containers it sits in."""
    tag = tag_of(el)
    if tag in NEVER_TEXT:
        return
    code = out.judge(el, tag)
    removal = out.rules.removal(code) if code is not None else None
    if removal is not None:  # (None too when the user deselected the rule: then the walk goes inside)
        if tag in BLOCK_TAGS or tag in BLOCK_KINDS:
            out.flush(kind, frames)  # an inline element goes without splitting the paragraph around it
        text = text_of(el)
        if text:
            out.emit(Block(text, _line(el), BLOCK_KINDS.get(tag, "p"), True), removal)
        return
    if tag == "br":
        if not out.flush(kind, frames, para_start=False):
            out.para_start = True  # a second <br> in a row: a paragraph break
        return
    if tag == "pre":
        out.flush(kind, frames)
        text = _pre_text(el)
        if text:
            shape = Shape(frames, code=code_text(el), language=code_language(el))
            out.emit(Block(text, _line(el), "pre", True, shape))
        return
    if tag == "tr" and _simple_row(el):
        out.flush(kind, frames)
        texts = [text_of(c) for c in el]
        cells = out.row_cells(frames, el, texts)
        text = " | ".join(t for t in texts if t)
        if text:
            out.emit(Block(text, _line(el), "tr", True, Shape(frames, cells=cells, header=_is_header_row(el))))
        return
    if tag == "img" and out.markup is not None and out.markup.options.images:
        out.flush(kind, frames)
        image = image_of(el)
        if image is not None:  # a block of no text: it adds nothing to the text, only the picture
            out.emit(Block("", _line(el), "img", True, Shape(frames, inline=(image,))))
        return
    is_block = tag in BLOCK_TAGS or tag in BLOCK_KINDS
    inner = BLOCK_KINDS.get(tag, kind) if is_block else kind
    if tag == "p" and kind in ("li", "quote"):
        inner = kind  # a paragraph inside a list item or a quote is still part of it
    if is_block:
        out.flush(kind, frames)
    inner_frames = (*frames, out.frame(tag, el)) if tag in FRAME_KINDS else frames
    if out.markup is not None and not is_block:
        out.markup.open(el, tag)
    out.add(el.text, _line(el))
    for child in el:
        _walk(child, inner, inner_frames, out)
        out.add(child.tail, _line(child))
    if out.markup is not None and not is_block:
        out.markup.end(tag)
    if is_block:
        out.flush(inner, inner_frames)


def region_decisions(
    elements: list[HtmlElement],
    rules: RuleSet,
    judge: Judge,
    serials: Iterator[int] | None = None,
    markup: MarkupOptions | None = None,
) -> list[Decision]:
    """The decisions for the article's elements, in document order.

    ``serials`` numbers the containers; share one between the calls for one page, so that two lists
    from two calls are never taken for one. ``markup``: which inline markup the blocks keep.
    """
    out = _Builder(rules, judge, serials or count(1), Markup(markup) if markup is not None and markup.any else None)
    for el in elements:
        tag = tag_of(el)
        frames = (out.frame(tag, el),) if tag in FRAME_KINDS else ()
        out.flush("p", ())
        out.add(el.text, _line(el))
        for child in el:
            _walk(child, "p", frames, out)
            out.add(child.tail, _line(child))
        out.flush("p", frames)
    return out.decisions
