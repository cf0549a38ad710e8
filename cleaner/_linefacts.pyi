"""Types of the compiled module cleaner/_linefacts.pyx (see its docstring)."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

_Facts = TypeVar("_Facts")

def many_line_facts(
    texts: list[str],
    facts_type: type[_Facts],
    template_of: Callable[[str, Sequence[str]], str],
    template_max_words: int,
) -> list[_Facts]: ...
def member_counts(
    facts: list[Any], stop_words: frozenset[str], title: frozenset[str] | set[str]
) -> tuple[list[int], list[int]]: ...
def vote_counts(
    word_lists: list[list[str]], in_sample: list[bool] | None, limit: int, voting: frozenset[str]
) -> dict[str, int]: ...
def language_votes(
    counts: Mapping[str, int], table: Mapping[str, tuple[tuple[str, float], ...]]
) -> dict[str, float]: ...
