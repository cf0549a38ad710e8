"""Text mode's structural pass on small hand-written pages: what goes, with which rule and reason, and what stays."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Options, RuleSet, clean_text
from cleaner.model import Result
from cleaner.text.metadata import byline_author, iso_date

TEXT = Options(input_format="text")
STRUCTURAL = Options(input_format="text", rules=RuleSet.build(select=["TXT", "DUP", "CTX"]))
"""Structural rules only, for tests of their reasons: pattern rules name some page lines first ("Home", "© …")."""

MENU = ["Home", "News", "Sport", "Business", "Culture", "Weather"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "Advertise"]

ARTICLE_EN = [
    "PARIS — The council of Wrenmouth voted seven to two on Monday evening to convert the disused ferry terminal "
    "into a public library and reading room, ending a decade of argument over the building.",
    "The terminal, a long brick hall with tall arched windows, has stood empty since the crossing to the islands "
    "moved to the deeper southern harbour in 2014.",
    "Supporters said the open floor and natural light made it ideal for shelves, study tables and a children's "
    "corner, and that the quay already had a bus stop and a car park.",
    "Opponents argued that the money would be better spent on repairing the existing library on Market Street, "
    "whose roof has leaked for several winters.",
    "The conversion is expected to cost about 4.2 million dollars, two thirds of which will come from a provincial "
    "fund for heritage buildings.",
    "This report by The Canadian Press was first published Jan. 6, 2026.",
]

ARTICLE_FR = [
    "Le conseil municipal a voté lundi soir la transformation de l'ancienne gare maritime en bibliothèque publique, "
    "mettant fin à dix ans de débats sur l'avenir du bâtiment.",
    "La gare, une longue halle de briques aux grandes fenêtres cintrées, est vide depuis que la traversée vers les "
    "îles a été déplacée dans le port sud en 2014.",
    "Les partisans du projet estiment que la lumière naturelle et le vaste plateau conviennent parfaitement à des "
    "rayonnages, des tables d'étude et un coin pour les enfants.",
    "Les opposants jugent que cet argent serait mieux employé à réparer la bibliothèque actuelle, dont le toit fuit "
    "depuis plusieurs hivers.",
    "Les travaux sur la toiture doivent commencer à l'automne et la mairie espère ouvrir le premier étage aux "
    "lecteurs à l'été 2028.",
]

ARTICLE_DE = [
    "Der Gemeinderat hat am Montagabend beschlossen, das leerstehende Fährterminal am Nordkai in eine öffentliche "
    "Bibliothek umzubauen, und damit einen jahrelangen Streit beendet.",
    "Die lange Backsteinhalle mit den hohen Bogenfenstern steht leer, seit die Fähre zu den Inseln im Jahr 2014 in "
    "den tieferen Südhafen verlegt wurde.",
    "Die Befürworter sagen, dass sich der offene Raum und das viele Tageslicht sehr gut für Regale, Lesetische und "
    "eine Ecke für Kinder eignen.",
    "Die Gegner meinen, das Geld wäre besser in die Reparatur der alten Bibliothek in der Marktstraße investiert, "
    "deren Dach seit Jahren undicht ist.",
    "Die Arbeiten am Dach sollen im Herbst beginnen, und die Gemeinde hofft, das erste Stockwerk im Sommer 2028 "
    "für die Leser zu öffnen.",
]


def _page(title: str, byline: str, article: list[str], site: str = "Wrenmouth Gazette") -> str:
    """A whole page flattened to text, the way a naive scraper saves it."""
    parts = [
        f"{title} | {site}",
        "",
        "\n".join(MENU),
        "",
        title,
        "",
        byline,
        "",
        "\n\n".join(article),
        "",
        "\n".join(FOOTER),
        "",
        f"© 2026 {site}. All rights reserved.",
    ]
    return "\n".join(parts)


def _kept(result: Result) -> list[str]:
    return [b.text for b in result.kept]


def _removed(result: Result) -> dict[str, tuple[str, str]]:
    return {d.block.text: (d.removal.rule, d.removal.reason) for d in result.removed if d.removal}


ENGLISH_PAGE = _page("Harbour town turns its ferry terminal into a library", "By Lena Marsh", ARTICLE_EN)


def test_the_article_of_a_whole_page_is_kept_exactly() -> None:
    assert _kept(clean_text(ENGLISH_PAGE, TEXT)) == ARTICLE_EN


def test_a_menu_run_is_removed_with_its_length_in_the_reason() -> None:
    removed = _removed(clean_text(ENGLISH_PAGE, STRUCTURAL))
    for item in MENU:
        assert removed[item] == ("TXT001", "menu run: 6 short lines without sentences")
    for item in FOOTER:
        assert removed[item] == ("TXT001", "menu run: 5 short lines without sentences")


def test_title_and_byline_go_to_metadata_and_leave_the_body() -> None:
    result = clean_text(ENGLISH_PAGE, TEXT)
    assert result.metadata.title == "Harbour town turns its ferry terminal into a library"
    assert result.metadata.author == "Lena Marsh"
    removed = _removed(result)
    assert removed["Harbour town turns its ferry terminal into a library"] == ("TXT010", "title: moved to metadata")
    assert removed["By Lena Marsh"] == ("TXT011", "byline: author 'Lena Marsh' moved to metadata")


def test_dateline_and_closing_credit_stay_and_the_credit_fills_date_and_source() -> None:
    result = clean_text(ENGLISH_PAGE, TEXT)
    kept = _kept(result)
    assert kept[0].startswith("PARIS — The council")
    assert kept[-1] == "This report by The Canadian Press was first published Jan. 6, 2026."
    assert result.metadata.date == "2026-01-06"
    assert result.metadata.source == "The Canadian Press"
    assert result.metadata.language == "en"


def test_lines_outside_the_article_are_removed_as_outside_the_region() -> None:
    removed = _removed(clean_text(ENGLISH_PAGE, STRUCTURAL))
    assert removed["© 2026 Wrenmouth Gazette. All rights reserved."] == (
        "TXT002",
        "outside the article region (lines 10–24): after it",
    )
    assert removed["Harbour town turns its ferry terminal into a library | Wrenmouth Gazette"] == (
        "TXT002",
        "outside the article region (lines 10–24): before it",
    )


def test_a_french_page_keeps_its_article_and_finds_title_author_and_language() -> None:
    title = "La vieille gare maritime deviendra une bibliothèque"
    result = clean_text(_page(title, "Par Marie Dupont", ARTICLE_FR, "La Gazette"), TEXT)
    assert _kept(result) == ARTICLE_FR
    assert (result.metadata.title, result.metadata.author, result.metadata.language) == (title, "Marie Dupont", "fr")


def test_a_german_page_keeps_its_article_and_finds_title_author_and_language() -> None:
    title = "Das alte Fährterminal wird zur Bibliothek"
    result = clean_text(_page(title, "Von Hans Meier", ARTICLE_DE, "Der Kurier"), TEXT)
    assert _kept(result) == ARTICLE_DE
    assert (result.metadata.title, result.metadata.author, result.metadata.language) == (title, "Hans Meier", "de")


def test_a_teaser_list_after_the_article_is_removed() -> None:
    teasers = [
        "Wrenmouth approves a new cycle lane on the coast road after years of debate",
        "Ferry operator announces its winter timetable for the island crossings",
        "Local bakery wins a national prize for its sourdough and rye loaves",
    ]
    page = "\n\n".join(ARTICLE_EN) + "\n\nMore from the Gazette\n" + "\n".join(teasers)
    page = "\n".join(MENU) + "\n\n" + page
    result = clean_text(page, TEXT)
    assert _kept(result) == ARTICLE_EN
    assert all(_removed(result)[t][0] in {"TXT001", "TXT002", "TXT003"} for t in teasers)


def test_ignoring_the_structural_rules_keeps_every_line() -> None:
    options = Options(input_format="text", rules=RuleSet.build(ignore=["TXT"]))
    result = clean_text(ENGLISH_PAGE, options)
    assert all(d.removal is None or not d.removal.rule.startswith("TXT") for d in result.decisions)
    assert "Sport" in _kept(result)  # a menu line no pattern rule claims ("Home" is NAV005's)


def test_already_clean_articles_lose_no_line() -> None:
    for article in (ARTICLE_EN, ARTICLE_FR, ARTICLE_DE):
        assert _kept(clean_text("\n\n".join(article), TEXT)) == article


def test_an_article_with_a_short_list_inside_keeps_the_list() -> None:
    article = [
        *ARTICLE_EN[:2],
        "The library will offer:",
        "Reading rooms",
        "A children's corner",
        "Study tables",
        "A local history archive",
        *ARTICLE_EN[2:],
    ]
    assert _kept(clean_text("\n".join(article), TEXT)) == article


PROSE = st.sampled_from(ARTICLE_EN[:-1] + ARTICLE_FR + ARTICLE_DE)


@settings(max_examples=60, deadline=None)
@given(st.lists(PROSE, min_size=1, max_size=12), st.booleans())
def test_structure_never_removes_a_line_of_clean_article_text(paragraphs: list[str], blank_lines: bool) -> None:
    text = ("\n\n" if blank_lines else "\n").join(paragraphs)
    result = clean_text(text, TEXT)
    assert not [d for d in result.removed if d.removal and d.removal.rule.startswith("TXT")]


def test_short_documents_are_left_to_the_pattern_rules() -> None:
    result = clean_text("Sport\nNews\nA single sentence of text that says something.", TEXT)
    assert len(result.kept) == 3


def test_bylines_in_several_languages_name_the_author() -> None:
    assert byline_author("By Jane Doe and John Roe") == "Jane Doe and John Roe"
    assert byline_author("Par Marie Dupont, envoyée spéciale") == "Marie Dupont"
    assert byline_author("Von Hans Meier") == "Hans Meier"
    assert byline_author("Por Ana García") == "Ana García"
    assert byline_author("Monday November 18, 2019 7:45 am PST by Joe Rossignol") == "Joe Rossignol"
    assert byline_author("The river rose by the bridge.") is None


def test_dates_in_several_languages_become_iso_8601() -> None:
    assert iso_date("first published Jan. 6, 2026.") == "2026-01-06"
    assert iso_date("publié le 6 janvier 2026") == "2026-01-06"
    assert iso_date("am 6. Januar 2026 veröffentlicht") == "2026-01-06"
    assert iso_date("el 6 de enero de 2026") == "2026-01-06"
    assert iso_date("Updated 2026-01-06T10:00") == "2026-01-06"
    assert iso_date("no date here") is None


def test_a_comment_thread_after_the_article_is_removed_as_one() -> None:
    comments = []
    for name, minute, words in [
        ("harbourfan", 34, "What a good use of an old building, I hope the cafe stays open late."),
        ("quayside_jo", 41, "The roof has needed work for years and nobody listened to us."),
        ("mkline", 52, "Four million dollars seems a lot for a room full of books these days."),
        ("oldsalt", 58, "My grandfather worked in that terminal for thirty years before it closed."),
    ]:
        comments += [f"{name} says:", f"January 6, 2026 at 6:{minute} am", words]
    page = "\n".join(MENU) + "\n\n" + "\n\n".join(ARTICLE_EN) + "\n\n4 responses\n\n" + "\n".join(comments)
    result = clean_text(page, TEXT)
    assert _kept(result) == ARTICLE_EN
    removed = _removed(result)
    assert removed["harbourfan says:"] == ("TXT005", "comment thread: 4 entries, each opening with a '…says' line")
    assert removed[comments[-1]][0] == "TXT005"


def test_a_very_long_page_still_yields_its_article() -> None:
    places = ["Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Vienna", "Prague", "Dublin", "Oslo", "Athens"] * 12
    menu = "\n".join(f"{place} {word}" for place in places for word in MENU)
    page = menu + "\n\n" + "\n\n".join(ARTICLE_EN) + "\n\n" + "\n".join(FOOTER * 60)
    assert _kept(clean_text(page, TEXT)) == ARTICLE_EN


def test_the_seed_credit_fills_date_and_source_and_no_widget_heading_becomes_the_title() -> None:
    from .conftest import SEED

    metadata = clean_text(SEED.read_text(encoding="utf-8"), TEXT).metadata
    assert (metadata.title, metadata.date, metadata.source, metadata.language) == (
        None,
        "2026-01-06",
        "The Canadian Press",
        "en",
    )


def test_headlines_under_a_removed_related_heading_go_in_text_that_opens_with_the_article() -> None:
    teasers = [
        "Wrenmouth approves a new cycle lane on the coast road after years of debate",
        "Could the old lighthouse become a museum? Residents have their say",
        "Ferry operator announces its winter timetable: what changes",
    ]
    container = [*ARTICLE_EN[:3], "Related stories", *teasers, *ARTICLE_EN[3:]]
    result = clean_text("\n".join(container), TEXT)
    assert _kept(result) == ARTICLE_EN
    removed = _removed(result)
    assert removed["Related stories"][0] == "REL001"
    assert {removed[t] for t in teasers} == {("CTX002", "teaser listed under the related heading on line 4")}


def test_summaries_printed_under_teaser_headlines_in_a_boxed_list_go_with_them() -> None:
    box = [
        "Wrenmouth approves a new cycle lane",
        "The coast road gets a protected lane after years of debate.",
        "Could the old lighthouse become a museum?",
        "Residents have their say on the plan. Voting closes on Friday.",
    ]
    paragraphs = [*ARTICLE_EN[:3], "Related stories", "\n".join(box), *ARTICLE_EN[3:]]
    result = clean_text("\n\n".join(paragraphs), TEXT)
    assert _kept(result) == ARTICLE_EN
    assert {_removed(result)[line][0] for line in box} == {"CTX002"}


def test_a_headline_cut_short_under_a_related_heading_is_a_teaser() -> None:
    teasers = [
        "UK weather alert: Plague of mosquitos to devastate Britain as Hurri...",
        "Scientists map the oldest reef",
    ]
    container = [*ARTICLE_EN[:3], "Related articles", *teasers, *ARTICLE_EN[3:]]
    result = clean_text("\n".join(container), TEXT)
    assert _kept(result) == ARTICLE_EN


def test_the_teaser_list_ends_at_the_first_line_of_prose() -> None:
    short_prose = "The vote was close."
    container = [*ARTICLE_EN[:3], "Related", ARTICLE_EN[3], short_prose, *ARTICLE_EN[4:]]
    assert _kept(clean_text("\n".join(container), TEXT)) == [*ARTICLE_EN[:4], short_prose, *ARTICLE_EN[4:]]


def test_ignoring_ctx002_keeps_the_teasers() -> None:
    teaser = "Wrenmouth approves a new cycle lane on the coast road"
    container = [*ARTICLE_EN[:3], "Related stories", teaser, *ARTICLE_EN[3:]]
    options = Options(input_format="text", rules=RuleSet.build(ignore=["CTX002"]))
    assert teaser in _kept(clean_text("\n".join(container), options))


def test_tags_under_a_removed_topics_line_and_teasers_under_next_article_go() -> None:
    tags = ["Government and politics", "Harbours", "Libraries"]
    teaser = "Ferry operator announces its winter timetable for the island crossings"
    container = [*ARTICLE_EN, "Topics", *tags, "Next article", teaser]
    result = clean_text("\n".join(container), TEXT)
    assert _kept(result) == ARTICLE_EN
    assert {_removed(result)[t][0] for t in [*tags, teaser]} == {"CTX002"}
