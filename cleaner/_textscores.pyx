# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The compiled twin of :meth:`cleaner.textmodel.TextModel.scores`: both stages of the line model in C loops.

The Python reference is :func:`cleaner.features.line_logits` and :func:`cleaner.features.context_logits`
with :func:`cleaner.textmodel.sigmoids`; this module does the same arithmetic in the same order on C
doubles (sums left to right, as :func:`cleaner.features.added_up` adds them), so the same scores come
out to the last bit, one pass per stage instead of a list per feature. ``tests/test_compiled_scores.py``
holds the two to that.
"""

from libc.math cimport INFINITY, exp, log1p
from libc.stdlib cimport free, malloc


cdef inline double _sigmoid(double z):
    return 0.0 if z < -30.0 else 1.0 / (1.0 + exp(-z))


cdef double _shape_logit(tuple weights, tuple shape):
    """features.added_up(map(operator.mul, weights, shape)): left to right from 0."""
    cdef double total = 0.0
    cdef Py_ssize_t k
    if len(shape) != len(weights):
        raise ValueError("a line's shape and the shape weights of different lengths")
    for k in range(len(weights)):
        total += <double>weights[k] * <double>shape[k]
    return total


cdef list _line_logits(object doc, dict weights, double bias, tuple shape_names):
    """features.line_logits."""
    cdef list texts = doc.texts
    cdef Py_ssize_t n = len(texts), i, words, stops, titled
    cdef tuple shape_weights = tuple([weights[name] for name in shape_names])
    cdef dict shape_logits = doc.memo.shape_logits.setdefault(shape_weights, {})
    cdef dict facts = doc.memo.facts
    for text in doc.text_counts.keys() - shape_logits.keys():
        shape_logits[text] = _shape_logit(shape_weights, facts[text].shape)
    cdef double stop_share = weights["stopword_share"], stops_ge_3 = weights["stopwords_ge_3"]
    cdef double title_overlap = weights["title_overlap"], repeated = weights["repeated"]
    cdef double removed = weights["pattern_removed"], para_start = weights["para_start"]
    cdef double position = weights["position"] / max(1, n - 1)
    cdef double template_repeats = weights["log_template_repeats"]
    cdef double z
    cdef object text_counts = doc.text_counts
    cdef dict repeats_of = doc.template_repeats
    cdef list templates = doc.templates, decisions = doc.decisions, word_counts = doc.words
    cdef list stop_words = doc.stop_words, title_words = doc.title_words
    for column in (decisions, word_counts, stop_words, title_words, templates):
        if len(column) != n:  # the loop below indexes without checks
            raise ValueError("line facts of different lengths")
    cdef list logits = [None] * n
    for i in range(n):
        text = texts[i]
        decision = decisions[i]
        words = word_counts[i]
        stops = stop_words[i]
        titled = title_words[i]
        z = bias + <double>shape_logits[text]
        if words:
            z += (stop_share * stops + title_overlap * titled) * (1.0 / words)
        if stops >= 3:
            z += stops_ge_3
        if text_counts[text] > 1:
            z += repeated
        z += position * i
        if decision.removal is not None:
            z += removed
        if decision.block.para_start:
            z += para_start
        z += template_repeats * <double>repeats_of[templates[i]]
        logits[i] = z
    return logits


cdef (Py_ssize_t, Py_ssize_t) _best_region(double* gains, Py_ssize_t n):
    """features.best_region (Kadane)."""
    cdef double best = -INFINITY, running = 0.0
    cdef Py_ssize_t start = 0, best_start = 0, best_end = -1, i
    for i in range(n):
        if running <= 0.0:
            running = gains[i]
            start = i
        else:
            running += gains[i]
        if running > best:
            best = running
            best_start = start
            best_end = i
    return best_start, best_end


cdef list _context_logits(
    double* scores, list own_logits, object doc, dict weights, double bias, Py_ssize_t n, tuple limits
):
    """features.context_logits, given the stage-one scores and logits of the ``n`` lines."""
    cdef double logit_limit = limits[0]
    cdef Py_ssize_t lines_cap = limits[1], window = limits[2]
    cdef list word_counts = doc.words, sentence = doc.sentence, runs = doc.menu_runs
    if len(word_counts) != n or len(sentence) != n or len(runs) != n or len(own_logits) != n:
        raise ValueError("line facts of different lengths")  # the loops below index without checks
    cdef Py_ssize_t i, total_words = 0, prose_words = 0, sentence_words = 0, words, a, b, run
    cdef double best_score = scores[0], total, doc_prose, z, low, high
    for i in range(n):
        words = word_counts[i]
        total_words += words
        if 0.5 < scores[i]:
            prose_words += words
        if sentence[i]:
            sentence_words += words
        if scores[i] > best_score:
            best_score = scores[i]
    low, high = -logit_limit, logit_limit
    total = <double>(total_words or 1)
    doc_prose = sentence_words / total
    # _whole_context's features, in its order, summed from 0 and added to the bias
    bias += (
        0.0
        + <double>weights["best_score"] * best_score
        + <double>weights["prose_share"] * (prose_words / total)
        + <double>weights["log_lines"] * log1p(min(n, lines_cap))
        + <double>weights["doc_prose"] * doc_prose
    )
    cdef double w_line = <double>weights["line_logit"] + <double>weights["doc_prose_x_line_logit"] * doc_prose
    cdef double w_previous = <double>weights["previous_score"] + 0.0, w_next = <double>weights["next_score"] + 0.0
    cdef double w_mean = <double>weights["mean_score_5"] + 0.0
    cdef double log_run = <double>weights["log_short_run"] + <double>weights["doc_prose_x_short_run"] * doc_prose
    cdef double run_ge_4 = weights["short_run_ge_4"]
    cdef double inside = weights["in_region"], outside = <double>weights["doc_prose_x_outside"] * doc_prose
    cdef double distance = weights["log_region_distance"]
    cdef double* prefix = <double*>malloc((n + 1) * sizeof(double))
    cdef double* gains = <double*>malloc(n * sizeof(double))
    if prefix == NULL or gains == NULL:
        free(prefix)
        free(gains)
        raise MemoryError()
    prefix[0] = 0.0
    for i in range(n):
        prefix[i + 1] = prefix[i] + scores[i]
        gains[i] = (scores[i] - 0.5) * log1p(<double>word_counts[i])
    cdef Py_ssize_t start, end
    start, end = _best_region(gains, n)
    cdef list logits = [None] * n
    for i in range(n):
        z = own_logits[i]
        z = low if z < low else (high if z > high else z)
        total = bias + z * w_line  # the columns in _score_columns' order
        total = total + (scores[i - 1] if i > 0 else 0.0) * w_previous
        total = total + (scores[i + 1] if i + 1 < n else 0.0) * w_next
        a = i - window if i > window else 0
        b = i + window + 1 if i + window + 1 < n else n
        total = total + ((prefix[b] - prefix[a] - scores[i]) / (b - a - 1) if b - a > 1 else 0.0) * w_mean
        run = runs[i]
        total = total + (log_run * log1p(run) + (run_ge_4 if run >= 4 else 0.0))
        if i < start:
            total = total + (outside + distance * log1p(start - i))
        elif i <= end:
            total = total + (inside + distance * log1p(0))
        else:
            total = total + (outside + distance * log1p(i - end))
        logits[i] = total
    free(prefix)
    free(gains)
    return logits


def scores(
    object doc,
    dict line_weights,
    double line_bias,
    dict context_weights,
    double context_bias,
    tuple shape_names,
    tuple limits,
):
    """Stage-one and stage-two probabilities of every line of ``doc`` (a features.DocumentShapes).

    ``shape_names`` are features.SHAPE_NAMES; ``limits`` are features.LOGIT_LIMIT, features.LINES_CAP
    and the radius of the window of mean_score_5.
    """
    cdef list logits = _line_logits(doc, line_weights, line_bias, shape_names)
    cdef Py_ssize_t n = len(logits), i
    if not n:
        return [], []
    cdef double* own = <double*>malloc(n * sizeof(double))
    if own == NULL:
        raise MemoryError()
    for i in range(n):
        own[i] = _sigmoid(logits[i])
    try:
        with_context = [_sigmoid(z) for z in _context_logits(own, logits, doc, context_weights, context_bias, n, limits)]
        return [own[i] for i in range(n)], with_context
    finally:
        free(own)
