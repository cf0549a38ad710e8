"""Types of the compiled module cleaner/rules/_match.pyx (see its docstring)."""

from collections.abc import Callable
from typing import Any

def first_numbers(
    texts: list[str],
    folded_lines: list[str],
    heads: dict[str, tuple[Any, ...]],
    tails: dict[str, tuple[Any, ...]],
    by_literal: tuple[Any, ...],
    anywhere: tuple[Any, ...],
    none: int,
    key_chars: int,
    short_key_chars: int,
    refolded: Callable[[str, str, bool], str],
) -> list[int]: ...
