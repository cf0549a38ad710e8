"""HTML: the kept blocks as minimal, safe HTML, for people who render the article themselves.

Only structural elements, and no attribute but ``href``, ``src`` and ``alt``; a link or picture whose
URL could run code (``javascript:``, ``data:``, ...) is given as its text alone. All text is escaped.
"""

from __future__ import annotations

from html import escape

from cleaner.html.markup import safe_url
from cleaner.model import Block, Inline, Result
from cleaner.outputs.structure import HEADINGS, Leaf, Node, block_tree, in_frame, table_rows, title_heading

TAGS = {"em": "em", "strong": "strong", "code": "code", "del": "del"}
CONTAINERS = {"ul": "ul", "ol": "ol", "li": "li", "quote": "blockquote", "table": "", "dl": "dl", "dt": "dt",
              "dd": "dd", "figure": "figure"}  # fmt: skip
"""A container's element; a table's is written with its rows."""


def _runs(runs: tuple[Inline, ...]) -> str:
    return "".join(map(_run, runs))


def _run(run: Inline) -> str:
    if run.kind == "text":
        return escape(run.text, quote=False)
    if run.kind == "image":
        src = safe_url(run.target)
        return f'<img src="{escape(src)}" alt="{escape(run.text)}">' if src else ""
    inner = _runs(run.children)
    if run.kind == "link":
        href = safe_url(run.target)
        return f'<a href="{escape(href)}">{inner}</a>' if href else inner
    tag = TAGS.get(run.kind)
    return f"<{tag}>{inner}</{tag}>" if tag else inner


def _line(block: Block) -> str:
    return _runs(block.shape.inline) if block.shape.inline is not None else escape(block.text, quote=False)


def _table(leaf: Leaf) -> str:
    rows = table_rows(leaf)
    head = "".join(f"<th>{escape(cell, quote=False)}</th>" for cell in rows[0]) if leaf.blocks[0].shape.header else ""
    body = rows[1:] if head else rows
    parts = [f"<thead><tr>{head}</tr></thead>"] if head else []
    parts.append("<tbody>" + "".join(
        "<tr>" + "".join(f"<td>{escape(cell, quote=False)}</td>" for cell in row) + "</tr>" for row in body
    ) + "</tbody>")  # fmt: skip
    return "<table>" + "".join(parts) + "</table>"


def _leaf(leaf: Leaf) -> str:
    first = leaf.blocks[0]
    if leaf.kind in HEADINGS:
        return f"<{leaf.kind}>{_line(first)}</{leaf.kind}>"
    if leaf.kind == "pre":
        code = first.shape.code if first.shape.code is not None else first.text
        return f"<pre><code>{escape(code, quote=False)}</code></pre>"
    if leaf.kind == "tr":
        return _table(leaf)
    text = "<br>".join(map(_line, leaf.blocks))
    if leaf.kind == "img":
        return f"<p>{text}</p>"
    if leaf.kind == "caption" and in_frame(leaf, "figure"):
        return f"<figcaption>{text}</figcaption>"
    if leaf.kind == "li" and in_frame(leaf, "li", "dt"):
        return f"<p>{text}</p>" if not in_frame(leaf, "dt") else text
    if leaf.kind == "li":
        return f"<ul><li>{text}</li></ul>"
    if leaf.kind == "quote" and not in_frame(leaf, "quote"):
        return f"<blockquote><p>{text}</p></blockquote>"
    return f"<p>{text}</p>"


def _children(node: Node) -> str:
    return "\n".join(_leaf(child) if isinstance(child, Leaf) else _container(child) for child in node.children)


def _container(node: Node) -> str:
    tag = CONTAINERS.get(node.frame.kind, "") if node.frame is not None else ""
    inner = _children(node)
    return f"<{tag}>\n{inner}\n</{tag}>" if tag else inner


def to_html(result: Result) -> str:
    """The kept blocks as an ``<article>`` fragment; the title first as an h1 unless an h1 says it."""
    title, blocks = title_heading(result)
    if not blocks and title is None:
        return ""
    heading = f"<h1>{escape(title, quote=False)}</h1>\n" if title is not None else ""
    body = _children(block_tree(blocks, line_breaks=result.input_format == "html"))
    return f"<article>\n{heading}{body}\n</article>\n"
