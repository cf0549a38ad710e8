"""Text mode: where the article lies on a flattened page, and what around it gives a page's furniture away.

The article is the stretch of lines whose scores add up to the most (:func:`article_region`),
trimmed where a widget run or a comment thread shows that it has ended; text that opens with
the article loses only the teasers listed under a removed related-stories heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice, pairwise

from cleaner.model import Decision, Removal
from cleaner.rules import RuleSet, codes
from cleaner.text.context import best_region
from cleaner.text.shapes import MENU_LINE_MAX_WORDS, DocumentShapes, added_up

MENU_RUN_MIN_LINES = 4
"""This many short non-sentence lines in a row make a menu, not a list inside the article."""
HEADLINE_LIST_MIN_LINES = 3
"""This many headline-shaped lines in a row (no sentence, a few words each) make a teaser list."""
HEADLINE_MAX_WORDS = 25
ARTICLE_OPENING_MAX_LINES = 2
"""Text that opens with the article may put this many lines (a title, a byline) before its first prose."""
PROSE_MIN_WORDS = 8
"""A sentence line of at least this many words is prose."""
WIDGET_RUN_MIN_LINES = 2
WIDGET_RUN_MAX_SCORE = 0.3
"""A run of short lines whose mean own-shape score is below this is a widget (share bar, button row)."""
TAIL_AFTER_WIDGET_MAX_WORDS = 40
"""Fewer words than this after the region's last widget run are a call to action, not the article."""
COMMENT_MIN_ENTRIES = 3
COMMENT_MAX_GAP = 6
COMMENT_MIN_ARTICLE_WORDS = 80
"""A thread is cut off only when at least this many words of the region come before it."""
OPENING_MIN_LINES = 2
OPENING_MAX_GAP = 20
"""An article's opening (this many prose lines in a row) is parted from the rest by at most this many short lines."""
PROSE_OWN_SCORE = 0.6
"""A line whose own-shape score reaches this reads as prose whatever its neighbours."""
TEASER_MAX_WORDS = 25
"""A headline is at most this long; a longer line under a related-stories heading is the article again."""
TEASER_MAX_LINES = 20
"""A related-stories box lists at most this many lines (ten headlines, each with a kicker line)."""
BLURB_MAX_WORDS = 30
"""A teaser's summary, printed right under its headline, is at most this long (it does not count as a line)."""
LIST_HEADING_RULES = frozenset({"NAV004", "NAV006"})
"""Besides related-stories headings: previous/next links and tag-list headings open lists of links too."""
_STATEMENT_ENDS = (".", '."', ".”", ".'", ".’", ".)")
"""How a line of prose ends; a headline ends without a full stop (a question or a quote is still a headline)."""


def widget_runs(own: list[float], doc: DocumentShapes) -> list[bool]:
    """Lines in a run of short non-sentence lines that, on their own shapes, mostly read as boilerplate.

    A share bar ("Share on Facebook / Share on X / Email") is such a run; an article's own list
    is not, because its items score as text.
    """
    runs = doc.menu_runs
    flags = [False] * len(own)
    i = 0
    while i < len(own):
        length = runs[i]
        if length >= WIDGET_RUN_MIN_LINES and added_up(own[i : i + length]) / length < WIDGET_RUN_MAX_SCORE:
            flags[i : i + length] = [True] * length
        i += length or 1
    return flags


def article_region(scores: list[float], doc: DocumentShapes, threshold: float, widgets: list[bool]) -> tuple[int, int]:
    """The stretch of lines that is most surely the article: first and last index (inclusive).

    It is the stretch whose scores add up to the most; when only a few words follow the last
    widget run inside it (a call to subscribe, to comment), the article ended at that widget.
    """
    gains = [(s - threshold) * (1.0 + w) ** 0.5 for s, w in zip(scores, doc.words, strict=True)]
    start, end = best_region(gains)
    last = end
    while last >= start and not widgets[last]:
        last -= 1
    if last >= start and sum(doc.words[last + 1 : end + 1]) < TAIL_AFTER_WIDGET_MAX_WORDS:
        while last >= start and widgets[last]:
            last -= 1
        end = last
    return start, end


def _first_chain(doc: DocumentShapes, at: Sequence[int]) -> tuple[int, int, int] | None:
    """The first run of at least COMMENT_MIN_ENTRIES lines of one shape, each a few lines after the
    one before with prose between: (its first line, its last line, number of entries).

    The last entry is taken to be as long as the one before it."""
    first, last, entries = at[0], at[0], 1
    for a, b in pairwise(at):
        if b - a <= COMMENT_MAX_GAP and any(doc.sentence[a + 1 : b]):
            entries, last = entries + 1, b + (b - a) - 1
            continue
        if entries >= COMMENT_MIN_ENTRIES:
            break
        first, last, entries = b, b, 1
    return (first, min(last, len(doc.words) - 1), entries) if entries >= COMMENT_MIN_ENTRIES else None


_CODE = re.compile(r"\w\(|[=;{}]|^(?:def|class|import|from|return|if|for|while|with|let|const|var)\b.*[:({]$")
"""A call ("print(x)"), an assignment or statement mark, or a block opening: a line of code, which a comment
header ("Jane says:", "6 January 2026 at 6:41 am") never is."""


def reads_as_code(text: str) -> bool:
    """Whether a short line reads as a line of program code (its shape may repeat; no comment thread starts there)."""
    return _CODE.search(text) is not None


@dataclass(frozen=True, slots=True)
class CommentThread:
    """Where a comment thread starts, how many entries it has, and the line shape that repeats."""

    start: int
    end: int
    """Its last line: the region's end or the end of its last entry, whichever comes later."""
    entries: int
    shape: str


def comment_thread(doc: DocumentShapes, start: int, end: int) -> CommentThread | None:
    """Where a comment thread begins inside the region, if one starts there after the article.

    A thread is one short line shape ("… says:", "0 days ago at 00:00 am") coming back at least
    COMMENT_MIN_ENTRIES times, a few lines apart, with prose between; the article is what precedes it.
    The thread may run on past the region's end.
    """
    seen: dict[str, list[int]] = {}
    for i in range(start, len(doc.templates)):
        if doc.templates[i] and not reads_as_code(doc.texts[i]):
            seen.setdefault(doc.templates[i], []).append(i)
    best: CommentThread | None = None
    for shape, at in seen.items():
        chain = _first_chain(doc, at)
        if chain is None or chain[0] > end or sum(doc.words[start : chain[0]]) < COMMENT_MIN_ARTICLE_WORDS:
            continue
        if best is None or chain[0] < best.start:
            best = CommentThread(chain[0], max(end, chain[1]), chain[2], shape)
    return best


def kept_lines(decisions: list[Decision], at_most: int = -1) -> list[int]:
    """The indexes of the kept lines: the first ``at_most`` of them, or all of them (``at_most`` below 0)."""
    kept = (i for i, d in enumerate(decisions) if d.removal is None)
    return list(kept if at_most < 0 else islice(kept, at_most))


def starts_with_article(decisions: list[Decision], doc: DocumentShapes, start: int) -> bool:
    """Whether the text opens with the article itself (container-style or already clean input).

    It does when the article region begins at the first kept line, or when two prose lines
    come first, after at most a title and a byline or date line; a whole page opens with its
    title and menus.
    """
    opening = kept_lines(decisions, ARTICLE_OPENING_MAX_LINES + 2)
    if not opening:
        return False
    if start <= opening[0]:
        return True
    prose = [doc.sentence[i] and doc.words[i] >= PROSE_MIN_WORDS for i in opening]
    return any(a and b for a, b in pairwise(prose))


def past_menu_tail(doc: DocumentShapes, own: Sequence[float], threshold: float, start: int, end: int) -> int:
    """Move the region's start past the last entries of a menu that runs into it from above.

    A menu's last entry ("Weather") right above the headline borrows its neighbours' scores and
    slips into the region. A line is left out when it continues a menu run (MENU_RUN_MIN_LINES or
    more short non-sentence lines) that began before the region, and its own shape does not read as
    text either; a list or table that opens the article itself starts a run of its own and stays.
    """
    runs = doc.menu_runs
    while 0 < start < end and runs[start] >= MENU_RUN_MIN_LINES and runs[start - 1] and own[start] < threshold:
        start += 1
    return start


def extend_over_opening(doc: DocumentShapes, own: Sequence[float], start: int) -> int:
    """Pull the region's start back over the article's opening: OPENING_MIN_LINES or more prose lines in a row
    just above it, parted from it only by a few short lines (a share bar, a picture credit, "3 min read").

    The widgets between weigh against the few lines above them, and the best stretch starts after them; an
    article's first paragraphs are no page furniture all the same (the lines between are then judged by
    their scores, inside the region). A teaser list above an article puts a headline between its blurbs,
    so its prose lines never come OPENING_MIN_LINES in a row.
    """
    i, gap = start - 1, 0
    while i >= 0 and gap < OPENING_MAX_GAP and doc.words[i] <= MENU_LINE_MAX_WORDS and not doc.sentence[i]:
        i, gap = i - 1, gap + 1
    first = i
    while first >= 0 and _reads_as_prose(doc, own, first):
        first -= 1
    return first + 1 if i - first >= OPENING_MIN_LINES else start


def extend_over_prose(decisions: Sequence[Decision], doc: DocumentShapes, own: Sequence[float], end: int) -> int:
    """Push the region's end over the prose lines right after it: a closing line that reads as
    prose on its own (a credit, a last quote) belongs to the article even when page furniture
    follows it and drags its score down."""
    n = len(decisions)
    while end + 1 < n and decisions[end + 1].kept and _reads_as_prose(doc, own, end + 1):
        end += 1
    return end


def judged_lines(
    decisions: list[Decision],
    doc: DocumentShapes,
    own: list[float],
    scores: list[float],
    start: int,
    end: int,
    floor: float,
    outside_keep: float,
    thread: range = range(0),
) -> list[int]:
    """The kept lines judged boilerplate: those of the comment ``thread``, those outside the region (``start``
    to ``end``) that score below ``outside_keep``, and those inside it that score below ``floor`` and do not
    read as prose on their own either."""
    return [
        i
        for i, decision in enumerate(decisions)
        if decision.removal is None
        and (
            i in thread
            or not (
                (start <= i <= end and (scores[i] >= floor or _reads_as_prose(doc, own, i)))
                or scores[i] >= outside_keep
            )
        )
    ]


def _reads_as_prose(doc: DocumentShapes, own: Sequence[float], i: int) -> bool:
    return doc.sentence[i] and doc.words[i] >= PROSE_MIN_WORDS and own[i] >= PROSE_OWN_SCORE


def _is_teaser_shaped(text: str) -> bool:
    # A headline cut short by the box ("… as Hurri...") ends in dots without being a statement.
    end = text.rstrip()
    return 0 < len(text.split()) <= TEASER_MAX_WORDS and (not end.endswith(_STATEMENT_ENDS) or end.endswith("..."))


def remove_related_teasers(decisions: list[Decision], rules: RuleSet) -> list[Decision]:
    """The headlines listed under a removed related-stories heading ("Related", "More from …") go too,
    as do the links under a removed "Next article" or "Topics" line.

    A whole page's teaser lists are found from its structure (TXT003, TXT002); text that opens
    with the article is not judged by structure, and there the heading is what gives the list
    away. The list is the kept lines after the heading that read as headlines (a few words, no
    full stop), up to TEASER_MAX_LINES of them; the first line of prose ends it.
    """
    out = list(decisions)
    n, i = len(out), 0
    while i < n:
        heading = out[i]
        i += 1
        if heading.removal is None or not (
            heading.removal.category == "related" or heading.removal.rule in LIST_HEADING_RULES
        ):
            continue
        removal = rules.removal(codes.RELATED_TEASERS, line=heading.block.line)
        taken, boxed = 0, False
        while removal is not None and i < n and taken < TEASER_MAX_LINES:
            decision = out[i]
            if decision.removal is None:
                headline = _is_teaser_shaped(decision.block.text)
                if not (headline or (boxed and _is_teaser_blurb(out, i, removal))):
                    break
                boxed = boxed or (taken == 0 and decision.block.para_start)
                out[i] = Decision(decision.block, removal)
                taken += int(headline)  # a headline's summary line does not count against the list's length
            i += 1
    return out


def _is_teaser_blurb(decisions: Sequence[Decision], i: int, teaser: Removal) -> bool:
    """A short summary printed right under the teaser headline just removed, with no blank line between.

    Only in a list set off by a blank line (``boxed``): where no blank lines part the paragraphs,
    the line under the last headline is as likely the article again.
    """
    block = decisions[i].block
    return (
        decisions[i - 1].removal is teaser
        and _is_teaser_shaped(decisions[i - 1].block.text)
        and not block.para_start
        and len(block.text.split()) <= BLURB_MAX_WORDS
    )
