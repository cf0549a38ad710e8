"""The seed: a Canadian Press story wrapped in newsletter, region, captcha and comment widgets."""

from __future__ import annotations

from cleaner import clean_text

from .conftest import SEED


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
