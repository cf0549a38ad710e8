"""The values that flow through the pipeline: blocks in, decisions, a result out.

Everything here is an immutable value; the core never mutates what it is given.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from itertools import repeat
from operator import attrgetter
from types import MemberDescriptorType
from typing import Any, TypeVar

_Value = TypeVar("_Value")


def many(cls: type[_Value], *columns: Sequence[Any]) -> list[_Value]:
    """``[cls(*row) for row in zip(*columns)]`` for a frozen slotted dataclass, about twice as fast.

    Text mode makes a Block and a Decision for every line, and a frozen dataclass's ``__init__`` sets
    each field through ``object.__setattr__``; here each field's slot is filled a whole column at a
    time by C-level ``map`` calls. Every field is given, in order; a class without slots or with a
    ``__post_init__`` is built the ordinary way.
    """
    slots: list[Any] = [getattr(cls, f.name, None) for f in fields(cls)]  # type: ignore[arg-type]
    if len(columns) != len(slots) or hasattr(cls, "__post_init__"):
        return list(map(cls, *columns))
    if not all(isinstance(slot, MemberDescriptorType) for slot in slots):
        return list(map(cls, *columns))
    size = len(columns[0])
    if any(len(column) != size for column in columns):
        raise ValueError("columns of different lengths")
    values: list[_Value] = list(map(object.__new__, repeat(cls, size)))
    for slot, column in zip(slots, columns, strict=True):
        deque(map(slot.__set__, values, column), maxlen=0)
    return values


@dataclass(frozen=True, slots=True)
class Frame:
    """A container a block sits in, for the renderers that keep the page's structure (markdown, html)."""

    kind: str
    """ul, ol, li, quote, table, dl, dt, dd, figure."""
    serial: int
    """Tells two containers of one kind apart (two lists in a row are two lists)."""
    start: int = 1
    """An ordered list's first number."""


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of a block's text with its inline markup: emphasis, code, a link, an image.

    ``kind`` is text, em, strong, code, del, link or image; ``text`` is the run's text (an image's: its alt
    text, which is not part of the block's text); ``target`` a link's href or an image's src.
    """

    kind: str
    text: str = ""
    children: tuple[Inline, ...] = ()
    target: str = ""


@dataclass(frozen=True, slots=True)
class Shape:
    """What a block is in the page's structure besides its text: never read by cleaning, only by renderers."""

    frames: tuple[Frame, ...] = ()
    """The containers the block sits in, outermost first."""
    cells: tuple[str, ...] = ()
    """A table row's cells, one per column: a spanned column holds an empty cell."""
    header: bool = False
    """A table row of header cells."""
    code: str | None = None
    """A code block's text with its line breaks as the page showed them (``<br>``, one element a line)."""
    language: str | None = None
    """A code block's language when the page names it (``class="language-python"``)."""
    inline: tuple[Inline, ...] | None = None
    """The block's text with its inline markup, when asked for (--formatting, --links, --images)."""


NO_SHAPE = Shape()


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the document that is kept or removed as a whole.

    In text mode a block is one input line; in HTML mode it is one block-level
    element (paragraph, heading, list item, ...) of the extracted content.
    """

    text: str
    line: int
    """1-based line number in the decoded input (HTML: the element's source line)."""
    kind: str = "p"
    """p, h1..h6, li, quote, pre, tr, caption: what the block is, for markdown."""
    para_start: bool = True
    """True when a paragraph break precedes the block (a blank line in text mode)."""
    shape: Shape = NO_SHAPE
    """Where the block sits in the page's structure (HTML mode); text mode's blocks have none."""


@dataclass(frozen=True, slots=True)
class Removal:
    """Why a block was removed: the rule that removed it, by code."""

    rule: str
    category: str
    reason: str


@dataclass(frozen=True, slots=True)
class Decision:
    """A block with the verdict on it: kept when ``removal`` is None."""

    block: Block
    removal: Removal | None = None

    @property
    def kept(self) -> bool:
        return self.removal is None


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about the document besides its body; None where unknown."""

    title: str | None = None
    url: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    language: str | None = None
    description: str | None = None
    source: str | None = None
    """The credited source of the report (e.g. a news agency in a closing credit)."""
    page_type: str | None = None
    """HTML mode's judgement of what kind of page it is: article, forum, product, collection, listing,
    documentation or service."""

    def to_dict(self) -> dict[str, str | None]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "title"}

    def merged(self, *others: Metadata) -> Metadata:
        """Fill this metadata's gaps from ``others``, one after the other; known values win.

        ``a.merged(b, c)`` is ``a.merged(b).merged(c)``, made at once (text mode merges on every pass).
        """
        values: Sequence[str | None] = _metadata_values(self)
        for other in others:
            values = [mine or theirs for mine, theirs in zip(values, _metadata_values(other), strict=True)]
        return Metadata(*values)


_metadata_values = attrgetter(*(f.name for f in fields(Metadata)))
"""A Metadata's values as a tuple, in field order."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record of a web archive (WARC/WET) was captured: its URL, record id and WARC-Date."""

    url: str | None = None
    record_id: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of cleaning one document."""

    decisions: tuple[Decision, ...]
    metadata: Metadata = field(default_factory=Metadata)
    input_format: str = "text"
    source: str | None = None
    """The path or name the document came from, when it came from one."""
    origin: Origin | None = None
    """For a web-archive record: the capture it came from (``source`` is then the archive file)."""

    @property
    def kept(self) -> tuple[Block, ...]:
        return tuple(d.block for d in self.decisions if d.removal is None)

    @property
    def removed(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.removal is not None)

    @property
    def title(self) -> str | None:
        return self.metadata.title

    @property
    def text(self) -> str:
        """The clean article: kept blocks, with paragraph breaks where the input had them."""
        parts: list[str] = []
        for block in self.kept:
            if not block.text:  # a picture (--images): nothing to read
                continue
            if parts:
                parts.append("\n\n" if block.para_start else "\n")
            parts.append(block.text)
        return "".join(parts)

    def stats(self) -> dict[str, Any]:
        """Counts of blocks and characters in and out, and of removals by category (one pass)."""
        by_category: dict[str, int] = {}
        kept = chars_in = chars_out = 0
        for d in self.decisions:
            size = len(d.block.text)
            chars_in += size
            if d.removal is None:
                kept += 1
                chars_out += size
            else:
                by_category[d.removal.category] = by_category.get(d.removal.category, 0) + 1
        return {
            "blocks": len(self.decisions),
            "kept": kept,
            "removed": len(self.decisions) - kept,
            "chars_in": chars_in,
            "chars_out": chars_out,
            "removed_by_category": dict(sorted(by_category.items())),
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a mode's extractor finds in one document: a decision on every block, and the metadata."""

    decisions: list[Decision]
    metadata: Metadata = field(default_factory=Metadata)
