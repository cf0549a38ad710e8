"""Text-mode misfires a new user met (issue 11), each fixed generally and pinned here."""

from __future__ import annotations

from cleaner import Options, clean_text
from cleaner.text.metadata import byline_author
from cleaner.text.region import reads_as_code
from tests.test_structure import ARTICLE_EN, FOOTER, MENU, _kept, _page, _removed

TEXT = Options(input_format="text")
APPROVED = "The plan was approved by Congress."


def test_a_sentence_ending_in_by_and_a_name_is_no_byline() -> None:
    assert byline_author(APPROVED) is None
    assert byline_author("The bridge was designed by Anna Holm and Peter Lind.") is None
    assert byline_author("Story and pictures by Jane Doe") == "Jane Doe"
    assert byline_author("18 Nov 2019 | By Jane Doe") == "Jane Doe"


def test_an_article_line_ending_in_by_congress_stays_in_the_body_and_names_no_author() -> None:
    page = "\n\n".join([APPROVED, *ARTICLE_EN])
    result = clean_text(page, TEXT)
    assert result.metadata.author is None
    assert APPROVED in _kept(result)
    article = [*ARTICLE_EN[:1], APPROVED, *ARTICLE_EN[1:]]
    result = clean_text(_page("Harbour town turns its ferry terminal into a library", "By Lena Marsh", article), TEXT)
    assert result.metadata.author == "Lena Marsh"
    assert APPROVED in _kept(result)


STEPS = [
    ("with open(path) as handle:", "for line in handle:", "print(line)"),
    ("with open(path, 'rb') as handle:", "data = handle.read()", "print(data)"),
    ("with open(path, 'w') as handle:", "handle.write(text)", "print(text)"),
    ("with open(path, 'a') as handle:", "handle.write(more)", "print(more)"),
]
EXPLAINED = [
    "The loop reads one line at a time, so a large file never has to fit in memory all at once.",
    "Opening the file in binary mode gives you bytes instead of text, which is what you want for images.",
    "Writing replaces whatever the file held before, so be careful to open the right path when you do this.",
    "Appending keeps what is already there and adds the new text to the end of the file, line after line.",
]


def test_code_lines_read_as_code_and_comment_headers_do_not() -> None:
    assert all(reads_as_code(line) for step in STEPS for line in step)
    assert not any(reads_as_code(line) for line in ("harbourfan says:", "January 6, 2026 at 6:41 am", "Reply"))


def test_a_run_of_code_lines_with_prose_between_is_no_comment_thread() -> None:
    body = [*ARTICLE_EN[:3], "To read a file line by line in Python, open it in a with block and loop over it."]
    for step, explained in zip(STEPS, EXPLAINED, strict=True):
        body += [*step, explained]
    page = "Reading files in Python | Dev Notes\n\n" + "\n".join(MENU) + "\n\n" + "\n\n".join(body)
    page += "\n\n" + "\n".join(FOOTER)
    result = clean_text(page, TEXT)
    kept = _kept(result)
    assert all(line in kept for step in STEPS for line in step), _removed(result)
    assert not any(rule == "TXT005" for rule, _ in _removed(result).values())


OPENING = [
    "The council voted on Monday to turn the old ferry terminal into a library.",
    "Work starts in the autumn and the first floor should open in 2028.",
]
BETWEEN = [
    "Share",
    "Tweet",
    "Email",
    "Print",
    "Comments (12)",
    "Save",
    "Photo: Harbour Trust",
    "Listen to this article",
]


def test_an_articles_first_paragraphs_parted_from_the_rest_by_widgets_are_kept() -> None:
    article = [*OPENING, *BETWEEN, *ARTICLE_EN]
    page = (
        "Harbour town library | Gazette\n\n"
        + "\n".join(MENU)
        + "\n\nHarbour town turns its ferry terminal into a library"
    )
    page += "\n\nBy Lena Marsh\n\n" + "\n\n".join(article) + "\n\n" + "\n".join(FOOTER)
    result = clean_text(page, TEXT)
    kept = _kept(result)
    assert all(line in kept for line in [*OPENING, *ARTICLE_EN]), _removed(result)
    assert not any(line in kept for line in ["Share", "Tweet", *MENU[1:]])
    removed = _removed(result)
    assert all(rule and reason for rule, reason in removed.values())  # each removal says what decided it
