"""Container-style text that opens with its headline: the headline goes to metadata when a byline or date follows."""

from __future__ import annotations

import pytest

from cleaner import Options, clean_text
from cleaner.model import Result
from tests.test_structure import ARTICLE_EN

TEXT = Options(input_format="text")

BODY = ARTICLE_EN
HEADLINE = "Harbour town turns its ferry terminal into a library"


def _container(*header: str) -> str:
    return "\n\n".join([*header, *BODY])


def _rules(result: Result) -> dict[str, str]:
    return {d.block.text: d.removal.rule for d in result.removed if d.removal}


@pytest.mark.parametrize(
    "date_line",
    ["November 18, 2019 10:43", "sexta-feira, 22 de outubro de 2010 às 20:13", "Mis à jour le 3 mars 2021 à 08h15"],
)
def test_a_headline_directly_above_a_date_line_goes_to_metadata(date_line: str) -> None:
    result = clean_text(_container(HEADLINE, date_line), TEXT)
    assert result.metadata.title == HEADLINE
    assert _rules(result)[HEADLINE] == "TXT010"
    assert [b.text for b in result.kept] == BODY


def test_a_headline_directly_above_a_byline_goes_to_metadata() -> None:
    result = clean_text(_container(HEADLINE, "By Lena Marsh"), TEXT)
    assert result.metadata.title == HEADLINE
    assert result.metadata.author == "Lena Marsh"
    assert [b.text for b in result.kept] == BODY


def test_a_first_heading_followed_by_prose_stays_in_the_body() -> None:
    result = clean_text(_container("Why the terminal closed"), TEXT)
    assert result.metadata.title is None
    assert next(b.text for b in result.kept) == "Why the terminal closed"
