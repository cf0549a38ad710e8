"""Rule patterns run in linear time (RE2), mean what Python's syntax says, and rule files are checked at load."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.rules import Pattern, Rule, RuleError, RuleSet, builtin_rules, index
from cleaner.rules.linear import PatternError, compile_pattern, translate
from cleaner.rules.schema import BOUNDED_CHARS, MAX_LINE_CHARS, parse_rules

from .conftest import assert_no_traceback, invoke

PATTERN_RULES = [rule for rule in builtin_rules() if isinstance(rule, Rule)]
WIDE = 20_000
"""How far a hostile line stretches a rule's own examples: a backtracking engine takes minutes on some."""


def _hostile_lines(rule: Rule) -> list[str]:
    """Each of the rule's match examples stretched the ways that make ambiguous repeats backtrack."""
    lines = []
    for example in rule.must_match[:3]:
        words = example.split()
        lines.append(words[0] + " " * WIDE + "x")  # "Reading time" + spaces + "x": \s*:?\s* goes cubic
        lines.append((" " * WIDE).join(words) + "!")
        lines.append(example + "1" * WIDE + "x")  # digit runs: \d[\d.,]*\s*
        lines.append(example + ", a" * (WIDE // 3) + "!")
    return lines


@pytest.mark.parametrize("rule", PATTERN_RULES, ids=lambda rule: rule.code)
def test_every_built_in_rule_is_fast_on_hostile_lines(rule: Rule) -> None:
    lines = _hostile_lines(rule)
    started = time.perf_counter()
    for line in lines:
        for pattern in rule.patterns:
            pattern.search(line)
    assert time.perf_counter() - started < 0.5 * len(lines)  # linear: ~1 ms a line; backtracking: minutes


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


def test_built_in_patterns_answer_as_pythons_re_does_on_every_example_line() -> None:
    lines = sorted({line for rule in PATTERN_RULES for line in (*rule.must_match, *rule.must_not_match)})
    lines += ["Share\xa0this", "Teilen: ٣ mal", "Vous devez être connecté.", "© 2024 Acme", "©\u2003Reuters"]
    for rule in PATTERN_RULES:
        for pattern in rule.patterns:
            python = re.compile(pattern.pattern, pattern.flags)
            linear = compile_pattern(pattern.pattern, ignore_case=bool(pattern.flags & re.IGNORECASE))
            for line in lines:
                expected = python.search(line) is not None
                assert linear(line) == expected == bool(pattern.search(line)), (rule.code, pattern.pattern, line)


def test_a_built_in_pattern_runs_in_re_only_when_no_long_line_can_match_it() -> None:
    engines = {}
    for rule in PATTERN_RULES:
        for pattern in rule.patterns:
            longest = index.analysis(pattern.flags, pattern.pattern).lengths[1]
            in_re = isinstance(getattr(pattern.compiled(), "__self__", None), re.Pattern)
            assert in_re == (longest is not None and longest <= BOUNDED_CHARS), pattern.pattern
            engines[in_re] = engines.get(in_re, 0) + 1
    assert engines[True] > 100 and engines[False] > 100
    assert not isinstance(getattr(Pattern("^share$").compiled(), "__self__", None), re.Pattern)  # a user's: RE2


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
