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
import operator
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from itertools import chain, compress, groupby, islice, repeat
from operator import attrgetter
from typing import NamedTuple, cast

from cleaner._compiled import compiled_module
from cleaner.model import Decision
from cleaner.text.language import detect_language_counts, stopwords, voting_words

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
"""Kana and Han ideographs: scripts written without spaces between words."""
_WORD = re.compile(rf"(?=\w)[{_CJK}]|[^\W{_CJK}]+")
"""A word: a run of word characters (as \\w+ finds them), but each kana or Han character on its own. A
line of Chinese or Japanese has no spaces to count its words by; its characters stand in for them."""
_SENTENCE_END = re.compile(r"[.!?…؟](?:[\"'”’»)\]]*)(?:\s|$)|[。！？]")
"""A sentence ends at a mark followed (after closing quotes) by a space or the line's end; a full-width
mark (。！？) ends one by itself, as CJK text puts no space after it."""
_CLOSERS = "\"'”’»)]*» 」』）】"
_SENTENCE_MARKS = ".!?…。！？؟"
_SEPARATORS = ("|", "/", "»", "›", "•", "·")
"""Characters that divide a breadcrumb or a menu row; the last four are not ASCII."""
_ELLIPSES = ("...", "…", "...]", "…]")
_ASCII_WORDS_LOWER = (
    bytes(ord(chr(b).lower()) if chr(b).isalnum() or chr(b) == "_" else ord(" ") for b in range(128)) + b" " * 128
)
"""For bytes.translate: an ASCII line lower-cased, its non-word characters spaces, leaving its words to split()."""
_ASCII_NON_DIGITS = bytes(b for b in range(256) if not chr(b).isdigit() or b > 127)
"""For bytes.translate to delete: what is left of an ASCII line is its digits."""
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[a-z])[.)]\s")
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
TEMPLATE_MAX_WORDS = 8
LANGUAGE_SAMPLE_WORDS = 400
"""How many words of a document's sentences its language is told from."""
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
    "log_template_repeats",
    "ends_ellipsis",
    "numbered_item",
)


_DOCUMENT_FEATURES = frozenset(
    {
        "log_template_repeats",
        "para_start",
        "pattern_removed",
        "position",
        "repeated",
        "stopword_share",
        "stopwords_ge_3",
        "title_overlap",
    }
)
SHAPE_NAMES: tuple[str, ...] = tuple(name for name in FEATURE_NAMES if name not in _DOCUMENT_FEATURES)
"""The features a line has whatever document it is in (its *shape*), in FEATURE_NAMES order."""


@dataclass(frozen=True, slots=True)
class DocumentShapes:
    """Every line's own facts and what its document adds to them, plus what was learnt about the whole document."""

    facts: list[LineFacts]
    decisions: Sequence[Decision]
    """The pattern rules' decision on each line (a removed line, a paragraph start)."""
    texts: list[str]
    memo: LineMemo
    """What is known of each distinct line, shared by every pass over the same text."""
    words: list[int]
    """Each line's word count."""
    sentence: list[bool]
    """Whether each line reads as a sentence: it ends like one or carries several sentence marks."""
    templates: list[str]
    """The shape a short line shares with other lines (comment headers, dates, share rows); "" if none."""
    language: str | None
    menu_runs: list[int]
    """For every line, the length of the run of short non-sentence lines it belongs to (0 if none)."""
    stop_words: list[int]
    """Each line's count of stop words of the document's language."""
    title_words: list[int]
    """Each line's count of distinct words found in the first line (the page title); 0 for the first line itself."""
    text_counts: Counter[str]
    """How often each line's text occurs in the document."""
    template_repeats: dict[str, float]
    """log(1 + how many other lines share a line's template) by template; 0 for none."""

    def vectors(self) -> list[list[float]]:
        """Every line's whole vector, in FEATURE_NAMES order (what the line model is fitted on)."""
        if not self.facts:
            return []
        n = len(self.facts)
        last = max(1, n - 1)
        by_name: dict[str, Sequence[float]] = dict(
            zip(SHAPE_NAMES, zip(*(f.shape for f in self.facts), strict=True), strict=True)
        )
        inverses = [1.0 / w if w else 0.0 for w in self.words]
        by_name.update(
            stopword_share=[s * inv for s, inv in zip(self.stop_words, inverses, strict=True)],
            stopwords_ge_3=[1.0 if s >= 3 else 0.0 for s in self.stop_words],
            title_overlap=[t * inv for t, inv in zip(self.title_words, inverses, strict=True)],
            repeated=[1.0 if self.text_counts[text] > 1 else 0.0 for text in self.texts],
            position=[i / last for i in range(n)],
            pattern_removed=[0.0 if d.removal is None else 1.0 for d in self.decisions],
            para_start=[1.0 if d.block.para_start else 0.0 for d in self.decisions],
            log_template_repeats=[self.template_repeats[f.template] for f in self.facts],
        )
        return [list(row) for row in zip(*(by_name[name] for name in FEATURE_NAMES), strict=True)]


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
    shape: tuple[float, ...]
    """Its own features, in SHAPE_NAMES order."""
    sentence: bool
    template: str
    """The shape it may share with other lines (see :func:`_template`); "" for a sentence."""


_WORDS = attrgetter("words")
_SENTENCE = attrgetter("sentence")
_TEMPLATE = attrgetter("template")


def words_of(text: str) -> list[str]:
    """The lower-cased words (runs of word characters, as the regex ``\\w+`` finds them) of a line.

    An ASCII line is lower-cased and split on its non-word bytes in three C calls; a regex would
    pay per word found.
    """
    if text.isascii():
        return text.encode().translate(_ASCII_WORDS_LOWER).decode().split()
    return _WORD.findall(text.lower())


def line_facts(text: str) -> LineFacts:
    """The document-independent features of one line."""
    if text.isascii():  # most lines: only the ASCII comma, separators and digits can occur
        raw = text.encode()
        words = raw.translate(_ASCII_WORDS_LOWER).decode().split()  # as words_of, without asking isascii again
        commas = text.count(",")
        separators = text.count("|") + text.count("/")
        has_digit = bool(raw.translate(None, _ASCII_NON_DIGITS))  # one C call where a regex scan costs three
    else:
        words = _WORD.findall(text.lower())
        commas = text.count(",") + text.count("،") + text.count("，")
        separators = sum(map(text.count, _SEPARATORS))
        has_digit = _DIGIT.search(text) is not None  # four lines in five have none: skip what counts them
    nw = len(words)
    inv = 1.0 / nw if nw else 0.0
    stripped = text.rstrip(_CLOSERS)
    ends = bool(stripped) and stripped[-1] in _SENTENCE_MARKS
    sentences = len(_SENTENCE_END.findall(text)) if nw > 3 else int(ends)
    log1p = math.log1p
    shape = (
        log1p(len(text)),
        log1p(nw),
        1.0 if nw <= 2 else 0.0,
        1.0 if nw <= 5 else 0.0,
        1.0 if nw <= 10 else 0.0,
        1.0 if nw <= 20 else 0.0,
        1.0 if nw > 40 else 0.0,
        1.0 if ends else 0.0,
        log1p(sentences),
        commas * inv,
        sum(map(str.isdigit, words)) * inv if has_digit else 0.0,
        1.0 if ("http" in text or "www." in text or ".com" in text) and _LINK.search(text) else 0.0,
        1.0 if "@" in text or "#" in text else 0.0,
        float(separators),
        1.0 if text.endswith(":") else 0.0,
        1.0 if text.endswith(_ELLIPSES) else 0.0,
        0.0 if _NUMBERED.match(text) is None else 1.0,
    )
    template = "" if ends or not 2 <= nw <= TEMPLATE_MAX_WORDS else _template(text, words)
    # tuple.__new__ fills the named tuple without its Python-level __new__: one is made per distinct line.
    return tuple.__new__(LineFacts, (words, shape, ends or sentences >= 2, template))


def many_line_facts(texts: list[str]) -> list[LineFacts]:
    """:func:`line_facts` of every line in ``texts``: by the compiled twin of line_facts where it was built
    (cleaner/_linefacts.pyx), else by line_facts itself."""
    if _compiled is not None:
        return cast(list[LineFacts], _compiled.many_line_facts(texts, LineFacts, _template, TEMPLATE_MAX_WORDS))
    return list(map(line_facts, texts))


def member_counts(
    facts: list[LineFacts], stop_words: frozenset[str], title: frozenset[str] | set[str]
) -> tuple[list[int], list[int]]:
    """For each line's facts, how many of its words are stop words (repeats too) and how many distinct
    words of the page title it holds."""
    if _compiled is not None:
        return cast(tuple[list[int], list[int]], _compiled.member_counts(facts, stop_words, title))
    word_lists = list(map(_WORDS, facts))
    return [sum(map(stop_words.__contains__, w)) for w in word_lists], [len(title.intersection(w)) for w in word_lists]


_compiled = compiled_module("cleaner._linefacts")  # see cleaner/_compiled.py


@dataclass(frozen=True, slots=True)
class LineMemo:
    """What has been worked out about each distinct line of one text, kept for every pass over it.

    A page repeats its menus and footers, and the structural pass judges its kept lines again until
    nothing changes: a line's own facts and its shape's share of a line model's logit are worked out
    once per text, not once per line per pass (its stop words and title words are counted in every
    pass, as the page's title line and language may change).
    """

    facts: dict[str, LineFacts] = field(default_factory=dict)
    shape_logits: dict[tuple[float, ...], dict[str, float]] = field(default_factory=dict)
    """By the shape features' weights (SHAPE_NAMES order): each line's sum of its shape times them."""


def document_shapes(decisions: Sequence[Decision], memo: LineMemo | None = None) -> DocumentShapes:
    """Facts of every line of one document, after the pattern rules, and what the document adds to them.

    ``memo`` carries what is known of lines already seen (the structural pass revisits its kept
    lines); it is filled in as lines are met.
    """
    memo = LineMemo() if memo is None else memo
    texts = [d.block.text for d in decisions]
    text_counts = Counter(texts)
    by_text = memo.facts
    new = list(text_counts.keys() - by_text.keys())
    by_text.update(zip(new, many_line_facts(new), strict=True))
    facts = list(map(by_text.__getitem__, texts))
    word_lists = list(map(_WORDS, facts))
    sentence = list(map(_SENTENCE, facts))
    language = document_language(word_lists, sentence)
    distinct = list(text_counts)
    stops, titled = member_counts(
        list(map(by_text.__getitem__, distinct)), stopwords(language), set(facts[0].words) if facts else set()
    )
    stop_words = list(map(dict(zip(distinct, stops, strict=True)).__getitem__, texts))
    title_words = list(map(dict(zip(distinct, titled, strict=True)).__getitem__, texts))
    if title_words:
        title_words[0] = 0
    templates = list(map(_TEMPLATE, facts))
    template_counts = Counter(templates)
    template_counts.pop("", None)
    template_repeats = {t: math.log1p(count - 1) for t, count in template_counts.items()}
    template_repeats[""] = 0.0
    shared = [t if t and template_counts[t] > 1 else "" for t in templates]
    words = list(map(len, word_lists))
    menu_runs = run_lengths([w <= MENU_LINE_MAX_WORDS and not s for w, s in zip(words, sentence, strict=True)])
    return DocumentShapes(
        facts,
        decisions,
        texts,
        memo,
        words,
        sentence,
        shared,
        language,
        menu_runs,
        stop_words,
        title_words,
        text_counts,
        template_repeats,
    )


def document_language(word_lists: Sequence[list[str]], sentence: Sequence[bool]) -> str | None:
    """The language of a document from the first LANGUAGE_SAMPLE_WORDS words of its sentences (prose says
    which language it is in; menus and a long page's tail add nothing), or from all its words when those
    few say too little (a page of headlines and menus)."""
    language = detect_language_counts(vote_counts(word_lists, sentence, LANGUAGE_SAMPLE_WORDS))
    if language is None:
        language = detect_language_counts(vote_counts(word_lists, None, -1))
    return language


def vote_counts(word_lists: Sequence[list[str]], in_sample: Sequence[bool] | None, limit: int) -> Mapping[str, int]:
    """How often each of language.voting_words occurs among the first ``limit`` words (all, when negative)
    of the lists ``in_sample`` marks (all lists, when None)."""
    voting = voting_words()
    if _compiled is not None:
        counts = _compiled.vote_counts(list(word_lists), None if in_sample is None else list(in_sample), limit, voting)
        return cast(Mapping[str, int], counts)
    sample = chain.from_iterable(word_lists if in_sample is None else compress(word_lists, in_sample))
    return Counter(filter(voting.__contains__, sample if limit < 0 else islice(sample, limit)))


def line_logits(doc: DocumentShapes, weights: Mapping[str, float], bias: float) -> list[float]:
    """The logit of every line under a linear model with ``weights`` (by FEATURE_NAMES) and ``bias``.

    The same sum as over :meth:`DocumentShapes.vectors` (to rounding), in one pass that builds no vector:
    the hot path of text mode. A text's shape part of the sum is worked out once (see :class:`LineMemo`)."""
    if not doc.facts:
        return []
    shape_weights = tuple(weights[name] for name in SHAPE_NAMES)
    shape_logits = doc.memo.shape_logits.setdefault(shape_weights, {})
    for text in doc.text_counts.keys() - shape_logits.keys():
        shape_logits[text] = added_up(map(operator.mul, shape_weights, doc.memo.facts[text].shape))
    stop_share, stops_ge_3, title_overlap = (
        weights["stopword_share"],
        weights["stopwords_ge_3"],
        weights["title_overlap"],
    )
    repeated, removed, para_start = weights["repeated"], weights["pattern_removed"], weights["para_start"]
    position = weights["position"] / max(1, len(doc.facts) - 1)
    template_repeats = weights["log_template_repeats"]
    text_counts, repeats_of = doc.text_counts, doc.template_repeats
    return [
        bias
        + shape_logits[text]
        + ((stop_share * stops + title_overlap * titled) * (1.0 / n) if n else 0.0)
        + (stops_ge_3 if stops >= 3 else 0.0)
        + (repeated if text_counts[text] > 1 else 0.0)
        + position * i
        + (0.0 if decision.removal is None else removed)
        + (para_start if decision.block.para_start else 0.0)
        + template_repeats * repeats_of[fact.template]
        for i, (text, fact, decision, n, stops, titled) in enumerate(
            zip(doc.texts, doc.facts, doc.decisions, doc.words, doc.stop_words, doc.title_words, strict=True)
        )
    ]


MENU_LINE_MAX_WORDS = 8
"""A line this short that is no sentence can be a menu entry."""


def added_up(values: Iterable[float]) -> float:
    """The sum of ``values``, added left to right.

    ``sum`` does so on Python 3.11; from 3.12 on it compensates for rounding, which would let a score
    differ in its last bits between Python versions (and so, at a threshold, a verdict). Adding in one
    order keeps every version's decisions, and the model fitted on them, the same.
    """
    return reduce(operator.add, values, 0.0)


def run_lengths(flags: Sequence[bool]) -> list[int]:
    """For every line, the length of the run of consecutive flagged lines it belongs to (0 if unflagged)."""
    runs: list[int] = []
    for flagged, run in groupby(flags):  # one step per run, not per line
        length = len(list(run))
        runs += repeat(length if flagged else 0, length)
    return runs
