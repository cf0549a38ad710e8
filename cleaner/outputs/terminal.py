"""The terminal edge: --explain, --list-rules, the progress bar, and text made safe to show.

Untrusted text (document lines, file names, user rule texts) is never parsed as Rich markup, only passed
as :class:`rich.text.Text`, stripped of control characters first. Rich drops colour off a terminal or
with NO_COLOR.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

import click

from cleaner.model import Result
from cleaner.rules import AnyRule, Rule, RuleSet

if TYPE_CHECKING:  # rich is imported where a terminal is written to: a run to files or a pipe never needs it
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table
    from rich.text import Text

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe(text: str) -> str:
    """Text with control characters (escape sequences, bidi overrides) made inert as U+FFFD, and so the bytes
    of a file name that are not UTF-8 (decoded as lone surrogates)."""
    return _UNSAFE.sub("\ufffd", text)


def error_line(message: str) -> str:
    """One line on stderr per failure, inert on a terminal."""
    return "clean: error: " + safe(message.replace("\n", " "))


def emit(text: str) -> None:
    """Write document output to stdout; on a terminal, control characters are made inert first, and to a
    pipe or file the text goes as it is (``color=True``: click would strip some escape sequences, not all)."""
    if text and sys.stdout.isatty():
        text = "\n".join(safe(line) for line in text.split("\n"))
    click.echo(text, nl=False, color=True)


def stdout_console() -> Console:
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, soft_wrap=True)


def progress() -> Progress:
    """A progress bar on stderr that goes away when done."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("[bold]cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )


def plain(text: str, style: str = "") -> Text:
    """``text`` to print as it is, never parsed as markup (the caller has made it safe)."""
    from rich.text import Text

    return Text(text, style=style)


def _cell(text: str, style: str = "") -> Text:
    return plain(safe(text), style=style)


def explain(result: Result, console: Console) -> None:
    """Print the document with removed blocks dimmed, struck and tagged, then a summary by category."""
    if result.source:
        console.print(plain(f"── {safe(result.source)} ──", style="bold"))
    for index, decision in enumerate(result.decisions):
        block = decision.block
        if block.para_start and index:
            console.print()
        line = plain("")
        line.append(f"{block.line:>5} ", style="dim cyan")
        if decision.removal is None:
            line.append(safe(block.text))
        else:
            line.append(f"[{safe(decision.removal.rule)}] ", style="bold red")
            line.append(safe(block.text), style="dim strike")
            line.append(f"  ({safe(decision.removal.reason)})", style="italic yellow")
        console.print(line)
    console.print()
    if result.removed:
        console.print(summary_table(result))
    else:
        console.print(plain(f"Nothing removed: kept all {len(result.decisions)} blocks.", style="bold"))


def summary_table(result: Result) -> Table:
    """Removed lines counted by category, with the rules that removed them."""
    from rich.table import Table

    table = Table(title="Removed, by category", title_justify="left")
    table.add_column("category")
    table.add_column("rules")
    table.add_column("lines", justify="right")
    groups: dict[str, tuple[set[str], int]] = {}
    for d in result.removed:
        if d.removal is None:
            continue
        codes, count = groups.get(d.removal.category, (set(), 0))
        codes.add(d.removal.rule)
        groups[d.removal.category] = (codes, count + 1)
    for category, (codes, count) in sorted(groups.items()):
        table.add_row(_cell(category), _cell(", ".join(sorted(codes))), str(count))
    stats = result.stats()
    table.caption = f"kept {stats['kept']} of {stats['blocks']} blocks"
    return table


def _kind(rule: AnyRule) -> str:
    return "pattern" if isinstance(rule, Rule) else "structural"


def list_rules(rules: RuleSet) -> None:
    """The rules in force: a table on a terminal, else one tab-separated line each."""
    if sys.stdout.isatty():
        stdout_console().print(rules_table(rules.rules))
        return
    for rule in rules.rules:
        click.echo(f"{rule.code}\t{rule.category}\t{rule.name}\t{_kind(rule)}\t{rule.reason}")


def rules_table(rules: tuple[AnyRule, ...]) -> Table:
    """The rule registry as a table, for --list-rules on a terminal."""
    from rich.table import Table

    table = Table(title="Boilerplate rules")
    table.add_column("code")
    table.add_column("name")
    table.add_column("category")
    table.add_column("reason")
    table.add_column("kind")
    for rule in rules:
        table.add_row(_cell(rule.code, "bold"), _cell(rule.name), _cell(rule.category), _cell(rule.reason), _kind(rule))
    return table
