"""Text mode: find the article among everything else on a flattened page.

Each line is scored from its own shape (:mod:`cleaner.features`), rescored
with its neighbours (:mod:`cleaner.textmodel`), and the article is the
stretch of lines whose scores add up to the most, trimmed where a widget
run or a comment thread shows that the article has ended. Lines outside it,
and lines inside it that read as boilerplate, are removed, each with a rule
code and a reason that says what was seen (a menu run, a headline list, a
comment thread, distance from the article). Title, byline and date line
above the article go to the metadata (:mod:`cleaner.textmeta`); a dateline
and a closing credit stay in the text.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import islice, pairwise
from typing import Any

from cleaner.classify import removal_for
from cleaner.features import (
    MENU_LINE_MAX_WORDS,
    DocumentShapes,
    LineMemo,
    added_up,
    best_region,
    document_shapes,
    run_lengths,
)
from cleaner.model import Decision, Metadata, Removal, many
from cleaner.rules import RuleSet
from cleaner.textmeta import MetadataMemo, find_credit, find_header
from cleaner.textmodel import TextModel, shipped_model

MENU_RUN_MIN_LINES = 4
"""This many short non-sentence lines in a row make a menu, not a list inside the article."""
HEADLINE_LIST_MIN_LINES = 3
"""This many headline-shaped lines in a row (no sentence, a few words each) make a teaser list."""
HEADLINE_MAX_WORDS = 25
MAX_ROUNDS = 20
"""Passes over the kept lines before giving up on reaching a fixed point (two are the rule)."""
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
PROSE_OWN_SCORE = 0.6
"""A line whose own-shape score reaches this reads as prose whatever its neighbours."""
MIN_PAGE_LINES = 5
"""A document shorter than this has no page structure to judge: only pattern rules apply to it."""
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
    if _compiled is not None:
        return _compiled.widget_runs(own, runs, WIDGET_RUN_MIN_LINES, WIDGET_RUN_MAX_SCORE)
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
    if _compiled is not None:
        return _compiled.article_region(scores, doc.words, threshold, widgets, TAIL_AFTER_WIDGET_MAX_WORDS)
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
    if _compiled is not None:
        found = _compiled.comment_thread(
            doc.templates,
            doc.words,
            doc.sentence,
            start,
            end,
            COMMENT_MAX_GAP,
            COMMENT_MIN_ENTRIES,
            COMMENT_MIN_ARTICLE_WORDS,
        )
        return None if found is None else CommentThread(*found)
    seen: dict[str, list[int]] = {}
    for i in range(start, len(doc.templates)):
        if doc.templates[i]:
            seen.setdefault(doc.templates[i], []).append(i)
    best: CommentThread | None = None
    for shape, at in seen.items():
        chain = _first_chain(doc, at)
        if chain is None or chain[0] > end or sum(doc.words[start : chain[0]]) < COMMENT_MIN_ARTICLE_WORDS:
            continue
        if best is None or chain[0] < best.start:
            best = CommentThread(chain[0], max(end, chain[1]), chain[2], shape)
    return best


def _headline_shaped(doc: DocumentShapes) -> list[bool]:
    return [
        MENU_LINE_MAX_WORDS < w <= HEADLINE_MAX_WORDS and not s for w, s in zip(doc.words, doc.sentence, strict=True)
    ]


_REASONS = {
    "TXT001": "menu run: {} short lines without sentences",
    "TXT002": "outside the article region (lines {}): {} it",
    "TXT003": "headline/teaser list: {} headline-shaped lines in a row",
    "TXT004": "reads as boilerplate between article lines (score {})",
    "TXT005": "comment thread: {} entries, each opening with a '{}' line",
}
"""What each structural removal says; its details (a run's length, the region's lines, a score) fill the gaps."""


class _Removals(dict[tuple[Any, ...], Removal | None]):
    """The removal for each key (a rule code, then the details its reason gives).

    Pages repeat the same few reasons hundreds of times: each is looked up in the rules, and written,
    once, on its first lookup (``__missing__``); every later lookup is a plain dict lookup.
    """

    def __init__(self, rules: RuleSet) -> None:
        super().__init__()
        self.rules = rules

    def __missing__(self, key: tuple[Any, ...]) -> Removal | None:
        code, *details = key
        made = self[key] = removal_for(self.rules, code, _REASONS[code].format(*details))
        return made


class _Reasons:
    """Chooses the most specific rule and reason for a structural removal."""

    def __init__(
        self,
        rules: RuleSet,
        doc: DocumentShapes,
        region: tuple[int, int],
        widgets: list[bool],
        thread: CommentThread | None,
        decisions: Sequence[Decision],
    ) -> None:
        self.region = region
        first, last = region
        lines = f"{decisions[first].block.line}–{decisions[last].block.line}" if first <= last else "none"
        self.in_thread = range(thread.start, thread.end + 1) if thread is not None else range(0)
        self.thread_key = ("TXT005", thread.entries, thread.shape) if thread is not None else ()
        self.before, self.after = ("TXT002", lines, "before"), ("TXT002", lines, "after")
        self.doc = doc
        self.widgets = widgets
        self._made = _Removals(rules)

    def removals(self, lines: list[int], scores: list[float]) -> list[Removal | None]:
        """The removal of each of ``lines`` (lines judged boilerplate), the most specific that applies: a comment
        thread, a menu run or widget, a headline list, the lines outside the region, else the line's low score.

        A page removes hundreds of lines: each line's case is told in one loop, as a key, and the keys are
        turned into removals at the end (the compiled loop looks each key up as it goes).
        """
        if _compiled is not None:
            doc = self.doc
            return _compiled.removals(
                lines,
                scores,
                doc.menu_runs,
                self.widgets,
                doc.words,
                doc.sentence,
                self.region,
                (self.in_thread.start, self.in_thread.stop),
                (self.thread_key, self.before, self.after),
                (MENU_RUN_MIN_LINES, HEADLINE_LIST_MIN_LINES, MENU_LINE_MAX_WORDS, HEADLINE_MAX_WORDS),
                self._made,
            )
        return list(map(self._made.__getitem__, self.removal_keys(lines, scores)))

    def removal_keys(self, lines: list[int], scores: list[float]) -> list[tuple[Any, ...]]:
        """The key of each line's removal in ``_Removals``: its rule code, then the details of its reason."""
        start, end = self.region
        in_thread, thread_key, before, after = self.in_thread, self.thread_key, self.before, self.after
        menu_runs, widgets, headline_runs = self.doc.menu_runs, self.widgets, run_lengths(_headline_shaped(self.doc))
        keys: list[tuple[Any, ...]] = []
        for i in lines:
            if i in in_thread:
                keys.append(thread_key)
            elif menu_runs[i] >= MENU_RUN_MIN_LINES or widgets[i]:
                keys.append(("TXT001", menu_runs[i]))
            elif headline_runs[i] >= HEADLINE_LIST_MIN_LINES:
                keys.append(("TXT003", headline_runs[i]))
            elif i < start:
                keys.append(before)
            elif i > end:
                keys.append(after)
            else:
                keys.append(("TXT004", f"{scores[i]:.2f}"))
        return keys


def _kept_lines(decisions: list[Decision], at_most: int = -1) -> list[int]:
    """The indexes of the kept lines: the first ``at_most`` of them, or all of them (``at_most`` below 0)."""
    if _compiled is not None:
        return _compiled.kept_lines(decisions, at_most)
    kept = (i for i, d in enumerate(decisions) if d.removal is None)
    return list(kept if at_most < 0 else islice(kept, at_most))


def _starts_with_article(decisions: list[Decision], doc: DocumentShapes, start: int) -> bool:
    """Whether the text opens with the article itself (container-style or already clean input).

    It does when the article region begins at the first kept line, or when two prose lines
    come first, after at most a title and a byline or date line; a whole page opens with its
    title and menus.
    """
    opening = _kept_lines(decisions, ARTICLE_OPENING_MAX_LINES + 2)
    if not opening:
        return False
    if start <= opening[0]:
        return True
    prose = [doc.sentence[i] and doc.words[i] >= PROSE_MIN_WORDS for i in opening]
    return any(a and b for a, b in pairwise(prose))


def _past_menu_tail(doc: DocumentShapes, own: Sequence[float], threshold: float, start: int, end: int) -> int:
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


def _extend_over_prose(decisions: Sequence[Decision], doc: DocumentShapes, own: Sequence[float], end: int) -> int:
    """Push the region's end over the prose lines right after it: a closing line that reads as
    prose on its own (a credit, a last quote) belongs to the article even when page furniture
    follows it and drags its score down."""
    n = len(decisions)
    while end + 1 < n and decisions[end + 1].kept and _reads_as_prose(doc, own, end + 1):
        end += 1
    return end


def _judged_lines(
    decisions: list[Decision],
    doc: DocumentShapes,
    own: list[float],
    scores: list[float],
    start: int,
    end: int,
    floor: float,
) -> list[int]:
    """The kept lines judged boilerplate: those outside the region (``start`` to ``end``), and those inside it
    that score below ``floor`` and do not read as prose on their own either."""
    if _compiled is not None:
        return _compiled.judged_lines(
            decisions, scores, own, doc.sentence, doc.words, start, end, floor, PROSE_MIN_WORDS, PROSE_OWN_SCORE
        )
    return [
        i
        for i, decision in enumerate(decisions)
        if decision.removal is None and not (start <= i <= end and (scores[i] >= floor or _reads_as_prose(doc, own, i)))
    ]


def _put_at(values: list[Decision], lines: list[int], items: list[Decision]) -> None:
    """``values[i] = item`` for each of ``lines`` and its item (one C loop where compiled, else C-level maps)."""
    if _compiled is not None:
        _compiled.put_at(values, lines, items)
    else:
        deque(map(values.__setitem__, lines, items), maxlen=0)


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
        removal = removal_for(rules, "CTX002", f"teaser listed under the related heading on line {heading.block.line}")
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


def _judge(
    decisions: list[Decision], rules: RuleSet, model: TextModel, memo: LineMemo, metadata_memo: MetadataMemo
) -> tuple[list[Decision], Metadata]:
    """One pass over the lines: score, find the region, remove what lies outside it or scores too low."""
    doc = document_shapes(decisions, memo)
    if len(decisions) < MIN_PAGE_LINES:
        return decisions, Metadata(language=doc.language)
    own, scores = model.scores(doc)
    widgets = widget_runs(own, doc)
    start, end = article_region(scores, doc, model.keep_threshold, widgets)
    start = _past_menu_tail(doc, own, model.keep_threshold, start, end)
    end = _extend_over_prose(decisions, doc, own, end)
    thread = comment_thread(doc, start, end)
    if thread is not None:
        end = thread.start - 1
        while end > start and not doc.sentence[end] and doc.words[end] <= HEADLINE_MAX_WORDS:
            end -= 1  # the thread's own heading ("34 responses to …")
        thread = replace(thread, start=end + 1)
    # Text that opens with the article (container-style or already clean) keeps every line the pattern
    # rules kept, but for the headlines of a related-stories box whose heading they removed: its short
    # lines are the article's own lists and headings, not a page's menus.
    out = list(decisions)
    if _starts_with_article(decisions, doc, start):
        out = remove_related_teasers(out, rules)
    else:
        reasons = _Reasons(rules, doc, (start, end), widgets, thread, decisions)
        judged = _judged_lines(decisions, doc, own, scores, start, end, model.region_floor)
        removals = reasons.removals(judged, scores)
        if not all(removals):  # a removal is None when its rule is deselected: that line stays
            judged = [i for i, removal in zip(judged, removals, strict=True) if removal is not None]
            removals = [removal for removal in removals if removal is not None]
        # A page removes hundreds of lines: their decisions are made a column at a time, and put in place by C loops.
        _put_at(out, judged, many(Decision, [decisions[i].block for i in judged], removals))
    out, metadata = find_header(out, rules, (start, end), metadata_memo, doc)
    return out, metadata.merged(find_credit(out, metadata_memo), Metadata(language=doc.language))


def classify_with_model(
    decisions: list[Decision], rules: RuleSet, model: TextModel
) -> tuple[list[Decision], Metadata | None]:
    """:func:`classify_structure` with an explicit model (training and cross-validation use this).

    The pass is repeated on the lines it kept until it keeps them all, so that
    cleaning clean output changes nothing (a second run sees only those lines).
    """
    if not decisions:
        return decisions, None
    memo = LineMemo()  # what each line's text says, worked out once for all rounds
    metadata_memo = MetadataMemo()  # and what the title, byline and credit search read in it
    out, metadata = _judge(decisions, rules, model, memo, metadata_memo)
    if all(d.removal is None for d in out) and all(d.removal is None for d in decisions):
        return out, metadata  # a second pass would judge the very same lines again
    for _ in range(MAX_ROUNDS):
        kept_at = _kept_lines(out)
        revised, found = _judge(list(map(out.__getitem__, kept_at)), rules, model, memo, metadata_memo)
        metadata = metadata.merged(found)
        removed = [(i, d) for i, d in zip(kept_at, revised, strict=True) if d.removal is not None]
        if not removed:
            break
        for i, d in removed:
            out[i] = d
    return out, metadata


def classify_structure(decisions: list[Decision], rules: RuleSet) -> tuple[list[Decision], Metadata | None]:
    """Revise pattern-rule decisions with the page's structure; also returns metadata found."""
    return classify_with_model(decisions, rules, shipped_model())


try:  # cleaner/_structure.pyx, compiled by pip install where a C compiler is (see setup.py)
    from cleaner import _structure as _compiled
except ImportError:  # pragma: no cover - depends on the install
    _compiled = None  # type: ignore[assignment]
COMPILED_STRUCTURE = _compiled is not None
"""Whether the structure pass's per-line loops run in the compiled module (the same lines, the same reasons)."""
