"""Main-content extraction from HTML: parse once, find the article's container, walk it into blocks.

1. parse safely (parse.py); read metadata from the untouched tree (metadata.py);
2. score containers as readability does and take the best (candidate.py);
3. widen it with siblings that carry prose (readability drops some of them);
4. walk the region into blocks, removing page furniture by HTML rule (judge.py, blocks.py);
   siblings left out become one removed block each (HTML008), so JSON shows them.
The pipeline then runs the same rule engine over the kept blocks as in text mode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree

from cleaner.classify import removal_for
from cleaner.html.blocks import Judge, region_decisions
from cleaner.html.candidate import (
    Candidate,
    best_candidate,
    class_weight,
    is_listing,
    is_unlikely,
    score_candidates,
)
from cleaner.html.dom import NEVER_TEXT, HtmlElement, link_density, tag_of, text_of, visible_length
from cleaner.html.judge import furniture_rule, named_as_furniture
from cleaner.html.metadata import extract_metadata
from cleaner.html.parse import HtmlError, parse_html
from cleaner.model import Block, Decision, Metadata
from cleaner.rules import RuleSet

SIBLING_SHARE = 0.2
"""A sibling container scoring at least this share of the best one's score is part of the article."""
SIBLING_MIN_SCORE = 10.0
PROSE_CHARS = 80
"""A sibling paragraph this long with few links is article text readability left behind."""
PROSE_LINK_DENSITY = 0.25
WRAPPER_SHARE = 0.85
"""An ancestor whose text is at least this much its one child's text is a wrapper around it."""
HEADING_KINDS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TITLE_PART_MIN_CHARS = 20
"""A heading this long found inside the title is the title (the page's <title> adds the site's name)."""
_SENTENCE_END = re.compile(r"[.!?…][\"'»”)]?(?:\s|$)")


@dataclass(frozen=True)
class Extraction:
    decisions: list[Decision]
    metadata: Metadata


def make_judge(root: HtmlElement, best: HtmlElement | None) -> Judge:
    """The element judge for a page: the first <h1> is the title (later ones head sections of the
    article); the best candidate and its ancestors always stay."""
    headline = next(root.iter("h1"), None)
    protected = {best, *best.iterancestors()} if best is not None else set()

    def judge(el: HtmlElement, tag: str) -> str | None:
        if el in protected:
            return None
        if el is headline:
            return "HTML007"
        return furniture_rule(el, tag)

    return judge


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


def _outside(el: HtmlElement, rules: RuleSet) -> Decision | None:
    text = text_of(el) if tag_of(el) not in NEVER_TEXT else ""
    removal = removal_for(rules, "HTML008")
    if not text or removal is None:
        return None
    return Decision(Block(text, int(el.sourceline or 0), "p", True), removal)


def _is_title(text: str, title: str) -> bool:
    heading, title = text.casefold(), title.casefold()
    return heading == title or (len(heading) >= TITLE_PART_MIN_CHARS and heading in title)


def remove_title_headings(decisions: list[Decision], title: str | None, rules: RuleSet) -> list[Decision]:
    """A kept heading that repeats the page's title (or is the title without the site name) goes (HTML007)."""
    removal = removal_for(rules, "HTML007")
    if not title or removal is None:
        return decisions
    return [
        Decision(d.block, removal) if d.kept and d.block.kind in HEADING_KINDS and _is_title(d.block.text, title) else d
        for d in decisions
    ]


def extract_html(html: str, rules: RuleSet) -> Extraction:
    """The article's blocks (kept and removed) and the page's metadata. Raises HtmlError (a ValueError)."""
    parsed = parse_html(html)
    root = parsed.root
    metadata = extract_metadata(root)
    # From here on only text a reader sees matters: scripts and styles would count in text_content().
    lxml.etree.strip_elements(root, *NEVER_TEXT, with_tail=False)
    scores = score_candidates(root, ruthless=True) or score_candidates(root, ruthless=False)
    best = best_candidate(root, scores)
    judge = make_judge(root, best.element if best is not None else None)
    if best is None:
        body = root.find("body")
        region = [(body if body is not None else root, True)]
    else:
        region = article_region(best, scores, judge)
    decisions: list[Decision] = []
    for el, kept in region:
        if kept:
            decisions.extend(region_decisions([el], rules, judge))
        else:
            outside = _outside(el, rules)
            if outside is not None:
                decisions.append(outside)
            elif removal_for(rules, "HTML008") is None:
                decisions.extend(region_decisions([el], rules, judge))
    decisions = remove_title_headings(decisions, metadata.title, rules)
    if parsed.too_deep and not any(d.kept for d in decisions):
        raise HtmlError("HTML nested too deeply to read (more than 255 levels)")
    return Extraction(decisions, metadata)
