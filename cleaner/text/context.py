"""What a line's neighbours say about it: the context features of text mode's second stage.

Each line's own-shape score (stage one, :mod:`cleaner.text.shapes`) is read again beside its
neighbours' scores, the run of short lines it sits in and its distance from the best region.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, compress, repeat

from cleaner.text.shapes import DocumentShapes, added_up

CONTEXT_NAMES: tuple[str, ...] = (
    "line_logit",
    "previous_score",
    "next_score",
    "mean_score_2",
    "mean_score_5",
    "mean_score_15",
    "log_short_run",
    "short_run_ge_4",
    "in_region",
    "before_region",
    "log_region_distance",
    "log_previous_words",
    "log_next_words",
    "best_score",
    "prose_share",
    "log_lines",
    "doc_prose",
    "short_share",
    "region_share",
    "mean_score",
    "doc_prose_x_short_run",
    "doc_prose_x_outside",
    "doc_prose_x_line_logit",
    "short_share_x_line_logit",
    "short_share_x_outside",
    "region_share_x_outside",
    "mean_score_x_outside",
)
"""Per line: its own logit, its neighbours' scores near and far, the menu run it sits in, where it lies
from the best region of its own-shape scores, its neighbours' sizes. Per page (one value for all its
lines): how sure its best line is, its share of prose, its length, its share of short lines, how much of
it the best region holds, its mean score. The products let a page's kind (much prose or a page of short
lines; one article or content spread over the page) change what a line's own shape and the region say:
on a listing, a forum or a product page the region is a weaker prior than on a news article."""
SHORT_LINE_MAX_WORDS = 5
"""short_share counts the lines of at most this many words (menu entries, cards' titles, prices)."""
LINES_CAP = 400
"""Page length counts up to this many lines; the dev pages are no longer, so longer ones are not extrapolated."""
NEAR_WINDOW, SCORE_WINDOW, FAR_WINDOW = 2, 5, 15
"""mean_score_N is the mean score of N lines on each side of a line."""


def window_means(scores: Sequence[float], radius: int) -> list[float]:
    """Mean score of the ``radius`` lines on each side of every line, the line itself excluded."""
    n = len(scores)
    prefix = [0.0, *accumulate(scores)]

    def clipped(i: int) -> float:  # a line near either end has fewer neighbours
        a, b = (i - radius if i > radius else 0), (i + radius + 1 if i + radius + 1 < n else n)
        return (prefix[b] - prefix[a] - scores[i]) / (b - a - 1) if b - a > 1 else 0.0

    inner_end = n - radius - 1  # lines radius..inner_end-1 have all 2 * radius neighbours
    if radius < 1 or inner_end <= radius:
        return [clipped(i) for i in range(n)]
    width = 2 * radius
    inner = [
        (b - a - s) / width
        for a, b, s in zip(prefix[: inner_end - radius], prefix[width + 1 :], scores[radius:inner_end], strict=False)
    ]
    return [*map(clipped, range(radius)), *inner, *map(clipped, range(inner_end, n))]


def best_region(gains: Sequence[float]) -> tuple[int, int]:
    """The contiguous lines whose gains add up to the most (Kadane); (0, -1) for no lines."""
    best = float("-inf")
    start = best_start = 0
    best_end = -1
    running = 0.0
    for i, gain in enumerate(gains):
        if running <= 0.0:
            running, start = gain, i
        else:
            running += gain
        if running > best:
            best, best_start, best_end = running, start, i
    return best_start, best_end


def region_gains(scores: Sequence[float], tokens: Sequence[int]) -> list[float]:
    """What keeping each line adds to a region: its confidence above even odds, weighted by its size."""
    log1p = math.log1p
    return [(s - 0.5) * log1p(t) for s, t in zip(scores, tokens, strict=True)]


Column = list[float] | float
"""A context feature over all lines of a document: one value per line, or one value for them all."""


LOGIT_LIMIT = math.log((1 - 1e-6) / 1e-6)
"""A line's own logit is read as if its score were kept within 1e-6 of 0 and 1: no line's shape is that sure."""


def clamped_logits(logits: Iterable[float]) -> list[float]:
    """Every logit within ±LOGIT_LIMIT."""
    low, high = -LOGIT_LIMIT, LOGIT_LIMIT
    return [low if z < low else (high if z > high else z) for z in logits]


def _score_columns(scores: Sequence[float], line_logit: list[float]) -> dict[str, list[float]]:
    """The context features read from the own-shape scores (and clamped logits) of each line and of the lines
    around it."""
    n = len(scores)
    return {
        "line_logit": line_logit,
        "previous_score": [0.0, *scores[: n - 1]],
        "next_score": [*scores[1:], 0.0],
        "mean_score_2": window_means(scores, NEAR_WINDOW),
        "mean_score_5": window_means(scores, SCORE_WINDOW),
        "mean_score_15": window_means(scores, FAR_WINDOW),
    }


def _whole_context(scores: Sequence[float], doc: DocumentShapes, region: tuple[int, int]) -> dict[str, float]:
    """The context features of the whole document: one value for all its lines."""
    tokens = doc.words
    total = sum(tokens) or 1
    start, end = region
    return {
        "best_score": max(scores),
        "prose_share": sum(compress(tokens, map(operator.lt, repeat(0.5), scores))) / total,
        "log_lines": math.log1p(min(len(scores), LINES_CAP)),
        "doc_prose": sum(compress(tokens, doc.sentence)) / total,
        "short_share": sum(1 for w in tokens if w <= SHORT_LINE_MAX_WORDS) / len(tokens),
        "region_share": sum(tokens[start : end + 1]) / total,
        "mean_score": sum(scores) / len(scores),
    }


_OUTSIDE_PRODUCTS = {"doc_prose_x_outside": "doc_prose", "short_share_x_outside": "short_share"}
_OUTSIDE_PRODUCTS.update(region_share_x_outside="region_share", mean_score_x_outside="mean_score")
"""The products of a page's figure with a line's lying outside the region: (product, page figure)."""


def context_columns(scores: Sequence[float], doc: DocumentShapes) -> dict[str, Column]:
    """Every context feature (CONTEXT_NAMES) from every line's own score and its neighbours', column by column.

    A feature of the whole document (its best score, its share of prose) is a single number."""
    n = len(scores)
    region = start, end = best_region(region_gains(scores, doc.words))
    whole = _whole_context(scores, doc, region)
    clamped = clamped_logits(
        math.log(c / (1 - c)) for c in (1e-6 if s < 1e-6 else (1 - 1e-6 if s > 1 - 1e-6 else s) for s in scores)
    )
    columns: dict[str, Column] = {**_score_columns(scores, clamped), **whole}
    log1p = math.log1p
    runs = doc.menu_runs
    log_words = [log1p(w) for w in doc.words]
    inside = [1.0 if start <= i <= end else 0.0 for i in range(n)]
    columns.update(
        log_short_run=[log1p(r) for r in runs],
        short_run_ge_4=[1.0 if r >= 4 else 0.0 for r in runs],
        in_region=inside,
        before_region=[1.0 if i < start else 0.0 for i in range(n)],
        log_region_distance=[log1p(start - i if i < start else (i - end if i > end else 0)) for i in range(n)],
        log_previous_words=[0.0, *log_words[: n - 1]],
        log_next_words=[*log_words[1:], 0.0],
        doc_prose_x_short_run=[whole["doc_prose"] * log1p(r) for r in runs],
        doc_prose_x_line_logit=[whole["doc_prose"] * z for z in clamped],
        short_share_x_line_logit=[whole["short_share"] * z for z in clamped],
    )
    for product, figure in _OUTSIDE_PRODUCTS.items():
        columns[product] = [whole[figure] * (1.0 - flag) for flag in inside]
    return columns


def context_logits(
    scores: Sequence[float], own_logits: Iterable[float], doc: DocumentShapes, weights: Mapping[str, float], bias: float
) -> list[float]:
    """The logit of every line under a linear model of the context features with ``weights`` (by
    CONTEXT_NAMES) and ``bias``: the same sum as over :func:`context_vectors` (to rounding). ``own_logits``
    are the logits of ``scores`` (the line model's, before the logistic function).

    Features of the whole document go into the bias, and the products with a page figure into the weights
    of the features they multiply. The sum is built column by column (each column one C-level pass); a
    line's menu run and its place beside the region take few values, so their terms are worked out once
    per value.
    """
    n = len(scores)
    if not n:
        return []
    region = start, end = best_region(region_gains(scores, doc.words))
    whole = _whole_context(scores, doc, region)
    bias += added_up(weights[name] * value for name, value in whole.items())
    folded = {
        "line_logit": weights["doc_prose_x_line_logit"] * whole["doc_prose"]
        + weights["short_share_x_line_logit"] * whole["short_share"]
    }
    logits = [bias] * n
    for name, column in _score_columns(scores, clamped_logits(own_logits)).items():
        logits = _plus_scaled(logits, weights[name] + folded.get(name, 0.0), column)
    log1p = math.log1p
    log_words = [log1p(w) for w in doc.words]
    logits = _plus_scaled(logits, weights["log_previous_words"], [0.0, *log_words[: n - 1]])
    logits = _plus_scaled(logits, weights["log_next_words"], [*log_words[1:], 0.0])
    log_run = weights["log_short_run"] + weights["doc_prose_x_short_run"] * whole["doc_prose"]
    run_ge_4 = weights["short_run_ge_4"]
    runs = doc.menu_runs
    by_run = {r: log_run * log1p(r) + (run_ge_4 if r >= 4 else 0.0) for r in set(runs)}
    logits = list(map(operator.add, logits, map(by_run.__getitem__, runs)))
    outside = added_up(weights[product] * whole[figure] for product, figure in _OUTSIDE_PRODUCTS.items())
    before, inside, distance = outside + weights["before_region"], weights["in_region"], weights["log_region_distance"]
    placed = [
        *(before + distance * log1p(start - i) for i in range(start)),
        *repeat(inside, max(0, end - start + 1)),
        *(outside + distance * log1p(i - end) for i in range(max(start, end + 1), n)),
    ]
    return list(map(operator.add, logits, placed))


def _plus_scaled(total: list[float], weight: float, column: Iterable[float]) -> list[float]:
    """``total`` plus ``weight`` times ``column``, element by element."""
    return list(map(operator.add, total, map(operator.mul, column, repeat(weight))))


def context_vectors(scores: Sequence[float], doc: DocumentShapes) -> list[tuple[float, ...]]:
    """Every line's context vector, in CONTEXT_NAMES order (what the context model is fitted on)."""
    n = len(scores)
    if not n:
        return []
    columns = context_columns(scores, doc)
    return list(
        zip(*(c if isinstance(c, list) else [c] * n for c in map(columns.__getitem__, CONTEXT_NAMES)), strict=True)
    )
