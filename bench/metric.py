"""The public article-extraction metric (ScrapingHub benchmark), as defined in
../shared/bench/README.md: 4-token shingles, per-document normalised counts,
precision/recall averaged over documents, F1 of the averages, and accuracy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if len(toks) < SHINGLE:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1))


@dataclass(frozen=True)
class DocScore:
    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """This document's own F1 (for finding weak pages; the benchmark's F1 is of the averages)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_document(truth: str, predicted: str) -> DocScore:
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    exact = tokens(truth) == tokens(predicted)
    if total == 0:
        return DocScore(0.0, 0.0, 0.0, exact)
    return DocScore(tp / total, fp / total, fn / total, exact)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    accuracy: float
    documents: int


def aggregate(scores: Iterable[DocScore]) -> Score:
    docs = list(scores)
    precisions = [s.precision for s in docs if s.tp + s.fp > 0]
    recalls = [s.recall for s in docs if s.tp + s.fn > 0]
    p = sum(x or 0.0 for x in precisions) / max(1, len(precisions))
    r = sum(x or 0.0 for x in recalls) / max(1, len(recalls))
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    accuracy = sum(s.exact for s in docs) / max(1, len(docs))
    return Score(p, r, f1, accuracy, len(docs))


def evaluate(pairs: Iterable[tuple[str, str]]) -> Score:
    """Score (truth, predicted) pairs."""
    return aggregate(score_document(t, p) for t, p in pairs)


def word_f1(truth: str, predicted: str) -> tuple[float, float, float]:
    """WCXB's page score (its ``evaluate.py``): precision, recall and F1 over the bags of lower-cased ``\\w+``
    tokens. An empty answer with an empty output scores 1; one of the two empty scores 0."""
    t = Counter(_TOKEN.findall(truth.lower()))
    p = Counter(_TOKEN.findall(predicted.lower()))
    if not t and not p:
        return 1.0, 1.0, 1.0
    if not t or not p:
        return 0.0, 0.0, 0.0
    common = sum((t & p).values())
    precision, recall = common / sum(p.values()), common / sum(t.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1
