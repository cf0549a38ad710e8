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
    scores = list(scores)
    n = len(scores)
    prefix = [0.0, *accumulate(scores)]
    return [_window_mean(prefix, scores, i, radius, n) for i in range(n)]


def _window_mean(prefix: list[float], scores: Sequence[float], i: int, radius: int, n: int) -> float:
    """Mean score of the ``radius`` lines on each side of line ``i`` (``prefix``: the running sums of ``scores``
    from 0.0); a line near either end has fewer neighbours."""
    a, b = (i - radius if i > radius else 0), (i + radius + 1 if i + radius + 1 < n else n)
    if b - a <= 1:
        return 0.0
    above, below, own = prefix[b], prefix[a], scores[i]
    return (above - below - own) / (b - a - 1)


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


_SCORE_NAMES = ("line_logit", "previous_score", "next_score", "mean_score_2", "mean_score_5", "mean_score_15")
"""The context features read from the own-shape scores, in CONTEXT_NAMES order (see :func:`_score_columns`)."""


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
    scores: list[float], own_logits: list[float], doc: DocumentShapes, weights: Mapping[str, float], bias: float
) -> list[float]:
    """The logit of every line under a linear model of the context features with ``weights`` (by
    CONTEXT_NAMES) and ``bias``: the same sum as over :func:`context_vectors` (to rounding). ``own_logits``
    are the logits of ``scores`` (the line model's, before the logistic function).

    Features of the whole document go into the bias, and the products with a page figure into the weights
    of the features they multiply. Each line's sum is added up in one step of one loop, its terms in
    CONTEXT_NAMES order: no column of the features is built, so a long text's memory does not grow by one.
    """
    n = len(scores)
    if not n:
        return []
    start, end = best_region(region_gains(scores, doc.words))
    whole = _whole_context(scores, doc, (start, end))
    bias += added_up(weights[name] * value for name, value in whole.items())
    folded = {
        "line_logit": weights["doc_prose_x_line_logit"] * whole["doc_prose"]
        + weights["short_share_x_line_logit"] * whole["short_share"]
    }
    score_weights = [weights[name] + folded.get(name, 0.0) for name in _SCORE_NAMES]
    log_run = weights["log_short_run"] + weights["doc_prose_x_short_run"] * whole["doc_prose"]
    outside = added_up(weights[product] * whole[figure] for product, figure in _OUTSIDE_PRODUCTS.items())
    placed = (outside + weights["before_region"], weights["in_region"], outside, weights["log_region_distance"])
    return _context_sums(
        scores,
        own_logits,
        doc.words,
        doc.menu_runs,
        (start, end),
        bias,
        score_weights,
        (weights["log_previous_words"], weights["log_next_words"], log_run, weights["short_run_ge_4"]),
        placed,
    )


def _context_sums(
    scores: list[float],
    own_logits: list[float],
    words: list[int],
    runs: list[int],
    region: tuple[int, int],
    bias: float,
    score_weights: list[float],
    size_weights: tuple[float, float, float, float],
    placed: tuple[float, float, float, float],
) -> list[float]:
    """Each line's context logit, its terms added in CONTEXT_NAMES order (see :func:`context_logits`):
    ``score_weights`` those of _SCORE_NAMES, ``size_weights`` those of the neighbours' sizes, the menu run's
    log and its reaching 4, ``placed`` the terms before, inside and after the region and the distance's weight."""
    n = len(scores)
    start, end = region
    w_line, w_previous, w_next, w_near, w_score, w_far = score_weights
    w_previous_words, w_next_words, log_run, run_ge_4 = size_weights
    before, inside, outside, distance = placed
    low, high = -LOGIT_LIMIT, LOGIT_LIMIT
    prefix = [0.0, *accumulate(scores)]
    log1p = math.log1p
    by_run = {run: log_run * log1p(run) + (run_ge_4 if run >= 4 else 0.0) for run in set(runs)}
    logits: list[float] = []
    for i in range(n):
        z = own_logits[i]
        previous, following = (scores[i - 1] if i else 0.0), (scores[i + 1] if i + 1 < n else 0.0)
        previous_words = log1p(words[i - 1]) if i else 0.0
        next_words = log1p(words[i + 1]) if i + 1 < n else 0.0
        run_term = by_run[runs[i]]
        total = bias + (low if z < low else (high if z > high else z)) * w_line
        total = total + previous * w_previous
        total = total + following * w_next
        total = total + _window_mean(prefix, scores, i, NEAR_WINDOW, n) * w_near
        total = total + _window_mean(prefix, scores, i, SCORE_WINDOW, n) * w_score
        total = total + _window_mean(prefix, scores, i, FAR_WINDOW, n) * w_far
        total = total + previous_words * w_previous_words
        total = total + next_words * w_next_words
        total = total + run_term
        if i < start:
            away = log1p(start - i)
            total = total + (before + distance * away)
        elif i <= end:
            total = total + inside
        else:
            away = log1p(i - end)
            total = total + (outside + distance * away)
        logits.append(total)
    return logits


def context_vectors(scores: Sequence[float], doc: DocumentShapes) -> list[tuple[float, ...]]:
    """Every line's context vector, in CONTEXT_NAMES order (what the context model is fitted on)."""
    n = len(scores)
    if not n:
        return []
    columns = context_columns(scores, doc)
    return list(
        zip(*(c if isinstance(c, list) else [c] * n for c in map(columns.__getitem__, CONTEXT_NAMES)), strict=True)
    )
