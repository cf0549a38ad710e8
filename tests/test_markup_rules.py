"""Markup a scraper left in text mode's input (MKP rules): each leftover goes with its rule, prose about code stays."""

from __future__ import annotations

from cleaner import Options, clean_text
from tests.test_structure import ARTICLE_EN

TEXT = Options(input_format="text")

LEFTOVERS = {
    '&amp;lt;span data-mce-type="bookmark" class="mce_SELRES_start"&amp;gt;&amp;lt;/span&amp;gt;': "MKP001",
    '<img height="1" width="1" style="display:none" src="https://pixel.example.com/p?c1=2">': "MKP002",
    "dp3_1_en": "MKP003",
    "191119052250266": "MKP004",
    '{"@context": "https://schema.org", "@type": "NewsArticle"}': "MKP005",
    "window.dataLayer = window.dataLayer || [];": "MKP006",
    ".ad-slot { display: none; }": "MKP007",
}
PROSE_ABOUT_CODE = [
    "The tracker pushes every click to window.dataLayer, and the page loads it with a <script> tag, "
    "the company said on Monday.",
    'Its JSON-LD block starts with {"@context": "https://schema.org"} and keys such as dp3_1_en, '
    "which the developers forgot to translate.",
]


def test_each_markup_leftover_between_paragraphs_goes_with_its_rule() -> None:
    lines = [ARTICLE_EN[0], *LEFTOVERS, *ARTICLE_EN[1:]]
    result = clean_text("\n\n".join(lines), TEXT)
    removed = {d.block.text: d.removal.rule for d in result.removed if d.removal}
    assert {line: removed.get(line) for line in LEFTOVERS} == LEFTOVERS
    assert [b.text for b in result.kept] == ARTICLE_EN


def test_prose_that_mentions_code_or_html_stays() -> None:
    lines = [ARTICLE_EN[0], *PROSE_ABOUT_CODE, *ARTICLE_EN[1:]]
    result = clean_text("\n\n".join(lines), TEXT)
    assert [b.text for b in result.kept] == lines


def test_a_subheading_above_leftover_markup_is_not_taken_for_a_widget_heading() -> None:
    text = "\n\n".join(ARTICLE_EN[:2]) + '\n\nWhat the council decided\n<img src="/a.jpg" width="600">\n\n'
    result = clean_text(text + "\n\n".join(ARTICLE_EN[2:]), TEXT)
    assert [d.removal.rule for d in result.removed if d.removal] == ["MKP002"]
    assert "What the council decided" in [b.text for b in result.kept]
