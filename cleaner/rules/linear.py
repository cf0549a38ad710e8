"""User rule patterns run by RE2, an engine that cannot backtrack: a search takes time linear in the line's length.

Python's ``re`` backtracks, so a pattern such as ``\\s*:?\\s*`` (or a user's ``^(a+)+$``) can take cubic or
exponential time on a hostile line. RE2 cannot, but it reads a slightly different syntax, so a rule's
pattern (written, documented and analysed as Python syntax) is translated first:

- ``\\s \\d \\w`` and their negations mean what Python's mean on text (Unicode white space, decimal
  digits, letters and digits), not RE2's ASCII classes;
- ``{,n}`` is ``{0,n}``; ``\\Z`` is the end; ``\\uXXXX``, ``\\UXXXXXXXX`` and ``\\N{NAME}`` name a character.

What RE2 cannot take (look-ahead and look-behind, back-references, possessive or atomic repeats, a
repeat over 1000) is refused by :func:`compile_pattern` with a :class:`PatternError`, which the rule
reader turns into a usage error naming the file and the rule. One difference stays: ``\\b`` is a
boundary between an ASCII letter, digit or ``_`` and anything else.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

_PARSER: Any = importlib.import_module("re._parser")  # Python's own parse tree, to find \\b beside a letter
_CONST: Any = importlib.import_module("re._constants")

_SPACE = r"\t-\r\x1c-\x1f\x85\p{Z}"
"""What Python's ``\\s`` matches in text (``str.isspace``), as the inside of an RE2 class."""
_DIGIT = r"\p{Nd}"
_WORD = r"\p{L}\p{N}_"
_INSIDE = {"s": _SPACE, "d": _DIGIT, "w": _WORD}
"""A class shorthand as the inside of a bracketed class."""
_OUTSIDE = {
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "d": _DIGIT,
    "D": r"\P{Nd}",
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "Z": r"\z",
}
_REFUSED_GROUPS = (
    ("(?P<", ""),
    ("(?P=", "a back-reference"),
    ("(?=", "look-ahead"),
    ("(?!", "look-ahead"),
    ("(?<", "look-behind"),
    ("(?>", "an atomic group"),
    ("(?(", "a conditional group"),
    ("(?#", "a comment group"),
)
"""Group openings RE2 cannot take (a named group it can), by what they are called."""


class PatternError(ValueError):
    """A pattern the linear-time engine cannot take (or that is not a regular expression at all)."""


def translate(source: str) -> str:
    """``source``, a Python regular expression, in RE2's syntax with Python's meaning (see the module doc)."""
    out: list[str] = []
    i, size = 0, len(source)
    while i < size:
        ch = source[i]
        if ch == "\\":
            escape, i = _escape(source, i)
            out.append(_OUTSIDE.get(escape[1:], escape) if len(escape) == 2 else escape)
        elif ch == "[":
            cls, i = _char_class(source, i)
            out.append(cls)
        elif ch == "(" and source.startswith("(?", i):
            _refuse_group(source, i)
            out.append(ch)
            i += 1
        elif source.startswith("{,", i) and re.match(r"\{,\d+\}", source[i:]):
            out.append("{0,")
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _refuse_group(source: str, i: int) -> None:
    for opening, what in _REFUSED_GROUPS:
        if source.startswith(opening, i):
            if what:
                raise PatternError(f"RE2, the linear-time engine rules run in, cannot take {what}")
            return


def _escape(source: str, i: int) -> tuple[str, int]:
    """The escape at ``source[i]`` (a backslash) in RE2's syntax, and where it ends."""
    if i + 1 >= len(source):
        raise PatternError("a pattern cannot end with a backslash")
    kind = source[i + 1]
    if kind in "uU":
        digits = 4 if kind == "u" else 8
        code = source[i + 2 : i + 2 + digits]
        if len(code) != digits or not all(c in "0123456789abcdefABCDEF" for c in code):
            raise PatternError(f"bad escape \\{kind}{code}")
        return f"\\x{{{code}}}", i + 2 + digits
    if kind == "N":
        end = source.find("}", i)
        if not source.startswith("{", i + 2) or end < 0:
            raise PatternError("bad escape \\N (write \\N{NAME})")
        import re2  # (loaded only for a user's rule file: the built-in rules run in Python's re)

        try:
            return re2.escape(unicodedata.lookup(source[i + 3 : end])), end + 1
        except KeyError:
            raise PatternError(f"unknown character name {source[i + 3 : end]!r}") from None
    if kind.isdigit() and kind != "0":
        raise PatternError("RE2, the linear-time engine rules run in, cannot take a back-reference")
    return source[i : i + 2], i + 2


def _char_class(source: str, i: int) -> tuple[str, int]:
    """The bracketed class at ``source[i]`` in RE2's syntax, and where it ends.

    A negated shorthand (``\\S``) inside a class that is not itself negated becomes an alternative
    beside the class (``[a\\S]`` is ``(?:[a]|[^…])``); inside a negated class it is refused.
    """
    j = i + 1
    negated = source.startswith("^", j)
    j += negated
    parts: list[str] = []
    outside: list[str] = []
    first = True
    while j < len(source) and (source[j] != "]" or first):
        first = False
        if source[j] == "\\":
            escape, j = _escape(source, j)
            shorthand = escape[1:] if len(escape) == 2 else ""
            if shorthand in _INSIDE:
                parts.append(_INSIDE[shorthand])
            elif shorthand.lower() in _INSIDE:
                if negated:
                    raise PatternError(f"RE2 cannot take \\{shorthand} inside a negated class")
                outside.append(_OUTSIDE[shorthand])
            else:
                parts.append(escape)
        elif source.startswith("[:", j):
            parts.append("\\[")  # Python reads "[:" in a class as the two characters
            j += 1
        else:
            parts.append(source[j])
            j += 1
    if j >= len(source):
        raise PatternError("unterminated character set")
    inside = "".join(parts)
    cls = f"[{'^' if negated else ''}{inside}]" if inside else ""
    if not outside:
        return cls, j + 1
    return f"(?:{'|'.join(filter(None, [cls, *outside]))})", j + 1


def _edge_chars(items: Sequence[tuple[Any, Any]], at_end: bool) -> set[str]:
    """The literal characters a match of this parsed sequence may begin (end) with; ``"."`` stands for any
    character a class or a wildcard could put there."""
    found: set[str] = set()
    for op, arg in reversed(items) if at_end else items:
        if op is _CONST.AT:
            continue
        if op is _CONST.LITERAL:
            return found | {chr(arg)}
        if op is _CONST.IN:  # a class, or alternatives of one character each
            return found | {chr(a) if o is _CONST.LITERAL else "." for o, a in arg}
        if op is _CONST.SUBPATTERN:
            branches, optional = [arg[3]], False
        elif op is _CONST.BRANCH:
            branches, optional = arg[1], False
        elif op in (_CONST.MAX_REPEAT, _CONST.MIN_REPEAT):
            branches, optional = [arg[2]], arg[0] == 0
        else:
            return found | {"."}
        for branch in branches:
            found |= _edge_chars(list(branch), at_end) or {""}
        if "" not in found and not optional:
            return found
        found.discard("")
    return found | {""}


def _letter_beside_boundary(items: Sequence[tuple[Any, Any]]) -> str:
    """A letter beyond ASCII written right beside a ``\\b`` (whose meaning RE2 keeps to ASCII), or ""."""
    items = list(items)
    for at, (op, arg) in enumerate(items):
        nested: list[Any] = []
        if op is _CONST.AT and arg in (_CONST.AT_BOUNDARY, _CONST.AT_NON_BOUNDARY):
            beside = _edge_chars(items[:at], at_end=True) | _edge_chars(items[at + 1 :], at_end=False)
            for ch in sorted(beside):
                if len(ch) == 1 and not ch.isascii() and (ch.isalnum() or ch == "_"):
                    return ch
        elif op is _CONST.SUBPATTERN:
            nested = [arg[3]]
        elif op is _CONST.BRANCH:
            nested = arg[1]
        elif op in (_CONST.MAX_REPEAT, _CONST.MIN_REPEAT):
            nested = [arg[2]]
        for branch in nested:
            if found := _letter_beside_boundary(list(branch)):
                return found
    return ""


def compile_pattern(source: str, ignore_case: bool) -> Callable[[str], bool]:
    """A test of whether ``source`` (Python syntax) matches anywhere in a line, run by RE2 in linear time.

    Raises :class:`PatternError` for a pattern RE2 cannot take or that is not a regular expression.
    """
    try:
        parsed = _PARSER.parse(source)  # the syntax it is written in: a Python error reads better than RE2's
    except re.error as exc:
        raise PatternError(str(exc)) from None
    except (OverflowError, RecursionError) as exc:
        raise PatternError(f"too large: {exc}") from None
    if letter := _letter_beside_boundary(list(parsed)):
        raise PatternError(
            f"\\b beside {letter!r}: RE2 finds word boundaries between ASCII letters only (write (?:\\W|$) after"
            " a word, or (?:^|\\W) before it, instead)"
        )
    import re2  # (loaded only for a user's rule file: the built-in rules run in Python's re)

    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.never_capture = True
    options.log_errors = False
    try:
        regexp = re2._re2.RE2(translate(source).encode(), options)
    except re2.error as exc:
        raise PatternError(str(exc)) from None
    if not regexp.ok():
        raise PatternError(f"RE2 refused it: {regexp.error().decode(errors='replace')}")
    match, unanchored, nowhere = regexp.Match, re2._re2.RE2.Anchor.UNANCHORED, (-1, -1)

    def matches(text: str) -> bool:
        data = text.encode("utf-8", "surrogatepass")
        found: tuple[int, int] = match(unanchored, data, 0, len(data))[0]
        return found != nowhere

    return matches
