"""Where the compiled modules were not built, text mode cleans every document exactly as where they were.

The compiled modules (cleaner/**/*.pyx) are optional: without a C compiler the install skips them and
the pure-Python code they mirror runs instead. Here that fallback is forced on a built install, and the
whole result (every decision, its reason, the metadata) must come out the same.
"""

from __future__ import annotations

import pytest

from bench.data import available, pages
from cleaner import Options, Result, clean_text, features, language, structure, textmodel
from cleaner import model as values
from tests.conftest import SEEDS

OPTIONS = Options(input_format="text")


def _set_compiled_modules_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text mode with every compiled module set aside, as on an install without a C compiler."""
    monkeypatch.setattr(features, "_compiled", None)
    monkeypatch.setattr(language, "_compiled", None)
    monkeypatch.setattr(textmodel, "_compiled_scores", None)
    monkeypatch.setattr(structure, "_compiled", None)
    monkeypatch.setattr(values, "_compiled", None)


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    if available():  # whole pages flattened to text: menus, teasers and footers, what the model scores
        corpus = pages()[:30]
        texts += [page.page_text() for page in corpus] + [page.container_text() for page in corpus]
    return texts


def _outcome(result: Result) -> tuple[object, ...]:
    removed = tuple((d.block.line, d.removal.rule, d.removal.reason) for d in result.decisions if d.removal)
    return result.text, removed, result.metadata


def test_the_pure_python_fallback_cleans_every_document_as_the_compiled_modules_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = _texts()
    compiled = [_outcome(clean_text(text, OPTIONS)) for text in texts]
    _set_compiled_modules_aside(monkeypatch)
    fallback = [_outcome(clean_text(text, OPTIONS)) for text in texts]
    assert fallback == compiled


def test_the_compiled_modules_were_built_here() -> None:
    assert features.COMPILED_LINE_FACTS and textmodel.COMPILED_SCORES
    assert structure.COMPILED_STRUCTURE
    assert values._compiled is not None
