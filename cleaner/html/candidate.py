"""Find the element that holds the article: readability's content scoring, on our one parsed tree.

readability-lxml's ``Document.summary()`` re-parses the page up to three times and runs
lxml's Cleaner over each copy, which costs three quarters of its time. We score the tree we
already have with readability's own regular expressions and weights (paragraphs of 25+
characters score their parent fully and grandparent by half: one point, one per comma-split
part, one per 100 characters up to three; class/id hints add or take 25; the total shrinks by
link density), skipping the subtrees its "ruthless" pass would drop, and without mutating.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from cleaner.html.dom import (
    BLOCK_TAGS,
    NEVER_TEXT,
    HtmlElement,
    hints,
    is_hidden,
    link_density,
    normalize,
    tag_of,
    text_of,
)

MIN_PARAGRAPH_CHARS = 25
LISTING_MIN_ARTICLES = 2
LISTING_SHARE = 0.5
"""A list of stories scores per story: its teasers add up to more text than the one article the page is about."""
PARAGRAPH_TAGS = frozenset({"p", "pre", "td", "blockquote"})

# readability-lxml 0.9's class/id hints (readability/readability.py REGEXES; Apache-2.0, (c) Yuri Baburov
# and contributors), copied so that its scoring idea needs neither it nor lxml_html_clean at run time.
_UNLIKELY = re.compile(
    "combx|comment|community|disqus|extra|foot|header|menu|remark|rss|shoutbox|sidebar|sponsor|ad-break|agegate"
    "|pagination|pager|popup|tweet|twitter",
    re.I,
)
_MAYBE = re.compile("and|article|body|column|content|main|shadow", re.I)
_POSITIVE = re.compile("article|body|content|entry|hentry|main|page|pagination|post|text|blog|story", re.I)
_NEGATIVE = re.compile(
    "combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|scroll|shoutbox"
    "|sidebar|sponsor|shopping|tags|tool|widget",
    re.I,
)
_TAG_WEIGHT = {
    "div": 5, "article": 5, "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3, "aside": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5, "header": -5, "footer": -5, "nav": -5,
}  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    element: HtmlElement
    score: float


def class_weight(el: HtmlElement) -> int:
    weight = 0
    for name in (el.get("class"), el.get("id")):
        if name:
            if _NEGATIVE.search(name):
                weight -= 25
            if _POSITIVE.search(name):
                weight += 25
    return weight


def is_unlikely(el: HtmlElement, tag: str) -> bool:
    """readability's ruthless pass: named like a comment box, footer, sidebar, ... and not like content."""
    names = hints(el)
    if len(names) < 2 or tag in ("html", "body", "article", "main"):
        return False
    return _unlikely_names(names)


@lru_cache(maxsize=8192)
def _unlikely_names(names: str) -> bool:
    """(a pure function of the class and id string: a page repeats its class strings often)"""
    return _UNLIKELY.search(names) is not None and _MAYBE.search(names) is None


def is_paragraph_like(el: HtmlElement, tag: str) -> bool:
    if tag in PARAGRAPH_TAGS:
        return True
    return tag == "div" and not any(tag_of(child) in BLOCK_TAGS for child in el)


def loose_text(el: HtmlElement) -> str:
    """Text sitting directly in ``el`` between its children (readability wraps it in a <p> of its own)."""
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el if tag_of(child) in BLOCK_TAGS)
    return normalize(" ".join(parts))


def paragraphs(
    root: HtmlElement, ruthless: bool, lengths: Mapping[HtmlElement, tuple[int, int]] | None = None
) -> Iterator[tuple[HtmlElement, str]]:
    """(scored container, text) for each paragraph under ``root``, outside hidden and (when ruthless) unlikely parts.

    A paragraph-like element scores its parent; a div's loose text scores the div itself. The walk
    keeps its own stack, in document order: generators nested 255 deep would cost depth x paragraphs.
    """
    stack = list(root)[::-1]
    while stack:
        el = stack.pop()
        tag = tag_of(el)
        if not tag or tag in NEVER_TEXT or is_hidden(el):
            continue
        if ruthless and is_unlikely(el, tag) and el.find(".//article") is None:
            continue
        if is_paragraph_like(el, tag):
            measured = lengths.get(el) if lengths is not None else None
            # (normalised, a text is at most twice its visible characters long: too short to score, unread)
            if measured is None or 2 * measured[0] >= MIN_PARAGRAPH_CHARS:
                yield el.getparent(), text_of(el)
        elif tag == "div" and (el.text or len(el)):
            text = loose_text(el)
            if len(text) >= MIN_PARAGRAPH_CHARS:
                yield el, text
        stack.extend(list(el)[::-1])


def paragraph_score(text: str) -> float:
    return 1 + len(text.split(",")) + min(len(text) / 100, 3)


def score_candidates(
    root: HtmlElement, ruthless: bool = True, lengths: Mapping[HtmlElement, tuple[int, int]] | None = None
) -> dict[HtmlElement, float]:
    """Each container's content score: its paragraphs' scores (half for grandchildren), times 1 - link density.

    ``lengths`` (``dom.text_lengths`` of the page) spares measuring each container's text again."""
    scores: dict[HtmlElement, float] = {}
    for parent, text in paragraphs(root, ruthless, lengths):
        if len(text) < MIN_PARAGRAPH_CHARS:
            continue
        points = paragraph_score(text)
        for container, share in ((parent, 1.0), (parent.getparent(), 0.5)):
            if container is None:
                continue
            if container not in scores:
                scores[container] = class_weight(container) + _TAG_WEIGHT.get(tag_of(container), 0)
            scores[container] += points * share
    if lengths is None:
        return {el: score * (1 - link_density(el)) for el, score in scores.items()}
    return {el: score * (1 - _density(lengths, el)) for el, score in scores.items()}


def _density(lengths: Mapping[HtmlElement, tuple[int, int]], el: HtmlElement) -> float:
    measured = lengths.get(el)
    if measured is None:
        return link_density(el)
    visible, links = measured
    return links / max(visible, 1)


def outer_articles(el: HtmlElement) -> list[HtmlElement]:
    """The <article> elements inside ``el`` that are not inside another one."""
    found: list[HtmlElement] = []
    stack = list(el)[::-1]
    while stack:
        child = stack.pop()
        if tag_of(child) == "article":
            found.append(child)
        else:
            stack.extend(list(child)[::-1])
    return found


def stories_in(el: HtmlElement) -> int:
    """How many stories ``el`` lists: the <article> elements making up most of it, or beside it when it is one.

    A few story cards embedded in an article's body do not make it a list: they hold little of its text.
    """
    articles = outer_articles(el) if el.find(".//article") is not None else []
    inside = len(articles)
    if inside >= LISTING_MIN_ARTICLES and sum(len(text_of(a)) for a in articles) < LISTING_SHARE * len(text_of(el)):
        inside = 1
    parent = el.getparent()
    if tag_of(el) == "article" and parent is not None:
        return max(inside, sum(1 for child in parent if tag_of(child) == "article"))
    return max(1, inside)


def is_listing(el: HtmlElement) -> bool:
    """A list of stories rather than one: an <article> among <article> siblings, or a box holding several."""
    return stories_in(el) >= LISTING_MIN_ARTICLES


def best_candidate(root: HtmlElement, scores: dict[HtmlElement, float]) -> Candidate | None:
    """The best-scoring container, preferring one marked itemprop=articleBody and a nested <article>."""
    if not scores:
        return None
    # The body holds everything; readability lets it compete, but it only wins on pages whose
    # article sits in paragraphs strewn straight into it, where its best child does as well.
    ranked = sorted(
        ((el, score / stories_in(el)) for el, score in scores.items()),
        key=lambda item: item[1],
        reverse=True,
    )
    ranked = [item for item in ranked if tag_of(item[0]) not in ("body", "html")] or ranked
    best, best_score = ranked[0]
    for el, score in ranked:
        if "articlebody" in (el.get("itemprop") or "").lower().split() and link_density(el) <= 0.1:
            if best not in set(el.iterdescendants()):  # inside it, the best is the tighter choice
                best, best_score = el, score
            break
    descendants = set(best.iterdescendants())
    nested = [(el, score) for el, score in ranked if tag_of(el) == "article" and el in descendants]
    for el, score in nested[:1] if len(nested) == 1 else []:
        if score >= best_score * 0.25 and len(text_of(el)) >= 250:
            best, best_score = el, score
    return Candidate(best, best_score)
