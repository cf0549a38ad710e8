"""The structural pass with some of its rules deselected: their lines stay, the other rules still remove theirs."""

from __future__ import annotations

from cleaner import Options, clean_text
from cleaner.rules import RuleSet
from tests.test_structure import ENGLISH_PAGE


def test_ignoring_one_structural_rule_keeps_its_lines_and_the_others_still_go() -> None:
    options = Options(input_format="text", rules=RuleSet.build(select=["TXT", "DUP", "CTX"], ignore=["TXT001"]))
    result = clean_text(ENGLISH_PAGE, options)
    kept = [d.block.text for d in result.decisions if d.removal is None]
    removed = {d.block.text: d.removal.rule for d in result.decisions if d.removal is not None}
    assert "Sport" in kept  # a menu run, TXT001's, stays
    assert removed["© 2026 Wrenmouth Gazette. All rights reserved."] == "TXT002"
    assert removed["By Lena Marsh"] == "TXT011"
