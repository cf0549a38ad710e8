"""The article's region: the best candidate and what beside it belongs to the article.

readability appends the candidate's siblings that score well or read as prose; sites also wrap
each paragraph, or each run of them, in containers of their own, so siblings are looked for at
every level of wrapping around the candidate. An element the page marks as the article
(<article>, <main>, itemprop=articleBody) frames it: beside it only what scores as content joins.
"""

from __future__ import annotations

import re

from cleaner.html.blocks import Judge
from cleaner.html.candidate import Candidate, class_weight, is_listing, is_unlikely
from cleaner.html.dom import NEVER_TEXT, HtmlElement, link_density, tag_of, text_of, visible_length
from cleaner.html.judge import named_as_furniture

SIBLING_SHARE = 0.2
"""A sibling container scoring at least this share of the best one's score is part of the article."""
SIBLING_MIN_SCORE = 10.0
PROSE_CHARS = 80
"""A sibling paragraph this long with few links is article text readability left behind."""
PROSE_LINK_DENSITY = 0.25
WRAPPER_SHARE = 0.85
"""An ancestor whose text is at least this much its one child's text is a wrapper around it."""
_SENTENCE_END = re.compile(r"[.!?…][\"'»”)]?(?:\s|$)")


def _is_prose(el: HtmlElement) -> bool:
    """A sibling that reads as article text: a long low-link paragraph, or a short sentence without links."""
    text = text_of(el)
    if len(text) > PROSE_CHARS:
        return link_density(el) < PROSE_LINK_DENSITY
    return bool(text) and el.find(".//a") is None and _SENTENCE_END.search(text) is not None


def _belongs(sibling: HtmlElement, threshold: float, scores: dict[HtmlElement, float], judge: Judge) -> bool:
    tag = tag_of(sibling)
    if not tag or tag in NEVER_TEXT or judge(sibling, tag) is not None or is_unlikely(sibling, tag):
        return False
    if is_listing(sibling) or named_as_furniture(sibling):
        return False
    if scores.get(sibling, 0.0) >= threshold:
        return True
    return tag in ("p", "div", "section", "blockquote", "ul", "ol", "h2", "h3", "h4") and (
        class_weight(sibling) >= 0 and _is_prose(sibling)
    )


def is_article_frame(el: HtmlElement) -> bool:
    """An element the page itself marks as the article: nothing beside it is article text by prose alone."""
    return tag_of(el) in ("article", "main") or "articlebody" in (el.get("itemprop") or "").lower()


def wrapper_path(el: HtmlElement) -> list[HtmlElement]:
    """``el`` and its ancestors that only wrap it (hold little text besides ``el``'s), innermost first."""
    path = [el]
    length = visible_length(el.text_content())
    parent = el.getparent()
    while parent is not None and tag_of(parent) not in ("body", "html") and not is_article_frame(path[-1]):
        if length < WRAPPER_SHARE * visible_length(parent.text_content()):
            break
        path.append(parent)
        parent = parent.getparent()
    return path


def article_region(best: Candidate, scores: dict[HtmlElement, float], judge: Judge) -> list[tuple[HtmlElement, bool]]:
    """The best candidate and the elements beside it, in document order, each with whether it belongs.

    Sites wrap each paragraph (or each run of them) in containers of their own; siblings are
    looked for at every level of wrapping around the candidate, up to the outermost wrapper's.
    """
    path = wrapper_path(best.element)
    top = path[-1]
    parent = top.getparent()
    if parent is None or tag_of(parent) == "html":
        return [(best.element, True)]
    threshold = max(SIBLING_MIN_SCORE, best.score * SIBLING_SHARE)

    def beside(container: HtmlElement, level: int, frame: bool) -> list[tuple[HtmlElement, bool]]:
        """The children of ``container``, descending into the path's element at ``level``."""
        region: list[tuple[HtmlElement, bool]] = []
        for el in container:
            if not tag_of(el):
                continue
            if el is path[level]:
                region.extend([(el, True)] if level == 0 else beside(el, level - 1, False))
            elif frame:  # beside the page's own article element, only what scores as content
                region.append((el, scores.get(el, 0.0) >= threshold and not is_listing(el)))
            else:
                region.append((el, _belongs(el, threshold, scores, judge)))
        return region

    return beside(parent, len(path) - 1, is_article_frame(top))
