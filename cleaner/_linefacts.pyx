# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled twin of :func:`cleaner.features.line_facts`: the same facts of a line, in one C pass.

Text mode works out a dozen facts of every line of a page (its words, commas, digits, sentence
ends, ...). In Python each fact is a call of its own, and those calls, not the characters, are
what the structural pass spent most of its time on. Here each line is read character by
character once for its words and once for its marks.

The Python function is the reference: every fact must come out exactly as it computes it
(``tests/test_compiled_line_facts.py`` holds the two to that over generated and real lines). The
regex classes are matched as CPython's ``re`` matches them on str: ``\\w`` is
``Py_UNICODE_ISALNUM`` or "_", ``\\s`` is ``Py_UNICODE_ISSPACE`` and ``\\d`` is
``Py_UNICODE_ISDECIMAL``; ``str.isdigit`` is ``Py_UNICODE_ISDIGIT``.
"""

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISDIGIT, Py_UNICODE_ISSPACE
from libc.math cimport log1p


cdef extern from "Python.h":
    # Direct reads of a str's characters: indexing would check the index and the string's state each time.
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index) nogil

cdef tuple _ELLIPSES = ("...", "…", "...]", "…]")  # features._ELLIPSES
cdef object ONE = 1.0, ZERO = 0.0  # the values of the yes/no features, shared: no float is made for them


# What a character is, as bit flags: the line's one pass over its characters reads them from a table
# for ASCII and asks the Unicode database only beyond it.
cdef enum:
    WORD = 1  # \w
    DIGIT = 2  # str.isdigit
    DECIMAL = 4  # \d
    COMMA = 8  # , ، ，
    SEPARATOR = 16  # | / » › • ·
    HANDLE = 32  # @ #

cdef unsigned char _ASCII_FLAGS[128]


cdef unsigned char _flags(Py_UCS4 c):
    """The flags of any character (the table is made of this)."""
    cdef unsigned char flags = 0
    if Py_UNICODE_ISALNUM(c) or c == u"_":
        flags = WORD
        if Py_UNICODE_ISDIGIT(c):
            flags |= DIGIT
        if Py_UNICODE_ISDECIMAL(c):
            flags |= DECIMAL
    elif c == u"," or c == 0x060C or c == 0xFF0C:
        flags = COMMA
    elif c == u"|" or c == u"/" or c == 0xBB or c == 0x203A or c == 0x2022 or c == 0xB7:
        flags = SEPARATOR
    elif c == u"@" or c == u"#":
        flags = HANDLE
    return flags


cdef Py_UCS4 _c
for _c in range(128):
    _ASCII_FLAGS[_c] = _flags(_c)


cdef inline unsigned char _flags_of(Py_UCS4 c):
    return _ASCII_FLAGS[c] if c < 128 else _flags(c)


cdef inline bint _is_word(Py_UCS4 c):
    return _flags_of(c) & WORD


cdef inline bint _is_sentence_mark(Py_UCS4 c):
    # features._SENTENCE_MARKS: . ! ? … 。 ！ ？ ؟
    return c == u"." or c == u"!" or c == u"?" or c == 0x2026 or c == 0x3002 or c == 0xFF01 or c == 0xFF1F or c == 0x061F


cdef inline bint _is_regex_closer(Py_UCS4 c):
    # the closers in features._SENTENCE_END: " ' ” ’ » ) ]
    return c == u'"' or c == u"'" or c == 0x201D or c == 0x2019 or c == 0xBB or c == u")" or c == u"]"


cdef inline bint _is_stripped_closer(Py_UCS4 c):
    # features._CLOSERS: the regex closers, "*", the space and the CJK closing brackets 」』）】
    return (
        _is_regex_closer(c) or c == u"*" or c == u" " or c == 0x300D or c == 0x300F or c == 0xFF09 or c == 0x3011
    )


cdef inline bint _is_full_width_mark(Py_UCS4 c):
    # 。！？: in features._SENTENCE_END each ends a sentence by itself
    return c == 0x3002 or c == 0xFF01 or c == 0xFF1F


cdef inline bint _is_cjk(Py_UCS4 c):
    # features._CJK: kana and Han ideographs, each of which (when a word character) is a word by itself
    return (
        0x3040 <= c <= 0x30FF
        or 0x3400 <= c <= 0x4DBF
        or 0x4E00 <= c <= 0x9FFF
        or 0xF900 <= c <= 0xFAFF
        or 0x20000 <= c <= 0x2FA1F
    )


cdef Py_ssize_t _sentence_ends(str text, Py_ssize_t n):
    """How many times features._SENTENCE_END matches (findall): a mark, closers, then white space or the end."""
    cdef Py_ssize_t i = 0, j, found = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    while i < n:
        c = PyUnicode_READ(kind, data, i)
        if _is_full_width_mark(c):
            found += 1
        elif _is_sentence_mark(c):
            j = i + 1
            while j < n and _is_regex_closer(PyUnicode_READ(kind, data, j)):
                j += 1
            if j == n:
                return found + 1
            if Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)):
                found += 1
                i = j + 1  # the match takes the white space with it
                continue
        i += 1
    return found


cdef bint _has_link(str text, Py_ssize_t n):
    """Whether features._LINK (``https?:|www\\.|\\.com\\b``) matches anywhere."""
    cdef Py_ssize_t at, k
    at = text.find("http")
    while at >= 0:
        k = at + 4
        if k < n and text[k] == u":":
            return True
        if k + 1 < n and text[k] == u"s" and text[k + 1] == u":":
            return True
        at = text.find("http", at + 1)
    if "www." in text:
        return True
    at = text.find(".com")
    while at >= 0:
        k = at + 4
        if k >= n or not _is_word(text[k]):
            return True
        at = text.find(".com", at + 1)
    return False


cdef bint _is_numbered(str text, Py_ssize_t n):
    """Whether features._NUMBERED (``^\\s*(?:\\d{1,3}|[a-z])[.)]\\s``) matches at the start."""
    cdef Py_ssize_t i = 0, digits = 0, k
    cdef Py_UCS4 c
    while i < n and Py_UNICODE_ISSPACE(text[i]):
        i += 1
    while i + digits < n and Py_UNICODE_ISDECIMAL(text[i + digits]):
        digits += 1
    if digits == 0:
        if i >= n:
            return False
        c = text[i]
        if not (u"a" <= c <= u"z"):
            return False
        k = i + 1
    elif digits <= 3:
        k = i + digits
    else:  # \d{1,3} backs off to fewer digits, and a digit is then no "." or ")"
        return False
    return k + 1 < n and (text[k] == u"." or text[k] == u")") and Py_UNICODE_ISSPACE(text[k + 1])


cdef object _line_facts(str text, object facts_type, object template_of, Py_ssize_t template_max_words):
    cdef Py_ssize_t n = len(text), i, start, m, nw
    cdef Py_UCS4 c
    cdef Py_ssize_t commas = 0, separators = 0, digit_words = 0, sentences, j
    cdef bint decimal = False, handle = False, all_digits = False, ends
    cdef double inv
    cdef unsigned char flags, seen = 0
    cdef bint in_word = False
    # Lower-casing changes no comma, separator, handle sign or digit (nor makes one), so the lower-cased
    # line is read once for its words and its marks together.
    cdef str low = text.lower()
    cdef list words = []
    cdef int kind = PyUnicode_KIND(low)
    cdef void* data = PyUnicode_DATA(low)
    m = len(low)
    for i in range(m + 1):
        c = PyUnicode_READ(kind, data, i) if i < m else 0
        flags = _flags_of(c) if i < m else 0
        seen |= flags
        if flags & WORD and c >= 0x3040 and _is_cjk(c):  # a word by itself, ending any run before it
            if in_word:
                words.append(low[start:i])
                digit_words += all_digits
                in_word = False
            words.append(low[i : i + 1])
            all_digits = flags & DIGIT != 0
            digit_words += all_digits
        elif flags & WORD:
            if not in_word:
                in_word, all_digits, start = True, True, i
            if not flags & DIGIT:
                all_digits = False
        else:
            if in_word:  # a \w+ run ends here
                words.append(low[start:i])
                digit_words += all_digits
                in_word = False
            if flags & COMMA:
                commas += 1
            elif flags & SEPARATOR:
                separators += 1
    decimal = seen & DECIMAL
    handle = seen & HANDLE
    nw = len(words)
    inv = 1.0 / nw if nw else 0.0
    j = n - 1
    while j >= 0 and _is_stripped_closer(text[j]):
        j -= 1
    ends = j >= 0 and _is_sentence_mark(text[j])
    sentences = _sentence_ends(text, n) if nw > 3 else ends
    shape = (
        log1p(n),
        log1p(nw),
        ONE if nw <= 2 else ZERO,
        ONE if nw <= 5 else ZERO,
        ONE if nw <= 10 else ZERO,
        ONE if nw <= 20 else ZERO,
        ONE if nw > 40 else ZERO,
        ONE if ends else ZERO,
        log1p(sentences),
        commas * inv,
        digit_words * inv if decimal else ZERO,
        ONE if _has_link(text, n) else ZERO,
        ONE if handle else ZERO,
        <double>separators,
        ONE if n and text[n - 1] == u":" else ZERO,
        ONE if text.endswith(_ELLIPSES) else ZERO,
        ONE if _is_numbered(text, n) else ZERO,
    )
    if ends or not 2 <= nw <= template_max_words:
        template = ""
    elif not all_digits:  # the last word (all_digits is left as the last run set it): "…" + it, as _template
        template = "…" + words[nw - 1]
    else:
        template = template_of(text, words)
    return tuple.__new__(facts_type, (words, shape, ends or sentences >= 2, template))


def many_line_facts(list texts, object facts_type, object template_of, Py_ssize_t template_max_words):
    """The facts of every line in ``texts`` as ``facts_type`` (features.LineFacts) values.

    ``template_of`` is features._template, called for the short lines that may share a shape (no
    sentence, 2 to ``template_max_words`` words).
    """
    return [_line_facts(<str>text, facts_type, template_of, template_max_words) for text in texts]


def member_counts(list facts, object stop_words, object title):
    """For each line's facts (features.LineFacts: its words first), how many of its words are in
    ``stop_words`` (repeats too) and how many distinct words of ``title`` it holds: one pass over the
    words for both."""
    cdef list stops = [], titled = []
    cdef list words
    cdef Py_ssize_t found
    cdef set seen
    for fact in facts:
        if not isinstance(fact, tuple) or not len(fact):  # (LineFacts values; the read below is unchecked)
            raise TypeError("line facts expected")
        words = (<tuple>fact)[0]
        found = 0
        seen = None
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


def vote_counts(list word_lists, object in_sample, Py_ssize_t limit, object voting):
    """How often each word of ``voting`` occurs among the first ``limit`` words of the lists that
    ``in_sample`` marks (all lists when it is None; every word when ``limit`` is negative), by word in
    the order words are first met: ``Counter(filter(voting.__contains__, words))`` of that sample."""
    cdef dict counts = {}
    cdef Py_ssize_t taken = 0, i
    cdef list words
    for i in range(len(word_lists)):
        if in_sample is not None and not in_sample[i]:
            continue
        words = word_lists[i]
        for word in words:
            if taken == limit:
                return counts
            taken += 1
            if word in voting:
                counts[word] = counts.get(word, 0) + 1
    return counts


def language_votes(object counts, object table):
    """language.detect_language_counts' votes: for each word counted, in order, its count times each of its
    (language, weight) entries in ``table``, added up by language."""
    cdef dict votes = {}
    cdef tuple entries
    for word, n in counts.items():
        entries = table.get(word)
        if entries is None:
            continue
        for code, weight in entries:
            votes[code] = <double>votes.get(code, 0.0) + <double>n * <double>weight
    return votes
