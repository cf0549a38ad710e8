"""The rule registry: boilerplate rules are data, loaded from TOML files.

Each built-in rule lives in one of the ``*.toml`` files beside this module with
a stable code (category prefix + number), a category, a one-line reason, its
patterns, and examples that must and must not match. Users add rules with the
same format (``--rules FILE``) and pick them by code or prefix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from cleaner.rules.prefilter import KEY_CHARS, edge_keys, fold

DEFAULT_MAX_WORDS = 25
"""A line longer than this is prose, whatever keyword it contains."""

_CODE = re.compile(r"^[A-Z]{2,8}[0-9]{3}$")
RULE_KEYS = frozenset(
    {"code", "name", "category", "reason", "why", "structural", "patterns", "case_sensitive", "max_words"}
    | {"match", "no_match"}
)
"""What a [[rule]] table may set; anything else is a typo that would silently change nothing."""
FILE_DEFAULT_KEYS = frozenset({"category", "max_words"})
"""What a rule file may set above its rules, as every rule's default."""


class RuleError(ValueError):
    """A rule file that cannot be used: names the file and, where known, the line."""


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    category: str
    reason: str
    patterns: tuple[re.Pattern[str], ...]
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

    It is listed, selected and ignored like a pattern rule; its decision
    logic lives in the module that applies it.
    """

    code: str
    name: str
    category: str
    reason: str
    why: str = ""
    origin: str = "built-in"


AnyRule = Rule | StructuralRule


def _parse_rule(raw: dict[str, Any], defaults: dict[str, Any], origin: str) -> AnyRule:
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
    if raw.get("structural", False):
        return StructuralRule(code, name, category, reason, why, origin)
    patterns = raw.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        raise RuleError(f"{where}: 'patterns' must be a non-empty list of regular expressions")
    flags = 0 if raw.get("case_sensitive", False) else re.IGNORECASE
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(str(pattern), flags))
        except re.error as exc:
            raise RuleError(f"{where}: bad pattern {pattern!r}: {exc}") from None
    max_words = raw.get("max_words", defaults.get("max_words", DEFAULT_MAX_WORDS))
    if not isinstance(max_words, int) or max_words < 1:
        raise RuleError(f"{where}: 'max_words' must be a positive whole number")
    return Rule(
        code=code,
        name=name,
        category=category,
        reason=reason,
        patterns=tuple(compiled),
        max_words=max_words,
        why=why,
        must_match=tuple(str(s) for s in raw.get("match", ())),
        must_not_match=tuple(str(s) for s in raw.get("no_match", ())),
        origin=origin,
    )


def _listed(keys: Sequence[str]) -> str:
    return ", ".join(repr(k) for k in keys)


def parse_rules(source: str, origin: str) -> list[AnyRule]:
    """Parse one TOML rule file's text; ``origin`` names it in errors (tomllib's message gives the line)."""
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
    return [_parse_rule(raw, defaults, origin) for raw in raw_rules]


def load_rule_file(path: Path) -> list[AnyRule]:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    return parse_rules(source, str(path))


@cache
def _load_builtin_rules() -> tuple[AnyRule, ...]:
    """Read and compile the built-in rule files once per process (rules are immutable values)."""
    rules: list[AnyRule] = []
    package = resources.files(__name__)
    for entry in sorted(package.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            rules.extend(parse_rules(entry.read_text(encoding="utf-8"), f"built-in {entry.name}"))
    return tuple(rules)


def builtin_rules() -> list[AnyRule]:
    return list(_load_builtin_rules())


@dataclass(frozen=True, slots=True)
class _Matcher:
    """The pattern rules of a RuleSet, filed so that a line tries only the patterns that could match it.

    Most lines of a page match no rule, and trying hundreds of patterns on each is
    what made rule matching slow. Each (rule, pattern) pair is filed by the first or
    last two characters its matches can have (see :mod:`cleaner.rules.prefilter`);
    a line tries the pairs filed under its own edges plus those that could match
    anywhere, each list in rule order, and the earliest rule that matches wins, as
    if every rule had been tried in order.
    """

    rules: tuple[Rule, ...]
    heads: dict[str, tuple[int, ...]]
    """Folded first characters -> pair numbers, in rule order."""
    tails: dict[str, tuple[int, ...]]
    """Folded last characters -> pair numbers, in rule order."""
    anywhere: tuple[int, ...]
    pairs: tuple[tuple[int, re.Pattern[str]], ...]
    """Pair number -> (rule number, pattern), in rule order."""
    max_words: int

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> _Matcher:
        pairs = tuple((i, p) for i, rule in enumerate(rules) for p in rule.patterns)
        filed: dict[str, dict[str, list[int]]] = {"head": {}, "tail": {}}
        anywhere: list[int] = []
        for n, (_, pattern) in enumerate(pairs):
            keys = edge_keys(pattern)
            if keys is None:
                anywhere.append(n)
                continue
            side, edges = keys
            for edge in edges:
                filed[side].setdefault(edge, []).append(n)
        heads = _widen(filed["head"], lambda key: key[:1])
        tails = _widen(filed["tail"], lambda key: key[-1:])
        max_words = max((r.max_words for r in rules), default=0)
        return cls(rules, heads, tails, tuple(anywhere), pairs, max_words)

    def first_match(self, line: str) -> Rule | None:
        text = line.strip()
        words = len(text.split())
        if words == 0 or words > self.max_words:
            return None
        head, tail = text[:KEY_CHARS].lower(), text[-KEY_CHARS:].lower()
        if not (head.isascii() and tail.isascii()):
            folded_head, folded_tail = fold(text[:KEY_CHARS]), fold(text[-KEY_CHARS:])
            if folded_head is None or folded_tail is None:
                return self._first_of(range(len(self.pairs)), text, words, len(self.rules))
            head, tail = folded_head, folded_tail
        heads, tails = self.heads, self.tails
        found = len(self.rules)
        for candidates in (
            heads.get(head) or heads.get(head[:1], ()),
            tails.get(tail) or tails.get(tail[-1:], ()),
            self.anywhere,
        ):
            if candidates:
                found = self._first_index(candidates, text, words, found)
        return self.rules[found] if found < len(self.rules) else None

    def _first_index(self, candidates: Iterable[int], text: str, words: int, before: int) -> int:
        """The number of the first rule (below ``before``) with a matching pattern among ``candidates``."""
        rules, pairs = self.rules, self.pairs
        for n in candidates:
            i, pattern = pairs[n]
            if i >= before:
                break
            if words <= rules[i].max_words and pattern.search(text):
                return i
        return before

    def _first_of(self, candidates: Iterable[int], text: str, words: int, before: int) -> Rule | None:
        found = self._first_index(candidates, text, words, before)
        return self.rules[found] if found < len(self.rules) else None


def _widen(filed: dict[str, list[int]], shorter: Callable[[str], str]) -> dict[str, tuple[int, ...]]:
    """Full-length keys also hold the pairs filed under their one-character edge, all in rule order.

    A line looks up its two edge characters, and only when nothing is filed there its one edge
    character, so each two-character list must already include the one-character list.
    """
    out: dict[str, tuple[int, ...]] = {}
    for key, numbers in filed.items():
        merged = set(numbers)
        if len(key) == KEY_CHARS:
            merged.update(filed.get(shorter(key), ()))
        out[key] = tuple(sorted(merged))
    return out


def _matches_any(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(s) for s in selectors)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules in force for a run, in the order they are tried."""

    rules: tuple[AnyRule, ...]
    _matcher: _Matcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern_rules = tuple(r for r in self.rules if isinstance(r, Rule))
        object.__setattr__(self, "_matcher", _Matcher.of(pattern_rules))

    def __getstate__(self) -> tuple[AnyRule, ...]:
        return self.rules

    def __setstate__(self, state: tuple[AnyRule, ...]) -> None:
        object.__setattr__(self, "rules", state)
        self.__post_init__()

    @classmethod
    def default(cls) -> RuleSet:
        return _default_rule_set()

    @classmethod
    def build(
        cls,
        extra_files: Sequence[Path] = (),
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> RuleSet:
        """User files' rules, then the built-in ones, narrowed by ``select`` then ``ignore``.

        Rules are tried in that order, so a user's rule names a line that a built-in rule would
        also remove. Selectors are codes or code prefixes (``NEWS`` or ``NEWS001``), as in ruff.
        """
        user: list[AnyRule] = []
        for path in extra_files:
            user.extend(load_rule_file(path))
        # A user's own rules are tried before the built-in ones: the more specific rule names the line.
        rules = [*user, *builtin_rules()]
        seen: dict[str, str] = {}
        for rule in rules:
            if rule.code in seen:
                raise RuleError(f"{rule.origin}: rule code {rule.code} is already defined in {seen[rule.code]}")
            seen[rule.code] = rule.origin
        selectors = [s.strip().upper() for s in select if s.strip()]
        ignores = [s.strip().upper() for s in ignore if s.strip()]
        known = list(seen)
        for sel in [*selectors, *ignores]:
            if not any(code.startswith(sel) for code in known):
                raise RuleError(f"no rule code starts with {sel!r} (see --list-rules)")
        if selectors:
            rules = [r for r in rules if _matches_any(r.code, selectors)]
        rules = [r for r in rules if not _matches_any(r.code, ignores)]
        return cls(tuple(rules))

    @property
    def pattern_rules(self) -> tuple[Rule, ...]:
        return self._matcher.rules

    def enabled(self, code: str) -> bool:
        return any(r.code == code for r in self.rules)

    def get(self, code: str) -> AnyRule | None:
        return next((r for r in self.rules if r.code == code), None)

    def first_match(self, line: str) -> Rule | None:
        """The first pattern rule, in order, that judges the whole line boilerplate, if any."""
        return self._matcher.first_match(line)


@cache
def _default_rule_set() -> RuleSet:
    """The built-in rules as they ship: built (and their alternation compiled) once per process."""
    return RuleSet.build()
