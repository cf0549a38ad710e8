"""Why each line the structural pass removes goes: the most specific rule and reason that applies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cleaner.model import Decision, Removal
from cleaner.rules import RuleSet, codes
from cleaner.text.region import (
    HEADLINE_LIST_MIN_LINES,
    HEADLINE_MAX_WORDS,
    MENU_RUN_MIN_LINES,
    CommentThread,
)
from cleaner.text.shapes import MENU_LINE_MAX_WORDS, DocumentShapes, run_lengths


def _headline_shaped(doc: DocumentShapes) -> list[bool]:
    return [
        MENU_LINE_MAX_WORDS < w <= HEADLINE_MAX_WORDS and not s for w, s in zip(doc.words, doc.sentence, strict=True)
    ]


_DETAILS = {
    codes.MENU_RUN: ("lines",),
    codes.OUTSIDE_ARTICLE: ("region", "side"),
    codes.HEADLINE_LIST: ("lines",),
    codes.LOW_CONTENT_LINE: ("score",),
    codes.COMMENT_THREAD: ("entries", "shape"),
}
"""The fields of each structural rule's ``detail`` (its reason, in the rule file), in the order a key gives them."""


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
        made = self[key] = self.rules.removal(code, **dict(zip(_DETAILS[code], details, strict=True)))
        return made


class Reasons:
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
        self.thread_key = (codes.COMMENT_THREAD, thread.entries, thread.shape) if thread is not None else ()
        self.before, self.after = (codes.OUTSIDE_ARTICLE, lines, "before"), (codes.OUTSIDE_ARTICLE, lines, "after")
        self.doc = doc
        self.decisions = decisions
        self.widgets = widgets
        self._made = _Removals(rules)

    def removals(self, lines: list[int], scores: list[float]) -> list[Removal | None]:
        """The removal of each of ``lines`` (lines judged boilerplate), the most specific that applies: a comment
        thread, a menu run or widget, a headline list, the lines outside the region, else the line's low score.

        A page removes hundreds of lines: each line's case is told in one loop, as a key, and each distinct
        key is made into a removal once.
        """
        return list(map(self._made.__getitem__, self.removal_keys(lines, scores)))

    def removal_keys(self, lines: list[int], scores: list[float]) -> list[tuple[Any, ...]]:
        """The key of each line's removal in ``_Removals``: its rule code, then the details of its reason."""
        start, end = self.region
        in_thread, thread_key, before, after = self.in_thread, self.thread_key, self.before, self.after
        # A line outside the region with article lines kept beyond it (they scored as text all the same) lies
        # between article lines: its own score is what decided it.
        judged = set(lines)
        kept = [i for i, d in enumerate(self.decisions) if d.removal is None and i not in judged]
        first_kept, last_kept = (kept[0], kept[-1]) if kept else (len(self.decisions), -1)
        menu_runs, widgets, headline_runs = self.doc.menu_runs, self.widgets, run_lengths(_headline_shaped(self.doc))
        keys: list[tuple[Any, ...]] = []
        for i in lines:
            if i in in_thread:
                keys.append(thread_key)
            elif menu_runs[i] >= MENU_RUN_MIN_LINES or widgets[i]:
                keys.append((codes.MENU_RUN, menu_runs[i]))
            elif headline_runs[i] >= HEADLINE_LIST_MIN_LINES:
                keys.append((codes.HEADLINE_LIST, headline_runs[i]))
            elif i < start and i < first_kept:
                keys.append(before)
            elif i > end and i > last_kept:
                keys.append(after)
            else:
                keys.append((codes.LOW_CONTENT_LINE, f"{scores[i]:.2f}"))
        return keys
