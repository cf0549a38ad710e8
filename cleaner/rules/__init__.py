"""The rule registry: boilerplate rules are data, loaded from TOML files.

Each built-in rule lives in one of the ``*.toml`` files beside this module with
a stable code (category prefix + number), a category, a one-line reason, its
patterns, and examples that must and must not match. Users add rules with the
same format (``--rules FILE``) and pick them by code or prefix.
"""

from __future__ import annotations

import re
import sys
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import accumulate, compress, count, repeat
from operator import add, and_, contains, itemgetter, ne, not_
from pathlib import Path
from typing import Any, NamedTuple

from cleaner.rules.index import analyse
from cleaner.rules.prefilter import (
    FOLD_CHANGES,
    KEY_CHARS,
    SHORT_KEY_CHARS,
    Analysis,
    case_variants,
    fold,
    fold_case,
)

try:  # cleaner/rules/_match.pyx, compiled by pip install where a C compiler is (see setup.py)
    from cleaner.rules import _match as _compiled
except ImportError:  # pragma: no cover - depends on the install
    _compiled = None  # type: ignore[assignment]
COMPILED_MATCHER = _compiled is not None
"""Whether each line's candidates are tried by the compiled loop (the same rules found, in less time)."""

DEFAULT_MAX_WORDS = 25
"""A line longer than this is prose, whatever keyword it contains."""

_CODE = re.compile(r"^[A-Z]{2,8}[0-9]{3}$")

MAX_VAGUE_KEYS = 3
"""A pattern whose matches may begin (end) with more single letters or digits than this, as ``^[A-Z]``
with 26, is filed by a literal its matches need instead, when it has one: most lines begin with a letter."""
RULE_KEYS = frozenset(
    {"code", "name", "category", "reason", "why", "structural", "patterns", "case_sensitive", "max_words"}
    | {"match", "no_match"}
)
"""What a [[rule]] table may set; anything else is a typo that would silently change nothing."""
FILE_DEFAULT_KEYS = frozenset({"category", "max_words"})
"""What a rule file may set above its rules, as every rule's default."""


class RuleError(ValueError):
    """A rule file that cannot be used: names the file and, where known, the line."""


class Pattern:
    """One of a rule's regular expressions, compiled the first time it is searched.

    Compiling the four hundred built-in patterns takes about 0.1 s, more than cleaning a small
    file, and a run searches only the patterns its lines call for. Once compiled, ``search`` is
    the compiled pattern's own method, so matching costs what it did. Compares, hashes and
    pickles by its source and flags (a worker process compiles what it uses).
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
    if raw.get("structural", False):
        return StructuralRule(code, name, category, reason, why, origin)
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


def parse_rules(source: str, origin: str, compile_now: bool = True) -> list[AnyRule]:
    """Parse one TOML rule file's text; ``origin`` names it in errors (tomllib's message gives the line).

    Every pattern is compiled now, so that a bad one is named at once, unless ``compile_now`` is
    False: then each is compiled when first searched (the built-in rules, whose every pattern the
    test suite compiles).
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


@cache
def _load_builtin_rules() -> tuple[AnyRule, ...]:
    """Read the built-in rule files once per process (rules are immutable values); patterns compile when used."""
    rules: list[AnyRule] = []
    package = resources.files(__name__)
    for entry in sorted(package.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            rules.extend(parse_rules(entry.read_text(encoding="utf-8"), f"built-in {entry.name}", compile_now=False))
    return tuple(rules)


def builtin_rules() -> list[AnyRule]:
    return list(_load_builtin_rules())


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
    """No line shorter than this can match (see ``line_lengths``)."""
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
class _Matcher:
    """The pattern rules of a RuleSet, filed so that a line tries only the patterns that could match it.

    Most lines of a page match no rule, and trying hundreds of patterns on each is
    what made rule matching slow. Each (rule, pattern) pair is filed by the first or
    last characters its matches can have (see :mod:`cleaner.rules.prefilter`), or, when
    those say little (any capital letter), by a literal every match holds; a line tries
    the pairs filed under its own edges, those filed under literals it holds, and those
    that could match anywhere, each list in rule order, and the earliest rule that
    matches wins, as if every rule had been tried in order. Within the lists too a pair
    is only tried on a line that holds the literal its matches need, when that is known.
    """

    rules: tuple[Rule, ...]
    heads: dict[str, Candidates]
    """Folded prefix -> pairs in rule order; see :func:`_edge_table`."""
    tails: dict[str, Candidates]
    """Folded suffix -> pairs in rule order; see :func:`_edge_table`."""
    by_literal: tuple[tuple[str, Candidates], ...]
    """(folded literal, the pairs that need it): pairs whose edges are too vague to file by."""
    anywhere: Candidates
    literal_pairs: Candidates
    """The pairs of ``by_literal``, each once, in rule order."""
    pairs: Candidates
    """Every pair, in rule order."""
    variants: str
    """What ``fold_case`` must map for the pairs' needed literals to be found (see ``case_variants``)."""

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> _Matcher:
        patterns = [(i, p, rule.max_words) for i, rule in enumerate(rules) for p in rule.patterns]
        analyses = [analyse(pattern) for _, pattern, _ in patterns]
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
            literal_pairs=listed(sorted({n for numbers in by_literal.values() for n in numbers})),
            pairs=pairs,
            variants=case_variants(literal for pair in pairs for literal in (pair.needs, *pair.needs_one_of)),
        )

    def first_numbers(self, lines: Sequence[str]) -> list[int]:
        """The number (in ``rules``) of each line's first matching rule, ``len(rules)`` when none matches; the
        lines folded, keyed and searched for literals all at once, and a line that repeats another matched once.

        The compiled loop (cleaner/rules/_match.pyx) keys, folds and tries each line in turn. The Python
        code it mirrors, the reference and the fallback, does everything but trying the candidate pairs
        for all lines together with C-level ``map`` calls, and looks for the literals in the folded lines
        joined.
        """
        texts = list(map(str.strip, lines))
        none = len(self.rules)
        if _compiled is not None:  # the same loop in C, lines folded on the way (cleaner/rules/_match.pyx)
            found, unfoldable = _compiled.first_numbers(
                texts, self.variants, fold_case, self.heads, self.tails, self.literal_pairs, self.anywhere, none,
                KEY_CHARS, SHORT_KEY_CHARS, _refolded_edge
            )  # fmt: skip
        elif len(set(texts)) < len(texts):  # a page repeats its menus and footers: each line is matched once
            distinct = list(dict.fromkeys(texts))
            return list(map(dict(zip(distinct, self.first_numbers(distinct), strict=True)).__getitem__, texts))
        else:
            whole, folded_lines, unfoldable = self._fold_lines(texts)
            holding = self._lines_holding_literals(whole, folded_lines)
            heads = _edge_lists(self.heads, folded_lines, texts, at_end=False)
            tails = _edge_lists(self.tails, folded_lines, texts, at_end=True)
            anywhere, first_index = self.anywhere, self._first_index
            found = [
                first_index((head, tail, anywhere, *holding.get(i, ())), text, line)
                if text and (head or tail or anywhere or i in holding)  # (a quarter of lines have no candidate)
                else none
                for i, (text, line, head, tail) in enumerate(zip(texts, folded_lines, heads, tails, strict=True))
            ]
        for i in unfoldable:  # a line that lower-casing changes in length (İ) tries every pair
            found[i] = self._unfoldable(texts[i])
        return found

    def _fold_lines(self, texts: list[str]) -> tuple[str, list[str], list[int]]:
        """The lines folded by ``fold_case`` joined by newlines, each of them, and the numbers of those it
        cannot fold (then "").

        Each line is lower-cased on its own: a page joined lower-cases slower, as a whole that holds one
        character beyond Latin-1 (a curly quote) takes the slow path for all its plain ASCII lines too.
        """
        folded = list(map(str.lower, texts))
        unfoldable = list(compress(count(), map(ne, map(len, folded), map(len, texts))))
        for i in unfoldable:
            folded[i] = ""
        whole = "\n".join(folded)
        if not whole.isascii() and any(map(contains, repeat(whole), self.variants)):
            folded = [fold_case(text, self.variants) or "" for text in texts]  # (ſ, ı: seldom seen)
            whole = "\n".join(folded)
        return whole, folded, unfoldable

    def _unfoldable(self, text: str) -> int:
        """The first matching rule of a line that cannot be folded (lower-casing changes its length): every pair
        is tried."""
        return self._first_index([self.pairs], text, None) if text else len(self.rules)

    def _lines_holding_literals(self, whole: str, folded_lines: list[str]) -> dict[int, list[Candidates]]:
        """Line number -> the ``by_literal`` lists whose literal the line holds.

        Each literal is looked for in ``whole``, the lines joined by newlines, one C-level scan, and only
        where it is found is the line told.
        """
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
        best found so far. ``folded`` is the line as :func:`fold_case` folds it, or None to try every
        pair's pattern. Words are counted only as far as a pair's limit, and only when the line may have
        more: after the search when the pattern is anchored (one position to try, seldom a match).
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
                    matched = pattern.search(text) is not None
                elif anchored:
                    matched = pattern.search(text) is not None and len(text.split(None, max_words)) <= max_words
                else:
                    matched = len(text.split(None, max_words)) <= max_words and pattern.search(text) is not None
                if matched:
                    found = rule
                    break
        return found


def _edge_lists(
    table: dict[str, Candidates], folded_lines: list[str], texts: list[str], at_end: bool
) -> list[Candidates]:
    """The pairs each line must try for its first (last, ``at_end``) characters, as ``_edge_table`` files them.

    A line's whole edge is looked up, else its SHORT_KEY_CHARS-long edge, else its one-character edge,
    all three for every line at once: ``table.get(edge, default)`` chained through the defaults.
    """

    def cut(size: int) -> Callable[[str], str]:
        part = slice(-size, None) if at_end else slice(size)
        return itemgetter(part)  # a C-level slicer: the edges of every line are cut in one map

    edges = list(map(cut(KEY_CHARS), folded_lines))
    plain = map(and_, map(str.isascii, edges), map(str.isprintable, edges))
    unusual = list(compress(count(), map(not_, plain)))  # (letters beyond ASCII, mostly: lower-casing folds them)
    if unusual and FOLD_CHANGES.search("".join(map(edges.__getitem__, unusual))):
        for i in unusual:  # digits beyond ASCII and white space fold too in the keys
            edges[i] = fold(cut(KEY_CHARS)(texts[i])) or ""
    ones = map(table.get, map(cut(1), edges), repeat(()))
    return list(map(table.get, edges, map(table.get, map(cut(SHORT_KEY_CHARS), edges), ones)))


def _refolded_edge(edge: str, text: str, at_end: bool) -> str:
    """The edge of a line as the keys are folded, from its lower-cased edge that is not plain ASCII (see
    ``_edge_lists``): the same unless it holds a character ``fold`` changes beyond lower-casing."""
    if FOLD_CHANGES.search(edge) is None:
        return edge
    return fold(text[-KEY_CHARS:] if at_end else text[:KEY_CHARS]) or ""


def _edge_table(filed: dict[str, list[int]], at_end: bool) -> dict[str, tuple[int, ...]]:
    """Edges -> the pairs a line with that edge must try, looked up in three steps at most.

    A line looks up its whole KEY_CHARS-long edge, else its SHORT_KEY_CHARS-long edge, else
    its one-character edge. So a key's entry also holds the pairs filed under every shorter
    key it begins with (ends with, ``at_end``), and each short edge's entry also holds the
    pairs filed under every key of middle length that begins with it: a line whose whole
    edge is not a key may still begin with one of those.
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


def _matches_any(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(s) for s in selectors)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules in force for a run, in the order they are tried."""

    rules: tuple[AnyRule, ...]
    _matcher: _Matcher = field(init=False, repr=False, compare=False)
    _by_code: dict[str, AnyRule] = field(init=False, repr=False, compare=False)
    """Each code's rule, for ``get``: a structural pass asks for a rule by code hundreds of times a page."""

    def __post_init__(self) -> None:
        pattern_rules = tuple(r for r in self.rules if isinstance(r, Rule))
        object.__setattr__(self, "_matcher", _Matcher.of(pattern_rules))
        object.__setattr__(self, "_by_code", _index_by_code(self.rules))

    def __getstate__(self) -> tuple[tuple[AnyRule, ...], _Matcher]:
        # The matcher travels with the rules: analysing every pattern again in each worker
        # process would cost more than the pickle saves.
        return self.rules, self._matcher

    def __setstate__(self, state: tuple[tuple[AnyRule, ...], _Matcher]) -> None:
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

    def compile_patterns(self) -> None:
        """Compile every pattern now rather than when a line first calls for it.

        A run compiles only the patterns its lines call for (about 0.1 s for all of them); a process
        that serves many documents may rather pay for all of them once, before the first.
        """
        for rule in self.pattern_rules:
            for pattern in rule.patterns:
                pattern.compiled()

    def enabled(self, code: str) -> bool:
        return code in self._by_code

    def get(self, code: str) -> AnyRule | None:
        return self._by_code.get(code)

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
    # The first rule of a code wins, as a scan in order would find it (built sets never repeat a code).
    return {rule.code: rule for rule in reversed(rules)}


@cache
def _default_rule_set() -> RuleSet:
    """The built-in rules as they ship: built (and their alternation compiled) once per process."""
    return RuleSet.build()
