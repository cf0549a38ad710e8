"""What a MetadataMemo keeps for one text's passes never changes what the header and credit search find."""

from __future__ import annotations

from collections import Counter

import pytest

from cleaner.classify import classify_blocks
from cleaner.model import Decision, Metadata
from cleaner.rules import RuleSet
from cleaner.text import metadata as textmeta
from cleaner.text.lines import split_lines
from cleaner.text.metadata import MetadataMemo, find_credit, find_header
from cleaner.text.shapes import document_shapes

RULES = RuleSet.default()
PAGE = [
    "Harbour town turns its ferry terminal into a library | Wrenmouth Gazette",
    "Home",
    "News",
    "Sport",
    "Share on Facebook",
    "Harbour town turns its ferry terminal into a library",
    "By Lena Marsh, staff writer",
    "Wrenmouth, 18 November 2025",
    "The council of Wrenmouth voted seven to two on Monday evening to convert the disused ferry terminal "
    "into a public library and reading room.",
    "The terminal, a long brick hall with tall arched windows, has stood empty since the crossing to the "
    "islands moved to the deeper southern harbour.",
    "This report by The Canadian Press was first published Jan. 6, 2026.",
    "About us",
    "Contact",
]
ARTICLE_START = 8


def _decisions() -> list[Decision]:
    return classify_blocks(split_lines("\n".join(PAGE)), RULES)


def test_the_header_of_the_page_goes_to_metadata() -> None:
    decisions = _decisions()
    out, metadata = find_header(decisions, RULES, (ARTICLE_START, len(PAGE) - 3), MetadataMemo())
    assert metadata == Metadata(
        title="Harbour town turns its ferry terminal into a library", author="Lena Marsh", date="2025-11-18"
    )
    assert [d.removal.rule if d.removal else None for d in out[5:8]] == ["TXT010", "TXT011", "TXT012"]
    assert find_credit(out, MetadataMemo()) == Metadata(source="The Canadian Press", date="2026-01-06")


def test_a_memo_shared_by_every_region_changes_nothing_found() -> None:
    decisions = _decisions()
    memo = MetadataMemo()
    doc = document_shapes(decisions)
    regions = [(start, end) for start in range(len(PAGE)) for end in (start, len(PAGE) - 1)]
    for _ in range(2):  # the second time round, every line is known to the memo
        for region in regions:
            found = find_header(decisions, RULES, region)
            assert find_header(decisions, RULES, region, memo) == found
            assert find_header(decisions, RULES, region, memo, doc) == found
            kept = decisions[: region[1] + 1]
            assert find_credit(kept, memo) == find_credit(kept)


def test_each_line_is_read_as_a_byline_once_however_often_it_is_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Counter[str] = Counter()
    byline_author = textmeta.byline_author

    def counted(text: str) -> str | None:
        reads[text] += 1
        return byline_author(text)

    monkeypatch.setattr(textmeta, "byline_author", counted)
    memo = MetadataMemo()
    decisions = _decisions()
    for start in (ARTICLE_START, ARTICLE_START - 1, ARTICLE_START):
        find_header(decisions, RULES, (start, len(PAGE) - 3), memo)
    assert reads["By Lena Marsh, staff writer"] == 1
    assert set(reads.values()) == {1}
