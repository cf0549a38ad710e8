"""The seeds: real-shaped pages whose article and boilerplate are known line by line.

000 is a Canadian Press story wrapped in newsletter, region, captcha and comment
widgets; 001-003 are pages written for this project (a text page with cookie
and share widgets, a French article with its own boilerplate, an HTML page).
"""

from __future__ import annotations

import pytest

from cleaner import Result, clean_bytes, clean_text

from .conftest import SEED, SEEDS


def _clean_seed(name: str) -> Result:
    path = SEEDS / name
    return clean_bytes(path.read_bytes(), source=str(path))


def _paragraphs(result: Result) -> list[str]:
    return [line for line in result.text.split("\n") if line]


def test_seed_keeps_exactly_the_26_article_paragraphs(seed_text: str) -> None:
    result = clean_text(seed_text)
    kept = result.text.split("\n")
    assert len(kept) == 26
    assert kept[0].startswith("PARIS — Canada and Ukraine")
    assert kept[-1] == "This report by The Canadian Press was first published Jan. 6, 2026."
    article = [line for line in SEED.read_text(encoding="utf-8").split("\n")[5:31]]
    assert kept == article


def test_seed_removes_all_7_boilerplate_lines_with_reasons(seed_text: str) -> None:
    result = clean_text(seed_text)
    removed = {(d.block.line, d.removal.rule) for d in result.removed if d.removal}
    assert len(result.removed) == 7
    assert {line for line, _ in removed} == {1, 2, 3, 4, 34, 35, 36}
    assert all(d.removal and d.removal.reason for d in result.removed)


# --- 001: cookie banner and share widgets around a local news story ----------------------------------------------

COOKIE_PAGE = "001_cookie_share_widgets.txt"


def test_cookie_page_keeps_the_seven_story_lines_in_order() -> None:
    lines = (SEEDS / COOKIE_PAGE).read_text(encoding="utf-8").split("\n")
    story = lines[13:17] + lines[18:21]
    assert story[0].startswith("The council of Wrenmouth voted") and story[-1].startswith('"People have been')
    assert [p for p in _paragraphs(_clean_seed(COOKIE_PAGE)) if p in story] == story


@pytest.mark.parametrize(
    "boilerplate",
    [
        "We use cookies to improve your experience on our site.",
        "Accept all cookies",
        "Manage preferences",
        "Share on Facebook",
        "Share via Email",
        "Copy link",
        "Related stories",
        "© 2026 Wrenmouth Gazette.",
    ],
)
def test_cookie_page_loses_its_widgets(boilerplate: str) -> None:
    assert boilerplate not in _clean_seed(COOKIE_PAGE).text


def test_cookie_page_loses_the_share_heading() -> None:
    assert "Share this article" not in _clean_seed(COOKIE_PAGE).text


# --- 002: a French article with French boilerplate ---------------------------------------------------------------

FRENCH_PAGE = "002_article_fr.txt"


def test_french_article_keeps_its_six_paragraphs_and_finds_the_author() -> None:
    result = _clean_seed(FRENCH_PAGE)
    kept = _paragraphs(result)
    assert [p[:30] for p in kept if len(p) > 120] == [
        "Depuis trois hivers, les habit",
        "L'idée est venue d'un agricult",
        "En trois saisons, près de six ",
        "« On ne verra pas le résultat ",
        "Les premières mesures réalisée",
        "La commune espère désormais co",
    ]
    assert result.metadata.author == "Camille Roussel"


@pytest.mark.parametrize(
    "boilerplate",
    ["Accueil > Société", "Abonnez-vous", "Partager sur", "Envoyer par e-mail", "Soutenez notre", "Connectez-vous"],
)
def test_french_article_loses_its_boilerplate(boilerplate: str) -> None:
    assert boilerplate not in _clean_seed(FRENCH_PAGE).text


def test_french_article_loses_the_read_also_teaser() -> None:
    assert "Lire aussi" not in _clean_seed(FRENCH_PAGE).text


# --- 003: an HTML page with navigation, share bars, a figure and a footer ----------------------------------------

HTML_PAGE = "003_page.html"


def test_html_page_keeps_the_four_story_paragraphs_in_order() -> None:
    result = _clean_seed(HTML_PAGE)
    assert result.input_format == "html"
    starts = ["For the first time", "The service, which", "Rail campaigners", "The regional transport"]
    story = [p for p in _paragraphs(result) if len(p) > 120 and not p.startswith("The refurbished")]
    assert len(story) == 4
    assert all(p.startswith(s) for p, s in zip(story, starts, strict=True))


@pytest.mark.parametrize("boilerplate", ["\nTransport\n", "Subscribe", "More on transport", "Bus fares", "Cookie"])
def test_html_page_loses_navigation_related_links_and_footer(boilerplate: str) -> None:
    assert boilerplate not in "\n" + _clean_seed(HTML_PAGE).text + "\n"


def test_html_page_loses_the_share_bars() -> None:
    assert "Share on Facebook" not in _clean_seed(HTML_PAGE).text


def test_lines_of_only_invisible_characters_count_as_blank() -> None:
    from cleaner.text.lines import split_lines

    blocks = split_lines("First line.\n\u200b\n\ufeff \u00a0\nSecond line.")
    assert [(b.text, b.line, b.para_start) for b in blocks] == [("First line.", 1, True), ("Second line.", 4, True)]
