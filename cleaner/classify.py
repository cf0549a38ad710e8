"""Decide, block by block, what is boilerplate: pure functions, no I/O.

Order follows jusText: judge each block on its own first (pattern rules),
then revise with context (duplicates, widget headings, page structure).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, count
from operator import eq

from cleaner.model import Block, Decision, Removal
from cleaner.rules import RuleSet

WIDGET_HEADING_MAX_WORDS = 6


def removal_for(rules: RuleSet, code: str, reason: str | None = None) -> Removal | None:
    """The removal a structural rule makes, or None when the rule is not selected."""
    rule = rules.get(code)
    if rule is None:
        return None
    return Removal(rule.code, rule.category, reason or rule.reason)


def apply_pattern_rules(blocks: Sequence[Block], rules: RuleSet) -> list[Decision]:
    """Context-free pass: each block against the pattern rules, and exact repeats."""
    texts = [block.text for block in blocks]
    # A page repeats its menus and footers: each distinct line is tried against the rules once,
    # and all of them in one call, which shares the work a line at a time would repeat.
    distinct = list(dict.fromkeys(texts))
    found = rules.first_matches(distinct)
    # One removal per rule that removes something, shared by its lines.
    removal_of = {rule.code: Removal(rule.code, rule.category, rule.reason) for rule in found if rule is not None}
    verdicts = {
        text: None if rule is None else removal_of[rule.code] for text, rule in zip(distinct, found, strict=True)
    }
    removals: list[Removal | None] = list(map(verdicts.__getitem__, texts))
    repeat = rules.get("DUP001")
    if repeat is not None:  # a line equal to the one before it is a repeat, whatever rule it matches
        for i in compress(count(1), map(eq, texts[1:], texts)):
            removals[i] = Removal(repeat.code, repeat.category, f"repeats line {blocks[i - 1].line}")
    return list(map(Decision, blocks, removals))


def _is_heading_shaped(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= WIDGET_HEADING_MAX_WORDS and not text.rstrip().endswith((".", ":", ";", ","))


def remove_widget_headings(decisions: list[Decision], rules: RuleSet) -> list[Decision]:
    """A short heading that opens a paragraph whose next line is a removed widget goes too.

    Widgets come with a title ("Elevate your local knowledge" above a
    newsletter form); alone the title says nothing, but its neighbour does.
    """
    out = list(decisions)
    for i in range(len(out) - 1):
        here, after = out[i], out[i + 1]
        if (
            here.removal is None
            and here.block.para_start
            and not after.block.para_start
            and after.removal is not None
            and after.removal.category != "duplicate"
            and _is_heading_shaped(here.block.text)
        ):
            removal = removal_for(rules, "CTX001", f"heading of the {after.removal.category} widget below it")
            if removal is not None:
                out[i] = Decision(here.block, removal)
    return out


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
            removal = removal_for(rules, "DUP001", f"repeats line {last_kept.line}")
            if removal is not None:
                out.append(Decision(decision.block, removal))
                continue
        last_kept = decision.block
        out.append(decision)
    return out


def classify_blocks(blocks: Sequence[Block], rules: RuleSet) -> list[Decision]:
    """Pattern rules first, then context revisions."""
    decisions = apply_pattern_rules(blocks, rules)
    return remove_kept_repeats(remove_widget_headings(decisions, rules), rules)
