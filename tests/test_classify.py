"""Lines to blocks, and the context-free pass with its context revisions (repeats, widget headings)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.classify import apply_pattern_rules, classify_blocks, remove_kept_repeats, remove_widget_headings
from cleaner.model import Block, Decision, Removal, many
from cleaner.rules import RuleSet
from cleaner.text.lines import split_lines

DEFAULT = RuleSet.default()
WITHOUT_REPEATS = RuleSet.build(ignore=["DUP001"])
WITHOUT_HEADINGS = RuleSet.build(ignore=["CTX001"])

SHARE = "Share on Facebook"  # a line the pattern rules remove (a share widget)


def _verdicts(decisions: list[Decision]) -> list[tuple[str, str | None, str | None]]:
    return [
        (d.block.text, None if d.removal is None else d.removal.rule, None if d.removal is None else d.removal.reason)
        for d in decisions
    ]


def _lines(*texts: str) -> list[Block]:
    return split_lines("\n".join(texts))


# --- split_lines ---------------------------------------------------------------------------------------------------


def _split_one_line_at_a_time(text: str) -> list[Block]:
    """What split_lines does, written as the plain loop it replaces."""
    blocks, blank_before = [], True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip().strip(" \t\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000")
        if not line:
            blank_before = True
            continue
        blocks.append(Block(line, number, "p", blank_before))
        blank_before = False
    return blocks


def test_each_non_blank_line_is_a_block_numbered_from_one_and_a_blank_line_starts_a_paragraph() -> None:
    blocks = split_lines("Title\nFirst line.\n\n  Second paragraph.  \n\u200b\nLast.\n")
    assert [(b.text, b.line, b.kind, b.para_start) for b in blocks] == [
        ("Title", 1, "p", True),
        ("First line.", 2, "p", False),
        ("Second paragraph.", 4, "p", True),
        ("Last.", 6, "p", True),
    ]


def test_text_without_a_visible_character_has_no_blocks() -> None:
    assert split_lines("") == []
    assert split_lines("\n \u00a0\n\ufeff\n") == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["", " ", "\u200b", "a", " b ", "\u00a0c\u00a0", "d\te", "\r", "f\u3000"]), max_size=12)
)
def test_splitting_agrees_with_taking_one_line_at_a_time(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert split_lines(text) == _split_one_line_at_a_time(text)


# --- building values in bulk ---------------------------------------------------------------------------------------


def test_values_built_in_bulk_equal_values_built_one_by_one() -> None:
    blocks = [Block("a", 1), Block("b", 2, "h2", False)]
    removals = [None, Removal("AD001", "advertising", "an ad")]
    built = many(Decision, blocks, removals)
    assert built == [Decision(blocks[0]), Decision(blocks[1], removals[1])]
    assert [type(d) for d in built] == [Decision, Decision]
    assert many(Block, ["x"], [3], ["li"], [False]) == [Block("x", 3, "li", False)]


@dataclass(frozen=True)
class _Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


def test_a_value_with_its_own_checks_is_built_the_ordinary_way() -> None:
    assert many(_Checked, [1, 2]) == [_Checked(1), _Checked(2)]
    try:
        many(_Checked, [-1])
    except ValueError as exc:
        assert str(exc) == "negative"
    else:
        raise AssertionError("the value's own check did not run")


# --- repeats -------------------------------------------------------------------------------------------------------


def test_a_line_equal_to_the_one_before_is_a_repeat_of_it() -> None:
    decisions = classify_blocks(_lines("Hello there.", "Hello there.", "Hello there.", "Bye."), DEFAULT)
    assert _verdicts(decisions) == [
        ("Hello there.", None, None),
        ("Hello there.", "DUP001", "repeats line 1"),
        ("Hello there.", "DUP001", "repeats line 2"),
        ("Bye.", None, None),
    ]


def test_a_kept_line_equal_to_the_last_kept_line_repeats_it_across_removed_lines() -> None:
    text = ["Some words.", SHARE, "Some words.", SHARE, "Some words.", "Other words.", "Other words."]
    assert _verdicts(classify_blocks(_lines(*text), DEFAULT)) == [
        ("Some words.", None, None),
        (SHARE, "SHARE001", _verdicts(classify_blocks(_lines(SHARE), DEFAULT))[0][2]),
        ("Some words.", "DUP001", "repeats line 1"),
        (SHARE, "SHARE001", _verdicts(classify_blocks(_lines(SHARE), DEFAULT))[0][2]),
        ("Some words.", "DUP001", "repeats line 1"),
        ("Other words.", None, None),
        ("Other words.", "DUP001", "repeats line 6"),
    ]


def test_repeats_stay_when_the_repeat_rule_is_ignored() -> None:
    decisions = classify_blocks(_lines("Some words.", "Some words.", SHARE, "Some words."), WITHOUT_REPEATS)
    assert [rule for _, rule, _ in _verdicts(decisions)] == [None, None, "SHARE001", None]


def test_removing_kept_repeats_changes_only_the_repeats() -> None:
    blocks = _lines("A line.", "B line.", "A line.")
    decisions = [Decision(blocks[0]), Decision(blocks[1], Removal("X001", "x", "x")), Decision(blocks[2])]
    out = remove_kept_repeats(decisions, DEFAULT)
    assert out[:2] == decisions[:2] and out[0] is decisions[0]
    assert out[2] == Decision(blocks[2], Removal("DUP001", "duplicate", "repeats line 1"))


# --- widget headings -----------------------------------------------------------------------------------------------


def test_a_short_heading_over_a_removed_widget_goes_with_it() -> None:
    decisions = classify_blocks(_lines("Body text here.", "", "Spread the word", SHARE), DEFAULT)
    assert _verdicts(decisions)[1] == ("Spread the word", "CTX001", "heading of the share widget below it")


def test_a_heading_is_kept_when_a_blank_line_parts_it_from_the_widget_or_it_ends_a_sentence() -> None:
    apart = classify_blocks(_lines("Spread the word", "", SHARE), DEFAULT)
    sentence = classify_blocks(_lines("Spread the word.", SHARE), DEFAULT)
    assert _verdicts(apart)[0][1] is None and _verdicts(sentence)[0][1] is None


def test_only_the_heading_next_to_the_widget_goes() -> None:
    decisions = classify_blocks(_lines("First heading", "", "Second heading", SHARE), DEFAULT)
    assert [rule for _, rule, _ in _verdicts(decisions)] == [None, "CTX001", "SHARE001"]


def test_widget_headings_stay_when_their_rule_is_ignored() -> None:
    decisions = classify_blocks(_lines("Spread the word", SHARE), WITHOUT_HEADINGS)
    assert [rule for _, rule, _ in _verdicts(decisions)] == [None, "SHARE001"]


def test_removing_widget_headings_on_decisions_agrees_with_the_whole_pass() -> None:
    blocks = _lines("Body text here.", "", "Spread the word", SHARE)
    assert remove_widget_headings(apply_pattern_rules(blocks, DEFAULT), DEFAULT) == classify_blocks(blocks, DEFAULT)
