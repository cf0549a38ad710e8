# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled twin of the rule matcher's per-line loop (``cleaner.rules._Matcher.first_numbers``).

Every distinct line of a page is lower-cased, looks up the pairs filed under its first and last
characters, and tries them in rule order, then the pairs filed by a literal it holds. In Python that
is a dozen C-level ``map`` passes over the lines, a scan of the whole page per literal and a loop of
bytecode over each line's candidates; the bookkeeping, not the regular expressions, was most of the
time. Here each line is done in one C loop: its literals are found in one pass over its characters
(``_Literals``), and the patterns are still searched by the Pattern objects the Python path uses.

The Python code is the reference: every line must get exactly the rule it finds
(``tests/test_rules.py`` holds the two to that over generated and real lines).
"""

from cpython.tuple cimport PyTuple_GET_ITEM
from cpython.unicode cimport Py_UNICODE_ISSPACE


cdef extern from *:
    int __builtin_ctzll(unsigned long long bits) nogil  # GCC and Clang: the number of trailing zero bits


cdef extern from "Python.h":
    ctypedef unsigned char Py_UCS1  # the widths of character a str stores
    ctypedef unsigned short Py_UCS2
    # Direct reads of a str's characters (an edge is at most KEY_CHARS long).
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    bint PyUnicode_IS_ASCII(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index) nogil


cdef inline bint _plain(str edge):
    """``edge.isascii() and edge.isprintable()``, as the Python path tests an edge before folding it again."""
    cdef Py_ssize_t i
    cdef Py_UCS4 ch
    if not PyUnicode_IS_ASCII(edge):
        return False
    cdef int kind = PyUnicode_KIND(edge)
    cdef void* data = PyUnicode_DATA(edge)
    for i in range(len(edge)):
        ch = PyUnicode_READ(kind, data, i)
        if ch < 0x20 or ch == 0x7F:
            return False
    return True


cdef object _entry(dict table, str folded, str text, Py_ssize_t key_chars, Py_ssize_t short_key_chars,
                   bint at_end, object refolded):
    """The pairs filed under the line's edge: its whole edge, else its short edge, else its first (last)
    character, as ``_edge_lists`` looks them up; ``refolded`` folds an edge that is not plain again."""
    cdef Py_ssize_t size = len(folded)
    cdef str edge
    if at_end:
        edge = folded[size - key_chars:] if size > key_chars else folded
    else:
        edge = folded[:key_chars]
    if not _plain(edge):
        edge = refolded(edge, text, at_end)
    size = len(edge)
    entry = table.get(edge)
    if entry is not None:
        return entry
    entry = table.get(edge[size - short_key_chars:] if at_end and size > short_key_chars else edge[:short_key_chars])
    if entry is not None:
        return entry
    return table.get(edge[size - 1:] if at_end and size > 1 else edge[:1], ())


cdef Py_ssize_t _words(str text):
    """``len(text.split())``: the runs of characters that are not white space."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t i, words = 0
    cdef bint in_word = False
    for i in range(len(text)):
        if Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
            in_word = False
        elif not in_word:
            in_word = True
            words += 1
    return words


cdef Py_ssize_t _first(tuple candidates, str text, str folded, Py_ssize_t found, Py_ssize_t* words):
    """``_Matcher._first_index`` over one list of pairs: the first rule below ``found`` with a pattern that
    matches, else ``found``. A pair is (rule, pattern, max_words, needs, needs_one_of, anchored, shortest,
    longest). ``words`` holds the line's word count once counted (-1 before): it is counted at most once,
    and only for a pair whose limit a line this long may pass, before its literals are looked for."""
    cdef Py_ssize_t size = len(text)
    cdef Py_ssize_t most_words = (size + 1) // 2  # a word and a space at least each
    cdef Py_ssize_t rule, max_words
    for pair in candidates:
        rule = <object>PyTuple_GET_ITEM(pair, 0)
        if rule >= found:
            break
        if size < <Py_ssize_t>(<object>PyTuple_GET_ITEM(pair, 6)) or size > <Py_ssize_t>(<object>PyTuple_GET_ITEM(pair, 7)):
            continue
        max_words = <object>PyTuple_GET_ITEM(pair, 2)
        if most_words > max_words:
            if words[0] < 0:
                words[0] = _words(text)
            if words[0] > max_words:
                continue
        if folded is not None:
            if <object>PyTuple_GET_ITEM(pair, 3) not in folded:
                continue
            needs_one_of = <tuple>PyTuple_GET_ITEM(pair, 4)
            if needs_one_of:
                for literal in needs_one_of:
                    if literal in folded:
                        break
                else:
                    continue
        if (<object>PyTuple_GET_ITEM(pair, 1)).search(text) is not None:
            return rule
    return found


DEF MAX_LITERALS = 64  # the literals a line is told to hold fit one 64-bit mask


cdef class _Literals:
    """The literals the pairs filed by literal need, found in a line in one pass over its characters.

    Looking for each literal in each line (``literal in line``) is a call per literal per line; here a
    line's characters are read once, and at each one that begins some literal, those literals (looked up
    by that character, as bits) are compared in place. ``held`` gives the literals found as bits (bit k:
    ``literals[k]``).
    """

    cdef list literals  # kept alive: the arrays below point into them
    cdef Py_ssize_t count
    cdef Py_UCS4 firsts[MAX_LITERALS]
    cdef int kinds[MAX_LITERALS]
    cdef void* datas[MAX_LITERALS]
    cdef Py_ssize_t lengths[MAX_LITERALS]
    cdef unsigned long long by_first[256]  # Latin-1 character -> the literals that begin with it
    cdef unsigned long long beyond_first  # the literals that begin with a character beyond Latin-1
    cdef unsigned long long by_second[256]  # Latin-1 character -> the literals it is the second of
    cdef unsigned long long beyond_second  # the literals whose second character is beyond Latin-1
    cdef unsigned long long single  # the literals of one character
    cdef unsigned long long begins[1024]  # bit c1 * 256 + c2 (Latin-1): some literal may begin with c1 c2

    def __init__(self, list literals):
        cdef Py_ssize_t k, code
        cdef Py_UCS4 second
        self.literals = literals
        self.count = len(literals)
        self.beyond_first = self.beyond_second = self.single = 0
        for k in range(256):
            self.by_first[k] = self.by_second[k] = 0
        for k in range(1024):
            self.begins[k] = 0
        for k in range(self.count):
            self.kinds[k] = PyUnicode_KIND(literals[k])
            self.datas[k] = PyUnicode_DATA(literals[k])
            self.lengths[k] = len(<str>literals[k])
            self.firsts[k] = PyUnicode_READ(self.kinds[k], self.datas[k], 0)
            if self.firsts[k] < 256:
                self.by_first[self.firsts[k]] |= 1ULL << k
            else:
                self.beyond_first |= 1ULL << k
            if self.lengths[k] == 1:
                self.single |= 1ULL << k
                code = <Py_ssize_t>self.firsts[k] * 256
                for code in range(code, code + 256 if self.firsts[k] < 256 else 0):
                    self.begins[code >> 6] |= 1ULL << (code & 63)  # followed by anything
                continue
            second = PyUnicode_READ(self.kinds[k], self.datas[k], 1)
            if second < 256:
                self.by_second[second] |= 1ULL << k
            else:
                self.beyond_second |= 1ULL << k
            if self.firsts[k] < 256 and second < 256:
                code = <Py_ssize_t>self.firsts[k] * 256 + <Py_ssize_t>second
                self.begins[code >> 6] |= 1ULL << (code & 63)

    cdef unsigned long long held(self, str line):
        cdef int kind = PyUnicode_KIND(line)
        cdef void* data = PyUnicode_DATA(line)
        if kind == 1:  # one loop for each width of character a str may store
            return _held_in(self, <Py_UCS1*>data, len(line))
        if kind == 2:
            return _held_in(self, <Py_UCS2*>data, len(line))
        return _held_in(self, <Py_UCS4*>data, len(line))


ctypedef fused _Char:
    Py_UCS1
    Py_UCS2
    Py_UCS4


cdef unsigned long long _held_in(_Literals literals, _Char* chars, Py_ssize_t size):
    """``_Literals.held`` over a line's characters as the str stores them."""
    cdef Py_ssize_t i, j, k, checked, code
    cdef Py_UCS4 ch, second = 0
    cdef unsigned long long found = 0, starting
    for i in range(size):
        ch = chars[i]
        if i + 1 < size and ch < 256 and chars[i + 1] < 256:  # most places: no literal begins with these two
            code = <Py_ssize_t>ch * 256 + <Py_ssize_t>chars[i + 1]
            if not (literals.begins[code >> 6] >> (code & 63)) & 1:
                continue
        starting = (literals.by_first[ch] if ch < 256 else literals.beyond_first) & ~found
        if not starting:
            continue
        if i + 1 < size:  # only the literals whose second character is the next one (or of one character)
            second = chars[i + 1]
            starting &= (literals.by_second[second] if second < 256 else literals.beyond_second) | literals.single
        # The tables tell the first two characters exactly within Latin-1; beyond it, they are compared too.
        checked = 2 if ch < 256 and second < 256 else 0
        while starting:
            k = __builtin_ctzll(starting)  # the lowest bit: one literal that may begin here
            starting &= starting - 1
            if i + literals.lengths[k] > size:
                continue
            for j in range(min(checked, literals.lengths[k]), literals.lengths[k]):
                if PyUnicode_READ(literals.kinds[k], literals.datas[k], j) != chars[i + j]:
                    break
            else:
                found |= 1ULL << k
    return found


cdef unsigned long long _needs_mask(object pair, dict bit_of):
    """The bits of the literals one of which the pair needs (its ``needs``, else its ``needs_one_of``)."""
    cdef unsigned long long mask = 0
    needs = <object>PyTuple_GET_ITEM(pair, 3)
    for literal in ((needs,) if needs else <tuple>PyTuple_GET_ITEM(pair, 4)):
        mask |= bit_of[literal]
    return mask


def first_numbers(list texts, str variants, object fold_case, dict heads, dict tails, tuple by_literal,
                  tuple anywhere, Py_ssize_t none, Py_ssize_t key_chars, Py_ssize_t short_key_chars,
                  object refolded):
    """The number of each line's first matching rule (``none`` for none), as ``_Matcher.first_numbers`` finds
    it, and the numbers of the lines lower-casing changes in length (İ), which are left to the caller. A
    line that repeats one before it is given the same number.

    Each line is folded as ``fold_case(text, variants)`` folds it (lower-cased; mapped by ``fold_case``
    itself only when it holds one of the ``variants``). The pairs filed by a literal (``by_literal``, in
    rule order) are tried on a line that holds one of their literals, as ``_Literals`` finds them in one
    pass over the line.
    """
    cdef Py_ssize_t n = len(texts), i, found, words, p, pairs = len(by_literal)
    cdef list out = [none] * n
    cdef str text, folded
    cdef unsigned long long held
    literals = sorted({literal for pair in by_literal for literal in (
        (<object>PyTuple_GET_ITEM(pair, 3),) if <object>PyTuple_GET_ITEM(pair, 3) else
        <tuple>PyTuple_GET_ITEM(pair, 4))})
    cdef bint by_mask = len(literals) <= MAX_LITERALS
    cdef _Literals finder = _Literals(literals if by_mask else [])
    bit_of = {literal: 1ULL << k for k, literal in enumerate(literals)} if by_mask else {}
    cdef list masks = [_needs_mask(pair, bit_of) if by_mask else 0 for pair in by_literal]
    cdef list unfoldable = []
    cdef dict seen = {}  # line -> its number: a page repeats its menus and footers, each is matched once
    for i in range(n):
        text = texts[i]
        if not text:
            continue
        known = seen.get(text)
        if known is not None:
            out[i] = known
            continue
        folded = text.lower()
        if len(folded) != len(text):
            unfoldable.append(i)
            continue
        if not PyUnicode_IS_ASCII(folded) and variants:
            for variant in variants:
                if variant in folded:
                    folded = fold_case(text, variants)
                    break
        words = -1
        found = _first(_entry(heads, folded, text, key_chars, short_key_chars, False, refolded), text, folded,
                       none, &words)
        found = _first(_entry(tails, folded, text, key_chars, short_key_chars, True, refolded), text, folded,
                       found, &words)
        found = _first(anywhere, text, folded, found, &words)
        if pairs and (not by_mask or <object>PyTuple_GET_ITEM(by_literal[0], 0) < found):
            held = finder.held(folded) if by_mask else 0
            for p in range(pairs):
                pair = by_literal[p]
                if by_mask and not (held & <unsigned long long>masks[p]):
                    if <Py_ssize_t>(<object>PyTuple_GET_ITEM(pair, 0)) >= found:
                        break
                    continue
                found = _first((pair,), text, folded, found, &words)
        seen[text] = found
        if found != none:
            out[i] = found
    return out, unfoldable
