"""What a rule is, and reading one TOML rule file into rules (checked as it is read)."""

from __future__ import annotations

import re
import string
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_MAX_WORDS = 25
"""A line longer than this is prose, whatever keyword it contains."""

_CODE = re.compile(r"^[A-Z]{2,8}[0-9]{3}$")

RULE_KEYS = frozenset(
    {"code", "name", "category", "reason", "why", "structural", "detail", "patterns", "case_sensitive", "max_words"}
    | {"match", "no_match"}
)
"""What a [[rule]] table may set; anything else is a typo that would silently change nothing."""
FILE_DEFAULT_KEYS = frozenset({"category", "max_words"})
"""What a rule file may set above its rules, as every rule's default."""


class RuleError(ValueError):
    """A rule file that cannot be used: names the file and, where known, the line."""


class Pattern:
    """One of a rule's regular expressions, compiled the first time it is searched.

    A run compiles only the patterns its lines call for; once compiled, ``search`` is the compiled
    pattern's own method. Compares, hashes and pickles by its source and flags.
    """

    __slots__ = ("_compiled", "flags", "pattern", "search")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags | re.UNICODE  # as a compiled str pattern reports them
        self._compiled: re.Pattern[str] | None = None
        self.search: Callable[..., re.Match[str] | None] = self._compile_and_search

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern, compiled now if it was not yet; raises ``re.error`` for a bad one."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
            self.search = self._compiled.search
        return self._compiled

    def _compile_and_search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r}, {re.RegexFlag(self.flags & ~re.UNICODE)!r})"

    def __reduce__(self) -> tuple[type[Pattern], tuple[str, int]]:
        return Pattern, (self.pattern, self.flags)


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
        if not text or len(text.split()) > self.max_words:
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


def _strings(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(s) for s in raw.get(key, ()))


def _parse_rule(raw: dict[str, Any], defaults: dict[str, Any], origin: str, compile_now: bool) -> AnyRule:
    where = f"{origin}: rule {raw.get('code', '?')}"
    unknown = sorted(set(raw) - RULE_KEYS)
    if unknown:
        raise RuleError(f"{where}: unknown key {_listed(unknown)} (a rule may set {_listed(sorted(RULE_KEYS))})")
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise RuleError(f"{where}: 'code' must look like ABC001 (capitals and 3 digits)")
    category = raw.get("category", defaults.get("category"))
    reason = raw.get("reason")
    if not isinstance(category, str) or not isinstance(reason, str):
        raise RuleError(f"{where}: 'category' and 'reason' are required strings")
    name = str(raw.get("name", code.lower()))
    why = str(raw.get("why", ""))
    examples = _strings(raw, "match"), _strings(raw, "no_match")
    if raw.get("structural", False):
        return StructuralRule(code, name, category, reason, why, _detail(raw, where), *examples, origin)
    if "detail" in raw:
        raise RuleError(f"{where}: only a structural rule has a 'detail' (a pattern rule's reason is its own)")
    patterns = raw.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        raise RuleError(f"{where}: 'patterns' must be a non-empty list of regular expressions")
    flags = 0 if raw.get("case_sensitive", False) else re.IGNORECASE
    compiled = [Pattern(str(pattern), flags) for pattern in patterns]
    for pattern in compiled if compile_now else ():
        try:
            pattern.compiled()
        except re.error as exc:
            raise RuleError(f"{where}: bad pattern {pattern.pattern!r}: {exc}") from None
    max_words = raw.get("max_words", defaults.get("max_words", DEFAULT_MAX_WORDS))
    if not isinstance(max_words, int) or max_words < 1:
        raise RuleError(f"{where}: 'max_words' must be a positive whole number")
    return Rule(code, name, category, reason, tuple(compiled), max_words, why, *examples, origin)


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
    defaults = {k: v for k, v in data.items() if k != "rule"}
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
