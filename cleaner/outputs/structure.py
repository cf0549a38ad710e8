"""The kept blocks as the tree the page had: lists, items, quotes, tables, definition lists, figures.

Each block carries the containers it sat in (``Shape.frames``, outermost first); consecutive blocks
sharing a container sit in one node. The markdown and html renderers both render this tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cleaner.model import Block, Frame, Result

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
FLOWING = frozenset({"p", "li", "quote", "caption"})
"""Block kinds whose lines (an HTML ``<br>`` between them) make one paragraph."""


@dataclass
class Leaf:
    """One rendered block: a paragraph of one or more lines, a heading, a code block, a picture, or a
    whole table's rows (``kind`` tr)."""

    kind: str
    blocks: list[Block]


@dataclass
class Node:
    """A container (the document itself when ``frame`` is None) and what it holds, in order."""

    frame: Frame | None
    children: list[Node | Leaf] = field(default_factory=list)


def _joins(leaf: Node | Leaf | None, block: Block, line_breaks: bool) -> bool:
    if not isinstance(leaf, Leaf) or leaf.kind != block.kind:
        return False
    return block.kind == "tr" or (line_breaks and not block.para_start and block.kind in FLOWING)


def block_tree(blocks: Sequence[Block], line_breaks: bool) -> Node:
    """The blocks' tree. ``line_breaks``: a block that follows its neighbour without a paragraph break
    (HTML: after a ``<br>``) continues its paragraph; without, each block is a paragraph (text input)."""
    root = Node(None)
    path: list[Node] = [root]  # the open containers, outermost first
    for block in blocks:
        frames = block.shape.frames
        depth = 0
        while depth + 1 < len(path) and depth < len(frames) and path[depth + 1].frame == frames[depth]:
            depth += 1
        del path[depth + 1 :]
        for frame in frames[depth:]:
            node = Node(frame)
            path[-1].children.append(node)
            path.append(node)
        siblings = path[-1].children
        if _joins(siblings[-1] if siblings else None, block, line_breaks):
            leaf = siblings[-1]
            assert isinstance(leaf, Leaf)
            leaf.blocks.append(block)
        else:
            siblings.append(Leaf(block.kind, [block]))
    return root


def in_frame(leaf: Leaf, *kinds: str) -> bool:
    """The leaf sits in a container of one of these kinds."""
    return any(frame.kind in kinds for frame in leaf.blocks[0].shape.frames)


def table_rows(leaf: Leaf) -> list[tuple[str, ...]]:
    """A table's rows, each as wide as the widest (a row without its cells: its text as one cell)."""
    rows = [block.shape.cells or (block.text,) for block in leaf.blocks]
    width = max(map(len, rows))
    return [row + ("",) * (width - len(row)) for row in rows]


def title_heading(result: Result) -> tuple[str | None, list[Block]]:
    """The title to put first as an h1 (the page's title, unless a kept h1 says it already), and the blocks
    to render after it: a first kept paragraph that says the title (text input's title line, a headline
    set in a paragraph) is that heading, not a paragraph too."""
    blocks = list(result.kept)
    title = result.title
    if not title or any(b.kind == "h1" for b in blocks):
        return None, blocks
    if blocks and blocks[0].kind == "p" and not blocks[0].shape.frames and blocks[0].text == title:
        return title, blocks[1:]
    return title, blocks
