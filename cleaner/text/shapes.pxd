# Types for compiling shapes.py with Cython (setup.py compiles every module with a .pxd beside it). The
# module stays plain Python, and runs as such where it was not compiled; these declarations only let its
# per-character loop (_scan) and its per-line counts run as C.
cimport cython

cdef bytes _ASCII_FLAGS
cdef int _WORD_CHAR, _DIGIT_CHAR, _DECIMAL_CHAR, _COMMA, _SEPARATOR, _HANDLE

cdef int _char_flags(Py_UCS4 c)

cdef bint _is_cjk(Py_ssize_t code)

@cython.locals(
    words=list, commas=Py_ssize_t, separators=Py_ssize_t, digit_words=Py_ssize_t, seen=int, start=Py_ssize_t,
    in_word=bint, all_digits=bint, i=Py_ssize_t, c=Py_UCS4, code=Py_ssize_t, flags=int,
)
cdef tuple _scan(str low)

@cython.locals(
    words=list, commas=Py_ssize_t, separators=Py_ssize_t, digit_words=Py_ssize_t, seen=int, nw=Py_ssize_t,
    inv=double, ends=bint, sentences=Py_ssize_t,
)
cpdef object line_facts(str text)

@cython.locals(stops=list, titled=list, found=Py_ssize_t, seen=set, words=list)
cpdef tuple member_counts(object lines, frozenset stop_words, object title)

@cython.locals(total=double, k=Py_ssize_t, weight=double, value=double)
cpdef double shape_logit(tuple weights, tuple shape)

@cython.locals(counts=dict, taken=Py_ssize_t, i=Py_ssize_t)
cpdef dict vote_counts(object word_lists, object in_sample, Py_ssize_t limit)

@cython.locals(n=Py_ssize_t, found=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t, c=Py_UCS4)
cdef Py_ssize_t _sentence_ends(str text)

@cython.locals(n=Py_ssize_t, at=Py_ssize_t, k=Py_ssize_t)
cdef bint _has_link(str text)

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, digits=Py_ssize_t, k=Py_ssize_t)
cdef bint _is_numbered(str text)
