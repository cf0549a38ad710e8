"""Parse untrusted HTML safely, once: no network, no external entities, no huge trees.

libxml2's HTML parser never loads external resources with ``no_network`` and never
expands entities declared in a document type's internal subset; we also cut that subset
out (XHTML "billion laughs" pages would otherwise leak its source as text), and refuse
XML declarations lxml cannot take on decoded text. A page is parsed with ``huge_tree`` off
first (libxml2 caps nesting at 255 levels and a text node or attribute at 10 MB: 50,000 nested
elements parse in microseconds); when it meets one of those limits it drops everything after,
so the page is parsed again with ``huge_tree`` on, the input's own size being capped already
(``--max-bytes``, 256 MiB). What even that drops (nesting past 2048 levels) is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from cleaner.errors import DocumentError

_XML_DECLARATIONS = re.compile(r"^(?:\s*<\?xml[^>]{0,200}\?>)+", re.IGNORECASE)
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]+")
"""Not allowed in HTML text; lxml refuses to write them back into a tree (as htmldate does when it prunes one)."""
_CONTROL_CHARACTER_SET = tuple(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))))
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]{0,500}\[", re.IGNORECASE)
_HEAD = 4096


class HtmlError(DocumentError):
    """HTML we cannot make a document of."""


@dataclass(frozen=True)
class Parsed:
    root: lxml.html.HtmlElement
    too_deep: bool
    """libxml2 dropped content past its limits, even with ``huge_tree`` (nesting past 2048 elements)."""


def _without_internal_subset(text: str) -> str:
    """Cut ``<!DOCTYPE x [ ... ]>`` down to ``<!DOCTYPE x>``: its entity declarations are never used."""
    match = _DOCTYPE_SUBSET.search(text, 0, _HEAD)
    if match is None:
        return text
    end = text.find("]>", match.end())
    if end < 0:
        raise HtmlError("unterminated document type declaration")
    return text[: match.end() - 1] + ">" + text[end + 2 :]


def parse_html(text: str) -> Parsed:
    """Parse a document or fragment into an element tree (comments and processing instructions dropped)."""
    text = _without_internal_subset(_XML_DECLARATIONS.sub("", text, count=1))
    if any(map(text.__contains__, _CONTROL_CHARACTER_SET)):  # rare; a substring test is 10x faster than a regex scan
        text = _CONTROL_CHARACTERS.sub(" ", text)
    root, dropped = _parsed(text, huge_tree=False)
    if dropped:
        root, dropped = _parsed(text, huge_tree=True)
    return Parsed(root, dropped)


def _parsed(text: str, huge_tree: bool) -> tuple[lxml.html.HtmlElement, bool]:
    """The tree, and whether libxml2 met a limit (and so dropped what came after)."""
    parser = lxml.html.HTMLParser(
        no_network=True, huge_tree=huge_tree, remove_comments=True, remove_pis=True, collect_ids=False
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except lxml.etree.ParserError:  # nothing but whitespace and comments: an empty document, not an error
        root = lxml.html.document_fromstring("<html><body></body></html>")
    except ValueError as exc:
        raise HtmlError(f"cannot parse HTML ({exc})") from None
    return root, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
