"""Which language a document is written in, and which of its words are stop words.

Stop words (the, de, und, que, ...) are what running prose is made of and what
menus, headline lists and footers lack, in every language; they are also the
cheapest reliable language detector. Lists ship in ``cleaner/data/stopwords.json``
(rebuilt by ``python -m bench.train_text stopwords``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
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
def _detection_weights() -> Mapping[str, tuple[tuple[str, float], ...]]:
    """A frequent word votes for every language that has it, shared words with less weight."""
    tops = {code: words[:DETECTION_WORDS] for code, words in stopword_lists().items()}
    owners: Counter[str] = Counter(word for words in tops.values() for word in set(words))
    return {code: tuple((word, 1.0 / owners[word]) for word in words) for code, words in tops.items()}


def detect_language_counts(counts: Mapping[str, int]) -> str | None:
    """The language whose frequent words best explain ``counts`` (lower-cased word -> count), or None."""
    best: str | None = None
    best_votes = MIN_DETECTION_VOTES
    for code, weighted in _detection_weights().items():
        votes = sum(counts.get(word, 0) * weight for word, weight in weighted)
        if votes > best_votes:
            best, best_votes = code, votes
    return best


def detect_language(words: Iterable[str]) -> str | None:
    """The language of a document given its words (any case), or None when there is too little evidence."""
    return detect_language_counts(Counter(word.lower() for word in words))
