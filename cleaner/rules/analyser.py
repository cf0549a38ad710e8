"""The pattern analyser: a development tool that builds the shipped index (``python -m cleaner.rules.reindex``).

It reads Python's own regular-expression parse tree (``re._parser``), a private API, so nothing imports it
at run time. For each pattern it works out the (case-folded) prefixes of up to KEY_CHARS characters its
anchored matches can begin with, or suffixes they can end with, the literals every match holds
(``contributed`` in ``^[A-Z].{0,200}\bcontributed``), and the lengths of line it can match. Each
over-approximates: a pattern that might match a line is always tried on it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, NamedTuple, Protocol

from cleaner.rules.index import Analysis
from cleaner.rules.matcher import KEY_CHARS, Folding

_PARSER: Any = importlib.import_module("re._parser")
_CONST: Any = importlib.import_module("re._constants")
_CASEFIX: Any = importlib.import_module("re._casefix")

MAX_KEYS = 300
"""A pattern that could begin with more distinct prefixes than this is filed by shorter ones (``_shorten``)."""
_OPEN = "\x00"
"""Pads a prefix after which anything may follow, so that nothing is appended to it; stripped at the end."""
MAX_CLASS_CHARS = 64
"""A character class wider than this (``[a-z]`` is 26) is treated as any character."""


def case_fold_table() -> dict[int, int]:
    """Characters that ``re.IGNORECASE`` treats as equal beyond simple lower-casing (ſ and s), mapped to one."""
    groups: dict[int, int] = {}
    for key, others in _CASEFIX._EXTRA_CASES.items():
        members = {key, *others}
        canonical = min(min(members), *(groups.get(m, m) for m in members))
        for m in members:
            groups[m] = canonical
    return {k: v for k, v in sorted(groups.items()) if k != v}


_FOLDING = Folding(case_fold_table())
fold, fold_case = _FOLDING.fold, _FOLDING.fold_case


class Source(Protocol):
    """A regular expression as written, all the analysis reads: a compiled ``re.Pattern`` is one."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...


class _Unknown(Exception):
    """The pattern's edge characters cannot be told: file it as 'could match anywhere'."""


class _Reading(NamedTuple):
    """Which edge is read (the end when ``reverse``), how many characters a key keeps, and how many keys may be."""

    reverse: bool
    width: int
    budget: int


def _concat(heads: set[str], tails: set[str], how: _Reading) -> set[str]:
    out: set[str] = set()
    for h in heads:
        if len(h) >= how.width:
            out.add(h)
            continue
        for t in tails:
            joined = t + h if how.reverse else h + t
            out.add(joined[-how.width :] if how.reverse else joined[: how.width])
    return out if len(out) <= how.budget else _shorten(out, how)


def _shorten(edges: set[str], how: _Reading) -> set[str]:
    """``edges`` with every family cut to its common (open-ended) start, till no more than ``how.budget`` remain.

    ``^[×☰ ]*(menu|search)`` can begin with too many six-character strings ("×☰ ×☰m", ...), but
    "menu", "search", "×" and "☰", each open-ended, say nearly as much. Families sharing a longer
    start are cut first; raises _Unknown when even one character is too many.
    """
    out = edges
    for size in range(how.width - 1, 0, -1):
        families: dict[str, list[str]] = {}
        for edge in out:
            body = edge.strip(_OPEN)
            families.setdefault(body[-size:] if how.reverse else body[:size], []).append(edge)
        out = {
            members[0]
            if len(members) == 1
            else start.rjust(how.width, _OPEN)
            if how.reverse
            else start.ljust(how.width, _OPEN)
            for start, members in families.items()
        }
        if len(out) <= how.budget:
            return out
    raise _Unknown


def _chars(items: Sequence[tuple[Any, Any]]) -> set[str]:
    """The characters a ``[...]`` class can match, folded; raises _Unknown for negated or wide classes."""
    c = _CONST
    out: set[str] = set()
    for op, arg in items:
        if op is c.LITERAL:
            out.add(chr(arg))
        elif op is c.RANGE and arg[1] - arg[0] < MAX_CLASS_CHARS:
            out.update(chr(x) for x in range(arg[0], arg[1] + 1))
        elif op is c.CATEGORY and arg is c.CATEGORY_SPACE:
            out.add(" ")  # every white-space character folds to a space
        elif op is c.CATEGORY and arg is c.CATEGORY_DIGIT:
            out.update("0123456789")  # other decimal digits fold to these
        else:
            raise _Unknown
        if len(out) > MAX_CLASS_CHARS:
            raise _Unknown
    folded = {fold(ch) for ch in out}
    if None in folded:
        raise _Unknown
    return {f for f in folded if f is not None}


def _edges(seq: Iterable[tuple[Any, Any]], how: _Reading) -> set[str]:
    """Every string of up to ``how.width`` characters a match of ``seq`` can begin (or, reversed, end) with."""
    items = list(seq)
    if how.reverse:
        items.reverse()
    acc = {""}
    for op, arg in items:
        if all(len(s) >= how.width for s in acc):
            break
        try:
            acc = _concat(acc, _item_edges(op, arg, how), how)
        except _Unknown:
            if "" in acc:
                raise
            # What follows is unknown, but every match begins with one of these: keep them, open-ended.
            return {(s.rjust if how.reverse else s.ljust)(how.width, _OPEN) for s in acc}
    return acc


def _item_edges(op: Any, arg: Any, how: _Reading) -> set[str]:
    c = _CONST
    if op is c.LITERAL:
        folded = fold(chr(arg))
        if folded is None:
            raise _Unknown
        return {folded}
    if op is c.IN:
        return _chars(arg)
    if op is c.CATEGORY and arg in (c.CATEGORY_SPACE, c.CATEGORY_DIGIT):
        return _chars([(op, arg)])
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}  # zero width (lookarounds over-approximated as matching nothing)
    if op is c.SUBPATTERN:
        return _edges(arg[-1], how)
    if op is c.ATOMIC_GROUP:
        return _edges(arg, how)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in arg[1]:
            out |= _edges(branch, how)
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, body = arg
        one = _edges(body, how)
        reachable = {""} if low == 0 else set()
        acc = {""}
        enough = min(low, how.width + 1)
        for n in range(1, min(high, how.width + 1) + 1):
            longer = _concat(acc, one, how)
            if longer == acc and n > enough:  # every string already full (or cut): more repeats add nothing
                break
            acc = longer
            if n >= enough:
                reachable |= acc
        return reachable
    raise _Unknown  # any character, categories (\w, \d), negations, group references


def _anchored(seq: Sequence[tuple[Any, Any]], at_end: bool) -> bool:
    """True when the pattern's first (or last) item anchors it at the start (end) of the text."""
    if not seq:
        return False
    op, arg = seq[-1] if at_end else seq[0]
    c = _CONST
    if at_end:
        return op is c.AT and arg in (c.AT_END, c.AT_END_STRING)
    return op is c.AT and arg in (c.AT_BEGINNING, c.AT_BEGINNING_STRING)


def analysed(pattern: Source) -> Analysis:
    """Everything the matcher needs to know about a pattern."""
    keys = edge_keys(pattern)
    edges = None if keys is None else (keys[0], tuple(sorted(keys[1])))
    return Analysis(needed_literals(pattern), anchored_at_start(pattern), edges, line_lengths(pattern))


def anchored_at_start(pattern: Source) -> bool:
    """True when every match begins where the searched text begins (``^...``): ``search`` then tries one
    position only, however long the line."""
    parsed = _parse(pattern)
    return parsed is not None and _anchored(parsed, at_end=False)


def line_lengths(pattern: Source) -> tuple[int, int | None]:
    """How long a (stripped) line can be for the pattern to match it: (shortest, longest or None for any).

    A line is at least as long as the shortest match; when the pattern is anchored at both ends
    (``^...$``), the match is the whole line, so it is also at most as long as the longest match:
    ``^(privacy policy|imprint)$`` is never tried on a paragraph. (0, None) when the parser cannot tell.
    """
    tree = _parse_tree(pattern.pattern, pattern.flags & ~re.UNICODE)
    if tree is None:
        return 0, None
    try:
        shortest, longest = tree.getwidth()
    except Exception:  # pragma: no cover - a parse tree the private parser cannot measure
        return 0, None
    whole_line = _anchored(tree, at_end=False) and _anchored(tree, at_end=True) and not pattern.flags & re.MULTILINE
    return int(shortest), int(longest) if whole_line and longest < _CONST.MAXREPEAT else None


def _parse(pattern: Source) -> list[tuple[Any, Any]] | None:
    tree = _parse_tree(pattern.pattern, pattern.flags & ~re.UNICODE)
    return None if tree is None else list(tree)


@cache
def _parse_tree(source: str, flags: int) -> Any:
    """The parse tree of a pattern (a ``re._parser.SubPattern``), read once for all the analyses; None when
    it cannot be read."""
    try:
        return _PARSER.parse(source, flags)
    except Exception:  # a pattern the private parser reads differently: leave it unfiled
        return None


def edge_keys(pattern: Source) -> tuple[str, set[str]] | None:
    """How to file a pattern: ("head", prefixes) or ("tail", suffixes), or None when it could match anywhere.

    Keys are up to KEY_CHARS characters long, shorter where the long ones would be too many.
    """
    parsed = None if pattern.flags & re.MULTILINE else _parse(pattern)
    if parsed is None:
        return None
    for side, reverse in (("head", False), ("tail", True)):
        if not _anchored(parsed, at_end=reverse):
            continue
        try:
            edges = _edges(parsed, _Reading(reverse, KEY_CHARS, MAX_KEYS))
        except (_Unknown, RecursionError):
            continue
        # Lines are stripped: an edge that is white space can never be looked up.
        keys = {(e.lstrip if reverse else e.rstrip)(_OPEN) for e in edges}
        keys = {k for k in keys if k and not (k[-1] if reverse else k[0]).isspace()}
        if keys and "" not in edges:
            return side, keys
    return None


MAX_NEEDED = 4
"""A pattern is tested for at most this many alternative literals; one that needs one of more is not tested."""
MAX_SPELLINGS = 16
"""Joining adjacent items' spellings stops when one of them could be spelt more ways than this."""


def needed_literals(pattern: Source) -> tuple[str, ...]:
    """Literals (folded by ``fold_case``) one of which every match holds; () when no useful set is known.

    ``^[A-Z][^.!?]{0,200}\bcontributed (reporting|to)`` needs "contributed reporting" or "contributed to";
    ``(sign up|subscribe)`` needs "sign up" or "subscribe". Of the sets a pattern needs, one without a mark
    that most prose holds (a comma, a slash: nearly every line would be tried) wins, then the one with
    the fewest literals (each is one ``in`` test), then the one whose shortest literal is longest. A set
    is useful only if each literal is distinctive: two characters or more, or one symbol such as ``@``.
    """
    parsed = _parse(pattern)
    if parsed is None:
        return ()
    try:
        found = _needed(parsed)
    except RecursionError:
        return ()
    return tuple(sorted(found)) if found is not None else ()


def _needed(seq: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best useful set of literals one of which every match of ``seq`` holds, or None."""
    best: frozenset[str] | None = None
    run: set[str] | None = {""}  # the ways the items since the last unknown one can be spelt, joined

    def offer(found: Iterable[str] | None) -> None:
        nonlocal best
        candidate = _useful(found)
        if candidate is not None and (best is None or _rank(candidate) < _rank(best)):
            best = candidate

    plain = ""  # the items since the last one that can be spelt more than one way, joined
    for op, arg in seq:
        spellings = _spellings(op, arg)
        # The run so far, the item on its own and the plain text before it are needed too, and may be the
        # better tests: "contributed " rather than its seven endings, "/" rather than "REUTERS/" and the
        # other four agencies, " continues" rather than "story continues" and "article continues".
        offer(run)
        offer(spellings)
        offer({plain} if plain else None)
        plain = plain + next(iter(spellings)) if spellings is not None and len(spellings) == 1 else ""
        if spellings is not None and run is not None and len(run) * len(spellings) <= MAX_SPELLINGS:
            run = {a + b for a in run for b in spellings}
            continue
        run = spellings
        if spellings is None:
            offer(_inner_needed(op, arg))
    offer(run)
    offer({plain} if plain else None)
    return best


def _inner_needed(op: Any, arg: Any) -> frozenset[str] | None:
    """What an item that cannot be spelt out needs: its group's needs, or those every branch has."""
    c = _CONST
    if op is c.SUBPATTERN:
        return _needed(arg[-1])
    if op is c.ATOMIC_GROUP:
        return _needed(arg)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return _needed(arg[2])
    if op is c.BRANCH:
        per_branch = [_needed(branch) for branch in arg[1]]
        known = [found for found in per_branch if found is not None]
        if len(known) == len(per_branch):
            return _useful(set().union(*known))
    return None


def _spellings(op: Any, arg: Any) -> set[str] | None:
    """Every text (folded) one item can match when there are few, e.g. {"a", "an", "the"}; else None."""
    c = _CONST
    if op is c.LITERAL:
        folded = fold_case(chr(arg))
        return None if folded is None else {folded}
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}  # zero width: a lookaround consumes nothing
    if op is c.IN and len(arg) <= MAX_SPELLINGS and all(item_op is c.LITERAL for item_op, _ in arg):
        chars = {fold_case(chr(code)) for _, code in arg}
        return None if None in chars else {ch for ch in chars if ch is not None}
    if op is c.SUBPATTERN:
        return _sequence_spellings(arg[-1])
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in arg[1]:
            spelt = _sequence_spellings(branch)
            if spelt is None:
                return None
            out |= spelt
        return out if len(out) <= MAX_SPELLINGS else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[1] <= 1:
        body = _sequence_spellings(arg[2])
        if body is None:
            return None
        return body | {""} if arg[0] == 0 else body
    return None


def _sequence_spellings(seq: Sequence[tuple[Any, Any]]) -> set[str] | None:
    out = {""}
    for op, arg in seq:
        spelt = _spellings(op, arg)
        if spelt is None or len(out) * len(spelt) > MAX_SPELLINGS:
            return None
        out = {a + b for a in out for b in spelt}
    return out


def _useful(found: Iterable[str] | None) -> frozenset[str] | None:
    """``found`` without literals that hold another of them, if it is small and every literal is distinctive."""
    if found is None:
        return None
    literals = set(found)
    if not all(map(_distinctive, literals)):  # (one that is not would stay: only a shorter one holds it)
        return None
    kept = frozenset(a for a in literals if not any(b != a and b in a for b in literals))
    return kept if len(kept) <= MAX_NEEDED else None


def _distinctive(literal: str) -> bool:
    """Rare enough in prose to be worth testing for: two characters or more, or one that is not a letter or space."""
    return len(literal.strip()) >= 2 or (len(literal) == 1 and not (literal.isalnum() or literal.isspace()))


PROSE_MARKS = frozenset(",.;:!?'\"’‘“”()/-–—")
"""Marks most lines of prose hold: a set of literals with one of these is the last choice."""


def _rank(literals: frozenset[str]) -> tuple[bool, int, int]:
    return not PROSE_MARKS.isdisjoint(literals), len(literals), -min(map(len, literals))
