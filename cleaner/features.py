"""What a line of flattened page text says about itself: computed once per line, in one pass.

Each line becomes a short vector of numbers (its *shape*): how long it is,
whether it is made of sentences, how much of it is stop words in the
document's language, capitals, digits, link and handle shapes, and how much
it looks like the page title. Nothing here looks at neighbours; that is the
job of :mod:`cleaner.structure`. Names, not indices, are the contract: the
model file lists the feature names it was fitted on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import NamedTuple

from cleaner.language import detect_language_counts, stopwords
from cleaner.model import Decision

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？؟](?:[\"'”’»)\]]*)(?:\s|$)")
_CLOSERS = "\"'”’»)]*» "
_SENTENCE_MARKS = ".!?…。！？؟"
_SEPARATOR = re.compile(r"[|»›•·/]")
_ELLIPSES = ("...", "…", "...]", "…]")
DATE_MAX_WORDS = 15
# A year, or a clock time, or day.month. numbers: the shape of dates in any language.
# Every alternative opens on a word edge and a digit; checking that once first makes lines without one fail fast.
_DATE_SHAPE = re.compile(r"\b(?=\d)(?:(?:19|20)\d\d\b|\d{1,2}[:.h]\d\d\b|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b)")
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[a-z])[.)]\s")
_DIGITS = re.compile(r"\d+")
TEMPLATE_MAX_WORDS = 8
_LINK = re.compile(r"https?:|www\.|\.com\b")
"""Most lines hold none of its three literals, so a substring test goes first."""

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "words_le_2",
    "words_le_5",
    "words_le_10",
    "words_le_20",
    "words_gt_40",
    "ends_sentence",
    "log_sentences",
    "commas_per_word",
    "stopword_share",
    "stopwords_ge_3",
    "capitalised_share",
    "numeric_share",
    "link_shape",
    "handle_or_tag",
    "separators",
    "ends_colon",
    "title_overlap",
    "repeated",
    "position",
    "pattern_removed",
    "para_start",
    "no_language",
    "log_template_repeats",
    "ends_ellipsis",
    "has_date",
    "numbered_item",
)


@dataclass(frozen=True, slots=True)
class DocumentShapes:
    """Every line's vector and shape, plus what was learnt about the whole document."""

    vectors: list[list[float]]
    words: list[int]
    """Each line's word count."""
    sentence: list[bool]
    """Whether each line reads as a sentence: it ends like one or carries several sentence marks."""
    templates: list[str]
    """The shape a short line shares with other lines (comment headers, dates, share rows); "" if none."""
    language: str | None


def _template(text: str, words: Sequence[str]) -> str:
    """The shape a short line shares with its kind: its closing word ("… says", "… am"), or with
    digits blanked when it ends in a number; empty for one-word and longer lines."""
    if len(words) < 2 or len(words) > TEMPLATE_MAX_WORDS:
        return ""
    last = words[-1]
    if not last.isdigit():
        return "…" + last
    return _DIGITS.sub("0", text.lower())


class LineFacts(NamedTuple):
    """What a line says about itself alone, whatever document it is in: computed once per text.

    An immutable named tuple rather than a frozen dataclass: one is made per distinct line of
    every page, and a tuple is built in half the time.
    """

    words: list[str]
    """Its lower-cased words."""
    head: list[float]
    """Its features before the stop-word share, in FEATURE_NAMES order."""
    middle: list[float]
    """Its features between the stop-word flag and the title overlap."""
    tail: list[float]
    """Its features after the template repeats."""
    sentence: bool
    template: str
    """The shape it may share with other lines (see :func:`_template`); "" for a sentence."""


def line_facts(text: str) -> LineFacts:
    """The document-independent features of one line."""
    words = _WORD.findall(text.lower())
    nw = len(words)
    inv = 1.0 / nw if nw else 0.0
    stripped = text.rstrip(_CLOSERS)
    ends = bool(stripped) and stripped[-1] in _SENTENCE_MARKS
    sentences = len(_SENTENCE_END.findall(text)) if nw > 3 else int(ends)
    log1p = math.log1p
    head = [
        log1p(len(text)),
        log1p(nw),
        1.0 if nw <= 2 else 0.0,
        1.0 if nw <= 5 else 0.0,
        1.0 if nw <= 10 else 0.0,
        1.0 if nw <= 20 else 0.0,
        1.0 if nw > 40 else 0.0,
        1.0 if ends else 0.0,
        log1p(sentences),
        (text.count(",") + text.count("،") + text.count("，")) * inv,
    ]
    middle = [
        sum(map(str.istitle, text.split())) * inv,
        sum(map(str.isdigit, words)) * inv,
        1.0 if ("http" in text or "www." in text or ".com" in text) and _LINK.search(text) else 0.0,
        1.0 if "@" in text or "#" in text else 0.0,
        float(len(_SEPARATOR.findall(text))),
        1.0 if text.endswith(":") else 0.0,
    ]
    tail = [
        1.0 if text.endswith(_ELLIPSES) else 0.0,
        0.0 if nw > DATE_MAX_WORDS or _DATE_SHAPE.search(text) is None else 1.0,
        0.0 if _NUMBERED.match(text) is None else 1.0,
    ]
    template = "" if ends else _template(text, words)
    return LineFacts(words, head, middle, tail, ends or sentences >= 2, template)


def document_shapes(decisions: Sequence[Decision], known: dict[str, LineFacts] | None = None) -> DocumentShapes:
    """Vectors (in FEATURE_NAMES order) for every line of one document, after the pattern rules.

    ``known`` carries the facts of lines already seen (a page repeats its menus; the structural
    pass revisits its kept lines); it is filled in as lines are met.
    """
    known = {} if known is None else known
    texts = [d.block.text for d in decisions]
    facts: list[LineFacts] = []
    for text in texts:
        fact = known.get(text)
        if fact is None:
            fact = known[text] = line_facts(text)
        facts.append(fact)
    counts: Counter[str] = Counter(chain.from_iterable(f.words for f in facts))
    language = detect_language_counts(counts)
    is_stop = stopwords(language).__contains__
    no_language = 0.0 if language else 1.0
    in_title = set(facts[0].words).__contains__ if facts else set().__contains__
    repeats = Counter(texts)
    templates = [f.template for f in facts]
    template_counts = Counter(templates)
    template_counts.pop("", None)
    template_repeats = {t: math.log1p(count - 1) for t, count in template_counts.items()}
    template_repeats[""] = 0.0
    last = max(1, len(texts) - 1)
    vectors: list[list[float]] = []
    append = vectors.append
    for i, (text, fact, decision) in enumerate(zip(texts, facts, decisions, strict=True)):
        words = fact.words
        if words:
            inv = 1.0 / len(words)
            stop = sum(map(is_stop, words))
            title_overlap = sum(map(in_title, words)) * inv if i else 0.0
        else:
            stop, inv, title_overlap = 0, 0.0, 0.0
        append(
            [
                *fact.head,
                stop * inv,
                1.0 if stop >= 3 else 0.0,
                *fact.middle,
                title_overlap,
                1.0 if repeats[text] > 1 else 0.0,
                i / last,
                0.0 if decision.removal is None else 1.0,
                1.0 if decision.block.para_start else 0.0,
                no_language,
                template_repeats[fact.template],
                *fact.tail,
            ]
        )
    shared = [t if t and template_counts[t] > 1 else "" for t in templates]
    return DocumentShapes(vectors, [len(f.words) for f in facts], [f.sentence for f in facts], shared, language)


# -- context: what a line's neighbours say about it ---------------------------------------------

CONTEXT_NAMES: tuple[str, ...] = (
    "line_logit",
    "previous_score",
    "next_score",
    "mean_score_2",
    "mean_score_5",
    "mean_score_10",
    "log_short_run",
    "short_run_ge_4",
    "in_region",
    "log_region_distance",
    "best_score",
    "prose_both_sides",
    "prose_share",
    "log_lines",
    "doc_prose",
    "doc_prose_x_short_run",
    "doc_prose_x_outside",
    "doc_prose_x_line_logit",
    "templated_neighbours",
)
MENU_LINE_MAX_WORDS = 8
"""A line this short that is no sentence can be a menu entry."""
LINES_CAP = 400
"""Page length counts up to this many lines; the dev pages are no longer, so longer ones are not extrapolated."""
SIDE_WINDOW = 10
"""How far (in lines) to look on each side for prose that encloses a line."""


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


def side_means(scores: Sequence[float], window: int) -> tuple[list[float], list[float]]:
    """Mean score of the ``window`` lines before, and of the ``window`` lines after, every line (0 when none)."""
    n = len(scores)
    prefix = [0.0, *accumulate(scores)]
    first = min(window, n)
    before = [prefix[i] / i if i else 0.0 for i in range(first)]
    before += [(b - a) / window for a, b in zip(prefix, prefix[window:n], strict=False)]
    full = max(n - window, 0)  # lines with a whole window after them
    after = [(b - a) / window for a, b in zip(prefix[1 : full + 1], prefix[1 + window :], strict=False)]
    after += [(prefix[n] - prefix[i + 1]) / (n - 1 - i) if i < n - 1 else 0.0 for i in range(full, n)]
    return before, after


def run_lengths(flags: Sequence[bool]) -> list[int]:
    """For every line, the length of the run of consecutive flagged lines it belongs to (0 if unflagged)."""
    n = len(flags)
    runs = [0] * n
    i = 0
    while i < n:
        if flags[i]:
            j = i
            while j < n and flags[j]:
                j += 1
            runs[i:j] = [j - i] * (j - i)
            i = j
        else:
            i += 1
    return runs


def short_runs(doc: DocumentShapes) -> list[int]:
    """For every line, the length of the run of short non-sentence lines it belongs to (0 if none)."""
    return run_lengths([w <= MENU_LINE_MAX_WORDS and not s for w, s in zip(doc.words, doc.sentence, strict=True)])


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


def context_vectors(scores: Sequence[float], doc: DocumentShapes) -> list[tuple[float, ...]]:
    """Vectors (in CONTEXT_NAMES order) from every line's own score and its neighbours'.

    Built column by column (each a list over all lines), then read row by row: one pass of
    C-level list building per feature instead of Python arithmetic per line and feature."""
    n = len(scores)
    tokens = doc.words
    if not n:
        return []
    runs = short_runs(doc)
    start, end = best_region(region_gains(scores, tokens))
    total = sum(tokens) or 1
    prose = sum(t for s, t in zip(scores, tokens, strict=True) if s > 0.5) / total
    before, after = side_means(scores, SIDE_WINDOW)
    doc_prose = sum(t for t, sentence in zip(tokens, doc.sentence, strict=True) if sentence) / total
    log, log1p = math.log, math.log1p
    logits = [log(c / (1 - c)) for c in (1e-6 if s < 1e-6 else (1 - 1e-6 if s > 1 - 1e-6 else s) for s in scores)]
    log_runs = [log1p(r) for r in runs]
    inside = [1.0 if start <= i <= end else 0.0 for i in range(n)]
    columns: list[Sequence[float]] = [
        logits,
        [0.0, *scores[: n - 1]],
        [*scores[1:], 0.0],
        window_means(scores, 2),
        window_means(scores, 5),
        window_means(scores, 10),
        log_runs,
        [1.0 if r >= 4 else 0.0 for r in runs],
        inside,
        [log1p(start - i if i < start else (i - end if i > end else 0)) for i in range(n)],
        [max(scores)] * n,
        [b if b < a else a for b, a in zip(before, after, strict=True)],
        [prose] * n,
        [math.log1p(min(n, LINES_CAP))] * n,
        [doc_prose] * n,
        [doc_prose * r for r in log_runs],
        [0.0 if flag else doc_prose for flag in inside],
        [doc_prose * z for z in logits],
        window_means([1.0 if t else 0.0 for t in doc.templates], 2),
    ]
    return list(zip(*columns, strict=True))
