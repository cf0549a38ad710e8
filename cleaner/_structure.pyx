# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled twins of the per-line loops of the text-mode structure pass (:mod:`cleaner.structure`).

Once a page's lines are scored, the structure pass walks them a dozen times: for widget runs, for
the article region, for a comment thread, for the lines it removes and the reason of each. Each walk
is a Python loop over every line, and a page has hundreds; here each is one C loop over the same
lists. The functions of :mod:`cleaner.structure` they mirror are the reference and the fallback
where this module was not built: every twin reads the same values, adds floats in the same order and
compares them as they do, so the same lines and reasons come out (``tests/test_compiled_structure.py``
holds each twin to its Python function). The limits (run lengths, score bars) are the structure
module's constants, passed in so that they are defined in one place.
"""

from libc.math cimport INFINITY, pow
from libc.stdlib cimport free, malloc


def widget_runs(list own, list menu_runs, Py_ssize_t min_lines, double max_score):
    """structure.widget_runs: True for each line in a run of ``min_lines`` or more short lines whose
    mean own-shape score is below ``max_score``."""
    cdef Py_ssize_t n = len(own), i = 0, k, length, stop
    cdef double total
    cdef list flags = [False] * n
    if len(menu_runs) != n:
        raise ValueError("scores and menu runs of different lengths")
    while i < n:
        length = menu_runs[i]
        stop = min(i + length, n)  # a run never reaches past the last line; were it to, the slice would stop there
        if length >= min_lines:
            total = 0.0  # features.added_up of the run's scores: left to right, from 0
            for k in range(i, stop):
                total += <double>own[k]
            if total / length < max_score:
                for k in range(i, stop):
                    flags[k] = True
        i += length or 1
    return flags


def article_region(list scores, list words, double threshold, list widgets, Py_ssize_t tail_max_words):
    """structure.article_region: the stretch of lines (first, last) whose gains add up to the most
    (features.best_region), cut back to before its last widget run when fewer than ``tail_max_words``
    words follow that run."""
    cdef Py_ssize_t n = len(scores), i, start = 0, best_start = 0, end = -1, last, tail
    cdef double gain, best = -INFINITY, running = 0.0
    if len(words) != n:
        raise ValueError("scores and word counts of different lengths")  # as zip(strict=True) would
    if len(widgets) != n:
        raise ValueError("scores and widget flags of different lengths")
    for i in range(n):
        # (s - threshold) * (1.0 + w) ** 0.5, with the pow() that Python's ** calls
        gain = (<double>scores[i] - threshold) * pow(1.0 + <Py_ssize_t>words[i], 0.5)
        if running <= 0.0:
            running = gain
            start = i
        else:
            running += gain
        if running > best:
            best = running
            best_start = start
            end = i
    start = best_start
    last = end
    while last >= start and not widgets[last]:
        last -= 1
    if last >= start:
        tail = 0
        for i in range(last + 1, end + 1):
            tail += <Py_ssize_t>words[i]
        if tail < tail_max_words:
            while last >= start and widgets[last]:
                last -= 1
            end = last
    return start, end


cdef tuple _first_chain(list at, list sentence, Py_ssize_t n, Py_ssize_t max_gap, Py_ssize_t min_entries):
    """structure._first_chain: (first line, last line, entries) of the first chain of ``at``, or None."""
    cdef Py_ssize_t first = at[0], last = first, entries = 1, k, a, b = first, j
    cdef bint prose
    for k in range(1, len(at)):
        a = b
        b = at[k]
        if b - a <= max_gap:
            prose = False
            for j in range(a + 1, b):
                if sentence[j]:
                    prose = True
                    break
            if prose:
                entries += 1
                last = b + (b - a) - 1
                continue
        if entries >= min_entries:
            break
        first = b
        last = b
        entries = 1
    if entries < min_entries:
        return None
    return first, (last if last < n - 1 else n - 1), entries


def comment_thread(
    list templates,
    list words,
    list sentence,
    Py_ssize_t start,
    Py_ssize_t end,
    Py_ssize_t max_gap,
    Py_ssize_t min_entries,
    Py_ssize_t min_article_words,
):
    """structure.comment_thread, as (start, end, entries, shape) for its CommentThread, or None."""
    cdef Py_ssize_t n = len(templates), i, first, before, best_start = -1, best_end = 0, best_entries = 0
    cdef dict seen = {}
    cdef list at
    cdef tuple chain
    cdef object best_shape = None
    if len(words) != n or len(sentence) != n:
        raise ValueError("line facts of different lengths")
    if start < 0:
        raise ValueError("the region starts before the first line")
    for i in range(start, n):
        template = templates[i]
        if template:
            at = seen.get(template)
            if at is None:
                seen[template] = [i]
            else:
                at.append(i)
    for shape, at in seen.items():
        chain = _first_chain(at, sentence, len(words), max_gap, min_entries)
        if chain is None:
            continue
        first = chain[0]
        if first > end:
            continue
        before = 0
        for i in range(start, first):
            before += <Py_ssize_t>words[i]
        if before < min_article_words:
            continue
        if best_start < 0 or first < best_start:
            best_start, best_end, best_entries, best_shape = first, max(end, <Py_ssize_t>chain[1]), chain[2], shape
    if best_start < 0:
        return None
    return best_start, best_end, best_entries, best_shape


def judged_lines(
    list decisions,
    list scores,
    list own,
    list sentence,
    list words,
    Py_ssize_t start,
    Py_ssize_t end,
    double floor,
    Py_ssize_t prose_min_words,
    double prose_own_score,
):
    """structure._judged_lines: the kept lines outside the region (``start``, ``end``), and those inside
    it that score below ``floor`` and do not read as prose on their own (structure._reads_as_prose)."""
    cdef Py_ssize_t n = len(decisions), i
    cdef list judged = []
    if not (len(scores) >= n and len(own) >= n and len(sentence) >= n and len(words) >= n):
        raise IndexError("fewer scores or line facts than lines")  # as the Python loop would, in its own time
    for i in range(n):
        if decisions[i].removal is not None:
            continue
        if start <= i <= end:
            if <double>scores[i] >= floor:
                continue
            if sentence[i] and <Py_ssize_t>words[i] >= prose_min_words and <double>own[i] >= prose_own_score:
                continue
        judged.append(i)
    return judged


def removals(
    list lines,
    list scores,
    list menu_runs,
    list widgets,
    list words,
    list sentence,
    tuple region,
    tuple thread_lines,
    tuple fixed_keys,
    tuple limits,
    object made,
):
    """structure._Reasons.removals: the removal of each of ``lines``, looked up in ``made`` (a
    structure._Removals) by the key _Reasons.removal_keys gives the line.

    ``thread_lines`` are the comment thread's first line and the line after its last; ``fixed_keys`` are
    the keys of a line in the thread, before the region and after it; ``limits`` are MENU_RUN_MIN_LINES,
    HEADLINE_LIST_MIN_LINES, features.MENU_LINE_MAX_WORDS and HEADLINE_MAX_WORDS.
    """
    cdef Py_ssize_t start = region[0], end = region[1], thread_start = thread_lines[0], thread_stop = thread_lines[1]
    cdef Py_ssize_t menu_min = limits[0], headline_min = limits[1], short_max = limits[2], headline_max = limits[3]
    cdef Py_ssize_t n = len(words), i, j, w, run_start
    cdef list found = []
    # The removals of the three keys every page repeats, looked up on their first use (None is a removal
    # too: that of a deselected rule).
    cdef object unknown = object(), in_thread = unknown, before = unknown, after = unknown
    # The lines of a run follow each other and share its length: the last run's removal is kept at hand.
    cdef Py_ssize_t menu_run, last_menu_run = -1, last_headline_run = -1
    cdef object menu_removal = None, headline_removal = None
    if len(sentence) != n or len(menu_runs) != n or len(widgets) != n or len(scores) != n:
        raise ValueError("line facts of different lengths")
    for i in lines:
        if not 0 <= i < n:
            raise IndexError("line out of range")
    # run_lengths(_headline_shaped(doc)): each line's run of headline-shaped lines (0 outside one)
    cdef Py_ssize_t* headline_runs = <Py_ssize_t*>malloc((n or 1) * sizeof(Py_ssize_t))
    if headline_runs == NULL:
        raise MemoryError()
    try:
        run_start = 0
        for i in range(n + 1):
            if i < n:
                w = words[i]
                if short_max < w <= headline_max and not sentence[i]:
                    continue
            for j in range(run_start, i):
                headline_runs[j] = i - run_start
            if i < n:
                headline_runs[i] = 0
            run_start = i + 1
        for i in lines:
            if thread_start <= i < thread_stop:
                if in_thread is unknown:
                    in_thread = made[fixed_keys[0]]
                found.append(in_thread)
            elif <Py_ssize_t>menu_runs[i] >= menu_min or widgets[i]:
                menu_run = menu_runs[i]
                if menu_run != last_menu_run:
                    menu_removal, last_menu_run = made[("TXT001", menu_runs[i])], menu_run
                found.append(menu_removal)
            elif headline_runs[i] >= headline_min:
                if headline_runs[i] != last_headline_run:
                    headline_removal, last_headline_run = made[("TXT003", headline_runs[i])], headline_runs[i]
                found.append(headline_removal)
            elif i < start:
                if before is unknown:
                    before = made[fixed_keys[1]]
                found.append(before)
            elif i > end:
                if after is unknown:
                    after = made[fixed_keys[2]]
                found.append(after)
            else:
                found.append(made[("TXT004", format(scores[i], ".2f"))])
        return found
    finally:
        free(headline_runs)


def kept_lines(list decisions, Py_ssize_t at_most):
    """structure._kept_lines: the indexes of the kept decisions (no removal), the first ``at_most`` of
    them, or all of them when ``at_most`` is below 0."""
    cdef Py_ssize_t i
    cdef list kept = []
    if at_most == 0:
        return kept
    for i in range(len(decisions)):
        if decisions[i].removal is None:
            kept.append(i)
            if len(kept) == at_most:
                break
    return kept


def put_at(list values, list lines, list items):
    """structure._put_at: ``values[i] = item`` for each line ``i`` and its item, in turn."""
    cdef Py_ssize_t n = len(values), k, i
    if len(items) != len(lines):
        raise ValueError("lines and items of different lengths")
    for k in range(len(lines)):
        i = lines[k]
        if not 0 <= i < n:
            raise IndexError("line out of range")
        values[i] = items[k]
