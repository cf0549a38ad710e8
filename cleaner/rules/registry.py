"""The built-in rules, and the rules in force for a run (``RuleSet``): selected by code or prefix, as in ruff."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from cleaner.model import Removal
from cleaner.rules.matcher import Matcher
from cleaner.rules.schema import AnyRule, Rule, RuleError, StructuralRule, load_rule_file, parse_rules


@cache
def _load_builtin_rules() -> tuple[AnyRule, ...]:
    """Read the built-in rule files once per process (rules are immutable values); patterns compile when used."""
    rules: list[AnyRule] = []
    for entry in sorted(resources.files("cleaner.rules").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            rules.extend(parse_rules(entry.read_text(encoding="utf-8"), f"built-in {entry.name}", compile_now=False))
    return tuple(rules)


def builtin_rules() -> list[AnyRule]:
    return list(_load_builtin_rules())


@cache
def _builtin_codes() -> frozenset[str]:
    return frozenset(rule.code for rule in _load_builtin_rules())


def _matches_any(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(s) for s in selectors)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules in force for a run, in the order they are tried."""

    rules: tuple[AnyRule, ...]
    _matcher: Matcher = field(init=False, repr=False, compare=False)
    _by_code: dict[str, AnyRule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_matcher", Matcher.of(tuple(r for r in self.rules if isinstance(r, Rule))))
        object.__setattr__(self, "_by_code", _index_by_code(self.rules))

    def __getstate__(self) -> tuple[tuple[AnyRule, ...], Matcher]:
        return self.rules, self._matcher  # (a worker process need not file the patterns again)

    def __setstate__(self, state: tuple[tuple[AnyRule, ...], Matcher]) -> None:
        rules, matcher = state
        object.__setattr__(self, "rules", rules)
        object.__setattr__(self, "_matcher", matcher)
        object.__setattr__(self, "_by_code", _index_by_code(rules))

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
        rules = [*user, *builtin_rules()]
        seen: dict[str, str] = {}
        for rule in rules:
            if rule.code in seen:
                raise RuleError(f"{rule.origin}: rule code {rule.code} is already defined in {seen[rule.code]}")
            seen[rule.code] = rule.origin
        selectors = [s.strip().upper() for s in select if s.strip()]
        ignores = [s.strip().upper() for s in ignore if s.strip()]
        for sel in [*selectors, *ignores]:
            if not any(code.startswith(sel) for code in seen):
                raise RuleError(f"no rule code starts with {sel!r} (see --list-rules)")
        if selectors:
            rules = [r for r in rules if _matches_any(r.code, selectors)]
        rules = [r for r in rules if not _matches_any(r.code, ignores)]
        return cls(tuple(rules))

    @property
    def pattern_rules(self) -> tuple[Rule, ...]:
        return self._matcher.rules

    def compile_patterns(self) -> None:
        """Compile every pattern now rather than when a line first calls for it (for a long-lived process)."""
        for rule in self.pattern_rules:
            for pattern in rule.patterns:
                pattern.compiled()

    def get(self, code: str) -> AnyRule | None:
        return self._by_code.get(code)

    def removal(self, code: str, reason: str | None = None, **details: object) -> Removal | None:
        """The removal rule ``code`` makes, or None when the rule is deselected.

        Its reason is ``reason`` when given, else the rule's ``detail`` filled with ``details``, else its
        plain reason. Raises LookupError for a code no rule file defines: a typo, not a deselected rule.
        """
        rule = self._by_code.get(code)
        if rule is None:
            if code not in _builtin_codes():
                raise LookupError(f"no rule file defines the code {code!r} (see cleaner/rules/codes.py)")
            return None
        if reason is None:
            reason = rule.detailed(details) if isinstance(rule, StructuralRule) else rule.reason
        return Removal(rule.code, rule.category, reason)

    def first_match(self, line: str) -> Rule | None:
        """The first pattern rule, in order, that judges the whole line boilerplate, if any."""
        return self.first_matches([line])[0]

    def first_matches(self, lines: Sequence[str]) -> list[Rule | None]:
        """``first_match`` of each line, faster than one call per line when there are many."""
        return list(map((*self.pattern_rules, None).__getitem__, self._matcher.first_numbers(lines)))

    def first_match_numbers(self, lines: Sequence[str]) -> list[int]:
        """Each line's first matching rule as its number in ``pattern_rules`` (``len(pattern_rules)`` for
        none): ``first_matches`` for a caller that looks the rules up once per rule, not once per line."""
        return self._matcher.first_numbers(lines)


def _index_by_code(rules: Sequence[AnyRule]) -> dict[str, AnyRule]:
    return {rule.code: rule for rule in reversed(rules)}  # the first rule of a code wins, as a scan would


@cache
def _default_rule_set() -> RuleSet:
    """The built-in rules as they ship, built once per process."""
    return RuleSet.build()
