"""What a rule is, and reading one TOML rule file into rules (checked as it is read)."""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError
from cleaner.rules.linear import PatternError, compile_pattern

DEFAULT_MAX_WORDS = 25
"""A line longer than this is prose, whatever keyword it contains."""
MAX_LINE_CHARS = 1_000_000
"""A line longer than this is never tried against a pattern, so that what the searches of one line cost is
bounded whatever the input (the longest line of the benchmark pages, a JSON blob, is 33,000 characters)."""

_CODE = re.compile(r"^[A-Z]{2,8}[0-9]{3}$")

RULE_KEYS = frozenset(
    {"code", "name", "category", "reason", "why", "structural", "detail", "patterns", "case_sensitive", "max_words"}
    | {"match", "no_match"}
)
"""What a [[rule]] table may set; anything else is a typo that would silently change nothing."""
FILE_DEFAULT_KEYS = frozenset({"category", "max_words"})
"""What a rule file may set above its rules, as every rule's default."""


class RuleError(CleanerError, ValueError):
    """A rule file that cannot be used: names the file and, where known, the line."""


class Pattern:
    """One of a rule's regular expressions, written in Python's syntax, compiled the first time it is searched.

    A user's pattern runs in RE2, an engine that cannot backtrack (:mod:`cleaner.rules.linear`): a search
    takes time linear in the line's length whatever the pattern. A ``built_in`` pattern runs in Python's
    ``re``, which compiles a pattern a hundred times faster and searches twice as fast; every built-in
    pattern is written so that ``re`` cannot backtrack on it more than linearly (possessive repeats and
    atomic groups where repeats could share characters: ``\\s*+(?::\\s*+)?``, not ``\\s*:?\\s*``), and
    the suite holds each to a time on lines built to make it backtrack, and to RE2's answers.

    A run compiles only the patterns its lines call for; once compiled, ``search`` is the compiled
    test itself: true when the pattern matches anywhere in the line. Compares, hashes and pickles by
    its source and flags (``re`` flags: only ``re.IGNORECASE`` changes what it matches).
    """

    __slots__ = ("_compiled", "built_in", "flags", "pattern", "search")

    def __init__(self, pattern: str, flags: int = 0, built_in: bool = False) -> None:
        self.pattern = pattern
        self.flags = flags | re.UNICODE  # as a compiled str pattern reports them
        self.built_in = built_in
        self._compiled: Callable[[str], object] | None = None
        self.search: Callable[[str], object] = self._compile_and_search

    def compiled(self) -> Callable[[str], object]:
        """The compiled test (its result true when the pattern matches), compiled now if it was not yet;
        raises ``PatternError`` for a pattern the linear-time engine cannot take."""
        if self._compiled is None:
            if self.built_in:
                self._compiled = re.compile(self.pattern, self.flags).search
            else:
                self._compiled = compile_pattern(self.pattern, ignore_case=bool(self.flags & re.IGNORECASE))
            self.search = self._compiled
        return self._compiled

    def _compile_and_search(self, text: str) -> object:
        return self.compiled()(text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r}, {re.RegexFlag(self.flags & ~re.UNICODE)!r})"

    def __reduce__(self) -> tuple[type[Pattern], tuple[str, int, bool]]:
        return Pattern, (self.pattern, self.flags, self.built_in)


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern rule: a line that is short enough and matches one of its patterns is removed."""

    code: str
    name: str
    category: str
    reason: str
    patterns: tuple[Pattern, ...]
    max_words: int = DEFAULT_MAX_WORDS
    why: str = ""
    must_match: tuple[str, ...] = ()
    must_not_match: tuple[str, ...] = ()
    origin: str = "built-in"

    def matches(self, line: str) -> bool:
        """True when the whole line is this kind of boilerplate (the same test ``RuleSet.first_match`` makes)."""
        text = line.strip()
        if not text or len(text) > MAX_LINE_CHARS or len(text.split()) > self.max_words:
            return False
        return any(p.search(text) for p in self.patterns)


@dataclass(frozen=True, slots=True)
class StructuralRule:
    """A rule decided by code from a line's shape and context, not by patterns.

    It is listed, selected and ignored like a pattern rule; the code that applies it names it by its
    constant in :mod:`cleaner.rules.codes`. ``detail`` is the reason with the removal's particulars,
    a ``str.format`` template with named fields. Its examples are whole documents.
    """

    code: str
    name: str
    category: str
    reason: str
    why: str = ""
    detail: str = ""
    must_match: tuple[str, ...] = ()
    must_not_match: tuple[str, ...] = ()
    origin: str = "built-in"

    def detailed(self, details: dict[str, object]) -> str:
        """The reason with these particulars: ``detail`` filled in, or the plain reason when none are given."""
        if not details:
            return self.reason
        if not self.detail:
            raise TypeError(f"rule {self.code} has no detail to fill with {sorted(details)}")
        return self.detail.format(**details)


AnyRule = Rule | StructuralRule


PROBE_LINES = ("x", "0", "The council voted on Monday to turn the old ferry terminal into a library.")
"""Lines no rule should remove all of: a pattern that matches each of them would remove every short line."""


def _strings(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = raw.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RuleError(f"{where}: {key!r} must be a list of strings")
    return tuple(values)


def _string(raw: dict[str, Any], key: str, where: str, default: str = "") -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise RuleError(f"{where}: {key!r} must be a string")
    return value


def _flag(raw: dict[str, Any], key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise RuleError(f"{where}: {key!r} must be true or false")
    return value


def _parse_rule(raw: object, defaults: dict[str, Any], origin: str, compile_now: bool) -> AnyRule:
    if not isinstance(raw, dict):
        raise RuleError(f"{origin}: every rule must be a [[rule]] table, not {type(raw).__name__} {raw!r:.40}")
    where = f"{origin}: rule {raw.get('code', '?')!s:.40}"
    unknown = sorted(set(raw) - RULE_KEYS)
    if unknown:
        raise RuleError(f"{where}: unknown key {_listed(unknown)} (a rule may set {_listed(sorted(RULE_KEYS))})")
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise RuleError(f"{where}: 'code' must look like ABC001 (capitals and 3 digits)")
    category = raw.get("category", defaults.get("category"))
    reason = raw.get("reason")
    if not isinstance(category, str) or not isinstance(reason, str) or not category or not reason:
        raise RuleError(f"{where}: 'category' and 'reason' are required strings")
    name, why = _string(raw, "name", where, code.lower()), _string(raw, "why", where)
    examples = _strings(raw, "match", where), _strings(raw, "no_match", where)
    if _flag(raw, "structural", where):
        return StructuralRule(code, name, category, reason, why, _detail(raw, where), *examples, origin)
    if "detail" in raw:
        raise RuleError(f"{where}: only a structural rule has a 'detail' (a pattern rule's reason is its own)")
    patterns = raw.get("patterns")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
        raise RuleError(f"{where}: 'patterns' must be a non-empty list of regular expressions (non-empty strings)")
    flags = 0 if _flag(raw, "case_sensitive", where) else re.IGNORECASE
    compiled = [Pattern(pattern, flags, built_in=not compile_now) for pattern in patterns]
    for pattern in compiled if compile_now else ():
        try:
            pattern.compiled()
        except PatternError as exc:
            raise RuleError(f"{where}: pattern {pattern.pattern!r:.80} cannot be used: {exc}") from None
        if all(map(pattern.search, PROBE_LINES)):
            raise RuleError(f"{where}: pattern {pattern.pattern!r:.80} matches any line, so it would remove every one")
    max_words = raw.get("max_words", defaults.get("max_words", DEFAULT_MAX_WORDS))
    if not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1:
        raise RuleError(f"{where}: 'max_words' must be a positive whole number")
    rule = Rule(code, name, category, reason, tuple(compiled), max_words, why, *examples, origin)
    if compile_now:
        _check_examples(rule, where)
    return rule


def _check_examples(rule: Rule, where: str) -> None:
    """A rule's own examples hold: each ``match`` line is removed by it, no ``no_match`` line is."""
    for line in rule.must_match:
        if not rule.matches(line):
            raise RuleError(f"{where}: its 'match' example {line!r:.80} is not removed by the rule")
    for line in rule.must_not_match:
        if rule.matches(line):
            raise RuleError(f"{where}: its 'no_match' example {line!r:.80} is removed by the rule")


def _detail(raw: dict[str, Any], where: str) -> str:
    """A structural rule's ``detail``, checked to be a template of named fields only."""
    detail = raw.get("detail", "")
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(detail) if field is not None]
    except (TypeError, AttributeError, ValueError) as exc:
        raise RuleError(f"{where}: 'detail' must be a str.format template: {exc}") from None
    if not all(field and field.isidentifier() for field in fields):
        raise RuleError(f"{where}: every field of 'detail' must be named, as {{lines}}")
    return str(detail)


def _listed(keys: Sequence[str]) -> str:
    return ", ".join(repr(k) for k in keys)


def parse_rules(source: str, origin: str, compile_now: bool = True) -> list[AnyRule]:
    """Parse one TOML rule file's text; ``origin`` names it in errors (tomllib's message gives the line).

    Every pattern is compiled now, so that a bad one is named at once, unless ``compile_now`` is
    False (the built-in rules, whose every pattern the test suite compiles).
    """
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{origin}: invalid TOML: {exc}") from None
    except RecursionError:
        raise RuleError(f"{origin}: invalid TOML: nested too deeply") from None
    defaults = {k: v for k, v in data.items() if k != "rule"}
    if not isinstance(defaults.get("category", ""), str):
        raise RuleError(f"{origin}: the default 'category' must be a string")
    unknown = sorted(set(defaults) - FILE_DEFAULT_KEYS)
    if unknown:
        raise RuleError(
            f"{origin}: unknown top-level key {_listed(unknown)} (a file may set {_listed(sorted(FILE_DEFAULT_KEYS))}"
            " above its [[rule]] tables)"
        )
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(f"{origin}: rules must be written as [[rule]] tables")
    return [_parse_rule(raw, defaults, origin, compile_now) for raw in raw_rules]


def load_rule_file(path: Path) -> list[AnyRule]:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    return parse_rules(source, str(path))
