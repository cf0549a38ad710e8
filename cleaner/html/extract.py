"""Main-content extraction from HTML: parse once, walk the whole page into blocks, let the classifier decide.

1. parse safely (parse.py); read metadata and what the page declares of its type from the untouched tree
   (metadata.py, pagetype.py);
2. score containers as readability does and take the best (candidate.py), widened with siblings that
   carry prose (region.py): a prior, not the answer;
3. walk the whole page into blocks (blocks.py); hidden elements and form controls go by markup alone;
4. describe each block (features.py: its shape, place, names, neighbours, repetition, the HTML rule its
   element would be removed by, whether the best container and the region hold it) and let the fitted
   block classifier (classifier.py) keep or remove it; a removed block carries the HTML rule that names
   its element, HTML008 when it lies outside the region, else HTML010 with the probability and the
   features that weighed most against it. A table is kept whole when one of its rows is, and a table, list
   or figure in the region goes with the kept prose around it. A page where nothing scores high enough
   keeps the region;
5. the page's title heading and the pattern rules judge the kept blocks, as in text mode.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import lxml.etree

from cleaner.classify import classify_blocks
from cleaner.html.blocks import Judge, PageWalk, Picture, Walked, walk_page
from cleaner.html.candidate import best_candidate, score_candidates
from cleaner.html.classifier import shipped_html_model
from cleaner.html.dom import (
    NEVER_TEXT,
    Census,
    HtmlElement,
    census,
    is_hidden,
    tag_of,
    text_lengths,
    visible_length,
)
from cleaner.html.features import block_features, page_facts, with_page_type
from cleaner.html.judge import furniture_rule
from cleaner.html.metadata import described, extract_metadata, json_ld_objects
from cleaner.html.pagetype import declared_features, shape_features, shipped_page_type_model
from cleaner.html.parse import HtmlError, Parsed, parse_html
from cleaner.html.region import article_region
from cleaner.model import Decision, Extraction, Metadata
from cleaner.options import Options
from cleaner.rules import RuleSet, codes

HEADING_KINDS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TITLE_PART_MIN_CHARS = 20
"""A heading this long found inside the title is the title (the page's <title> adds the site's name)."""


def make_judge(
    root: HtmlElement, best: HtmlElement | None, lengths: Mapping[HtmlElement, tuple[int, int]] | None = None
) -> Judge:
    """The element judge for a page: the first <h1> is the title (later ones head sections of the
    article); the best candidate and its ancestors always stay. ``lengths``: ``dom.text_lengths`` of the page."""
    headline = next(root.iter("h1"), None)
    protected = {best, *best.iterancestors()} if best is not None else set()
    lengths = text_lengths(root) if lengths is None else lengths

    def judge(el: HtmlElement, tag: str) -> str | None:
        if el in protected:
            return None
        if el is headline:
            return codes.TITLE_HEADING
        return furniture_rule(el, tag, lengths)

    return judge


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


STRUCTURE_TAGS = frozenset({"table", "ul", "ol", "dl", "figure"})
"""Elements whose blocks are parts of one thing: a table's rows, a list's items, a figure's caption."""


@dataclass(frozen=True, slots=True)
class Structure:
    """A table, list or figure: its blocks (``start`` to ``end``, walked indices) and the nearest blocks before
    and after it within its parent element (-1: none there)."""

    start: int
    end: int
    before: int
    after: int


def structures(walked: list[Walked]) -> list[Structure]:
    """The innermost table, list or figure of every block that sits in one, each once, in document order."""
    inside: list[HtmlElement | None] = []
    for w in walked:
        el: HtmlElement | None = w.owner
        while el is not None and tag_of(el) not in STRUCTURE_TAGS:
            el = el.getparent()
        inside.append(el)
    spans: dict[HtmlElement, list[int]] = {}
    for i, el in enumerate(inside):
        if el is not None:
            spans.setdefault(el, [i, i])[1] = i
    out = []
    for el, (start, end) in spans.items():
        parent = el.getparent()
        if parent is None:
            continue
        # (blocks of one element are contiguous in document order; so are those of its parent)
        before = start - 1 if start > 0 and _within(walked[start - 1].owner, parent) else -1
        after = end + 1 if end + 1 < len(walked) and _within(walked[end + 1].owner, parent) else -1
        out.append(Structure(start, end, before, after))
    return out


def _within(el: HtmlElement, container: HtmlElement) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


@dataclass(frozen=True)
class PageBlocks:
    """A parsed page walked into blocks, with what the classifier reads about each."""

    walked: list[Walked]
    features: list[list[str]]
    """What the classifier reads about each block: ``untyped`` crossed with the page's type."""
    groups: list[int]
    """Each block's parent element, as a number (blocks with the same parent share it)."""
    metadata: Metadata
    type_features: list[str]
    """What the page type model reads (pagetype.py)."""
    pictures: list[Picture]
    """The page's pictures (--images): blocks of no text, which the classifier never reads."""
    untyped: list[list[str]]
    """Each block's features before the page type is crossed in (``features.with_page_type``)."""
    structures: list[Structure] = field(default_factory=list)
    """The tables, lists and figures the blocks sit in, with the blocks beside them (``structures``)."""

    def typed(self, page_type: str) -> PageBlocks:
        """The page's blocks as a page of ``page_type`` (training tries the type each fold's model gives)."""
        return replace(
            self,
            features=with_page_type(self.untyped, page_type),
            metadata=replace(self.metadata, page_type=page_type),
        )


@dataclass(frozen=True)
class ReadPage:
    """A parsed page with scripts and styles stripped, what was read before (metadata, declared type facts), and
    one census of its elements."""

    parsed: Parsed
    metadata: Metadata
    type_features: list[str]
    census: Census
    described: str
    """``metadata.described``: the page's own descriptions, lower-cased."""


def read_page(html: str) -> ReadPage:
    """Parse the page, read its metadata and page-type facts, strip scripts and styles, count its elements."""
    parsed = parse_html(html)
    if parsed.too_deep:  # (the parser dropped what came after: failed, not cleaned in part without a word)
        raise HtmlError("HTML nested too deeply to read (past 2,000 levels)")
    root = parsed.root
    objects = list(json_ld_objects(root))
    metadata = extract_metadata(root, objects)
    declared = declared_features(root, metadata.url, objects)
    description = described(objects, metadata.description)
    # From here on only text a reader sees matters: scripts and styles would count in text_content().
    lxml.etree.strip_elements(root, *(NEVER_TEXT - {"noscript"}), with_tail=False)
    _read_noscript_when_it_is_the_page(root)
    counted = census(root)
    _show_what_a_script_would(root, counted.lengths)
    type_features = declared + shape_features(counted, root.text_content())
    return ReadPage(parsed, metadata, type_features, counted, description)


HIDDEN_PAGE_SHARE = 0.5
"""A hidden element holding more than this share of the page's text is the page, hidden until a script shows it."""


def _show_what_a_script_would(root: HtmlElement, lengths: Mapping[HtmlElement, tuple[int, int]]) -> None:
    """Unhide an element that holds most of the page's text: pages hide themselves until a script has run
    (``visibility:hidden`` against a flash of unstyled text, streamed ``<div hidden>`` a script swaps in);
    a reader sees them, and nothing would be left to read otherwise."""
    least = HIDDEN_PAGE_SHARE * lengths.get(root, (0, 0))[0]
    el: HtmlElement | None = root
    while el is not None:  # (only one child of each can hold most of the page: one path down)
        if is_hidden(el):
            for attribute in ("hidden", "aria-hidden", "style"):
                el.attrib.pop(attribute, None)
        el = next((child for child in el if lengths.get(child, (0, 0))[0] > least), None)


def _read_noscript_when_it_is_the_page(root: HtmlElement) -> None:
    """Drop the <noscript> elements, unless they hold most of the page's text: then they are what a reader
    sees (forums such as Discourse serve their posts there, the rest of the page being a script's shell),
    and their content stays in place."""
    noscripts = list(root.iter("noscript"))
    if not noscripts:
        return
    inside = sum(visible_length(el.text_content()) for el in noscripts if el.getparent() is not None)
    if inside > visible_length(root.text_content()) - inside:
        lxml.etree.strip_tags(root, "noscript")
    else:
        lxml.etree.strip_elements(root, "noscript", with_tail=False)


def walk_blocks(html: str, options: Options) -> tuple[PageWalk, ReadPage]:
    """Parse the page, read its metadata, score readability's containers and walk every block: the walk and
    what was read of the page. Raises HtmlError."""
    rules = options.rules
    read = read_page(html)
    root, lengths = read.parsed.root, read.census.lengths
    scores = score_candidates(root, True, lengths) or score_candidates(root, False, lengths)
    best = best_candidate(root, scores)
    judge = make_judge(root, best.element if best is not None else None, lengths)
    body = root.find("body")
    top = body if body is not None else root
    region = {el for el, kept in article_region(best, scores, judge) if kept} if best is not None else {top}
    walk = walk_page(top, rules, judge, best.element if best is not None else None, region, options.markup)
    return walk, read


def block_texts(html: str, options: Options) -> tuple[str | None, list[str]]:
    """The page's URL (when it names one) and the text of every block it walks into, in order: what site
    templates are counted over (cleaner.templates)."""
    walk, read = walk_blocks(html, options)
    return read.metadata.url, [w.block.text for w in walk.walked]


def page_blocks(html: str, options: Options, typed: bool = True) -> PageBlocks:
    """Parse the page, read its metadata, score readability's containers and walk every block, each described
    as the classifier reads it. Raises HtmlError.

    ``typed=False``: ``features`` are the ``untyped`` ones, for a model with no weight on the page type."""
    walk, read = walk_blocks(html, options)
    metadata = replace(read.metadata, page_type=shipped_page_type_model().predict(read.type_features))
    walked = walk.walked
    untyped = block_features(walked, page_facts(walked, read.census.runs, read.described))
    parents: dict[HtmlElement | None, int] = {}
    groups = [parents.setdefault(w.owner.getparent(), len(parents)) for w in walked]
    features = with_page_type(untyped, metadata.page_type) if typed else untyped
    return PageBlocks(
        walked, features, groups, metadata, read.type_features, walk.pictures, untyped, structures(walked)
    )


def _explained(names: list[str]) -> str:
    """What the strongest features against a block say, in words."""
    return "; ".join(FEATURE_WORDS.get(name.split("=")[0], "") + name.split("=", 1)[-1] for name in names) or "-"


FEATURE_WORDS = {
    "kind": "block kind ", "words": "word-count range ", "link": "link-text range ", "lw": "link/word ranges ",
    "kw": "kind/word range ", "stop": "stop-word range ", "caps": "capitalised range ", "digits": "digit range ",
    "place": "container/region ", "furn": "HTML rule ", "pos": "position decile ", "rep": "repeated on page ",
    "cards": "look-alike siblings ", "anc": "inside <", "cw0": "named ", "cw": "inside a box named ",
    "prev": "block before ", "next": "block after ", "itemprop": "itemprop ", "role": "role ", "end": "ends with ",
    "sent": "sentences ", "depth": "depth ", "avglen": "mean word length ", "continues": "continues a paragraph",
    "described": "in the page's description ", "pt": "page type ",
}  # fmt: skip


def decide(page: PageBlocks, probabilities: list[float], threshold: float, options: Options) -> list[Decision]:
    """Keep the blocks scoring at least ``threshold``; each other block goes by the rule that explains it."""
    rules = options.rules
    model = options.html_model or shipped_html_model()
    decisions: list[Decision] = []
    # A table is kept whole: a row of numbers reads as furniture on its own, not beside its header row.
    kept_tables = {
        group
        for w, p, group in zip(page.walked, probabilities, page.groups, strict=True)
        if w.block.kind == "tr" and w.removal is None and p >= threshold
    }
    for w, p, names, group in zip(page.walked, probabilities, page.features, page.groups, strict=True):
        if w.removal is not None:
            decisions.append(Decision(w.block, w.removal))
            continue
        if p >= threshold or (w.block.kind == "tr" and group in kept_tables):
            decisions.append(Decision(w.block))
            continue
        named = (
            w.place.furniture
            if w.place.furniture is not None
            else None
            if w.place.in_region
            else codes.OUTSIDE_CONTAINER
        )
        removal = rules.removal(named) if named is not None else None
        if removal is None:  # no HTML rule names it (or that rule is deselected): the classifier's reasons
            why = _explained(model.against(names))
            removal = rules.removal(codes.LEARNED_BLOCK, probability=f"{p:.2f}", why=why)
        decisions.append(Decision(w.block, removal))
    decisions = _with_whole_structures(page, decisions)
    if not any(d.kept for d in decisions):  # never silently empty: the article region, as readability chose it
        decisions = [
            Decision(w.block) if w.removal is None and w.place.in_region else d
            for w, d in zip(page.walked, decisions, strict=True)
        ]
    return decisions


STRUCTURE_LINK_SHARE = 0.5
"""A block of a structure with more of its text in links than this is a menu's, not the prose's: its own verdict."""


def _with_whole_structures(page: PageBlocks, decisions: list[Decision]) -> list[Decision]:
    """A table, list or figure in the article region goes with the prose around it: where the blocks beside it in
    its parent element are kept (both, or the one there is when it begins or ends its parent), its blocks that no
    HTML rule names and that are not mostly links are kept too. A small table, a list's last item or a caption
    reads as little on its own; beside the paragraphs that introduce it, it is their article's."""
    out = list(decisions)
    for s in page.structures:
        sides = [k for k in (s.before, s.after) if k >= 0]
        if not sides or not all(out[k].kept for k in sides):
            continue
        for i in range(s.start, s.end + 1):
            w = page.walked[i]
            if (
                not out[i].kept
                and w.removal is None
                and w.place.furniture is None
                and w.place.in_region
                and w.link_chars <= STRUCTURE_LINK_SHARE * len(w.block.text)
            ):
                out[i] = Decision(w.block)
    return out


def extract_html(html: str, options: Options) -> Extraction:
    """The page's blocks (kept and removed) and its metadata. Raises HtmlError (a ValueError).

    The block classifier decides each block; the pattern rules then judge the blocks it kept, as in text mode.
    """
    model = options.html_model or shipped_html_model()
    page = page_blocks(html, options, typed=model.reads_page_type)
    probabilities = model.probabilities(page.features, page.groups)
    return finish(page, decide(page, probabilities, model.keep_threshold, options), options)


def with_pictures(decisions: list[Decision], pictures: list[Picture]) -> list[Decision]:
    """The decisions with the page's pictures among them: a picture stays where the text beside it (the
    block before it, else the one after) is kept and no HTML rule names an element holding it; else it
    is left out, as a picture has no text to show as removed."""
    if not pictures:
        return decisions
    out: list[Decision] = []
    pending = iter(pictures)
    picture = next(pending, None)
    for i in range(len(decisions) + 1):
        while picture is not None and picture.before == i:
            beside = decisions[i - 1] if i > 0 else decisions[i] if i < len(decisions) else None
            if beside is not None and beside.kept and picture.place.furniture is None:
                out.append(Decision(picture.block))
            picture = next(pending, None)
        if i < len(decisions):
            out.append(decisions[i])
    return out


def finish(page: PageBlocks, decisions: list[Decision], options: Options) -> Extraction:
    """The title heading and the pattern rules over the kept blocks, as text mode has them."""
    rules = options.rules
    decisions = remove_title_headings(decisions, page.metadata.title, rules)
    decisions = with_pictures(decisions, page.pictures)
    # Pictures (--images) are blocks without text: no rule reads them, and they stay where they are.
    judged = iter(classify_blocks([d.block for d in decisions if d.kept and d.block.text], rules))
    return Extraction([next(judged) if d.kept and d.block.text else d for d in decisions], page.metadata)
