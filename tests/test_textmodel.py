"""Text mode's fast scoring path gives the very scores of the whole-vector path the model is fitted on."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Options, clean_text
from cleaner.classify import classify_blocks
from cleaner.rules import RuleSet
from cleaner.text.context import context_vectors
from cleaner.text.lines import split_lines
from cleaner.text.model import shipped_model
from cleaner.text.shapes import FEATURE_NAMES, DocumentShapes, document_language, document_shapes, words_of

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


def test_kana_and_han_characters_are_words_each_and_full_width_marks_end_sentences() -> None:
    assert words_of("市议会周一投票。Library 计划") == ["市", "议", "会", "周", "一", "投", "票", "library", "计", "划"]
    assert words_of("図書館になります・ナ") == ["図", "書", "館", "に", "な", "り", "ま", "す", "ナ"]
    line = "市议会周一晚上投票决定把旧码头改建成图书馆。工程将在秋天开始！居民们很高兴吗？"
    doc = _shapes(line)
    assert doc.sentence == [True]
    assert doc.words == [len(line) - 3]  # every character but the three marks


CHINESE_PAGE = "\n".join(
    [
        "旧码头将改建为图书馆 | 港口日报",
        "首页",
        "新闻",
        "体育",
        "财经",
        "天气",
        "旧码头将改建为图书馆",
        "",
        "市议会周一晚上以七票对两票通过决定，把废弃多年的渡轮码头改建成一座公共图书馆，结束了十年的争论。",
        "",
        "这座码头自二零一四年渡轮迁往南港以来一直空置，屋顶漏水，窗户也破了，市政府每年还要花钱维护。",
        "",
        "支持者说，宽敞的大厅和充足的自然光非常适合做阅览室，而反对者认为这笔钱应该用来修缮老图书馆。",
        "",
        "工程预计在秋天开始，第一层最早明年夏天向读者开放，费用约为四百二十万元。",
        "",
        "关于我们",
        "联系我们",
        "隐私政策",
        "版权所有 © 2026 港口日报",
    ]
)


def test_a_chinese_page_keeps_its_article_loses_its_menus_and_gives_its_headline_as_title() -> None:
    result = clean_text(CHINESE_PAGE, Options(input_format="text"))
    assert result.metadata.title == "旧码头将改建为图书馆"  # a line of ten words, not a two-word menu entry
    kept = [d.block.text for d in result.decisions if d.removal is None]
    article = [line for line in CHINESE_PAGE.split("\n") if line.endswith("。")]
    assert [line for line in kept if line.endswith("。")] == article
    assert not {"首页", "新闻", "体育", "财经", "关于我们", "联系我们", "隐私政策"} & set(kept)
