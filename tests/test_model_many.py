"""model.many makes exactly the values the dataclass would, compiled (cleaner/_values.pyx) or not."""

from __future__ import annotations

import gc
import sys

import pytest

from cleaner import model
from cleaner.model import Block, Decision, Removal, many

compiled = pytest.importorskip("cleaner._values", reason="the compiled value maker was not built here")


def _python_many(monkeypatch: pytest.MonkeyPatch, cls: type, *columns: object) -> list[object]:
    monkeypatch.setattr(model, "_compiled", None)
    try:
        return many(cls, *columns)  # type: ignore[arg-type]
    finally:
        monkeypatch.undo()


def test_compiled_blocks_and_decisions_equal_those_the_dataclasses_make(monkeypatch: pytest.MonkeyPatch) -> None:
    texts, lines, kinds, starts = ["a", "b", "a"], [1, 3, 4], ("p", "h1", "li"), (True, False, True)
    blocks = many(Block, texts, lines, kinds, starts)  # a tuple column is taken as well as a list
    assert blocks == [Block(*row) for row in zip(texts, lines, kinds, starts, strict=True)]
    assert blocks == _python_many(monkeypatch, Block, texts, lines, kinds, starts)
    assert all(type(block) is Block for block in blocks)
    removals = [None, Removal("DUP001", "duplicate", "repeats line 1"), None]
    decisions = many(Decision, blocks, removals)
    assert decisions == [Decision(block, removal) for block, removal in zip(blocks, removals, strict=True)]
    assert [d.kept for d in decisions] == [True, False, True]
    assert hash(decisions[0]) == hash(Decision(blocks[0], None))
    with pytest.raises(AttributeError):
        decisions[0].removal = None  # type: ignore[misc]  # still frozen


def test_compiled_values_hold_their_fields_without_leaking_references() -> None:
    marker = object()
    before = sys.getrefcount(marker)
    decisions = many(Decision, [marker] * 1000, [None] * 1000)  # type: ignore[list-item]
    assert sys.getrefcount(marker) == before + 1000
    del decisions
    gc.collect()
    assert sys.getrefcount(marker) == before


def test_no_columns_rows_make_no_values() -> None:
    assert many(Decision, [], []) == []
    with pytest.raises(ValueError, match="different lengths"):
        many(Decision, [Block("a", 1)], [])
