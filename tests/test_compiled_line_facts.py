"""The compiled line facts (cleaner/_linefacts.pyx) are exactly the facts features.line_facts works out."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import features, language
from cleaner.features import LineFacts, line_facts, many_line_facts

compiled = pytest.importorskip("cleaner._linefacts", reason="the compiled line facts were not built here")
T = TypeVar("T")

# Characters every fact turns on: sentence marks and closers, separators, commas of three scripts,
# digits that are decimal (Arabic-Indic) or only digits (superscripts), letters that lower-case to two
# characters (İ), white space of several kinds, kana and Han characters (each a word) with their
# full-width marks and brackets, and the pieces of web addresses and numbered items.
ALPHABET = st.sampled_from(
    [
        *"aZz_ .!?…。！？؟\"'”’»)]*|/›•·,،，@#09٣²İßΣéñ\t\u00a0\u2009\u3000-:(",
        *"中文日本語ですナ・、」』）】한국어\U00020001",
        "http",
        "https:",
        "www.",
        ".com",
        ".comx",
        "...]",
        "1.",
        "12) ",
        "123. ",
        "1234. ",
        "a) ",
        "word",
    ]
)
LINES = st.lists(ALPHABET, max_size=40).map("".join)


def _compiled(texts: list[str]) -> list[LineFacts]:
    facts: list[LineFacts] = compiled.many_line_facts(texts, LineFacts, features._template, features.TEMPLATE_MAX_WORDS)
    return facts


@settings(max_examples=400)
@given(LINES)
@example("The council voted on Monday. It was close! Really?” Yes.")
@example("Read more at https://example.com/story, or www.example.org")
@example("3. Harbour library plan approved")
@example("Posted by Jane | 12 comments | 18 Nov 2019")
@example("İstanbul’da yağmur…")
@example("")
def test_compiled_line_facts_equal_the_python_ones(text: str) -> None:
    assert _compiled([text]) == [line_facts(text)]


def test_the_facts_of_a_line_come_as_line_facts_values() -> None:
    (facts,) = _compiled(["Home | News | Sport"])
    assert isinstance(facts, LineFacts)
    assert facts.words == ["home", "news", "sport"]
    assert facts.shape[features.SHAPE_NAMES.index("separators")] == 2.0


def test_text_mode_uses_the_compiled_line_facts_where_they_were_built() -> None:
    assert features.COMPILED_LINE_FACTS
    lines = ["A menu line", "A sentence that ends here.", "1) First item"]
    assert many_line_facts(lines) == [line_facts(text) for text in lines]


WORD_LISTS = st.lists(st.lists(st.sampled_from(["the", "le", "der", "harbour", "library", "2019", ""]), max_size=12))


def _in_python(module: object, call: Callable[[], T]) -> T:
    """What ``call`` gives with ``module``'s compiled twin set aside (its pure-Python path)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "_compiled", None)
        return call()


@given(WORD_LISTS)
def test_compiled_member_counts_equal_the_python_ones(word_lists: list[list[str]]) -> None:
    facts = [LineFacts(words, (), False, "") for words in word_lists]
    stop_words, title = frozenset({"the", "le", "der", ""}), {"harbour", "the"}
    counted = features.member_counts(facts, stop_words, title)
    assert counted == _in_python(features, lambda: features.member_counts(facts, stop_words, title))


@given(WORD_LISTS, st.lists(st.booleans()), st.integers(min_value=-1, max_value=30))
def test_compiled_vote_counts_equal_the_python_ones(word_lists: list[list[str]], marks: list[bool], limit: int) -> None:
    in_sample = (marks + [True] * len(word_lists))[: len(word_lists)]
    counted = features.vote_counts(word_lists, in_sample, limit)
    expected = _in_python(features, lambda: features.vote_counts(word_lists, in_sample, limit))
    assert counted == expected
    assert list(counted) == list(expected)  # the same order: language votes add up in it


@given(st.dictionaries(st.sampled_from(["the", "de", "la", "und", "que", "a", "harbour"]), st.integers(1, 50)))
def test_compiled_language_votes_equal_the_python_ones(counts: dict[str, int]) -> None:
    table = language._votes_by_word()
    votes = language.language_votes(counts, table)
    expected = _in_python(language, lambda: language.language_votes(counts, table))
    assert votes == expected
    assert list(votes) == list(expected)
