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
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from itertools import filterfalse, groupby, repeat
from typing import NamedTuple, overload

from cleaner.model import Decision
from cleaner.text.language import detect_language_counts, stopwords, voting_words

_CLOSERS = "\"'”’»)]*» 」』）】"
_SENTENCE_MARKS = ".!?…。！？؟"
_ELLIPSES = ("...", "…", "...]", "…]")
_DIGITS = re.compile(r"\d+")
TEMPLATE_MAX_WORDS = 8
LANGUAGE_SAMPLE_WORDS = 400
"""How many words of a document's sentences its language is told from."""

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

    ids: list[int]
    """Each line's number in ``memo``: where its own facts are kept."""
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

    def line_words(self, i: int) -> list[str]:
        """The lower-cased words of line ``i`` (see :func:`words_of`)."""
        return words_of(self.texts[i])

    def vectors(self) -> list[list[float]]:
        """Every line's whole vector, in FEATURE_NAMES order (what the line model is fitted on)."""
        if not self.texts:
            return []
        n = len(self.texts)
        last = max(1, n - 1)
        shapes = {text: line_facts(text).shape for text in self.text_counts}
        by_name: dict[str, Sequence[float]] = dict(
            zip(SHAPE_NAMES, zip(*map(shapes.__getitem__, self.texts), strict=True), strict=True)
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
            log_template_repeats=[self.template_repeats[t] for t in self.templates],
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



# What a character is, as bit flags (see _char_flags): the one pass over a line's characters reads them
# from a table for ASCII and works them out beyond it.
_WORD_CHAR = 1  # \w
_DIGIT_CHAR = 2  # str.isdigit
_DECIMAL_CHAR = 4  # \d
_COMMA = 8  # , ، ，
_SEPARATOR = 16  # | / » › • · (a breadcrumb's or a menu row's dividers)
_HANDLE = 32  # @ #


def _char_flags(c: str) -> int:
    """The flags of one character: the regex classes as CPython's ``re`` reads them on str (``\\w`` is
    alphanumeric or "_", ``\\d`` decimal), and ``str.isdigit``."""
    if c.isalnum() or c == "_":
        return _WORD_CHAR | (_DIGIT_CHAR if c.isdigit() else 0) | (_DECIMAL_CHAR if c.isdecimal() else 0)
    if c in ",\u060c\uff0c":
        return _COMMA
    if c in "|/\u00bb\u203a\u2022\u00b7":
        return _SEPARATOR
    if c in "@#":
        return _HANDLE
    return 0


_ASCII_FLAGS = bytes(_char_flags(chr(code)) for code in range(128))


def _is_cjk(code: int) -> bool:
    """Kana or a Han ideograph, scripts written without spaces between words: when a word character, a
    word by itself (a line of Chinese or Japanese has no spaces to count its words by; its characters
    stand in for them)."""
    return (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def _scan(low: str) -> tuple[list[str], int, int, int, int]:
    """One pass over a lower-cased line: its words (runs of word characters, as ``\\w+`` finds them, but
    each kana or Han character on its own), its commas, its separators,
    how many of its words are all digits (``str.isdigit``), and the flags of all its characters or-ed.

    Lower-casing changes no comma, separator, handle sign or digit (nor makes one), so the lower-cased
    line is read once for its words and its marks together. A character loop: compiled (see
    shapes.pxd), it is what text mode's per-line work costs; a dozen C calls per line were more.
    """
    words: list[str] = []
    commas = separators = digit_words = seen = start = 0
    in_word = all_digits = False
    for i, c in enumerate(low):
        code = ord(c)
        flags = _ASCII_FLAGS[code] if code < 128 else _char_flags(c)
        seen |= flags
        if flags & _WORD_CHAR:
            if code >= 0x3040 and _is_cjk(code):  # a word by itself, ending any run before it
                if in_word:
                    words.append(low[start:i])
                    digit_words += all_digits
                    in_word = False
                words.append(low[i : i + 1])
                all_digits = flags & _DIGIT_CHAR != 0
                digit_words += all_digits
            elif not in_word:
                in_word, all_digits, start = True, flags & _DIGIT_CHAR != 0, i
            elif not flags & _DIGIT_CHAR:
                all_digits = False
        else:
            if in_word:  # a \w+ run ends here
                words.append(low[start:i])
                digit_words += all_digits
                in_word = False
            if flags & _COMMA:
                commas += 1
            elif flags & _SEPARATOR:
                separators += 1
    if in_word:
        words.append(low[start:])
        digit_words += all_digits
    return words, commas, separators, digit_words, seen


def _sentence_ends(text: str) -> int:
    """How many sentences end in a line: at a mark followed (after closing quotes or brackets) by white space
    or the line's end, or at a full-width mark (。！？) by itself, as CJK text puts no space after it. (As
    many as the regex ``[.!?…؟]["'”’»)\\]]*(?:\\s|$)|[。！？]`` finds.)"""
    n = len(text)
    found = i = 0
    while i < n:
        c = text[i]
        if c in "\u3002\uff01\uff1f":
            found += 1
        elif c in ".!?\u2026\u061f":
            j = i + 1
            while j < n and text[j] in "\"'\u201d\u2019\u00bb)]":
                j += 1
            if j == n:
                return found + 1
            if text[j].isspace():
                found += 1
                i = j + 1  # the match takes the white space with it
                continue
        i += 1
    return found


def _has_link(text: str) -> bool:
    """Whether a line holds a web address: ``http:``, ``https:``, ``www.`` or ``.com`` at a word's end (the
    regex ``https?:|www\\.|\\.com\\b``)."""
    n = len(text)
    at = text.find("http")
    while at >= 0:
        k = at + 4
        if (k < n and text[k] == ":") or (k + 1 < n and text[k] == "s" and text[k + 1] == ":"):
            return True
        at = text.find("http", at + 1)
    if "www." in text:
        return True
    at = text.find(".com")
    while at >= 0:
        k = at + 4
        if k >= n or not (text[k].isalnum() or text[k] == "_"):
            return True
        at = text.find(".com", at + 1)
    return False


def _is_numbered(text: str) -> bool:
    """Whether a line opens as a numbered or lettered item: "12. ", "b) " (the regex
    ``^\\s*(?:\\d{1,3}|[a-z])[.)]\\s``)."""
    n = len(text)
    i = digits = 0
    while i < n and text[i].isspace():
        i += 1
    while i + digits < n and text[i + digits].isdecimal():
        digits += 1
    if digits == 0:
        if i >= n or not "a" <= text[i] <= "z":
            return False
        k = i + 1
    elif digits <= 3:
        k = i + digits
    else:  # \d{1,3} backs off to fewer digits, and a digit is then no "." or ")"
        return False
    return k + 1 < n and text[k] in ".)" and text[k + 1].isspace()


def words_of(text: str) -> list[str]:
    """The lower-cased words (runs of word characters, as the regex ``\\w+`` finds them, but each kana or
    Han character on its own) of a line."""
    return _scan(text.lower())[0]


def line_facts(text: str) -> LineFacts:
    """The document-independent features of one line."""
    words, commas, separators, digit_words, seen = _scan(text.lower())
    nw = len(words)
    inv = 1.0 / nw if nw else 0.0
    stripped = text.rstrip(_CLOSERS)
    ends = bool(stripped) and stripped[-1] in _SENTENCE_MARKS
    sentences = _sentence_ends(text) if nw > 3 else int(ends)
    shape = (
        math.log1p(len(text)),
        math.log1p(nw),
        1.0 if nw <= 2 else 0.0,
        1.0 if nw <= 5 else 0.0,
        1.0 if nw <= 10 else 0.0,
        1.0 if nw <= 20 else 0.0,
        1.0 if nw > 40 else 0.0,
        1.0 if ends else 0.0,
        math.log1p(sentences),
        commas * inv,
        digit_words * inv if seen & _DECIMAL_CHAR else 0.0,
        1.0 if _has_link(text) else 0.0,
        1.0 if seen & _HANDLE else 0.0,
        float(separators),
        1.0 if text.endswith(":") else 0.0,
        1.0 if text.endswith(_ELLIPSES) else 0.0,
        1.0 if _is_numbered(text) else 0.0,
    )
    template = "" if ends or not 2 <= nw <= TEMPLATE_MAX_WORDS else _template(text, words)
    # tuple.__new__ fills the named tuple without its Python-level __new__: one is made per distinct line.
    return tuple.__new__(LineFacts, (words, shape, ends or sentences >= 2, template))


def member_counts(
    lines: Iterable[list[str]], stop_words: frozenset[str], title: frozenset[str] | set[str]
) -> tuple[list[int], list[int]]:
    """For each line's words, how many are stop words (repeats too) and how many distinct words of the page
    title it holds: one pass over the words for both."""
    stops: list[int] = []
    titled: list[int] = []
    for words in lines:
        found = 0
        seen: set[str] | None = None
        for word in words:
            if word in stop_words:
                found += 1
            if word in title:
                if seen is None:
                    seen = set()
                seen.add(word)
        stops.append(found)
        titled.append(0 if seen is None else len(seen))
    return stops, titled


@dataclass(frozen=True, slots=True)
class LineMemo:
    """What has been worked out about each distinct line of one text, kept for every pass over it.

    A page repeats its menus and footers, and the structural pass judges its kept lines again until
    nothing changes: a line's own facts and its shape's share of a line model's logit are worked out
    once per text, not once per line per pass (its stop words and title words are counted in every
    pass, as the page's title line and language may change).

    Each distinct line gets a number (``ids``), and what is known of it sits in columns at that number: no
    object per line. Its words are not kept: a pass counts them under its language and first line (see
    :attr:`counted`), and a later pass, which judges the same lines again, mostly finds them counted.
    """

    ids: dict[str, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    counts: array[int] = field(default_factory=lambda: array("l"))
    """Each line's word count."""
    sentence: list[bool] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    """The shape each line may share with other lines (see :func:`_template`); "" for a sentence. The lines that
    share a template share its string."""
    shape_logits: dict[tuple[float, ...], array[float]] = field(default_factory=dict)
    """By the shape features' weights (SHAPE_NAMES order): each line's sum of its shape times them. A line's
    shape is not kept: its sum under every line model the text may be scored with is worked out when the line
    is first met."""
    weights: tuple[tuple[float, ...], ...] = ()
    """The shape weights (see :func:`shape_weights`) of the line models the text may be scored with."""
    counted: dict[tuple[str | None, int], tuple[array[int], array[int]]] = field(default_factory=dict)
    """By language and first line (its number): each line's count of stop words and of the first line's words,
    -1 where not counted yet (see :func:`_member_counts`)."""


def shape_weights(weights: Mapping[str, float]) -> tuple[float, ...]:
    """A line model's weights (by FEATURE_NAMES) of the shape features, in SHAPE_NAMES order."""
    return tuple(weights[name] for name in SHAPE_NAMES)


def shape_logit(weights: tuple[float, ...], shape: tuple[float, ...]) -> float:
    """The sum of ``shape`` times ``weights``, added left to right (as :func:`added_up` adds)."""
    total = 0.0
    for k in range(len(weights)):
        weight, value = weights[k], shape[k]
        total = total + weight * value
    return total


def _remember(memo: LineMemo, texts: Iterable[str]) -> list[str]:
    """The facts of lines met for the first time, into ``memo`` (see :attr:`LineMemo.shape_logits`); and their
    words, each line's joined by single spaces (no word holds white space), for the pass that met them."""
    for weights in memo.weights:
        memo.shape_logits.setdefault(weights, array("d"))
    columns = list(memo.shape_logits.items())
    ids, known, counts, sentences, templates = memo.ids, memo.texts, memo.counts, memo.sentence, memo.templates
    joined: list[str] = []
    shared: dict[str, str] = {}
    for text in texts:
        words, shape, sentence, template = line_facts(text)
        for weights, column in columns:
            column.append(shape_logit(weights, shape))
        ids[text] = len(known)
        known.append(text)
        counts.append(len(words))
        sentences.append(sentence)
        templates.append(shared.setdefault(template, template) if template else "")
        line = " ".join(words)
        joined.append(text if line == text else line)
    return joined


def document_shapes(decisions: Sequence[Decision], memo: LineMemo | None = None) -> DocumentShapes:
    """Facts of every line of one document, after the pattern rules, and what the document adds to them.

    ``memo`` carries what is known of lines already seen (the structural pass revisits its kept
    lines); it is filled in as lines are met.
    """
    memo = LineMemo() if memo is None else memo
    texts = [d.block.text for d in decisions]
    text_counts = Counter(texts)
    first_new = len(memo.texts)
    fresh = _LineWords(memo.texts, first_new, _remember(memo, list(filterfalse(memo.ids.__contains__, text_counts))))
    ids = list(map(memo.ids.__getitem__, texts))
    sentence = list(map(memo.sentence.__getitem__, ids))
    language = document_language(_InOrder(fresh, ids), sentence)
    stops_at, titled_at = _member_counts(memo, ids, list(map(memo.ids.__getitem__, text_counts)), language, fresh)
    del fresh
    stop_words = list(map(stops_at.__getitem__, ids))
    title_words = list(map(titled_at.__getitem__, ids))
    if title_words:
        title_words[0] = 0
    templates = list(map(memo.templates.__getitem__, ids))
    template_counts = Counter(templates)
    template_counts.pop("", None)
    template_repeats = {t: math.log1p(count - 1) for t, count in template_counts.items()}
    template_repeats[""] = 0.0
    shared = [t if t and template_counts[t] > 1 else "" for t in templates]
    del templates
    words = list(map(memo.counts.__getitem__, ids))
    menu_runs = run_lengths([w <= MENU_LINE_MAX_WORDS and not s for w, s in zip(words, sentence, strict=True)])
    return DocumentShapes(
        ids,
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


def _member_counts(
    memo: LineMemo, ids: list[int], distinct: list[int], language: str | None, words: _LineWords
) -> tuple[array[int], array[int]]:
    """Each memo line's stop words of ``language`` and words of the document's first line (``ids[0]``), by memo
    number: worked out for the lines of ``distinct`` that were not counted under the same language and first
    line before (a later pass mostly judges the same lines again)."""
    key = (language, ids[0] if ids else -1)
    known = len(memo.texts)
    counted = memo.counted.get(key)
    if counted is None:
        memo.counted.clear()  # the counts under another language or first line are not read again
        counted = memo.counted[key] = (array("i", [-1]) * known, array("i", [0]) * known)
    stops_at, titled_at = counted
    if len(stops_at) < known:
        stops_at.extend(array("i", [-1]) * (known - len(stops_at)))
        titled_at.extend(array("i", [0]) * (known - len(titled_at)))
    todo = [k for k in distinct if stops_at[k] < 0]
    stops, titled = member_counts(map(words.of, todo), stopwords(language), set(words.of(ids[0])) if ids else set())
    for k, found, title in zip(todo, stops, titled, strict=True):
        stops_at[k] = found
        titled_at[k] = title
    return stops_at, titled_at


class _LineWords:
    """The words of each memo line (by number): split from the joined words of the lines the pass met first
    (from number ``first`` on), else read from the line again."""

    def __init__(self, texts: list[str], first: int, joined: list[str]) -> None:
        self.texts = texts
        self.first = first
        self.joined = joined

    def of(self, k: int) -> list[str]:
        return self.joined[k - self.first].split() if k >= self.first else words_of(self.texts[k])


class _InOrder(Sequence[list[str]]):
    """Each line's words, in the document's order, worked out when asked for (language detection reads a few)."""

    def __init__(self, words: _LineWords, ids: list[int]) -> None:
        self.words = words
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, i: int) -> list[str]: ...

    @overload
    def __getitem__(self, i: slice) -> list[list[str]]: ...

    def __getitem__(self, i: int | slice) -> list[str] | list[list[str]]:
        if isinstance(i, slice):
            return list(map(self.words.of, self.ids[i]))
        return self.words.of(self.ids[i])


def document_language(word_lists: Sequence[list[str]], sentence: Sequence[bool]) -> str | None:
    """The language of a document from the first LANGUAGE_SAMPLE_WORDS words of its sentences (prose says
    which language it is in; menus and a long page's tail add nothing), or from all its words when those
    few say too little (a page of headlines and menus)."""
    language = detect_language_counts(vote_counts(word_lists, sentence, LANGUAGE_SAMPLE_WORDS))
    if language is None:
        language = detect_language_counts(vote_counts(word_lists, None, -1))
    return language


def vote_counts(word_lists: Sequence[list[str]], in_sample: Sequence[bool] | None, limit: int) -> dict[str, int]:
    """How often each of language.voting_words occurs among the first ``limit`` words (all, when negative)
    of the lists ``in_sample`` marks (all lists, when None), by word in the order words are first met."""
    voting = voting_words()
    counts: dict[str, int] = {}
    taken = 0
    for i in range(len(word_lists)):
        if in_sample is not None and not in_sample[i]:
            continue
        for word in word_lists[i]:
            if taken == limit:
                return counts
            taken += 1
            if word in voting:
                counts[word] = counts.get(word, 0) + 1
    return counts


def line_logits(doc: DocumentShapes, weights: Mapping[str, float], bias: float) -> list[float]:
    """The logit of every line under a linear model with ``weights`` (by FEATURE_NAMES) and ``bias``.

    The same sum as over :meth:`DocumentShapes.vectors` (to rounding), in one pass that builds no vector:
    the hot path of text mode. A text's shape part of the sum is worked out once (see :class:`LineMemo`)."""
    if not doc.texts:
        return []
    by_shape = shape_weights(weights)
    memo = doc.memo
    shape_logits = memo.shape_logits.get(by_shape)
    if shape_logits is None:  # weights the memo was not told of: each line's shape is worked out again
        shape_logits = memo.shape_logits[by_shape] = array(
            "d", [shape_logit(by_shape, line_facts(text).shape) for text in memo.texts]
        )
    stop_share, stops_ge_3, title_overlap = (
        weights["stopword_share"],
        weights["stopwords_ge_3"],
        weights["title_overlap"],
    )
    repeated, removed, para_start = weights["repeated"], weights["pattern_removed"], weights["para_start"]
    position = weights["position"] / max(1, len(doc.texts) - 1)
    template_repeats = weights["log_template_repeats"]
    text_counts, repeats_of = doc.text_counts, doc.template_repeats
    return [
        bias
        + shape_logits[k]
        + ((stop_share * stops + title_overlap * titled) * (1.0 / n) if n else 0.0)
        + (stops_ge_3 if stops >= 3 else 0.0)
        + (repeated if text_counts[text] > 1 else 0.0)
        + position * i
        + (0.0 if decision.removal is None else removed)
        + (para_start if decision.block.para_start else 0.0)
        + template_repeats * repeats_of[template]
        for i, (text, k, decision, n, stops, titled, template) in enumerate(
            zip(
                doc.texts,
                doc.ids,
                doc.decisions,
                doc.words,
                doc.stop_words,
                doc.title_words,
                doc.templates,
                strict=True,
            )
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
