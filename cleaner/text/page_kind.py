"""Whether a flattened page reads as one article (news, a blog post) or as a page of another kind.

A forum thread, a listing, a product or a service page spreads its content over the page in short
lines and many stretches; an article is one long run of prose. The guess is a small logistic model of
a few figures of the whole page (:data:`PAGE_FEATURE_NAMES`), fitted by ``python -m bench.train_text
model`` on WCXB's page types and scrapinghub's news pages; text mode scores an article with a model fitted
on articles, where the best stretch of lines is a firm cut, and other pages with one fitted on every kind,
where it is a prior.
"""

from __future__ import annotations

import math

from cleaner.text.shapes import DocumentShapes

PAGE_FEATURE_NAMES: tuple[str, ...] = (
    "doc_prose",
    "sentence_lines",
    "short_lines",
    "log_lines",
    "log_mean_words",
    "menu_lines",
    "template_lines",
    "repeated_lines",
)
"""The share of words in sentence lines, of lines that are sentences, of lines of at most five words, the
page's length, its mean words per line, the share of lines in menu runs of four or more, of lines sharing a
template (comment headers, prices, dates) and of lines repeated on the page."""
LINES_CAP = 400
SHORT_LINE_MAX_WORDS = 5


def page_features(doc: DocumentShapes) -> list[float]:
    """The figures of PAGE_FEATURE_NAMES for one page (a page without lines has none)."""
    n = len(doc.words)
    if not n:
        return [0.0] * len(PAGE_FEATURE_NAMES)
    words = doc.words
    total = sum(words) or 1
    return [
        sum(w for w, s in zip(words, doc.sentence, strict=True) if s) / total,
        sum(doc.sentence) / n,
        sum(1 for w in words if w <= SHORT_LINE_MAX_WORDS) / n,
        math.log1p(min(n, LINES_CAP)),
        math.log1p(total / n),
        sum(1 for r in doc.menu_runs if r >= 4) / n,
        sum(1 for t in doc.templates if t) / n,
        sum(1 for t in doc.texts if doc.text_counts[t] > 1) / n,
    ]
