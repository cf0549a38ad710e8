"""Main-content extraction from HTML. First version: readability's summary, as blocks."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from readability import Document

from cleaner.model import Block, Decision, Metadata
from cleaner.rules import RuleSet

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "figcaption"}


@dataclass(frozen=True)
class Extraction:
    decisions: list[Decision]
    metadata: Metadata


def extract_html(html: str, rules: RuleSet) -> Extraction:
    doc = Document(html)
    summary: lxml.html.HtmlElement = lxml.html.fromstring(doc.summary(html_partial=True))
    blocks: list[Block] = []
    for el in summary.iter(*_BLOCK_TAGS):
        assert isinstance(el, lxml.html.HtmlElement)
        text = " ".join(el.text_content().split())
        if text:
            kind = "quote" if el.tag == "blockquote" else str(el.tag)
            blocks.append(Block(text, int(el.sourceline or 0), kind, True))
    return Extraction([Decision(b) for b in blocks], Metadata(title=doc.short_title() or None))
