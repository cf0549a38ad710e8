"""Which line of a plain-text page becomes its title: the headline that repeats the page's first line (its
<title>), nearest the article; never a picture credit, a ticker row or a shout in capitals."""

from __future__ import annotations

import pytest

from cleaner import Options, clean_text
from cleaner.model import Result
from tests.test_structure import ARTICLE_DE, ARTICLE_EN, ARTICLE_FR, FOOTER, MENU

TEXT = Options(input_format="text")

ARTICLE_ES = [
    "El ayuntamiento aprobó el lunes por la noche convertir la antigua terminal de ferris en una biblioteca pública "
    "y sala de lectura, y puso fin a diez años de discusiones sobre el futuro del edificio.",
    "La terminal, una larga nave de ladrillo con altas ventanas en arco, está vacía desde que el servicio a las "
    "islas se trasladó al nuevo muelle del norte en 2014, y desde entonces solo ha servido de almacén.",
    "Los vecinos que se oponían al proyecto temían que las obras costaran más de lo previsto, pero el informe de "
    "los arquitectos municipales calcula que la reforma se pagará con los fondos ya reservados para el puerto.",
    "La alcaldesa dijo que la biblioteca abrirá sus puertas en la primavera de 2027 y que los primeros libros "
    "llegarán de la colección de la escuela del barrio, que cerró el año pasado por falta de alumnos.",
]

HEADLINES = {
    "en": ("Harbour town turns its ferry terminal into a library", ARTICLE_EN),
    "fr": ("La vieille gare maritime deviendra une bibliothèque", ARTICLE_FR),
    "de": ("Das alte Fährterminal wird zur Bibliothek", ARTICLE_DE),
    "es": ("La vieja terminal de ferris será una biblioteca", ARTICLE_ES),
}
SHARE_BAR = [
    "Share on Facebook",
    "Share on Twitter",
    "Share on LinkedIn",
    "Share by email",
    "Print",
    "Comments",
    "Save",
    "Listen",
    "Follow us",
]
"""Lines between the headline and the article that put it beyond the old eight-line reach."""
CREDITS = {
    "en": "Alex Wong | Getty Images",
    "fr": "Crédit photo : AFP",
    "de": "Foto: dpa/Bernd Weißbrod",
    "es": "Foto: EFE",
}


def _page(first_line: str, header: list[str], article: list[str]) -> str:
    """A page flattened to text: its <title> first, a menu, the lines above the article, the article, a footer."""
    return "\n\n".join([first_line, "\n".join(MENU), *header, *article, "\n".join(FOOTER)])


def _rule_of(result: Result, text: str) -> str | None:
    return next((d.removal.rule for d in result.removed if d.block.text == text and d.removal), None)


@pytest.mark.parametrize("language", sorted(HEADLINES))
def test_a_picture_credit_above_the_article_is_not_the_title(language: str) -> None:
    headline, article = HEADLINES[language]
    credit = CREDITS[language]
    header = [headline, "Updated Nov 19, 2019", "\n".join(SHARE_BAR), credit]
    result = clean_text(_page(f"{headline} | Gazette", header, article), TEXT)
    assert result.metadata.title == headline
    assert _rule_of(result, headline) == "TXT010"
    assert headline not in [b.text for b in result.kept]


@pytest.mark.parametrize("language", sorted(HEADLINES))
def test_a_headline_that_ends_like_a_sentence_is_still_the_title(language: str) -> None:
    headline, article = HEADLINES[language]
    headline += ". Finally."
    result = clean_text(_page(f"{headline} - Gazette", [headline, CREDITS[language]], article), TEXT)
    assert result.metadata.title == headline
    assert _rule_of(result, headline) == "TXT010"


def test_a_ticker_row_above_the_article_is_not_the_title() -> None:
    ticker = "HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%"
    result = clean_text(_page("Home Depot sales miss, shares plunge | Business Daily", [ticker], ARTICLE_EN), TEXT)
    assert result.metadata.title == "Home Depot sales miss, shares plunge"


@pytest.mark.parametrize(
    "shout", ["LOOK WHAT YOU MADE ME DO", "REGARDE CE QUE TU M'AS FAIT FAIRE", "SCHAU WAS DU MICH TUN LÄSST"]
)
def test_a_shout_in_capitals_above_the_article_is_not_the_title(shout: str) -> None:
    result = clean_text(_page("Opening Bell: markets brace for a long week - Dealbook", [shout], ARTICLE_EN), TEXT)
    assert result.metadata.title == "Opening Bell: markets brace for a long week"


@pytest.mark.parametrize("language", sorted(HEADLINES))
def test_a_short_part_of_the_page_title_is_not_the_headline(language: str) -> None:
    headline, article = HEADLINES[language]
    section = " ".join(headline.split()[-2:])  # "a library", "une bibliothèque", "zur Bibliothek", ...
    result = clean_text(_page(f"{headline} | Gazette", [headline, section], article), TEXT)
    assert result.metadata.title == headline
    assert _rule_of(result, headline) == "TXT010"


def test_the_copy_of_the_title_nearest_the_article_is_the_headline() -> None:
    headline, article = HEADLINES["en"]
    far = f"Opinion | {headline}"
    page = "\n\n".join([f"{far} - The Gazette", far, "\n".join(MENU), headline, "By Lena Marsh", *article])
    result = clean_text(page, TEXT)
    assert result.metadata.title == headline
    assert _rule_of(result, headline) == "TXT010"
    assert [b.text for b in result.kept] == article


def test_a_page_title_whose_halves_are_joined_by_a_dash_still_finds_its_headline() -> None:
    first_line = "Dieta Atkins (14 días) - pierde hasta 10 kilos. Opiniones"
    headline = "Dieta Atkins - pierde hasta 10 kilos en 14 días"
    result = clean_text(_page(first_line, [headline], ARTICLE_ES), TEXT)
    assert result.metadata.title == headline
    assert [b.text for b in result.kept] == ARTICLE_ES


@pytest.mark.parametrize(
    ("language", "byline"),
    [("en", "By Carrie Arnold"), ("fr", "Par Marie Dupont"), ("de", "Von Hans Meier"), ("es", "Por Ana García")],
)
def test_when_the_page_title_is_only_the_site_name_the_line_above_the_byline_is_the_headline(
    language: str, byline: str
) -> None:
    headline, article = HEADLINES[language]
    header = [headline, byline, "November 15, 2019", "\n".join(SHARE_BAR), "Illustration for Gazette Magazine"]
    result = clean_text(_page("Gazette Magazine", header, article), TEXT)
    assert result.metadata.title == headline
    assert _rule_of(result, headline) == "TXT010"


@pytest.mark.parametrize("language", sorted(HEADLINES))
def test_a_widget_label_before_the_headline_is_left_out_of_the_title(language: str) -> None:
    headline, article = HEADLINES[language]
    labelled = f"Share All sharing options for: {headline}"
    result = clean_text(_page(f"{headline} - Gazette", [labelled, CREDITS[language]], article), TEXT)
    assert result.metadata.title == headline
    assert _rule_of(result, labelled) == "TXT010"


def test_an_article_word_before_the_page_title_is_part_of_the_headline() -> None:
    headline = "The Doobie Brothers unite with Michael McDonald for a tour"
    result = clean_text(_page(headline.removeprefix("The ") + " | Gazette", [headline], ARTICLE_EN), TEXT)
    assert result.metadata.title == headline


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Classificação NASCAR | Autoracing | F1 | Indy | MotoGP | StockCar", "Classificação NASCAR"),
        ("Sport | Classement du championnat de France | Ligue 1 | Gazette", "Classement du championnat de France"),
    ],
)
def test_a_page_title_with_sections_chained_on_gives_its_longest_part(first_line: str, title: str) -> None:
    result = clean_text(_page(first_line, [CREDITS["fr"]], ARTICLE_FR), TEXT)
    assert result.metadata.title == title


@pytest.mark.parametrize(
    ("language", "source", "date_line"),
    [
        ("en", "Detroit News wire services", "Published 11:11 PM EST Nov 19, 2019"),
        ("fr", "Avec l'Agence France-Presse", "Publié le 19 novembre 2019 à 23h11"),
        ("de", "Mit Material der Agenturen", "Veröffentlicht am 19. November 2019"),
        ("es", "Con información de agencias", "Publicado el 19 de noviembre de 2019"),
    ],
)
def test_a_container_headline_above_a_source_line_and_a_date_line_goes_to_metadata(
    language: str, source: str, date_line: str
) -> None:
    headline, article = HEADLINES[language]
    result = clean_text("\n\n".join([headline, source, date_line, *article]), TEXT)
    assert result.metadata.title == headline
    assert _rule_of(result, headline) == "TXT010"


def test_a_headline_in_capitals_that_repeats_the_page_title_is_the_title() -> None:
    headline = "LA VIEILLE GARE MARITIME DEVIENDRA UNE BIBLIOTHÈQUE"
    result = clean_text(
        _page("La vieille gare maritime deviendra une bibliothèque | Gazette", [headline], ARTICLE_FR), TEXT
    )
    assert result.metadata.title == headline
    assert _rule_of(result, headline) == "TXT010"


def test_a_sentence_that_opens_the_text_and_comes_again_is_no_page_title() -> None:
    # Text that opens with prose has no <title> line: a later copy of its first sentence (here kept, as
    # it does not follow its twin) is article text, not a headline to move to metadata.
    first, second = ARTICLE_EN[3], ARTICLE_EN[0]
    result = clean_text("\n".join([first, first, second, second, second, first, second]), TEXT)
    assert result.metadata.title is None
    assert not [d for d in result.removed if d.removal and d.removal.rule.startswith("TXT")]
