"""What a Markdown document says, read by a real CommonMark/GFM parser (markdown-it-py), and the same
facts read off an HTML article with lxml, independently of the extractor, to hold the two together."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html

from bench.markdown import PARSER, inline_text

INLINE_MARKUP = frozenset({"em_open", "strong_open", "s_open", "link_open", "image", "code_inline"})


@dataclass
class Tree:
    headings: list[tuple[int, str]] = field(default_factory=list)
    lists: list[tuple[bool, int, int]] = field(default_factory=list)
    """(ordered, items, depth) for each list, in the order they open."""
    items: list[str] = field(default_factory=list)
    """Each list item's first paragraph, in document order."""
    tables: list[list[list[str]]] = field(default_factory=list)
    code: list[tuple[str, str]] = field(default_factory=list)
    """(language, text) for each code block."""
    paragraphs: list[str] = field(default_factory=list)
    """Paragraphs outside lists and tables (in quotes included)."""
    raw_html: int = 0
    inline_markup: list[str] = field(default_factory=list)
    quotes: int = 0


def read_markdown(text: str) -> Tree:
    tree = Tree()
    tokens = PARSER.parse(text)
    lists: list[list[int]] = []  # open lists: [index into tree.lists]
    item_first: list[bool] = []
    table: list[list[str]] | None = None
    in_cell = False
    for i, token in enumerate(tokens):
        kind = token.type
        if kind in ("html_block", "html_inline"):
            tree.raw_html += 1
        if kind in ("bullet_list_open", "ordered_list_open"):
            tree.lists.append((kind == "ordered_list_open", 0, len(lists)))
            lists.append([len(tree.lists) - 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            index = lists[-1][0]
            ordered, count, depth = tree.lists[index]
            tree.lists[index] = (ordered, count + 1, depth)
            item_first.append(True)
        elif kind == "list_item_close":
            item_first.pop()
        elif kind == "heading_open":
            tree.headings.append((int(token.tag[1]), inline_text(tokens[i + 1])))
        elif kind == "fence" or kind == "code_block":
            tree.code.append((token.info.strip(), token.content.removesuffix("\n")))
        elif kind == "blockquote_open":
            tree.quotes += 1
        elif kind == "table_open":
            table = []
        elif kind == "table_close" and table is not None:
            tree.tables.append(table)
            table = None
        elif kind == "tr_open" and table is not None:
            table.append([])
        elif kind in ("th_open", "td_open"):
            in_cell = True
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind == "inline":
            for child in token.children or []:
                if child.type in INLINE_MARKUP:
                    tree.inline_markup.append(child.type)
                if child.type == "html_inline":
                    tree.raw_html += 1
            if in_cell and table is not None:
                table[-1].append(inline_text(token))
            elif tokens[i - 1].type == "paragraph_open":
                if item_first and item_first[-1]:
                    tree.items.append(inline_text(token))
                    item_first[-1] = False
                elif not item_first:
                    tree.paragraphs.append(inline_text(token))
    return tree


def _text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _own_text(li: lxml.html.HtmlElement) -> str:
    """A list item's text before any list inside it."""
    parts = [li.text or ""]
    for child in li:
        if child.tag in ("ul", "ol"):
            break
        parts.append(child.text_content() + (child.tail or ""))
    return " ".join("".join(parts).split())


def _code(pre: lxml.html.HtmlElement) -> str:
    for br in pre.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for line in pre.find_class("line"):
        line.tail = "\n" + (line.tail or "")
    return "\n".join(line.rstrip() for line in pre.text_content().strip("\n").split("\n"))


def _table(table: lxml.html.HtmlElement) -> list[list[str]]:
    rows: list[list[str]] = []
    below: dict[int, int] = {}
    for tr in table.iter("tr"):
        row: list[str] = []
        for cell in tr:
            while below.get(len(row), 0) > 0:
                below[len(row)] -= 1
                row.append("")
            span, down = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
            for column in range(len(row), len(row) + span):
                if down > 1:
                    below[column] = down - 1
            row.extend([_text(cell)] + [""] * (span - 1))
        rows.append(row)
    width = max(map(len, rows))
    return [row + [""] * (width - len(row)) for row in rows]


def read_article(html: str) -> Tree:
    """The same facts read off the <article> of a page: what its Markdown must say, if all of it is kept."""
    root = lxml.html.document_fromstring(html)
    article = next(root.iter("article"))
    tree = Tree()
    for el in article.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            tree.headings.append((int(tag[1]), _text(el)))
        elif tag in ("ul", "ol"):
            depth = sum(1 for a in el.iterancestors() if a.tag in ("ul", "ol"))
            tree.lists.append((tag == "ol", sum(1 for c in el if c.tag == "li"), depth))
        elif tag == "li":
            tree.items.append(_own_text(el))
        elif tag == "pre":
            code = el.find(".//code")
            names = " ".join(filter(None, (el.get("class"), code.get("class") if code is not None else None)))
            language = next((n.split("-", 1)[1] for n in names.split() if n.startswith(("language-", "lang-"))), "")
            tree.code.append((language, _code(el)))
        elif tag == "table":
            tree.tables.append(_table(el))
        elif tag == "blockquote":
            tree.quotes += 1
        elif tag in ("p", "dt", "dd") and not any(a.tag == "li" for a in el.iterancestors()):
            tree.paragraphs.append((": " if tag == "dd" else "") + _text(el))  # PHP Markdown Extra's definitions
    return tree
