# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled twin of the rule matcher's per-line loop (``cleaner.rules._Matcher.first_numbers``).

Every distinct line of a page looks up the pairs filed under its first and last characters and tries
them in rule order. In Python that is a dozen C-level ``map`` passes over the lines and a loop of
bytecode over each line's candidates; the loop's bookkeeping, not the regular expressions, was most
of the time. Here each line is keyed and its candidates tried in one C loop; the lines are still
folded, the literals still looked for and the patterns still searched by the Python code and objects
the pure-Python path uses.

The Python code is the reference: every line must get exactly the rule it finds
(``tests/test_rules.py`` holds the two to that over generated and real lines).
"""

from cpython.tuple cimport PyTuple_GET_ITEM


cdef extern from "Python.h":
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


cdef Py_ssize_t _first(tuple candidates, str text, str folded, Py_ssize_t found):
    """``_Matcher._first_index`` over one list of pairs: the first rule below ``found`` with a pattern that
    matches, else ``found``. A pair is (rule, pattern, max_words, needs, needs_one_of, anchored, shortest,
    longest)."""
    cdef Py_ssize_t size = len(text)
    cdef Py_ssize_t most_words = (size + 1) // 2
    cdef Py_ssize_t rule, max_words
    cdef bint matched
    for pair in candidates:
        rule = <object>PyTuple_GET_ITEM(pair, 0)
        if rule >= found:
            break
        if size < <Py_ssize_t>(<object>PyTuple_GET_ITEM(pair, 6)) or size > <Py_ssize_t>(<object>PyTuple_GET_ITEM(pair, 7)):
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
        max_words = <object>PyTuple_GET_ITEM(pair, 2)
        pattern = <object>PyTuple_GET_ITEM(pair, 1)
        if most_words <= max_words:
            matched = pattern.search(text) is not None
        elif <object>PyTuple_GET_ITEM(pair, 5):
            matched = pattern.search(text) is not None and len(text.split(None, max_words)) <= max_words
        else:
            matched = len(text.split(None, max_words)) <= max_words and pattern.search(text) is not None
        if matched:
            return rule
    return found


def first_numbers(list texts, list folded_lines, dict heads, dict tails, dict holding, tuple anywhere,
                  Py_ssize_t none, Py_ssize_t key_chars, Py_ssize_t short_key_chars, object refolded):
    """The number of each line's first matching rule (``none`` for none), as ``_Matcher.first_numbers`` finds
    it once the lines are folded and the literals they hold are known (``holding``)."""
    cdef Py_ssize_t n = len(texts), i, found
    cdef list out = [none] * n
    cdef str text, folded
    for i in range(n):
        text = texts[i]
        if not text:
            continue
        folded = folded_lines[i]
        head = _entry(heads, folded, text, key_chars, short_key_chars, False, refolded)
        tail = _entry(tails, folded, text, key_chars, short_key_chars, True, refolded)
        extra = holding.get(i) if holding else None
        if not head and not tail and not anywhere and extra is None:
            continue
        found = _first(head, text, folded, none)
        found = _first(tail, text, folded, found)
        found = _first(anywhere, text, folded, found)
        if extra is not None:
            for candidates in extra:
                found = _first(candidates, text, folded, found)
        if found != none:
            out[i] = found
    return out
