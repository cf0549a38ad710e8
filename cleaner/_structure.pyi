"""Types of the compiled module cleaner/_structure.pyx (see its docstring)."""

from collections.abc import Mapping
from typing import Any

def widget_runs(own: list[float], menu_runs: list[int], min_lines: int, max_score: float) -> list[bool]: ...
def article_region(
    scores: list[float], words: list[int], threshold: float, widgets: list[bool], tail_max_words: int
) -> tuple[int, int]: ...
def comment_thread(
    templates: list[str],
    words: list[int],
    sentence: list[bool],
    start: int,
    end: int,
    max_gap: int,
    min_entries: int,
    min_article_words: int,
) -> tuple[int, int, int, str] | None: ...
def judged_lines(
    decisions: list[Any],
    scores: list[float],
    own: list[float],
    sentence: list[bool],
    words: list[int],
    start: int,
    end: int,
    floor: float,
    prose_min_words: int,
    prose_own_score: float,
) -> list[int]: ...
def removals(
    lines: list[int],
    scores: list[float],
    menu_runs: list[int],
    widgets: list[bool],
    words: list[int],
    sentence: list[bool],
    region: tuple[int, int],
    thread_lines: tuple[int, int],
    fixed_keys: tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]],
    limits: tuple[int, int, int, int],
    made: Mapping[tuple[Any, ...], Any],
) -> list[Any]: ...
def kept_lines(decisions: list[Any], at_most: int) -> list[int]: ...
def put_at(values: list[Any], lines: list[int], items: list[Any]) -> None: ...
