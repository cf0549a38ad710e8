"""The fitted line classifier text mode uses: two logistic models read from a plain JSON file.

Stage one scores each line from its own shape; stage two rescores it with
its neighbours' stage-one scores (jusText's order: context-free, then
context). Weights are fitted by ``python -m bench.train_text model`` and
shipped as ``cleaner/data/text_model.json``; scoring is pure Python.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from cleaner.text.context import CONTEXT_NAMES, context_logits
from cleaner.text.page_kind import PAGE_FEATURE_NAMES, page_features
from cleaner.text.shapes import FEATURE_NAMES, DocumentShapes, line_logits, shape_weights

MODEL_FILE = "data/text_model.json"
ARTICLE_ODDS = 0.5
"""A page the gate gives at least this probability of being one article is scored with the article model."""


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A logistic model: named inputs, one weight each, and a bias."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float

    @classmethod
    def from_dict(cls, raw: dict[str, Any], expected: Sequence[str]) -> LinearModel:
        names = tuple(raw["features"])
        if names != tuple(expected):
            raise ValueError(f"model features {names} do not match the code's {tuple(expected)}; retrain")
        return cls(names, tuple(float(w) for w in raw["weights"]), float(raw["bias"]))

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(self.names), "weights": list(self.weights), "bias": self.bias}

    def probability(self, vector: Sequence[float]) -> float:
        return self.probabilities([vector])[0]

    def probabilities(self, vectors: Iterable[Sequence[float]]) -> list[float]:
        """The probability of every whole vector (in ``names`` order)."""
        bias, weights, mul = self.bias, self.weights, operator.mul
        return sigmoids([bias + sum(map(mul, weights, vector)) for vector in vectors])


def sigmoids(logits: Iterable[float]) -> list[float]:
    """The logistic function of every logit (0 for very negative ones, where exp would overflow)."""
    exp = math.exp
    return [0.0 if z < -30.0 else 1.0 / (1.0 + exp(-z)) for z in logits]


@dataclass(frozen=True, slots=True)
class TextModel:
    """Both stages and the score a line must reach to be kept."""

    line: LinearModel
    context: LinearModel
    keep_threshold: float
    """Stage-two probability above which a line adds to the article region."""
    region_floor: float
    """Inside the region, a line scoring below this is removed all the same."""
    outside_keep: float
    """Outside the region, a line scoring at least this is kept all the same (the region is a prior, not a cut:
    a forum's posts, a listing's cards and an article's opening lie outside the one best stretch)."""
    gate: LinearModel | None = None
    """The probability that a page is one article (:mod:`cleaner.text.page_kind`); None: every page is scored alike."""
    article: TextModel | None = None
    """The model a page the gate reads as an article (at least even odds) is scored with."""

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> TextModel:
        return cls(
            LinearModel.from_dict(raw["line"], FEATURE_NAMES),
            LinearModel.from_dict(raw["context"], CONTEXT_NAMES),
            float(raw["keep_threshold"]),
            float(raw["region_floor"]),
            float(raw["outside_keep"]),
            LinearModel.from_dict(raw["gate"], PAGE_FEATURE_NAMES) if "gate" in raw else None,
            TextModel.from_dict(raw["article"]) if "article" in raw else None,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "line": self.line.to_dict(),
            "context": self.context.to_dict(),
            "keep_threshold": self.keep_threshold,
            "region_floor": self.region_floor,
            "outside_keep": self.outside_keep,
        }
        if self.gate is not None and self.article is not None:
            out.update(gate=self.gate.to_dict(), article=self.article.to_dict())
        return out

    @property
    def firm(self) -> bool:
        """Whether this is the article model (an article's comment thread is cut whatever its entries score)."""
        return self.gate is None and self.article is None and self.outside_keep > self.keep_threshold

    def for_document(self, doc: DocumentShapes) -> TextModel:
        """The model ``doc`` is scored with: the article model when the gate reads the page as one article, else
        this one (without the gate: the structural pass's later rounds keep the first round's choice)."""
        if self.gate is None or self.article is None:
            return self
        if doc.words and self.gate.probability(page_features(doc)) >= ARTICLE_ODDS:
            return self.article
        return replace(self, gate=None, article=None)

    def shape_weights(self) -> tuple[tuple[float, ...], ...]:
        """The shape weights of every line model a page may be scored with: this one's and the article model's."""
        own = shape_weights(dict(zip(self.line.names, self.line.weights, strict=True)))
        return (own,) if self.article is None else (own, *self.article.shape_weights())

    def line_scores(self, doc: DocumentShapes) -> list[float]:
        """Stage one: every line's probability from its own facts and what its document adds."""
        weights = dict(zip(self.line.names, self.line.weights, strict=True))
        return sigmoids(line_logits(doc, weights, self.line.bias))

    def scores(self, doc: DocumentShapes) -> tuple[list[float], list[float]]:
        """Stage-one (own shape) and stage-two (with context) article probabilities of every line."""
        logits = line_logits(doc, dict(zip(self.line.names, self.line.weights, strict=True)), self.line.bias)
        own = sigmoids(logits)
        if not own:
            return own, []
        weights = dict(zip(self.context.names, self.context.weights, strict=True))
        with_context = sigmoids(context_logits(own, logits, doc, weights, self.context.bias))
        return own, with_context


@lru_cache(maxsize=1)
def shipped_model() -> TextModel:
    """The model shipped with the package (read once, never changed)."""
    raw = resources.files("cleaner").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return TextModel.from_dict(json.loads(raw))
