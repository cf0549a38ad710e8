"""Decide, block by block, what is boilerplate: pure functions, no I/O.

Order follows jusText: judge each block on its own first (pattern rules),
then revise with context (duplicates, widget headings, page structure).

Every line of a page passes through here, so the first passes work on plain
lists (one removal or None per block, changed in place) and the Decisions are
made all at once, before the last pass (kept repeats).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, count
from operator import attrgetter, eq

from cleaner.model import Block, Decision, Removal, many
from cleaner.rules import RuleSet, codes

WIDGET_HEADING_MAX_WORDS = 6
NOT_WIDGETS = frozenset({"duplicate", "markup"})
"""Removed lines that say nothing about the line above them: a repeat, or markup a scraper left behind."""

_text = attrgetter("text")
_block = attrgetter("block")
_removal = attrgetter("removal")


def apply_pattern_rules(blocks: Sequence[Block], rules: RuleSet) -> list[Decision]:
    """Context-free pass: each block against the pattern rules, and exact repeats."""
    return many(Decision, blocks, _pattern_removals(blocks, list(map(_text, blocks)), rules))


def _pattern_removals(blocks: Sequence[Block], texts: list[str], rules: RuleSet) -> list[Removal | None]:
    # All the lines in one call, which shares the work a line at a time would repeat (a repeated line is
    # matched once).
    found = rules.first_match_numbers(texts)
    # One removal per rule that removes something, shared by its lines (the last number is "no rule").
    pattern_rules = rules.pattern_rules
    removal_of: list[Removal | None] = [None] * (len(pattern_rules) + 1)
    for number in set(found).difference([len(pattern_rules)]):
        rule = pattern_rules[number]
        removal_of[number] = Removal(rule.code, rule.category, rule.reason)
    removals = list(map(removal_of.__getitem__, found))
    for i in compress(count(1), map(eq, texts[1:], texts)):  # a repeat of the line before, whatever rule it matches
        repeat = rules.removal(codes.REPEATED_LINE, line=blocks[i - 1].line)
        if repeat is None:
            break
        removals[i] = repeat
    return removals


def _is_heading_shaped(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= WIDGET_HEADING_MAX_WORDS and not text.rstrip().endswith((".", ":", ";", ","))


def remove_widget_headings(decisions: list[Decision], rules: RuleSet) -> list[Decision]:
    """A short heading that opens a paragraph whose next line is a removed widget goes too.

    Widgets come with a title ("Elevate your local knowledge" above a
    newsletter form); alone the title says nothing, but its neighbour does.
    """
    blocks, removals = list(map(_block, decisions)), list(map(_removal, decisions))
    return _redecided(decisions, blocks, removals, _remove_widget_headings(blocks, removals, rules))


def _remove_widget_headings(blocks: Sequence[Block], removals: list[Removal | None], rules: RuleSet) -> list[int]:
    """``remove_widget_headings`` on a removal per block, changed in place; returns the blocks it changed."""
    changed = []
    # Only a kept block just above a removed one can be a widget's heading: the removed blocks are found by one
    # C-level pass (a Removal is true, None false). Each block is judged on the removals as given: a change
    # is made above the block being looked at, where the pass has already been.
    for after_index in compress(count(), removals):
        i = after_index - 1
        if i < 0 or removals[i] is not None:
            continue
        removed_after = removals[after_index]
        assert removed_after is not None
        here, after = blocks[i], blocks[after_index]
        if (
            here.para_start
            and not after.para_start
            and removed_after.category not in NOT_WIDGETS
            and _is_heading_shaped(here.text)
        ):
            removal = rules.removal(codes.WIDGET_HEADING, category=removed_after.category)
            if removal is not None:
                removals[i] = removal
                changed.append(i)
    return changed


def remove_kept_repeats(decisions: Sequence[Decision], rules: RuleSet) -> list[Decision]:
    """A kept line equal to the kept line before it goes (DUP001), whatever was removed between them.

    Run last, this keeps cleaning idempotent: the output never holds two equal lines side by
    side, so cleaning it again finds no repeat to remove.
    """
    out: list[Decision] = []
    last_kept: Block | None = None
    for decision in decisions:
        if decision.removal is not None:  # (not .kept: this loop sees every line of every page)
            out.append(decision)
            continue
        if last_kept is not None and decision.block.text == last_kept.text:
            removal = rules.removal(codes.REPEATED_LINE, line=last_kept.line)
            if removal is not None:
                out.append(Decision(decision.block, removal))
                continue
        last_kept = decision.block
        out.append(decision)
    return out


def _redecided(
    decisions: Sequence[Decision], blocks: list[Block], removals: list[Removal | None], changed: list[int]
) -> list[Decision]:
    out = list(decisions)
    for i in changed:
        out[i] = Decision(blocks[i], removals[i])
    return out


def classify_blocks(blocks: Sequence[Block], rules: RuleSet) -> list[Decision]:
    """Pattern rules first, then context revisions."""
    removals = _pattern_removals(blocks, list(map(_text, blocks)), rules)
    _remove_widget_headings(blocks, removals, rules)
    return remove_kept_repeats(many(Decision, blocks, removals), rules)
