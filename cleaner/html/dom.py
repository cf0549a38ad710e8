"""What an element is: its text, how much of it is links, whether it is shown, what its names hint at.

Class/id hints match the names developers give to page parts; those names are English
words in sites of every language (``share``, ``related``, ``comments``), so matching them is
not matching the page's language.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml.html import HtmlElement as HtmlElement

NEVER_TEXT = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "svg",
        "math",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "map",
        "head",
        "title",
        "meta",
        "link",
        "base",
    }
)
"""Elements whose content is never article text."""

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "dl",
        "dt",
        "div",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "img",
        "figcaption",
        "br",
    }
)
"""Elements that break the flow of text; a div holding none of them is a paragraph in disguise."""

FORM_CONTROLS = frozenset({"button", "select", "option", "textarea", "input", "label"})

_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)


def tag_of(el: HtmlElement) -> str:
    """The lower-case tag name; '' for comments and processing instructions."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def normalize(text: str) -> str:
    return " ".join(text.split())


def text_of(el: HtmlElement) -> str:
    return normalize(el.text_content())


def hints(el: HtmlElement) -> str:
    """The element's class and id, lower-cased: what its authors called it."""
    cls = el.get("class")
    ident = el.get("id")
    if cls is None and ident is None:
        return ""
    return f"{cls or ''} {ident or ''}".lower()


def is_hidden(el: HtmlElement) -> bool:
    """Hidden from readers: the hidden attribute, aria-hidden=true, or display:none/visibility:hidden."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = el.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


def visible_length(text: str) -> int:
    """Characters other than spaces and line breaks: a length that indentation does not inflate, counted in C."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")


def link_density(el: HtmlElement) -> float:
    """The share of ``el``'s text that is link text."""
    links = sum(visible_length(a.text_content()) for a in el.iter("a"))
    return links / max(visible_length(el.text_content()), 1)


RUN_MIN_CHILDREN = 3
"""A parent with fewer children holds no run of look-alike siblings (posts, cards, rows)."""


def signature(el: HtmlElement) -> tuple[str, str]:
    """What look-alike siblings share: the tag and the class names (in any order)."""
    cls = el.get("class")
    return tag_of(el), " ".join(sorted(cls.split())) if cls else ""


@dataclass(frozen=True, slots=True)
class Census:
    """What one pass over a page's elements finds (``census``)."""

    lengths: dict[HtmlElement, tuple[int, int]]
    """Every element's visible text length and the part of it in links, as ``link_density`` counts them."""
    tags: Counter[str]
    """How many elements of each tag."""
    runs: dict[HtmlElement, Counter[tuple[str, str]]]
    """For each parent of at least ``RUN_MIN_CHILDREN`` children: how many children of each ``signature``."""


def census(root: HtmlElement) -> Census:
    """Text lengths, tag counts and sibling runs in one pass from the leaves up (``text_content()`` element by
    element costs the page's depth times its size)."""
    lengths: dict[HtmlElement, tuple[int, int]] = {}
    tags: Counter[str] = Counter()
    runs: dict[HtmlElement, Counter[tuple[str, str]]] = {}
    for el in reversed(list(root.iter())):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        tags[tag] += 1
        visible = visible_length(el.text) if el.text else 0
        links = 0
        for child in el:
            if child.tail:
                visible += visible_length(child.tail)
            inner = lengths.get(child)
            if inner is not None:
                visible += inner[0]
                links += inner[1]
        lengths[el] = (visible, visible + links if tag == "a" else links)  # nested links count twice, as there
        if len(el) >= RUN_MIN_CHILDREN:
            runs[el] = Counter(signature(child) for child in el if isinstance(child.tag, str))
    return Census(lengths, tags, runs)


def text_lengths(root: HtmlElement) -> dict[HtmlElement, tuple[int, int]]:
    """Every element's visible text length and the part of it in links (``census``'s)."""
    return census(root).lengths
