"""The compiled line model (cleaner/_textscores.pyx) scores every line as TextModel.scores_in_python does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import textmodel
from cleaner.classify import classify_blocks
from cleaner.features import DocumentShapes, LineMemo, document_shapes
from cleaner.rules import RuleSet
from cleaner.textblocks import split_lines
from cleaner.textmodel import shipped_model

pytest.importorskip("cleaner._textscores", reason="the compiled line model was not built here")

LINES = [
    "Harbour library plan approved | Wrenmouth Gazette",
    "Home",
    "News",
    "Sport",
    "By Jane Doe",
    "Updated: 18 Nov 2019, 19:11",
    "",
    "The council of Wrenmouth voted seven to two on Monday evening to convert the disused ferry terminal.",
    "The terminal has stood empty since the crossing moved to the southern harbour in 2014, the council said.",
    "Le conseil municipal a voté lundi soir la transformation de l'ancienne gare maritime en bibliothèque.",
    "Der Stadtrat hat am Montag beschlossen, das alte Fährterminal in eine Bibliothek umzubauen.",
    "1) Share on Facebook",
    "Read more…",
    "Contact: news@example.com · www.example.com",
    "© 2026 Wrenmouth Gazette. All rights reserved.",
    "Sign up for our newsletter",
]


def _shapes(text: str, memo: LineMemo | None = None) -> DocumentShapes:
    return document_shapes(classify_blocks(split_lines(text), RuleSet.default()), memo)


def _same(compiled: list[float], python: list[float]) -> bool:
    return compiled == python  # to the last bit: both add in the same order (features.added_up)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=60))
def test_compiled_scores_equal_the_python_ones(lines: list[str]) -> None:
    doc = _shapes("\n".join(lines))
    model = shipped_model()
    own, with_context = model.scores(doc)
    own_python, with_context_python = model.scores_in_python(doc)
    assert _same(own, own_python)
    assert _same(with_context, with_context_python)


def test_both_paths_share_a_memo_of_shape_logits() -> None:
    memo = LineMemo()
    text = "\n".join(LINES * 3)
    model = shipped_model()
    first = model.scores(_shapes(text, memo))
    assert len(memo.shape_logits) == 1
    assert _same(model.scores_in_python(_shapes(text, memo))[1], first[1])


def test_text_mode_scores_with_the_compiled_model_where_it_was_built() -> None:
    assert textmodel.COMPILED_SCORES
    assert shipped_model().scores(document_shapes([])) == ([], [])
