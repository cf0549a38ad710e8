"""Rule patterns run in linear time (built-in ones in Python's re, written not to backtrack; a user's in RE2),
mean what Python's syntax says, and rule files are checked at load."""

from __future__ import annotations

import importlib
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from cleaner.rules import Pattern, Rule, RuleError, RuleSet, builtin_rules
from cleaner.rules.linear import PatternError, compile_pattern, translate
from cleaner.rules.schema import MAX_LINE_CHARS, parse_rules

from .conftest import assert_no_traceback, invoke

PATTERN_RULES = [rule for rule in builtin_rules() if isinstance(rule, Rule)]
WIDE = 5_000
"""How far a hostile line stretches while the slowest is looked for."""
LIMIT = 0.5
"""CPU seconds a search may take on a hostile line (a linear one takes well under a millisecond)."""
_PARSER: Any = importlib.import_module("re._parser")  # the pattern's own parse tree, to build lines that fit it
_CONST: Any = importlib.import_module("re._constants")
_REPEATS = (_CONST.MAX_REPEAT, _CONST.MIN_REPEAT, _CONST.POSSESSIVE_REPEAT)


def _sample(op: Any, arg: Any, choice: int, chars: set[str]) -> str:
    """A string the parsed item matches (its ``choice``-th branch at each alternation), noting in ``chars``
    characters its classes take."""
    c = _CONST
    if op is c.LITERAL:
        chars.add(chr(arg))
        return chr(arg)
    if op in (c.NOT_LITERAL, c.ANY):
        return "x"
    if op is c.IN:
        found = [_class_char(o, a) for o, a in arg if o is not c.NEGATE]
        chars.update(ch for ch in found if ch)
        return "x" if arg[0][0] is c.NEGATE else next((ch for ch in found if ch), "x")
    if op is c.BRANCH:
        branches = arg[1]
        return "".join(_sample(o, a, choice, chars) for o, a in branches[choice % len(branches)])
    if op is c.SUBPATTERN:
        return "".join(_sample(o, a, choice, chars) for o, a in arg[3])
    if op is c.ATOMIC_GROUP:
        return "".join(_sample(o, a, choice, chars) for o, a in arg)
    if op in _REPEATS:
        low, _, item = arg
        return "".join(_sample(o, a, choice, chars) for o, a in item) * max(low, 1)
    return ""


def _class_char(op: Any, arg: Any) -> str:
    c = _CONST
    if op is c.LITERAL:
        return chr(arg)
    if op is c.RANGE:
        return chr(arg[0])
    if op is c.CATEGORY:
        return {c.CATEGORY_DIGIT: "1", c.CATEGORY_SPACE: " ", c.CATEGORY_WORD: "a"}.get(arg, "")
    return ""


def hostile_lines(source: str, examples: Sequence[str]) -> Iterator[tuple[str, str, str]]:
    """Lines built to make a pattern backtrack: the start of a match (the pattern's own path through its
    items, each branch in turn, cut after every item, or an example's first words) and then one of its
    characters, its pieces or an example's words to be repeated, and an end (none, or a character that breaks
    the match off): see :func:`_stretched`."""
    items = list(_PARSER.parse(source))
    chars: set[str] = {" ", "1", "a", "."}
    starts: set[str] = {""}
    pumps: set[str] = {". ", ", ", "1 ", "a "}
    for choice in range(4):
        pieces = [_sample(op, arg, choice, chars) for op, arg in items]
        starts.update("".join(pieces[:cut]) for cut in range(len(pieces) + 1))
        pumps.update(piece for piece in pieces if piece)
    for example in examples[:3]:
        words = example.split(" ")
        starts.update(" ".join(words[:cut]) for cut in range(len(words) + 1))
        pumps.update(f"{word} " for word in words)
    pumps.update(chars)
    for start in sorted(starts):
        for pump in sorted(pumps):
            for end in ("", "\x00"):
                yield start, pump, end


def _stretched(line: tuple[str, str, str], wide: int) -> str:
    start, pump, end = line
    return start + pump * (wide // len(pump)) + end


class _TooSlow(Exception):
    pass


def _too_slow(signum: int, frame: object) -> None:
    raise _TooSlow


def _slowest(search: Callable[[str], object], lines: Iterable[tuple[str, str, str]]) -> tuple[str, str, str]:
    """The line ``search`` takes longest on; fails at once on a line it takes over LIMIT seconds of CPU time on
    (Python's ``re`` checks for signals as it backtracks). CPU time, as other work on the machine does not count."""
    slowest, worst = -1.0, ("", " ", "")
    previous = signal.signal(signal.SIGVTALRM, _too_slow)
    try:
        for line in lines:
            text = _stretched(line, WIDE)
            started = time.process_time()
            signal.setitimer(signal.ITIMER_VIRTUAL, LIMIT)
            try:
                search(text)
            except _TooSlow:
                pytest.fail(f"over {LIMIT} s on {line}")
            finally:
                signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            took = time.process_time() - started
            if took > slowest:
                slowest, worst = took, line
    finally:
        signal.signal(signal.SIGVTALRM, previous)
    return worst


def _best_of(search: Callable[[str], object], line: str, times: int = 3) -> float:
    took = []
    for _ in range(times):
        started = time.process_time()
        search(line)
        took.append(time.process_time() - started)
    return min(took)


@pytest.mark.parametrize("rule", PATTERN_RULES, ids=lambda rule: rule.code)
def test_every_built_in_rule_is_linear_on_lines_built_to_make_it_backtrack(rule: Rule) -> None:
    """The line a pattern is slowest on, stretched to 16 * WIDE (80,000) characters, takes under a second: a
    linear search a few hundredths of one, a quadratic one (6.4 billion steps) a minute, a cubic one days."""
    for pattern in rule.patterns:
        search = re.compile(pattern.pattern, pattern.flags).search
        worst = _slowest(search, hostile_lines(pattern.pattern, rule.must_match))
        assert _best_of(search, _stretched(worst, 16 * WIDE)) < 2 * LIMIT, (pattern.pattern, worst)


def test_the_reported_hostile_lines_are_cleaned_in_well_under_a_second(tmp_path: Path) -> None:
    for name, line in [("reading", "Reading time" + " " * 2000 + "x"), ("shares", "Shares" + " " * 80_000 + "x")]:
        path = tmp_path / f"{name}.txt"
        path.write_text(f"{line}\nThe council of Wrenmouth voted on Monday to turn the old pier into a library.\n")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "cleaner", str(path)], capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert time.perf_counter() - started < 5.0


def test_a_users_exponential_pattern_runs_in_linear_time() -> None:
    search = compile_pattern(r"^(a+)+[^a]{2}$", ignore_case=False)
    started = time.perf_counter()
    assert search("a" * 100_000 + "b") is False
    assert search("aaa" + "bc") is True
    assert time.perf_counter() - started < 0.5


def backtracking_form(source: str) -> str:
    """``source`` without its possessive repeats and atomic groups (``\\s*+`` read as ``\\s*``, ``(?>`` as ``(?:``):
    what the pattern means to an engine that tries every way, as RE2 does."""
    out: list[str] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif ch == "[":
            j = i + 1 + source.startswith("^", i + 1)
            j += source.startswith("]", j)
            while source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            out.append(source[i : j + 1])
            i = j + 1
        elif source.startswith("(?>", i):
            out.append("(?:")
            i += 3
        else:
            out.append(ch)
            i += 1 + (ch in "*+?}" and source.startswith("+", i + 1) and source[i - 1 : i + 1] != "(?")
    return "".join(out)


def test_backtracking_form_drops_only_possessive_and_atomic_marks() -> None:
    possessive = r"^a\s*+(?::\s*+)?[\w .+-]{1,30}+\d++(?>x|y)\+?+\++c?+$"
    assert backtracking_form(possessive) == r"^a\s*(?::\s*)?[\w .+-]{1,30}\d+(?:x|y)\+?\++c?$"


def test_built_in_patterns_answer_as_their_backtracking_form_and_re2_do() -> None:
    """A possessive repeat or atomic group in a built-in pattern is there for speed only: the pattern answers as its
    backtracking form does (which tries every way) on the example lines and on short hostile lines, and as RE2
    does on the example lines (on hostile ones RE2's ASCII-only \\b may differ)."""
    lines = sorted({line for rule in PATTERN_RULES for line in (*rule.must_match, *rule.must_not_match)})
    lines += ["Share\xa0this", "Teilen: ٣ mal", "Vous devez être connecté.", "© 2024 Acme", "©\u2003Reuters"]
    for rule in PATTERN_RULES:
        for pattern in rule.patterns:
            python = re.compile(pattern.pattern, pattern.flags).search
            backtracking = re.compile(backtracking_form(pattern.pattern), pattern.flags).search
            linear = compile_pattern(backtracking_form(pattern.pattern), bool(pattern.flags & re.IGNORECASE))
            for line in lines:
                expected = python(line) is not None
                assert linear(line) == expected == bool(pattern.search(line)), (rule.code, pattern.pattern, line)
            for line in (_stretched(line, 40) for line in hostile_lines(pattern.pattern, rule.must_match)):
                assert (python(line) is None) == (backtracking(line) is None), (rule.code, pattern.pattern, line)


def test_every_built_in_pattern_runs_in_re_and_a_users_in_re2() -> None:
    for rule in PATTERN_RULES:
        for pattern in rule.patterns:
            assert isinstance(getattr(pattern.compiled(), "__self__", None), re.Pattern), pattern.pattern
    assert not isinstance(getattr(Pattern("^share$").compiled(), "__self__", None), re.Pattern)


def test_cleaning_with_the_built_in_rules_never_loads_re2() -> None:
    code = "import sys, cleaner; cleaner.clean_text('Share this\\n' * 9); print('re2' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.parametrize(
    ("pattern", "line", "expected"),
    [
        (r"^share\s+this$", "share\xa0this", True),  # \s: Unicode white space, as in Python
        (r"^\d+ shares$", "٣ shares", True),  # \d: any decimal digit
        (r"^\w+$", "café", True),  # \w: letters beyond ASCII
        (r"^\W$", "é", False),
        (r"^a{,2}$", "aa", True),  # {,n} is {0,n}, not the literal text
        (r"^[\S]+$", "ab\u2003c", False),
        (r"^[x\S]$", "é", True),
        (r"^\u00e9$", "é", True),
        (r"^\N{LATIN SMALL LETTER E WITH ACUTE}$", "é", True),
        (r"^end\Z", "end", True),
    ],
)
def test_patterns_keep_pythons_meaning(pattern: str, line: str, expected: bool) -> None:
    assert compile_pattern(pattern, ignore_case=True)(line) is expected
    assert (re.search(pattern, line, re.IGNORECASE) is not None) is expected


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        (r"^(?=a)a", "look-ahead"),
        (r"(?<!a)b", "look-behind"),
        (r"(a)\1", "back-reference"),
        (r"a{4294967296}", "too large"),
        (r"a{2000}", "repetition"),
        (r"(a", "missing )"),
        (r"\bconnecté\b", "beside 'é'"),
        (r"[^\S ]", "negated class"),
    ],
)
def test_a_pattern_the_engine_cannot_take_is_refused(pattern: str, says: str) -> None:
    with pytest.raises(PatternError, match=re.escape(says)):
        compile_pattern(pattern, ignore_case=True)


def test_translate_leaves_plain_syntax_alone() -> None:
    assert translate(r"^(share|tweet) (this|it)[.!]?$") == r"^(share|tweet) (this|it)[.!]?$"


def test_a_line_longer_than_the_bound_is_never_tried_against_a_pattern() -> None:
    line = "Share this" + " " * MAX_LINE_CHARS
    assert RuleSet.default().first_match("Share this") is not None
    assert RuleSet.default().first_match("Share this " + "x" * MAX_LINE_CHARS) is None
    assert RuleSet.default().first_match(line) is not None  # stripped first: the bound is on the text itself


# --- rule files: every problem a usage error naming the file and the rule -----------------------------------------

RULE = """
[[rule]]
code = "HOUSE001"
category = "promo"
reason = "app download prompt"
{body}
"""


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("patterns = ['']", "'patterns' must be a non-empty list"),
        ("patterns = ['.?']", "matches any line"),
        ("patterns = ['a{4294967296}']", "too large"),
        ("patterns = ['^(?!x)download']", "look-ahead"),
        ("patterns = [1, 2]", "'patterns' must be a non-empty list"),
        ("patterns = ['^download']\nmax_words = '3'", "'max_words' must be a positive whole number"),
        ("patterns = ['^download']\nmax_words = true", "'max_words' must be a positive whole number"),
        ("patterns = ['^download']\ncase_sensitive = 'yes'", "'case_sensitive' must be true or false"),
        ("patterns = ['^download']\nmatch = 'Download our app'", "'match' must be a list of strings"),
        ("patterns = ['^download']\nname = 3", "'name' must be a string"),
        ("patterns = ['^download']\nmatch = ['Get our app']", "'match' example 'Get our app' is not removed"),
        ("patterns = ['^download']\nno_match = ['Download it']", "'no_match' example 'Download it' is removed"),
    ],
)
def test_a_bad_rule_is_a_rule_error_naming_the_file_and_the_rule(body: str, says: str) -> None:
    with pytest.raises(RuleError, match=re.escape(says)) as raised:
        parse_rules(RULE.format(body=body), "house.toml")
    assert str(raised.value).startswith("house.toml: rule HOUSE001: ")


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("rule = [1, 2]", "every rule must be a [[rule]] table"),
        ("rule = 3", "rules must be written as [[rule]] tables"),
        ("category = 3", "the default 'category' must be a string"),
        ("x = " + "[" * 100_000 + "]" * 100_000, "invalid TOML"),
    ],
)
def test_a_bad_rule_file_is_a_rule_error_naming_the_file(source: str, says: str) -> None:
    with pytest.raises(RuleError, match=re.escape(says)) as raised:
        parse_rules(source, "house.toml")
    assert str(raised.value).startswith("house.toml: ")


def test_a_bad_rule_file_is_a_usage_error_on_the_command_line(tmp_path: Path) -> None:
    rules = tmp_path / "house.toml"
    rules.write_text(RULE.format(body="patterns = ['^(a+)+$', '(?<=x)y']"))
    page = tmp_path / "page.txt"
    page.write_text("Hello there.\n")
    result = invoke("--rules", rules, page)
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert "house.toml: rule HOUSE001: pattern '(?<=x)y' cannot be used" in result.stderr
