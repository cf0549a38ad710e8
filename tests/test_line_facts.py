"""A line's own facts, held to what the regular expressions that define them find.

``line_facts`` reads a line in one character loop (compiled where a C compiler was; see shapes.pxd):
its words, commas, separators, digits, sentence ends, web addresses and item numbers must come out as
these plain definitions say, on lines made of every kind of character those loops tell apart.
"""

from __future__ import annotations

import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.text.shapes import SHAPE_NAMES, line_facts, words_of

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
WORD = re.compile(rf"(?=\w)[{_CJK}]|[^\W{_CJK}]+")
SENTENCE_END = re.compile(r"[.!?…؟](?:[\"'”’»)\]]*)(?:\s|$)|[。！？]")
LINK = re.compile(r"https?:|www\.|\.com\b")
NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[a-z])[.)]\s")
SEPARATORS = "|/»›•·"
COMMAS = ",،，"

# Characters each loop tells apart: ASCII, marks and closers, separators, digits of other scripts, spaces
# beyond ASCII, letters whose lower case is longer (İ), kana, Han and Hangul.
ALPHABET = "aZq09_ ,،，|/»›•·@#.!?…。！？؟\"'”’)]*」』）】:;-İſıK٣²½一ぁ漢가\t\u3000\u00a0xcomwthps"
lines = st.text(alphabet=ALPHABET, max_size=40) | st.text(max_size=30)


def expected(text: str) -> dict[str, float]:
    words = WORD.findall(text.lower())
    nw = len(words)
    inv = 1.0 / nw if nw else 0.0
    stripped = re.sub(r"[\"'”’»)\]* 」』）】]+\Z", "", text)
    ends = bool(stripped) and stripped[-1] in ".!?…。！？؟"
    sentences = len(SENTENCE_END.findall(text)) if nw > 3 else int(ends)
    return {
        "log_chars": math.log1p(len(text)),
        "log_words": math.log1p(nw),
        "ends_sentence": float(ends),
        "log_sentences": math.log1p(sentences),
        "commas_per_word": sum(map(text.count, COMMAS)) * inv,
        "numeric_share": sum(map(str.isdigit, words)) * inv if re.search(r"\d", text) else 0.0,
        "link_shape": float(LINK.search(text) is not None),
        "handle_or_tag": float("@" in text or "#" in text),
        "separators": float(sum(map(text.count, SEPARATORS))),
        "ends_colon": float(text.endswith(":")),
        "numbered_item": float(NUMBERED.match(text) is not None),
    }


@settings(max_examples=1500, deadline=None)
@given(lines)
def test_a_line_s_facts_are_what_their_definitions_find(text: str) -> None:
    facts = line_facts(text)
    shape = dict(zip(SHAPE_NAMES, facts.shape, strict=True))
    assert facts.words == WORD.findall(text.lower()) == words_of(text)
    assert {name: shape[name] for name in expected(text)} == expected(text)
    sentences = len(SENTENCE_END.findall(text)) if len(facts.words) > 3 else 0
    assert facts.sentence == (shape["ends_sentence"] == 1.0 or sentences >= 2)


def test_facts_of_lines_that_tell_the_loops_apart() -> None:
    cases = {
        "Read more at www.example.com/news.": {"link_shape": 1.0, "ends_sentence": 1.0},
        "example.company": {"link_shape": 0.0},
        "3) Third item of the list": {"numbered_item": 1.0},
        "1234. Not an item": {"numbered_item": 0.0},
        "He said “no.” Then left! Fine?": {"log_sentences": math.log1p(3)},
        "市议会周一投票。图书馆计划。": {"log_sentences": math.log1p(2), "log_words": math.log1p(12)},
        "Home | News / Sport » Local": {"separators": 3.0},
        "Scores: 12 to 7, in 2024": {"numeric_share": 0.5, "commas_per_word": 1 / 6},
    }
    for text, want in cases.items():
        shape = dict(zip(SHAPE_NAMES, line_facts(text).shape, strict=True))
        assert {name: shape[name] for name in want} == want, text
