"""Language detection by stop-word counts, and the stop-word lists it ships with."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from cleaner.text.language import detect_language_counts, stopword_lists, stopwords


def detect_language(words: list[str]) -> str | None:
    return detect_language_counts(Counter(word.lower() for word in words))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The council voted on Monday to turn the old terminal into a library for the town.", "en"),
        ("Le conseil a voté lundi pour transformer la vieille gare en bibliothèque pour les habitants.", "fr"),
        ("Der Rat hat am Montag beschlossen, das alte Terminal in eine Bibliothek für die Stadt umzubauen.", "de"),
        ("El consejo votó el lunes para convertir la vieja terminal en una biblioteca para la ciudad.", "es"),
        ("Il consiglio ha votato lunedì per trasformare il vecchio terminal in una biblioteca per la città.", "it"),
        ("O conselho votou na segunda-feira para transformar o antigo terminal em uma biblioteca da cidade.", "pt"),
        (
            "De gemeenteraad heeft maandag besloten om de oude terminal te verbouwen tot een bibliotheek voor de stad.",
            "nl",
        ),
    ],
)
def test_one_sentence_is_enough_to_tell_the_language(text: str, language: str) -> None:
    assert detect_language(_words(text)) == language


def test_menus_and_names_carry_no_language() -> None:
    assert detect_language(_words("Home News Sport Weather Login")) is None
    assert detect_language([]) is None


def test_detection_ignores_case() -> None:
    assert detect_language(_words("THE COUNCIL VOTED ON MONDAY TO TURN THE TERMINAL INTO A LIBRARY")) == "en"


def test_every_list_is_lower_case_words_without_duplicates() -> None:
    lists = stopword_lists()
    assert {"en", "fr", "de", "es", "it", "pt", "nl"} <= set(lists)
    for words in lists.values():
        assert len(words) == len(set(words))
        assert all(w == w.lower() and re.fullmatch(r"\w+", w) for w in words)


def test_stop_words_of_an_unknown_language_are_empty() -> None:
    assert stopwords(None) == frozenset()
    assert {"the", "and", "you"} <= stopwords("en")
    assert {"und", "ich", "nicht"} <= stopwords("de")
