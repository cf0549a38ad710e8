"""Finding each line's first matching pattern rule, trying a line only against the patterns that could match it.

Most rule patterns are anchored (``^Share this``, ``… all rights reserved$``), so the characters a
match can begin or end with are known from the pattern; most also need some literal text in every
match. The shipped index (:mod:`cleaner.rules.index`) says so for each built-in pattern. Each
(rule, pattern) pair is filed by those edges, or, when they say little (any capital letter), by a
literal every match holds; a line tries the pairs filed under its own edges, those filed under
literals it holds, and those that could match anywhere, each list in rule order, and the earliest
rule that matches wins. Both tests over-approximate, so the result is exactly that of trying every
pattern of every rule in order.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, count, repeat
from operator import add, and_, contains, is_, itemgetter, ne, not_
from typing import NamedTuple, cast

from cleaner.rules import index
from cleaner.rules.index import Analysis
from cleaner.rules.schema import MAX_LINE_CHARS, Pattern, Rule

RECENT_LINES = 20_000
"""Lines whose first rule a matcher remembers from the pages it matched last."""
KEY_CHARS = 6
"""Longest prefix and suffix used as a filing key: long enough to tell ``^share`` from ``^shop``."""
SHORT_KEY_CHARS = 2
"""A line whose whole edge is no key looks up this many of its edge characters."""
MAX_VAGUE_KEYS = 3
"""A pattern whose matches may begin (end) with more single letters or digits than this, as ``^[A-Z]``
with 26, is filed by a literal its matches need instead, when it has one: most lines begin with a letter."""


class _FoldMap(dict[int, int]):
    """Case-fold equivalents to one, every decimal digit (what ``\\d`` matches) to 0-9, white space to a space."""

    def __missing__(self, code: int) -> int:
        digit = unicodedata.decimal(chr(code), None)
        return code if digit is None else ord("0") + digit


_SPACES = frozenset(ch for ch in map(chr, range(0x3001)) if ch.isspace())
"""What ``\\s`` matches in a str pattern (the last white-space code point is U+3000)."""
_PLAIN_FOLDS = (
    {code: code for block in (range(0x250), range(0x2000, 0x2070)) for code in block if not chr(code).isdecimal()}
    | {code: ord("0") + int(chr(code)) for code in range(0x250) if chr(code).isdecimal()}
    | {ord(space): ord(" ") for space in _SPACES}
)
"""``fold``'s map for Latin letters, digits, punctuation and spaces, filled up front so that it seldom misses."""


class Folding:
    """How lines and literals are folded for filing, given ``case_fold``: the characters ``re.IGNORECASE``
    treats as equal beyond lower-casing (ſ and s), each mapped to one."""

    def __init__(self, case_fold: dict[int, int]) -> None:
        self.case_fold = case_fold
        self.all_variants = "".join(map(chr, case_fold))
        """The characters ``fold_case`` maps to another (ſ to s, ı to i, ς to σ, ...)."""
        variants = f"|[{re.escape(self.all_variants)}]" if case_fold else ""
        self.changes = re.compile(rf"[^\S ]|[^\D0-9]{variants}")
        """Finds a character that ``fold`` changes beyond lower-casing it (white space other than a space, a
        decimal digit other than 0-9, a case variant): text without one is folded once lower-cased."""
        self.fold_map = _FoldMap(_PLAIN_FOLDS | case_fold)

    def fold(self, text: str) -> str | None:
        """``text`` folded the way the filing keys are; None when lower-casing changes its length (İ).

        Case-folded as ``re.IGNORECASE`` compares, every decimal digit made 0-9 (what ``\\d`` matches)
        and every white-space character made a space (what ``\\s`` matches).
        """
        lowered = text.lower()
        if len(lowered) != len(text):
            return None
        return lowered if lowered.isascii() and lowered.isprintable() else lowered.translate(self.fold_map)

    def case_variants(self, literals: Iterable[str]) -> str:
        """The variants ``fold_case`` must map for these (folded) literals to be found in folded text."""
        chars = set("".join(literals))
        return "".join(chr(code) for code, canonical in self.case_fold.items() if chr(canonical) in chars)

    def fold_case(self, text: str, variants: str | None = None) -> str | None:
        """``text`` lower-cased with the ``re.IGNORECASE`` equivalents merged, as needed literals are; None like
        ``fold``. Digits stay (a literal digit matches only itself); mapped only if it holds one of ``variants``
        (by default all)."""
        lowered = text.lower()
        if len(lowered) != len(text):
            return None
        variants = self.all_variants if variants is None else variants
        if lowered.isascii() or not any(variant in lowered for variant in variants):
            return lowered
        return lowered.translate(self.case_fold)


FOLDING = Folding(index.shipped().case_fold)
"""Folding as the shipped index's keys and literals were folded."""


class _Pair(NamedTuple):
    """One pattern of one rule, with what a line must hold to be worth trying against it."""

    rule: int
    """The rule's number in the matcher's rule order."""
    pattern: Pattern
    max_words: int
    needs: str
    """A literal every match holds (tested with ``in`` on the folded line); "" when there is none."""
    needs_one_of: tuple[str, ...]
    """Literals one of which every match holds, when no single one is known; () when none are known."""
    anchored: bool
    """Every match begins at the line's start, so ``search`` looks at one position only."""
    shortest: int
    """No line shorter than this can match."""
    longest: int
    """No line longer than this can match."""

    @classmethod
    def of(cls, rule: int, pattern: Pattern, max_words: int, analysis: Analysis) -> _Pair:
        needed = analysis.needs
        shortest, longest = analysis.lengths
        one, one_of = (needed[0], ()) if len(needed) == 1 else ("", needed)
        return cls(rule, pattern, max_words, one, one_of, analysis.anchored, shortest, longest or sys.maxsize)


Candidates = tuple[_Pair, ...]
"""Pairs a line must try, in rule order."""


@dataclass(frozen=True, slots=True)
class Matcher:
    """The pattern rules of a RuleSet, filed so that a line tries only the patterns that could match it."""

    rules: tuple[Rule, ...]
    heads: dict[str, Candidates]
    """Folded prefix -> pairs in rule order; see :func:`_edge_table`."""
    tails: dict[str, Candidates]
    """Folded suffix -> pairs in rule order; see :func:`_edge_table`."""
    by_literal: tuple[tuple[str, Candidates], ...]
    """(folded literal, the pairs that need it): pairs whose edges are too vague to file by."""
    anywhere: Candidates
    pairs: Candidates
    """Every pair, in rule order."""
    variants: str
    """What ``fold_case`` must map for the pairs' needed literals to be found (see ``case_variants``)."""
    recent: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Line -> its first rule's number, for the lines of recent pages (at most RECENT_LINES): the pages of
    one site share their menus and footers, and a worker cleans many pages with one matcher."""

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> Matcher:
        patterns = [(i, p, rule.max_words) for i, rule in enumerate(rules) for p in rule.patterns]
        analyses = [index.analysis(pattern.flags, pattern.pattern) for _, pattern, _ in patterns]
        pairs = tuple(_Pair.of(*pattern, analysis) for pattern, analysis in zip(patterns, analyses, strict=True))
        filed: dict[str, dict[str, list[int]]] = {"head": {}, "tail": {}}
        by_literal: dict[str, list[int]] = {}
        anywhere: list[int] = []
        for n, (pair, analysis) in enumerate(zip(pairs, analyses, strict=True)):
            keys = analysis.edges
            literals = (pair.needs,) if pair.needs else pair.needs_one_of
            if literals and (keys is None or sum(len(k) == 1 and k.isalnum() for k in keys[1]) > MAX_VAGUE_KEYS):
                for literal in literals:
                    by_literal.setdefault(literal, []).append(n)
            elif keys is None:
                anywhere.append(n)
            else:
                side, edges = keys
                for edge in edges:
                    filed[side].setdefault(edge, []).append(n)

        def listed(numbers: Iterable[int]) -> Candidates:
            return tuple(pairs[n] for n in numbers)

        return cls(
            rules=rules,
            heads={key: listed(numbers) for key, numbers in _edge_table(filed["head"], at_end=False).items()},
            tails={key: listed(numbers) for key, numbers in _edge_table(filed["tail"], at_end=True).items()},
            by_literal=tuple((literal, listed(numbers)) for literal, numbers in sorted(by_literal.items())),
            anywhere=listed(anywhere),
            pairs=pairs,
            variants=FOLDING.case_variants(literal for pair in pairs for literal in (pair.needs, *pair.needs_one_of)),
        )

    def first_numbers(self, lines: Sequence[str]) -> list[int]:
        """The number (in ``rules``) of each line's first matching rule, ``len(rules)`` when none matches.

        The lines are folded, keyed and searched for literals all at once, and a line that repeats another,
        on this page or a recent one, is matched once.
        """
        texts = list(map(str.strip, lines))
        recent = self.recent
        known: list[int | None] = list(map(recent.get, texts))
        # A page repeats its menus and footers: each line is matched once.
        new = list(dict.fromkeys(compress(texts, map(is_, known, repeat(None)))))
        if not new:
            return cast(list[int], known)
        found = dict(zip(new, self._first_numbers(new), strict=True))
        if len(new) <= RECENT_LINES:  # (a huge page's lines would crowd out every other page's)
            if len(recent) + len(new) > RECENT_LINES:
                recent.clear()
            recent.update(found)
        return list(map(found.get, texts, known))  # type: ignore[arg-type]  # (a line is in one or the other)

    def _first_numbers(self, texts: list[str]) -> list[int]:
        """``first_numbers`` of distinct stripped lines."""
        none = len(self.rules)
        whole, folded_lines, unfoldable = self._fold_lines(texts)
        holding = self._lines_holding_literals(whole, folded_lines)
        heads = _edge_lists(self.heads, folded_lines, texts, at_end=False)
        tails = _edge_lists(self.tails, folded_lines, texts, at_end=True)
        anywhere, first_index = self.anywhere, self._first_index
        found = [
            first_index((head, tail, anywhere, *holding.get(i, ())), text, line)
            if text and len(text) <= MAX_LINE_CHARS and (head or tail or anywhere or i in holding)
            else none
            for i, (text, line, head, tail) in enumerate(zip(texts, folded_lines, heads, tails, strict=True))
        ]
        for i in unfoldable:  # a line that lower-casing changes in length (İ) tries every pair
            found[i] = self._first_index([self.pairs], texts[i], None) if 0 < len(texts[i]) <= MAX_LINE_CHARS else none
        return found

    def _fold_lines(self, texts: list[str]) -> tuple[str, list[str], list[int]]:
        """The lines folded by ``fold_case`` joined by newlines, each of them, and the numbers of those it
        cannot fold (then ""). Each line is lower-cased on its own: one character beyond Latin-1 in a page
        joined would take the slow path for all its lines."""
        folded = list(map(str.lower, texts))
        unfoldable = list(compress(count(), map(ne, map(len, folded), map(len, texts))))
        for i in unfoldable:
            folded[i] = ""
        whole = "\n".join(folded)
        if not whole.isascii() and any(map(contains, repeat(whole), self.variants)):
            folded = [FOLDING.fold_case(text, self.variants) or "" for text in texts]  # (ſ, ı: seldom seen)
            whole = "\n".join(folded)
        return whole, folded, unfoldable

    def _lines_holding_literals(self, whole: str, folded_lines: list[str]) -> dict[int, list[Candidates]]:
        """Line number -> the ``by_literal`` lists whose literal the line holds, each literal looked for in
        ``whole``, the lines joined by newlines, with one scan."""
        holding: dict[int, list[Candidates]] = {}
        starts: list[int] = []
        for literal, candidates in self.by_literal:
            at = whole.find(literal)
            if at >= 0 and not starts:
                starts = list(accumulate(map(add, map(len, folded_lines), repeat(1)), initial=0))
            while at >= 0:
                i = bisect_right(starts, at) - 1
                if at + len(literal) <= starts[i] + len(folded_lines[i]):  # within the line, not across the join
                    holding.setdefault(i, []).append(candidates)
                    at = whole.find(literal, starts[i + 1])
                else:
                    at = whole.find(literal, at + 1)
        return holding

    def _first_index(self, lists: Iterable[Candidates], text: str, folded: str | None) -> int:
        """The number of the first rule with a pattern that matches ``text`` among the pairs in ``lists``.

        Each list is in rule order, so a list is left at the first pair of a rule no earlier than the
        best found so far. ``folded`` is the line as ``fold_case`` folds it, or None to try every pair's
        pattern. Words are counted only as far as a pair's limit, and only when the line may have more:
        after the search when the pattern is anchored (one position to try, seldom a match).
        """
        found = len(self.rules)
        size = len(text)
        most_words = (size + 1) // 2  # a word and a space at least each: short lines need no count
        for candidates in lists:
            for rule, pattern, max_words, needs, needs_one_of, anchored, shortest, longest in candidates:
                if rule >= found:
                    break
                if size < shortest or size > longest:
                    continue
                if folded is not None:
                    if needs not in folded:
                        continue
                    for literal in needs_one_of:
                        if literal in folded:
                            break
                    else:
                        if needs_one_of:
                            continue
                if most_words <= max_words:
                    matched = pattern.search(text)
                elif anchored:
                    matched = pattern.search(text) and len(text.split(None, max_words)) <= max_words
                else:
                    matched = len(text.split(None, max_words)) <= max_words and pattern.search(text)
                if matched:
                    found = rule
                    break
        return found


def _edge_lists(
    table: dict[str, Candidates], folded_lines: list[str], texts: list[str], at_end: bool
) -> list[Candidates]:
    """The pairs each line must try for its first (last, ``at_end``) characters, as ``_edge_table`` files them:
    its whole edge looked up, else its SHORT_KEY_CHARS-long edge, else its one-character edge."""

    def cut(size: int) -> Callable[[str], str]:
        return itemgetter(slice(-size, None) if at_end else slice(size))

    edges = list(map(cut(KEY_CHARS), folded_lines))
    plain = map(and_, map(str.isascii, edges), map(str.isprintable, edges))
    unusual = list(compress(count(), map(not_, plain)))  # (letters beyond ASCII, mostly: lower-casing folds them)
    if unusual and FOLDING.changes.search("".join(map(edges.__getitem__, unusual))):
        for i in unusual:  # digits beyond ASCII and white space fold too in the keys
            edges[i] = FOLDING.fold(cut(KEY_CHARS)(texts[i])) or ""
    ones = map(table.get, map(cut(1), edges), repeat(()))
    return list(map(table.get, edges, map(table.get, map(cut(SHORT_KEY_CHARS), edges), ones)))


def _edge_table(filed: dict[str, list[int]], at_end: bool) -> dict[str, tuple[int, ...]]:
    """Edges -> the pairs a line with that edge must try, looked up in three steps at most.

    A key's entry also holds the pairs filed under every shorter key it begins with (ends with,
    ``at_end``), and each short edge's entry also holds the pairs filed under every key of middle
    length that begins with it: a line whose whole edge is not a key may still begin with one of those.
    """

    def cut(key: str, size: int) -> str:
        return key[-size:] if at_end else key[:size]

    def with_shorter(key: str) -> set[int]:
        return {n for size in range(1, len(key) + 1) for n in filed.get(cut(key, size), ())}

    table = {key: with_shorter(key) for key in filed}
    for key, numbers in filed.items():
        if SHORT_KEY_CHARS < len(key) < KEY_CHARS:
            short = cut(key, SHORT_KEY_CHARS)
            table.setdefault(short, with_shorter(short)).update(numbers)
    return {key: tuple(sorted(numbers)) for key, numbers in table.items()}
