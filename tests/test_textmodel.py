"""Text mode's fast scoring path gives the very scores of the whole-vector path the model is fitted on."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.classify import classify_blocks
from cleaner.features import (
    FEATURE_NAMES,
    DocumentShapes,
    context_vectors,
    document_language,
    document_shapes,
    words_of,
)
from cleaner.rules import RuleSet
from cleaner.textblocks import split_lines
from cleaner.textmodel import shipped_model

PAGE = "\n".join(
    [
        "Harbour library plan approved | Wrenmouth Gazette",
        "Home",
        "News",
        "Sport",
        "Weather",
        "Harbour library plan approved",
        "By Jane Doe",
        "Updated: 18 Nov 2019, 19:11",
        "",
        "The council of Wrenmouth voted seven to two on Monday evening to convert the disused ferry terminal "
        "into a public library, ending a decade of argument over the building.",
        "",
        "The terminal has stood empty since the crossing to the islands moved to the southern harbour in 2014.",
        "",
        "Le conseil municipal a voté lundi soir la transformation de l'ancienne gare maritime en bibliothèque.",
        "",
        "1) Share on Facebook",
        "Share on X",
        "Email",
        "Read more…",
        "Contact: news@example.com · www.example.com",
        "Home",
        "© 2026 Wrenmouth Gazette. All rights reserved.",
    ]
)


def _shapes(text: str) -> DocumentShapes:
    return document_shapes(classify_blocks(split_lines(text), RuleSet.default()))


def test_line_scores_equal_the_whole_vector_scores() -> None:
    doc = _shapes(PAGE)
    model = shipped_model()
    vectors = doc.vectors()
    assert len(vectors) == len(doc.words) and all(len(v) == len(FEATURE_NAMES) for v in vectors)
    assert model.line_scores(doc) == pytest.approx(model.line.probabilities(vectors), abs=1e-9)


def test_context_scores_equal_the_whole_vector_scores() -> None:
    doc = _shapes(PAGE)
    model = shipped_model()
    own, with_context = model.scores(doc)
    assert with_context == pytest.approx(model.context.probabilities(context_vectors(own, doc)), abs=1e-9)


def test_an_empty_document_has_no_vectors_and_no_scores() -> None:
    doc = document_shapes([])
    assert doc.vectors() == []
    assert shipped_model().scores(doc) == ([], [])


@given(st.text(alphabet=st.sampled_from("aZé_9٣ \t\x1c.,’-«»|/\u00a0ßİ"), max_size=30))
def test_words_are_the_runs_of_word_characters(text: str) -> None:
    assert words_of(text) == re.findall(r"\w+", text.lower())


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_the_words_of_an_ascii_line_are_its_runs_of_letters_digits_and_underscores(text: str) -> None:
    assert words_of(text) == re.findall(r"\w+", text.lower())


def test_line_scores_of_a_document_in_no_known_language_equal_the_whole_vector_scores() -> None:
    doc = _shapes("\n".join(["Zxq 12", "Vlorp 13:45", "Zxq 12", "Qwy | Prr / Tss", "2019-04-01", "Kkk…"]))
    model = shipped_model()
    assert doc.language is None
    assert model.line_scores(doc) == pytest.approx(model.line.probabilities(doc.vectors()), abs=1e-9)


def test_a_document_is_in_the_language_of_its_first_sentences_whatever_its_menus_say() -> None:
    french = "Le conseil de la ville a voté pour la bibliothèque et les habitants sont contents."
    english_menu = "About the site and the people who are in it"  # no sentence: never sampled
    words = [words_of(french)] * 40 + [words_of(english_menu)] * 200
    assert document_language(words, [True] * 40 + [False] * 200) == "fr"


def test_a_document_without_sentences_is_told_its_language_from_all_its_words() -> None:
    doc = _shapes("\n".join(["What the council said about the plan", "Why the harbour is in the news", "Home"] * 3))
    assert not any(doc.sentence)
    assert doc.language == "en"
