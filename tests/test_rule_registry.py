"""The registry as ruff keeps its own: every rule has a code, a why and examples that run, structural rules too;
the code names structural rules through constants that match the rule files both ways."""

from __future__ import annotations

import pytest

from cleaner import Options, clean_text
from cleaner.model import Removal
from cleaner.pipeline import clean_batch
from cleaner.rules import RuleError, RuleSet, StructuralRule, builtin_rules, codes, parse_rules
from cleaner.templates import EXAMPLE_PAGE_BREAK

DEFAULT = RuleSet.default()
STRUCTURAL = [rule for rule in builtin_rules() if isinstance(rule, StructuralRule)]
CONSTANTS = {name: value for name, value in vars(codes).items() if name.isupper()}


def _examples() -> list[tuple[StructuralRule, str, bool]]:
    return [(rule, doc, True) for rule in STRUCTURAL for doc in rule.must_match] + [
        (rule, doc, False) for rule in STRUCTURAL for doc in rule.must_not_match
    ]


def _example_id(case: tuple[StructuralRule, str, bool]) -> str:
    rule, doc, expected = case
    examples = rule.must_match if expected else rule.must_not_match
    return f"{rule.code}-{'match' if expected else 'no_match'}-{examples.index(doc)}"


def test_every_rule_has_a_why_and_examples_each_way() -> None:
    thin = [rule.code for rule in builtin_rules() if not (rule.why and rule.must_match and rule.must_not_match)]
    assert thin == []


@pytest.mark.parametrize("case", _examples(), ids=_example_id)
def test_structural_rule_example(case: tuple[StructuralRule, str, bool]) -> None:
    rule, doc, expected = case
    input_format = "html" if rule.code.startswith("HTML") else "text"
    options = Options(input_format=input_format)
    if rule.code == codes.SITE_TEMPLATE:  # decided across a batch: its examples are the pages of one site
        results = clean_batch(doc.split(EXAMPLE_PAGE_BREAK), options)
    else:
        results = [clean_text(doc, options)]
    removed_by = {d.removal.rule for result in results for d in result.decisions if d.removal is not None}
    assert (rule.code in removed_by) is expected, removed_by


def test_every_structural_rule_has_a_constant_and_every_constant_a_structural_rule() -> None:
    assert sorted(CONSTANTS.values()) == sorted(rule.code for rule in STRUCTURAL)
    assert len(set(CONSTANTS.values())) == len(CONSTANTS)


# --- RuleSet.removal ----------------------------------------------------------------------------------------------


def test_a_rule_in_force_makes_its_removal_with_its_plain_reason() -> None:
    assert DEFAULT.removal(codes.OUTSIDE_CONTAINER) == Removal("HTML008", "structure", "outside the article container")
    assert DEFAULT.removal("NEWS001") is not None


def test_a_deselected_rule_makes_no_removal() -> None:
    assert RuleSet.build(ignore=["DUP"]).removal(codes.REPEATED_LINE, line=3) is None
    assert RuleSet.build(select=["NEWS"]).removal(codes.MENU_RUN) is None


def test_a_code_no_rule_file_defines_is_an_error_not_a_deselected_rule() -> None:
    with pytest.raises(LookupError, match="TXT999"):
        DEFAULT.removal("TXT999")
    with pytest.raises(LookupError, match="DUP01"):
        RuleSet.build(ignore=["DUP"]).removal("DUP01")


@pytest.mark.parametrize(
    ("code", "details", "reason"),
    [
        (codes.MENU_RUN, {"lines": 6}, "menu run: 6 short lines without sentences"),
        (codes.OUTSIDE_ARTICLE, {"region": "5–8", "side": "after"}, "outside the article region (lines 5–8): after it"),
        (codes.HEADLINE_LIST, {"lines": 4}, "headline/teaser list: 4 headline-shaped lines in a row"),
        (codes.LOW_CONTENT_LINE, {"score": "0.15"}, "reads as boilerplate between article lines (score 0.15)"),
        (
            codes.COMMENT_THREAD,
            {"entries": 4, "shape": "…says"},
            "comment thread: 4 entries, each opening with a '…says' line",
        ),
        (codes.TITLE_LINE, {}, "title: moved to metadata"),
        (codes.BYLINE_LINE, {"author": "Lena Marsh"}, "byline: author 'Lena Marsh' moved to metadata"),
        (codes.DATE_LINE, {"date": "2026-01-06"}, "date line: 2026-01-06 moved to metadata"),
        (codes.REPEATED_LINE, {"line": 12}, "repeats line 12"),
        (codes.WIDGET_HEADING, {"category": "share"}, "heading of the share widget below it"),
        (codes.RELATED_TEASERS, {"line": 4}, "teaser listed under the related heading on line 4"),
        (
            codes.SITE_TEMPLATE,
            {"pages": 14, "of": 20, "site": "example.com"},
            "appears on 14 of 20 pages of example.com",
        ),
    ],
)
def test_a_structural_removal_fills_its_detail(code: str, details: dict[str, object], reason: str) -> None:
    removal = DEFAULT.removal(code, **details)
    assert removal is not None and removal.reason == reason


def test_a_reason_given_wins_and_no_details_give_the_plain_reason() -> None:
    assert DEFAULT.removal(codes.REPEATED_LINE, "a repeat") == Removal("DUP001", "duplicate", "a repeat")
    assert DEFAULT.removal(codes.MENU_RUN) == Removal("TXT001", "structure", "menu run: short lines without sentences")


def test_details_for_a_rule_without_a_detail_are_an_error() -> None:
    with pytest.raises(TypeError, match="HTML008"):
        DEFAULT.removal(codes.OUTSIDE_CONTAINER, line=3)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('structural = true\ndetail = "{} lines"', "named"),
        ('structural = true\ndetail = "{lines"', "template"),
        ('patterns = ["x"]\ndetail = "{lines} lines"', "structural"),
    ],
)
def test_a_bad_detail_names_the_rule(rule: str, message: str) -> None:
    source = f'[[rule]]\ncode = "OWN001"\ncategory = "x"\nreason = "r"\n{rule}\n'
    with pytest.raises(RuleError, match=f"OWN001.*{message}"):
        parse_rules(source, "own.toml")
