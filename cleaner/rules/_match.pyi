"""Types of the compiled module cleaner/rules/_match.pyx (see its docstring)."""

from collections.abc import Callable
from typing import Any

def first_numbers(
    texts: list[str],
    variants: str,
    fold_case: Callable[[str, str], str | None],
    heads: dict[str, tuple[Any, ...]],
    tails: dict[str, tuple[Any, ...]],
    by_literal: tuple[Any, ...],
    anywhere: tuple[Any, ...],
    none: int,
    key_chars: int,
    short_key_chars: int,
    refolded: Callable[[str, str, bool], str],
) -> tuple[list[int], list[int]]: ...
