"""Print a table of figures: Rich on a terminal, plain aligned text when piped (no ANSI in files)."""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """A table column: its heading, the row key it shows, and a number format (None: shown as is)."""

    heading: str
    key: str
    number: str | None = None

    def cell(self, row: dict[str, object]) -> str:
        value = row.get(self.key)
        if value is None:
            return "—"
        return format(value, self.number) if self.number and isinstance(value, int | float) else str(value)


def print_table(title: str, columns: list[Column], rows: list[dict[str, object]], grouped: bool = False) -> None:
    """Print ``rows`` under ``title``; ``grouped``: a gap wherever the first column's value changes."""
    cells = [[column.cell(row) for column in columns] for row in rows]
    if sys.stdout.isatty():
        _print_rich(title, columns, cells, grouped)
    else:
        _print_plain(title, columns, cells, grouped)


def _print_rich(title: str, columns: list[Column], cells: list[list[str]], grouped: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column.heading, justify="right" if column.number else "left", no_wrap=True)
    previous = None
    for row in cells:
        if grouped and previous is not None and row[0] != previous:
            table.add_section()
        previous = row[0]
        table.add_row(*(Text(cell) for cell in row), style="bold" if row[1].startswith("cleaner") else None)
    Console().print(table)


def _print_plain(title: str, columns: list[Column], cells: list[list[str]], grouped: bool) -> None:
    widths = [max([len(c.heading)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if c.number else v.ljust(w) for v, w, c in zip(values, widths, columns, strict=True)
        ).rstrip()

    print(title)
    print(line([c.heading for c in columns]))
    print(line(["-" * w for w in widths]))
    previous = None
    for row in cells:
        if grouped and previous is not None and row[0] != previous:
            print()
        previous = row[0]
        print(line(row))
