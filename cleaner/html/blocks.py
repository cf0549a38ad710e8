"""Walk a page's elements into blocks: paragraphs, headings, list items, quotes, code, table rows.

Text in divs and spans that are not <p> is kept (inline text gathers until the next
block-level boundary). The whole page is walked, not only the article's container: each
block carries where it sat (the block element holding it, how much of it is link text,
the HTML rule the nearest enclosing element would have removed it by, whether it lies
inside the best container and the article region) for the block classifier to weigh.
Only what markup decides alone, hidden elements and form controls, is removed here,
as one removed block carrying the element's whole text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from cleaner.html.dom import BLOCK_TAGS, NEVER_TEXT, HtmlElement, normalize, tag_of, text_of, visible_length
from cleaner.model import Block, Removal
from cleaner.rules import RuleSet, codes

BLOCK_KINDS = {
    "p": "p", "h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
    "li": "li", "dt": "li", "blockquote": "quote", "pre": "pre", "tr": "tr", "figcaption": "caption",
}  # fmt: skip
CELL_TAGS = frozenset({"td", "th"})
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


@dataclass
class _Builder:
    """Gathers inline text into blocks while the walk goes; private to one walk."""

    rules: RuleSet
    judge: Judge
    best: HtmlElement | None
    region: Collection[HtmlElement]
    walked: list[Walked] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    line: int = 0
    place: Place = field(default_factory=Place)
    para_start: bool = True

    def add(self, text: str | None, line: int | None, place: Place) -> None:
        if text:
            if not self.parts:
                self.line = line or self.line
                self.place = place
            self.parts.append(text)
            if place.in_link:
                self.link_chars += visible_length(text)

    def flush(self, kind: str, owner: HtmlElement, para_start: bool | None = None) -> bool:
        """Close the current block; False when there was no text to close."""
        text = normalize("".join(self.parts))
        self.parts.clear()
        link_chars, self.link_chars = self.link_chars, 0
        if not text:
            return False
        block = Block(text, self.line, kind, self.para_start)
        self.walked.append(Walked(block, owner, min(link_chars, visible_length(text)), self.place))
        self.para_start = True if para_start is None else para_start
        return True

    def emit(self, block: Block, owner: HtmlElement, place: Place, removal: Removal | None = None) -> None:
        """Add a block made whole from one element (a removed element, a code block, a table row)."""
        links = sum(visible_length(a.text_content()) for a in owner.iter("a")) if removal is None else 0
        self.walked.append(Walked(block, owner, min(links, visible_length(block.text)), place, removal))


def _line(el: HtmlElement) -> int:
    return int(el.sourceline or 0)


def _simple_row(el: HtmlElement) -> bool:
    """A table row of plain cells (not a layout row holding paragraphs or nested tables)."""
    return all(tag_of(cell) in CELL_TAGS and not any(tag_of(d) in BLOCK_TAGS for d in cell.iterdescendants())
               for cell in el)  # fmt: skip


def _pre_text(el: HtmlElement) -> str:
    return "\n".join(line.rstrip() for line in el.text_content().strip("\n").splitlines())


def _inner_place(el: HtmlElement, tag: str, place: Place, out: _Builder) -> tuple[Place, Removal | None]:
    """The place inside ``el``, and the removal when markup alone removes it."""
    code = out.judge(el, tag)
    removal = out.rules.removal(code) if code is not None else None
    if removal is not None and code in MARKUP_DECIDES:
        return place, removal
    furniture = place.furniture if removal is None else code
    in_best = place.in_best or el is out.best
    in_region = place.in_region or el in out.region
    in_link = place.in_link or tag == "a"
    if (furniture, in_best, in_region, in_link) == (place.furniture, place.in_best, place.in_region, place.in_link):
        return place, None
    return Place(furniture, in_best, in_region, in_link), None


def _walk(el: HtmlElement, kind: str, owner: HtmlElement, place: Place, out: _Builder) -> None:
    """Walk ``el``'s content (not its tail) into ``out``; ``kind`` is the enclosing block's kind."""
    tag = tag_of(el)
    if tag in NEVER_TEXT:
        return
    inner_place, removal = _inner_place(el, tag, place, out)
    is_block = tag in BLOCK_TAGS or tag in BLOCK_KINDS
    if removal is not None:
        if is_block:
            out.flush(kind, owner)  # an inline element goes without splitting the paragraph around it
        text = text_of(el)
        if text:
            out.emit(Block(text, _line(el), BLOCK_KINDS.get(tag, "p"), True), el, place, removal)
        return
    if tag == "br":
        if not out.flush(kind, owner, para_start=False):
            out.para_start = True  # a second <br> in a row: a paragraph break
        return
    if tag == "pre" or (tag == "tr" and _simple_row(el)):
        out.flush(kind, owner)
        text = _pre_text(el) if tag == "pre" else " | ".join(t for t in (text_of(c) for c in el) if t)
        if text:
            out.emit(Block(text, _line(el), BLOCK_KINDS[tag], True), el, inner_place)
        return
    # An element a rule names (a custom <ps-promo>, a standing <time>) is a block of its own.
    is_block = is_block or inner_place.furniture != place.furniture
    inner = BLOCK_KINDS.get(tag, kind) if is_block else kind
    if tag == "p" and kind in ("li", "quote"):
        inner = kind  # a paragraph inside a list item or a quote is still part of it
    inner_owner = el if is_block else owner
    if is_block:
        out.flush(kind, owner)
    out.add(el.text, _line(el), inner_place)
    for child in el:
        _walk(child, inner, inner_owner, inner_place, out)
        out.add(child.tail, _line(child), inner_place)
    if is_block:
        out.flush(inner, inner_owner)


def walk_page(
    root: HtmlElement, rules: RuleSet, judge: Judge, best: HtmlElement | None, region: Collection[HtmlElement]
) -> list[Walked]:
    """Every block of the page under ``root``, in document order, with where it sat."""
    out = _Builder(rules, judge, best, region)
    place, _ = _inner_place(root, tag_of(root), Place(), out)
    out.add(root.text, _line(root), place)
    for child in root:
        _walk(child, "p", root, place, out)
        out.add(child.tail, _line(child), place)
    out.flush("p", root)
    return out.walked
