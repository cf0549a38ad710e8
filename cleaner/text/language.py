"""Which language a document is written in, and which of its words are stop words.

Stop words (the, de, und, que, ...) are what running prose is made of and what
menus, headline lists and footers lack, in every language; they are also the
cheapest reliable language detector. Lists ship in ``cleaner/data/stopwords.json``
(rebuilt by ``python -m bench.train_text stopwords``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

DETECTION_WORDS = 60
"""How many of each language's most frequent words vote in detection."""
MIN_DETECTION_VOTES = 3.0
"""Below this much distinctive evidence a document's language is left unknown."""


@lru_cache(maxsize=1)
def stopword_lists() -> Mapping[str, tuple[str, ...]]:
    """Each language's stop words, most frequent first (read once, never changed)."""
    raw = resources.files("cleaner").joinpath("data/stopwords.json").read_text(encoding="utf-8")
    languages: dict[str, list[str]] = json.loads(raw)["languages"]
    return {code: tuple(words) for code, words in languages.items()}


@lru_cache(maxsize=64)
def stopwords(language: str | None) -> frozenset[str]:
    """The stop words of ``language``; empty for an unknown language."""
    if language is None:
        return frozenset()
    return frozenset(stopword_lists().get(language, ()))


@lru_cache(maxsize=1)
def _votes_by_word() -> Mapping[str, tuple[tuple[str, float], ...]]:
    """For each frequent word, the languages it votes for; a word shared by several languages weighs less."""
    tops = {code: words[:DETECTION_WORDS] for code, words in stopword_lists().items()}
    owners: dict[str, list[str]] = {}
    for code, words in tops.items():
        for word in dict.fromkeys(words):
            owners.setdefault(word, []).append(code)
    return {word: tuple((code, 1.0 / len(codes)) for code in codes) for word, codes in owners.items()}


@lru_cache(maxsize=1)
def voting_words() -> frozenset[str]:
    """The words detection reads (each language's most frequent ones): counting only these is enough."""
    return frozenset(_votes_by_word())


def detect_language_counts(counts: Mapping[str, int]) -> str | None:
    """The language whose frequent words best explain ``counts`` (lower-cased word -> count), or None.

    Only the counts of :func:`voting_words` matter."""
    votes = language_votes(counts, _votes_by_word())
    best = max(votes.items(), key=lambda item: (item[1], item[0]), default=(None, 0.0))
    return best[0] if best[1] > MIN_DETECTION_VOTES else None


def language_votes(
    counts: Mapping[str, int], table: Mapping[str, tuple[tuple[str, float], ...]]
) -> Mapping[str, float]:
    """Each language's votes: every counted word's count times its weight for each language it votes for.

    Added up in the order of ``counts`` (a document has fewer distinct words than the table: its own are
    gone over)."""
    votes: dict[str, float] = {}
    for word, n in counts.items():
        for code, weight in table.get(word, ()):
            votes[code] = votes.get(code, 0.0) + n * weight
    return votes

