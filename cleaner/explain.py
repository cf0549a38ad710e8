"""The terminal edge: Rich rendering of a Result with its removals marked.

Untrusted document text is escaped for Rich (no markup injection) and stripped
of control characters before it reaches the terminal.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cleaner.model import Result
from cleaner.rules import AnyRule, Rule

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Text with control characters (escape sequences, bidi overrides) made inert."""
    return _UNSAFE.sub("\ufffd", text)


def explain(result: Result, console: Console) -> None:
    """Print the document with removed blocks dimmed, struck and tagged, then a summary."""
    if result.source:
        console.print(Text(f"── {safe(result.source)} ──", style="bold"))
    previous_para = False
    for decision in result.decisions:
        block = decision.block
        if block.para_start and previous_para:
            console.print()
        previous_para = True
        line = Text()
        line.append(f"{block.line:>5} ", style="dim cyan")
        if decision.removal is None:
            line.append(safe(block.text))
        else:
            line.append(f"[{decision.removal.rule}] ", style="bold red")
            line.append(safe(block.text), style="dim strike")
            line.append(f"  ({safe(decision.removal.reason)})", style="italic yellow")
        console.print(line, soft_wrap=False)
    console.print()
    console.print(summary_table(result))


def summary_table(result: Result) -> Table:
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
        table.add_row(category, ", ".join(sorted(codes)), str(count))
    stats = result.stats()
    table.caption = f"kept {stats['kept']} of {stats['blocks']} blocks"
    return table


def rules_table(rules: tuple[AnyRule, ...]) -> Table:
    table = Table(title="Boilerplate rules")
    table.add_column("code", style="bold")
    table.add_column("name")
    table.add_column("category")
    table.add_column("reason")
    table.add_column("kind")
    for rule in rules:
        kind = "pattern" if isinstance(rule, Rule) else "structural"
        table.add_row(rule.code, rule.name, rule.category, safe(rule.reason), kind)
    return table
