"""Main-content extraction from HTML: parse once, find the article's container, walk it into blocks.

1. parse safely (parse.py); read metadata from the untouched tree (metadata.py);
2. score containers as readability does and take the best (candidate.py);
3. widen it with siblings that carry prose, at every level of wrapping (region.py);
4. walk the region into blocks, removing page furniture by HTML rule (judge.py, blocks.py);
   siblings left out become one removed block each (HTML008), so JSON shows them.
5. the pattern rules judge the kept blocks, as in text mode.
"""

from __future__ import annotations

from itertools import count

import lxml.etree

from cleaner.classify import classify_blocks
from cleaner.html.blocks import Judge, region_decisions
from cleaner.html.candidate import best_candidate, score_candidates
from cleaner.html.dom import NEVER_TEXT, HtmlElement, tag_of, text_of
from cleaner.html.judge import furniture_rule
from cleaner.html.metadata import extract_metadata
from cleaner.html.parse import HtmlError, parse_html
from cleaner.html.region import article_region
from cleaner.model import Block, Decision, Extraction
from cleaner.options import Options
from cleaner.rules import RuleSet, codes

HEADING_KINDS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TITLE_PART_MIN_CHARS = 20
"""A heading this long found inside the title is the title (the page's <title> adds the site's name)."""


def make_judge(root: HtmlElement, best: HtmlElement | None) -> Judge:
    """The element judge for a page: the first <h1> is the title (later ones head sections of the
    article); the best candidate and its ancestors always stay."""
    headline = next(root.iter("h1"), None)
    protected = {best, *best.iterancestors()} if best is not None else set()

    def judge(el: HtmlElement, tag: str) -> str | None:
        if el in protected:
            return None
        if el is headline:
            return codes.TITLE_HEADING
        return furniture_rule(el, tag)

    return judge


def _outside(el: HtmlElement, rules: RuleSet) -> Decision | None:
    text = text_of(el) if tag_of(el) not in NEVER_TEXT else ""
    removal = rules.removal(codes.OUTSIDE_CONTAINER)
    if not text or removal is None:
        return None
    return Decision(Block(text, int(el.sourceline or 0), "p", True), removal)


def _is_title(text: str, title: str) -> bool:
    heading, title = text.casefold(), title.casefold()
    return heading == title or (len(heading) >= TITLE_PART_MIN_CHARS and heading in title)


def remove_title_headings(decisions: list[Decision], title: str | None, rules: RuleSet) -> list[Decision]:
    """A kept heading that repeats the page's title (or is the title without the site name) goes (HTML007)."""
    removal = rules.removal(codes.TITLE_HEADING)
    if not title or removal is None:
        return decisions
    return [
        Decision(d.block, removal) if d.kept and d.block.kind in HEADING_KINDS and _is_title(d.block.text, title) else d
        for d in decisions
    ]


def extract_html(html: str, options: Options) -> Extraction:
    """The article's blocks (kept and removed) and the page's metadata. Raises HtmlError (a ValueError).

    The pattern rules judge the blocks the page's markup kept, as in text mode.
    """
    rules = options.rules
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
    serials = count(1)  # one numbering of the page's lists and tables across the region's elements
    for el, kept in region:
        if kept:
            decisions.extend(region_decisions([el], rules, judge, serials, options.markup))
        else:
            outside = _outside(el, rules)
            if outside is not None:
                decisions.append(outside)
            elif rules.removal(codes.OUTSIDE_CONTAINER) is None:
                decisions.extend(region_decisions([el], rules, judge, serials, options.markup))
    decisions = remove_title_headings(decisions, metadata.title, rules)
    if parsed.too_deep and not any(d.kept for d in decisions):
        raise HtmlError("HTML nested too deeply to read (more than 255 levels)")
    # Pictures (--images) are blocks without text: no rule reads them, and they stay where they are.
    judged = iter(classify_blocks([d.block for d in decisions if d.kept and d.block.text], rules))
    return Extraction([next(judged) if d.kept and d.block.text else d for d in decisions], metadata)
