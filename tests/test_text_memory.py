"""Text mode's memory grows by a bounded amount per line: a long text of short distinct lines (the case
where nothing repeats, so nothing is shared) must not hold a shape vector, a word list or a column of
feature floats for every line."""

from __future__ import annotations

import random
import tracemalloc

from cleaner.classify import classify_blocks
from cleaner.options import Options
from cleaner.rules import RuleSet
from cleaner.text import extract_text
from cleaner.text.lines import split_lines
from cleaner.text.shapes import LineMemo, document_shapes

LINES = 20_000
PEAK_BYTES_PER_LINE = 600
"""What cleaning a line may hold at the peak, its Block and Decision included (about 550 bytes on CPython
3.11 at the time of writing; a memo that kept each line's words and facts as objects took about 1,010)."""


def _short_distinct_lines(n: int) -> str:
    rng = random.Random(1)
    return "".join(f"line {i} {rng.random():.6f}\n" for i in range(n))


def test_cleaning_many_short_distinct_lines_holds_a_bounded_amount_per_line() -> None:
    text = _short_distinct_lines(LINES)
    options = Options(input_format="text")
    extract_text("warm up\nthe caches\n", options)
    tracemalloc.start()
    try:
        extraction = extract_text(text, options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(extraction.decisions) == LINES
    assert peak / LINES < PEAK_BYTES_PER_LINE, f"{peak / LINES:.0f} bytes a line at the peak"


def test_a_memo_told_the_models_weights_gives_the_same_vectors_and_scores_as_one_that_is_not() -> None:
    from cleaner.text.model import shipped_model

    model = shipped_model()
    decisions = classify_blocks(split_lines(_short_distinct_lines(50) + "Home\nNews\n" * 3), RuleSet.default())
    lean = document_shapes(decisions, LineMemo(weights=model.shape_weights()))
    full = document_shapes(decisions)
    assert set(lean.memo.shape_logits) == set(model.shape_weights())  # worked out as the lines were met
    assert not full.memo.shape_logits  # worked out from the lines' shapes again when a model scores them
    assert lean.vectors() == full.vectors()
    assert model.scores(lean) == model.scores(full)
    assert model.article is not None
    assert model.article.scores(lean) == model.article.scores(full)
