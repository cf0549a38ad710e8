"""The compiled loops of the structure pass (cleaner/_structure.pyx) find what cleaner/structure.py's Python finds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import structure
from cleaner.classify import classify_blocks
from cleaner.features import DocumentShapes, document_shapes
from cleaner.model import Block, Decision, Removal
from cleaner.rules import RuleSet
from cleaner.textblocks import split_lines
from cleaner.textmodel import shipped_model

pytest.importorskip("cleaner._structure", reason="the compiled structure loops were not built here")

# Lines of every shape the loops tell apart: prose, short menu entries, share buttons, headlines,
# comment headers that repeat one template, dates, and blank lines (paragraph starts).
LINES = [
    "Harbour library plan approved | Wrenmouth Gazette",
    "Home",
    "News",
    "Share on Facebook",
    "Share on X",
    "Email",
    "",
    "The council of Wrenmouth voted seven to two on Monday evening to convert the disused ferry terminal.",
    "The terminal has stood empty since the crossing moved to the southern harbour in 2014, the council said.",
    "Le conseil municipal a voté lundi soir la transformation de l'ancienne gare maritime en bibliothèque.",
    "Der Stadtrat hat am Montag beschlossen, das alte Fährterminal in eine Bibliothek umzubauen.",
    "Could the old lighthouse become a museum? Residents have their say on the plan",
    "Ferry operator announces its winter timetable and what changes for the islands",
    "harbourfan says:",
    "quayside_jo says:",
    "January 6, 2026 at 6:34 am",
    "January 7, 2026 at 9:02 pm",
    "What a good use of an old building, I hope the cafe stays open late.",
    "Related stories",
    "Subscribe to our newsletter",
]


@contextmanager
def _python_only() -> Iterator[None]:
    """The structure module's own Python loops, as where the compiled module was not built."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(structure, "_compiled", None)
        yield


def _both(function: Callable[..., Any], *args: Any) -> tuple[Any, Any]:
    compiled = function(*args)
    with _python_only():
        return compiled, function(*args)


def _page(lines: list[str]) -> tuple[list[Decision], DocumentShapes, list[float], list[float]]:
    decisions = classify_blocks(split_lines("\n".join(lines)), RuleSet.default())
    doc = document_shapes(decisions)
    own, scores = shipped_model().scores(doc)
    return decisions, doc, own, scores


PROSE = LINES[7:11]
ENTRY = st.tuples(st.sampled_from(LINES[13:15]), st.sampled_from(LINES[15:17]), st.sampled_from([*PROSE, LINES[17]]))
ANY_LINES = st.lists(st.sampled_from(LINES), max_size=30)
THREADED = st.tuples(
    ANY_LINES,
    st.lists(st.sampled_from(PROSE), min_size=6, max_size=12),
    st.lists(ENTRY, min_size=2, max_size=8),
    ANY_LINES,
)
"""A page with an article and a comment thread after it (its entries' templates repeat), amid other lines."""
PAGES = st.one_of(
    st.lists(st.sampled_from(LINES), min_size=1, max_size=80),
    THREADED.map(lambda parts: [*parts[0], *parts[1], *(line for entry in parts[2] for line in entry), *parts[3]]),
)


RULE_SETS = st.sampled_from([RuleSet.default(), RuleSet.build(ignore=["TXT002", "TXT004"])])
"""Every rule, or some structural rules deselected: the lines they would remove get None for a removal."""


@settings(max_examples=200, deadline=None)
@given(PAGES, st.floats(0.0, 1.0), RULE_SETS)
def test_compiled_page_loops_find_what_the_python_ones_find(lines: list[str], floor: float, rules: RuleSet) -> None:
    decisions, doc, own, scores = _page(lines)
    if not decisions:
        return
    widgets, widgets_python = _both(structure.widget_runs, own, doc)
    assert widgets == widgets_python
    region, region_python = _both(structure.article_region, scores, doc, 0.5, widgets)
    assert region == region_python
    start, end = region
    for first in {0, start, len(decisions) // 2}:
        thread, thread_python = _both(structure.comment_thread, doc, first, end)
        assert thread == thread_python
    judged, judged_python = _both(structure._judged_lines, decisions, doc, own, scores, start, end, floor)
    assert judged == judged_python
    thread = structure.comment_thread(doc, start, end)
    removals = structure._Reasons(rules, doc, region, widgets, thread, decisions).removals(judged, scores)
    with _python_only():
        removals_python = structure._Reasons(rules, doc, region, widgets, thread, decisions).removals(judged, scores)
    assert removals == removals_python


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 60), st.booleans()), max_size=60), st.floats(0.0, 1.0))
def test_compiled_region_and_widgets_equal_the_python_ones_on_any_scores(
    lines: list[tuple[float, int, bool]], threshold: float
) -> None:
    """Scores, word counts and run lengths made up freely: ties, zero-word lines, runs at the very end."""
    scores = [score for score, _, _ in lines]
    words = [count for _, count, _ in lines]
    short = [flag for _, _, flag in lines]
    runs: list[int] = []
    i = 0
    while i < len(short):  # features.run_lengths of the short lines
        j = i
        while j < len(short) and short[j] == short[i]:
            j += 1
        runs += [j - i if short[i] else 0] * (j - i)
        i = j
    doc = cast(DocumentShapes, SimpleNamespace(words=words, menu_runs=runs))  # all that the two loops read
    widgets, widgets_python = _both(structure.widget_runs, scores, doc)
    assert widgets == widgets_python
    region, region_python = _both(structure.article_region, scores, doc, threshold, widgets_python)
    assert region == region_python


@given(st.lists(st.booleans(), max_size=30), st.integers(-1, 6))
def test_compiled_kept_lines_equal_the_python_ones(removed: list[bool], at_most: int) -> None:
    removal = Removal("TXT001", "navigation", "menu run")
    decisions = [Decision(Block("Home", i + 1), removal if gone else None) for i, gone in enumerate(removed)]
    kept, kept_python = _both(structure._kept_lines, decisions, at_most)
    assert kept == kept_python


@given(st.data())
def test_compiled_put_at_sets_what_the_python_maps_set(data: st.DataObject) -> None:
    size = data.draw(st.integers(0, 20))
    lines = data.draw(st.lists(st.integers(0, size - 1), max_size=30)) if size else []
    items = data.draw(st.lists(st.integers(), min_size=len(lines), max_size=len(lines)))
    compiled, python = list(range(size)), list(range(size))
    structure._put_at(compiled, lines, items)  # type: ignore[arg-type]
    with _python_only():
        structure._put_at(python, lines, items)  # type: ignore[arg-type]
    assert compiled == python


def test_a_comment_thread_is_found_the_same_way_with_its_shape() -> None:
    comments = []
    for name, minute in [("harbourfan", 34), ("quayside_jo", 41), ("mkline", 52), ("oldsalt", 58)]:
        comments += [f"{name} says:", f"January 6, 2026 at 6:{minute} am", LINES[17]]
    _, doc, _, _ = _page([*LINES[7:11] * 3, *comments])
    thread, thread_python = _both(structure.comment_thread, doc, 0, len(doc.words) - 1)
    assert thread == thread_python
    assert thread is not None and thread.entries == 4 and "says" in thread.shape


def test_the_structure_pass_uses_the_compiled_loops_where_they_were_built() -> None:
    assert structure.COMPILED_STRUCTURE
