"""Which patterns could match a line, told from its first and last two characters.

Most rule patterns are anchored (``^Share this`` or ``… all rights reserved$``), so
the characters a match can start or end with are known from the pattern itself. A
pattern is filed under every (case-folded) two-character prefix its anchored matches
can begin with, or suffix they can end with; a line then tries only the patterns
filed under its own first or last two characters, plus the few that could match
anywhere. The filing over-approximates: a pattern that might match a line is always
tried, so the result is exactly that of trying every pattern.

The analysis reads Python's own regular-expression parse tree (``re._parser``); on
an interpreter without it every pattern is simply tried on every line.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

KEY_CHARS = 2
"""Prefix and suffix length used as the filing key."""
MAX_KEYS = 4000
"""A pattern that can begin with more distinct prefixes than this is filed as 'could match anywhere'."""
_OPEN = "\x00"
"""Pads a prefix after which anything may follow, so that nothing is appended to it; stripped at the end."""
MAX_CLASS_CHARS = 64
"""A character class wider than this (``[a-z]`` is 26) is treated as any character."""


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - another Python implementation
        return None


_PARSER = _module("re._parser")
_CONST = _module("re._constants")
_CASEFIX = _module("re._casefix")


def _fold_table() -> dict[int, int]:
    """Characters that ``re.IGNORECASE`` treats as equal beyond simple lower-casing (ſ and s), mapped to one."""
    groups: dict[int, int] = {}
    extra: dict[int, tuple[int, ...]] = getattr(_CASEFIX, "_EXTRA_CASES", {}) if _CASEFIX else {}
    for key, others in extra.items():
        members = {key, *others}
        canonical = min(min(members), *(groups.get(m, m) for m in members))
        for m in members:
            groups[m] = canonical
    return {k: v for k, v in groups.items() if k != v}


_FOLD = _fold_table()


class _FoldMap(dict[int, int]):
    """Beyond ASCII: case-fold equivalents to one, and every decimal digit (what ``\\d`` matches) to 0-9."""

    def __missing__(self, code: int) -> int:
        digit = unicodedata.decimal(chr(code), None)
        return code if digit is None else ord("0") + digit


_FOLD_MAP = _FoldMap(_FOLD)


def fold(text: str) -> str | None:
    """``text`` case-folded the way the filing keys are; None when lower-casing changes its length (İ)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    return lowered if lowered.isascii() else lowered.translate(_FOLD_MAP)


class _Unknown(Exception):
    """The pattern's edge characters cannot be told: file it as 'could match anywhere'."""


def _concat(heads: set[str], tails: set[str], reverse: bool) -> set[str]:
    out: set[str] = set()
    for h in heads:
        if len(h) >= KEY_CHARS:
            out.add(h)
            continue
        for t in tails:
            joined = t + h if reverse else h + t
            out.add(joined[-KEY_CHARS:] if reverse else joined[:KEY_CHARS])
    if len(out) > MAX_KEYS:
        raise _Unknown
    return out


_SPACES = frozenset(ch for ch in map(chr, range(0x3001)) if ch.isspace())
"""What ``\\s`` matches in a str pattern (the last white-space code point is U+3000)."""


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
            out.update(_SPACES)
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


def _edges(seq: Iterable[tuple[Any, Any]], reverse: bool) -> set[str]:
    """Every string of up to KEY_CHARS characters a match of ``seq`` can begin (or, reversed, end) with."""
    items = list(seq)
    if reverse:
        items.reverse()
    acc = {""}
    for op, arg in items:
        if all(len(s) >= KEY_CHARS for s in acc):
            break
        try:
            acc = _concat(acc, _item_edges(op, arg, reverse), reverse)
        except _Unknown:
            if "" in acc:
                raise
            # What follows is unknown, but every match begins with one of these: keep them, open-ended.
            return {(s.rjust if reverse else s.ljust)(KEY_CHARS, _OPEN) for s in acc}
    return acc


def _item_edges(op: Any, arg: Any, reverse: bool) -> set[str]:
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
        return _edges(arg[-1], reverse)
    if op is c.ATOMIC_GROUP:
        return _edges(arg, reverse)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in arg[1]:
            out |= _edges(branch, reverse)
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, body = arg
        one = _edges(body, reverse)
        reachable = {""} if low == 0 else set()
        acc = {""}
        enough = min(low, KEY_CHARS + 1)
        for n in range(1, min(high, KEY_CHARS + 1) + 1):
            acc = _concat(acc, one, reverse)
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


def edge_keys(pattern: re.Pattern[str]) -> tuple[str, set[str]] | None:
    """How to file a pattern: ("head", prefixes) or ("tail", suffixes), or None when it could match anywhere."""
    if _PARSER is None or _CONST is None or pattern.flags & re.MULTILINE:
        return None
    try:
        parsed = list(_PARSER.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
    except Exception:  # a pattern the private parser reads differently: leave it unfiled
        return None
    for side, reverse in (("head", False), ("tail", True)):
        if _anchored(parsed, at_end=reverse):
            try:
                edges = _edges(parsed, reverse)
            except (_Unknown, RecursionError):
                continue
            # Lines are stripped: an edge that is white space can never be looked up.
            keys = {(e.lstrip if reverse else e.rstrip)(_OPEN) for e in edges}
            keys = {k for k in keys if k and not (k[-1] if reverse else k[0]).isspace()}
            if keys and "" not in edges:
                return side, keys
    return None
