"""Renderers format a Result; the terminal keeps untrusted text inert."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import orjson
import pytest
from rich.console import Console

from cleaner import clean_text
from cleaner.model import Block, Decision, Metadata, Origin, Removal, Result
from cleaner.outputs import json as json_output
from cleaner.outputs import render
from cleaner.outputs.json import to_dict
from cleaner.outputs.terminal import explain, rules_table, safe
from cleaner.rules import RuleSet

from .conftest import ARTICLE, DOCUMENT

HOSTILE = "Click [bold red]here[/bold red] \x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \u202egnp.exe"
RULE = Removal("NEWS001", "newsletter", "newsletter sign-up prompt")


def _result(*decisions: Decision, source: str | None = "page.txt") -> Result:
    return Result(tuple(decisions), Metadata(title="A title", author="Ada"), "text", source)


def _terminal(no_color: bool = False) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=200, no_color=no_color, highlight=False)
    return console, buffer


def test_text_ends_with_one_newline_and_empty_stays_empty() -> None:
    kept = _result(Decision(Block("One.", 1)), Decision(Block("Two.", 2, para_start=False)))
    assert render(kept, "text") == "One.\nTwo.\n"
    assert render(_result(Decision(Block("Gone", 1), RULE)), "text") == ""


def test_json_carries_removals_with_rule_reason_text_and_line() -> None:
    result = _result(Decision(Block("Sign up", 3), RULE), Decision(Block("Story.", 5)))
    data = json.loads(render(result, "json"))
    assert data["title"] == "A title"
    assert data["text"] == "Story."
    assert data["metadata"]["author"] == "Ada"
    assert "title" not in data["metadata"]
    assert data["removed"] == [
        {
            "rule": "NEWS001",
            "category": "newsletter",
            "reason": "newsletter sign-up prompt",
            "text": "Sign up",
            "line": 3,
        }
    ]
    assert data["stats"]["removed_by_category"] == {"newsletter": 1}


def test_jsonl_is_one_line_equal_to_the_json() -> None:
    result = clean_text(DOCUMENT)
    line = render(result, "jsonl")
    assert line.count("\n") == 1 and line.endswith("\n")
    assert json.loads(line) == json.loads(render(result, "json")) == to_dict(result)


def test_json_is_compact_unless_pretty() -> None:
    result = clean_text(DOCUMENT)
    assert render(result, "json") == render(result, "jsonl")
    pretty = render(result, "json", pretty=True)
    assert pretty.startswith('{\n  "source": ') and pretty.endswith("}\n")
    assert json.loads(pretty) == to_dict(result)
    assert render(result, "text", pretty=True) == render(result, "text")


def test_json_encodes_its_removed_lines_a_slice_at_a_time_as_the_whole_dict_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(json_output, "REMOVED_PER_SLICE", 2)
    origin = Origin("https://example.org/a", "<urn:uuid:1>", "2024-01-01")
    for removed in (0, 1, 2, 5):
        decisions = [Decision(Block(f"Gone \"{i}\" ⟨é⟩", i + 1), RULE) for i in range(removed)]
        decisions.insert(1, Decision(Block("Story.", 9)))
        decisions.append(Decision(Block("", 10, kind="figure")))
        for result in (_result(*decisions), replace(_result(*decisions, source=None), origin=origin)):
            assert render(result, "json") == orjson.dumps(to_dict(result), option=orjson.OPT_APPEND_NEWLINE).decode()


def test_text_and_counts_follow_the_kept_lines_and_their_paragraphs() -> None:
    result = _result(
        Decision(Block("Gone", 1), RULE),
        Decision(Block("One.", 2, para_start=True)),
        Decision(Block("", 3, kind="figure")),
        Decision(Block("Two.", 4, para_start=False)),
        Decision(Block("Three.", 6, para_start=True)),
        Decision(Block("Also gone", 7), Removal("NAV001", "navigation", "menu")),
    )
    assert result.text == "One.\nTwo.\n\nThree."
    assert [b.line for b in result.kept] == [2, 3, 4, 6]
    assert [d.block.line for d in result.removed] == [1, 7]
    assert result.stats() == {
        "blocks": 6,
        "kept": 4,
        "removed": 2,
        "chars_in": 4 + 4 + 4 + 6 + 9,
        "chars_out": 14,
        "removed_by_category": {"navigation": 1, "newsletter": 1},
    }
    assert _result().text == "" and _result().stats()["removed_by_category"] == {}


def test_json_keeps_non_ascii_readable() -> None:
    result = _result(Decision(Block("Élève – “ok”", 1)))
    assert "Élève – “ok”" in render(result, "json")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(_result(), "yaml")


def test_safe_makes_escape_sequences_and_bidi_overrides_inert() -> None:
    assert safe("a\x1b[31mb\x07c\u202ed\x9bx") == "a\ufffd[31mb\ufffdc\ufffdd\ufffdx"
    assert safe("tab\tand text") == "tab\tand text"
    assert safe("plain [bold] text") == "plain [bold] text"


def test_explain_on_a_terminal_shows_markup_literally_and_escapes_inert() -> None:
    console, buffer = _terminal()
    explain(_result(Decision(Block(HOSTILE, 1)), Decision(Block(HOSTILE, 2), RULE)), console)
    out = buffer.getvalue()
    assert out.count("[bold red]here[/bold red]") == 2
    assert "\x1b[31mRED" not in out and "\x1b]0;" not in out and "\u202e" not in out and "\x07" not in out
    assert "\ufffd[31mRED" in out
    assert "[NEWS001]" in out
    assert "\x1b[" in out  # Rich's own styling is there: dimmed, struck, tagged


def test_explain_strikes_and_dims_removed_lines_only() -> None:
    console, buffer = _terminal()
    explain(_result(Decision(Block("Kept line", 1)), Decision(Block("Removed line", 2), RULE)), console)
    out = buffer.getvalue()
    kept_line = next(line for line in out.splitlines() if "Kept line" in line)
    removed_line = next(line for line in out.splitlines() if "Removed line" in line)
    assert "\x1b[2;9m" in removed_line  # dim + strike
    assert "\x1b[9m" not in kept_line and "\x1b[2;9m" not in kept_line


def test_explain_honours_no_color() -> None:
    console, buffer = _terminal(no_color=True)
    explain(_result(Decision(Block("Removed line", 2), RULE)), console)
    out = buffer.getvalue()
    assert "[NEWS001]" in out
    assert not any(f"\x1b[{c}m" in out or f";{c}m" in out for c in range(30, 38))


def test_explain_summarises_removals_by_category() -> None:
    console, buffer = _terminal()
    result = _result(
        Decision(Block("a", 1), RULE),
        Decision(Block("b", 2), RULE),
        Decision(Block("c", 3), Removal("DUP001", "duplicate", "repeat")),
        Decision(Block("d", 4)),
    )
    explain(result, console)
    out = buffer.getvalue()
    table = out.split("Removed, by category")[1]
    rows = [line for line in table.splitlines() if "newsletter" in line or "duplicate" in line]
    assert len(rows) == 2
    assert "NEWS001" in rows[1] and rows[1].rstrip("│ \x1b[0m").endswith("2")
    assert "kept 1 of 4 blocks" in out


def test_explain_says_when_nothing_was_removed() -> None:
    buffer = io.StringIO()
    explain(clean_text(ARTICLE), Console(file=buffer, width=200))
    assert buffer.getvalue().splitlines()[-1] == "Nothing removed: kept all 2 blocks."


def test_explain_piped_has_no_ansi_and_no_hard_wraps() -> None:
    buffer = io.StringIO()
    long_line = "word " * 60
    explain(_result(Decision(Block(long_line.strip(), 1))), Console(file=buffer, soft_wrap=True))
    out = buffer.getvalue()
    assert "\x1b" not in out
    assert long_line.strip() in out


def test_rules_table_renders_user_text_literally() -> None:
    from cleaner.rules import parse_rules

    rules = parse_rules(
        '[[rule]]\ncode = "HOUSE001"\ncategory = "promo"\nreason = "[blink]x[/blink] \\u001b[31m"\npatterns = ["x"]\n',
        "house.toml",
    )
    console, buffer = _terminal()
    console.print(rules_table((*RuleSet.default().rules, *rules)))
    out = buffer.getvalue()
    assert "[blink]x[/blink]" in out
    assert "\ufffd[31m" in out
