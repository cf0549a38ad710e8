# Types for compiling context.py with Cython (see shapes.pxd): the per-line loop of the context model's sum
# runs as C, on the same Python source.
cimport cython

@cython.locals(a=Py_ssize_t, b=Py_ssize_t, above=double, below=double, own=double)
cdef double _window_mean(list prefix, list scores, Py_ssize_t i, Py_ssize_t radius, Py_ssize_t n)

@cython.locals(best=double, running=double, gain=double, start=Py_ssize_t, best_start=Py_ssize_t, best_end=Py_ssize_t,
               i=Py_ssize_t)
cpdef tuple best_region(object gains)

@cython.locals(
    n=Py_ssize_t, i=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, z=double, total=double, w_line=double,
    w_previous=double, w_next=double, w_near=double, w_score=double, w_far=double, w_previous_words=double,
    w_next_words=double, log_run=double, run_ge_4=double, outside=double, before=double, inside=double,
    distance=double, low=double, high=double, previous=double, following=double, previous_words=double,
    next_words=double, run_term=double, away=double, prefix=list, logits=list, by_run=dict,
)
cdef list _context_sums(
    list scores, list own_logits, list words, list runs, tuple region, double bias, list score_weights,
    tuple size_weights, tuple placed,
)
