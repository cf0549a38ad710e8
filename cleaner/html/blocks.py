"""Walk a page's elements into blocks: paragraphs, headings, list items, quotes, code, table rows.

Text in divs and spans that are not <p> is kept (inline text gathers until the next
block-level boundary). The whole page is walked, not only the article's container: each
block carries where it sat (the block element holding it, how much of it is link text,
the HTML rule the nearest enclosing element would have removed it by, whether it lies
inside the best container and the article region) for the block classifier to weigh.
Only what markup decides alone, hidden elements and form controls, is removed here,
as one removed block carrying the element's whole text.

Each block also carries its ``Shape``: the lists, items, quotes and tables it sits in,
a table row's cells column by column, a code block's lines and language, and (when asked
for) its inline markup. Neither cleaning nor the classifier reads it; the markdown and html
renderers do. Pictures (--images) are blocks of no text, kept apart from the walked blocks
so that the classifier's features never see them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from itertools import count

from cleaner.html.dom import BLOCK_TAGS, NEVER_TEXT, HtmlElement, normalize, tag_of, text_of, visible_length
from cleaner.html.markup import Markup, code_language, code_text, image_of
from cleaner.model import NO_SHAPE, Block, Frame, Removal, Shape
from cleaner.options import MarkupOptions
from cleaner.rules import RuleSet, codes

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
MARKUP_DECIDES = frozenset({codes.HIDDEN_ELEMENT, codes.FORM_CONTROL})
"""Rules whose elements go whatever the classifier thinks: a reader never sees them as text."""

Judge = Callable[[HtmlElement, str], str | None]
"""Names the HTML rule that would remove an element with everything inside it, or None."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where the walk is: the nearest enclosing rule code, and whether inside the best container / region / a link."""

    furniture: str | None = None
    in_best: bool = False
    in_region: bool = False
    in_link: bool = False


@dataclass(frozen=True, slots=True)
class Walked:
    """A block and the facts about where it sat in the page."""

    block: Block
    owner: HtmlElement
    """The innermost block-level element holding the block's text."""
    link_chars: int
    place: Place
    removal: Removal | None = None
    """Set when markup alone removes the block (a hidden element, a form control)."""


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture (--images): a block of no text, placed before the walked block numbered ``before``."""

    block: Block
    before: int
    place: Place


@dataclass(frozen=True, slots=True)
class PageWalk:
    """The page's text blocks, in document order, and its pictures (when asked for)."""

    walked: list[Walked]
    pictures: list[Picture]


@dataclass
class _Builder:
    """Accumulates inline text into the current block and collects the blocks."""

    rules: RuleSet
    judge: Judge
    best: HtmlElement | None
    region: Collection[HtmlElement]
    markup: Markup | None = None
    walked: list[Walked] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    line: int = 0
    place: Place = field(default_factory=Place)
    para_start: bool = True
    serials: count[int] = field(default_factory=lambda: count(1))
    shapes: dict[tuple[Frame, ...], Shape] = field(default_factory=dict)
    removals: dict[str, Removal | None] = field(default_factory=dict)
    rowspans: dict[int, dict[int, int]] = field(default_factory=dict)
    """Per table (by its frame's serial): the columns a cell above still covers, and for how many rows."""

    def add(self, text: str | None, line: int | None, place: Place) -> None:
        if text:
            if not self.parts:
                self.line = line or self.line
                self.place = place
            self.parts.append(text)
            if place.in_link:
                self.link_chars += visible_length(text)
            if self.markup is not None:
                self.markup.text(text)

    def removal(self, code: str) -> Removal | None:
        """The removal rule ``code`` makes (None when deselected), made once a page."""
        if code not in self.removals:
            self.removals[code] = self.rules.removal(code)
        return self.removals[code]

    def flush(self, kind: str, owner: HtmlElement, frames: tuple[Frame, ...], para_start: bool | None = None) -> bool:
        """Close the current block; False when there was no text to close."""
        text = normalize("".join(self.parts))
        self.parts.clear()
        link_chars, self.link_chars = self.link_chars, 0
        inline = self.markup.close(text) if self.markup is not None else None
        if not text:
            return False
        if inline is not None:
            shape = Shape(frames, inline=inline)
        elif (shape := self.shapes.get(frames)) is None:  # type: ignore[assignment]
            shape = self.shapes[frames] = Shape(frames) if frames else NO_SHAPE
        block = Block(text, self.line, kind, self.para_start, shape)
        self.walked.append(Walked(block, owner, min(link_chars, visible_length(text)), self.place))
        self.para_start = True if para_start is None else para_start
        return True

    def emit(self, block: Block, owner: HtmlElement, place: Place, removal: Removal | None = None) -> None:
        """Add a block made whole from one element (a removed element, a code block, a table row)."""
        links = sum(visible_length(a.text_content()) for a in owner.iter("a")) if removal is None else 0
        self.walked.append(Walked(block, owner, min(links, visible_length(block.text)), place, removal))

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
    """A table row whose cells hold only text and inline markup (no nested tables or blocks)."""
    return all(tag_of(cell) in CELL_TAGS and not any(tag_of(d) in BLOCK_TAGS for d in cell.iterdescendants())
               for cell in el)  # fmt: skip


def _is_header_row(el: HtmlElement) -> bool:
    parent = el.getparent()
    return (parent is not None and tag_of(parent) == "thead") or all(tag_of(cell) == "th" for cell in el)


def _pre_text(el: HtmlElement) -> str:
    return "\n".join(line.rstrip() for line in el.text_content().strip("\n").splitlines())


def _inner_place(el: HtmlElement, tag: str, place: Place, out: _Builder) -> tuple[Place, Removal | None]:
    """The place inside ``el``, and the removal when markup alone removes it."""
    code = out.judge(el, tag)
    removal = out.removal(code) if code is not None else None
    if removal is not None and code in MARKUP_DECIDES:
        return place, removal
    furniture = place.furniture if removal is None else code
    in_best = place.in_best or el is out.best
    in_region = place.in_region or el in out.region
    in_link = place.in_link or tag == "a"
    if (furniture, in_best, in_region, in_link) == (place.furniture, place.in_best, place.in_region, place.in_link):
        return place, None
    return Place(furniture, in_best, in_region, in_link), None


def _walk(
    el: HtmlElement, kind: str, owner: HtmlElement, place: Place, frames: tuple[Frame, ...], out: _Builder
) -> None:
    """Walk ``el``'s content (not its tail) into ``out``; ``kind`` is the enclosing block's kind, ``frames``
    the containers it sits in."""
    tag = tag_of(el)
    if tag in NEVER_TEXT:
        return
    inner_place, removal = _inner_place(el, tag, place, out)
    is_block = tag in BLOCK_TAGS or tag in BLOCK_KINDS
    if removal is not None:
        if is_block:
            out.flush(kind, owner, frames)  # an inline element goes without splitting the paragraph around it
        text = text_of(el)
        if text:
            out.emit(Block(text, _line(el), BLOCK_KINDS.get(tag, "p"), True), el, place, removal)
        return
    if tag == "br":
        if not out.flush(kind, owner, frames, para_start=False):
            out.para_start = True  # a second <br> in a row: a paragraph break
        return
    if tag == "pre":
        out.flush(kind, owner, frames)
        text = _pre_text(el)
        if text:
            shape = Shape(frames, code=code_text(el), language=code_language(el))
            out.emit(Block(text, _line(el), "pre", True, shape), el, inner_place)
        return
    if tag == "tr" and _simple_row(el):
        out.flush(kind, owner, frames)
        texts = [text_of(c) for c in el]
        cells = out.row_cells(frames, el, texts)
        text = " | ".join(t for t in texts if t)
        if text:
            shape = Shape(frames, cells=cells, header=_is_header_row(el))
            out.emit(Block(text, _line(el), "tr", True, shape), el, inner_place)
        return
    if tag == "img" and out.markup is not None and out.markup.options.images:
        image = image_of(el)
        if image is not None:  # a block of no text: it adds nothing to the text, only the picture
            out.flush(kind, owner, frames)
            picture = Block("", _line(el), "img", True, Shape(frames, inline=(image,)))
            out.pictures.append(Picture(picture, len(out.walked), inner_place))
        return
    # An element a rule names (a custom <ps-promo>, a standing <time>) is a block of its own.
    is_block = is_block or inner_place.furniture != place.furniture
    inner = BLOCK_KINDS.get(tag, kind) if is_block else kind
    if tag == "p" and kind in ("li", "quote"):
        inner = kind  # a paragraph inside a list item or a quote is still part of it
    inner_owner = el if is_block else owner
    if is_block:
        out.flush(kind, owner, frames)
    inner_frames = (*frames, out.frame(tag, el)) if tag in FRAME_KINDS else frames
    if out.markup is not None and not is_block:
        out.markup.open(el, tag)
    if el.text:
        out.add(el.text, _line(el), inner_place)
    for child in el:
        _walk(child, inner, inner_owner, inner_place, inner_frames, out)
        if child.tail:
            out.add(child.tail, _line(child), inner_place)
    if out.markup is not None and not is_block:
        out.markup.end(tag)
    if is_block:
        out.flush(inner, inner_owner, inner_frames)


def walk_page(
    root: HtmlElement,
    rules: RuleSet,
    judge: Judge,
    best: HtmlElement | None,
    region: Collection[HtmlElement],
    markup: MarkupOptions | None = None,
) -> PageWalk:
    """Every block of the page under ``root``, in document order, with where it sat; ``markup``: which
    inline markup the blocks keep."""
    out = _Builder(rules, judge, best, region, Markup(markup) if markup is not None and markup.any else None)
    place, _ = _inner_place(root, tag_of(root), Place(), out)
    tag = tag_of(root)
    frames = (out.frame(tag, root),) if tag in FRAME_KINDS else ()
    out.add(root.text, _line(root), place)
    for child in root:
        _walk(child, "p", root, place, frames, out)
        out.add(child.tail, _line(child), place)
    out.flush("p", root, frames)
    return PageWalk(out.walked, out.pictures)
