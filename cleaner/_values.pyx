# cython: language_level=3, boundscheck=False, wraparound=False
"""The compiled twin of :func:`cleaner.model.many`: values of a frozen slotted dataclass, a column at a time.

Text mode makes a Block and a Decision for every line of a page. ``many`` in Python fills each slot a
whole column at a time with C-level ``map`` calls; here each value is allocated and its slots set by
the slots' own descriptors in one C loop, without an iterator or a bound method per value.

The Python function is the reference (``tests/test_model_many.py`` holds the two equal).
"""

from cpython.list cimport PyList_GET_ITEM
from cpython.object cimport PyObject, PyTypeObject
from cpython.ref cimport Py_DECREF


cdef extern from "Python.h":
    ctypedef PyObject* (*allocfunc)(PyTypeObject* cls, Py_ssize_t items)
    ctypedef int (*descrsetfunc)(PyObject* descriptor, PyObject* owner, PyObject* value) except -1
    ctypedef struct _TypeSlots "PyTypeObject":  # the two members of a type read here
        allocfunc tp_alloc
        descrsetfunc tp_descr_set
    PyTypeObject* Py_TYPE(object value)


def many(type cls, list slots, list columns):
    """``cls`` values, the i-th with ``slots[k]`` set to ``columns[k][i]``, as ``cleaner.model.many`` makes them
    for a slotted class: allocated as ``object.__new__`` allocates them, each slot set through its member
    descriptor's ``__set__``. The caller has checked the class, and that the columns are lists of one length."""
    cdef Py_ssize_t size = len(<list>columns[0]) if columns else 0, i, k, width = len(slots)
    cdef list out = [None] * size
    cdef allocfunc alloc = (<_TypeSlots*>cls).tp_alloc
    cdef PyObject* made
    cdef list column
    for i in range(size):
        made = alloc(<PyTypeObject*>cls, 0)
        if made is NULL:
            raise MemoryError()
        value = <object>made
        Py_DECREF(value)  # the cast took a reference of its own: ``value`` holds the one alloc made
        for k in range(width):
            slot = slots[k]
            column = <list>columns[k]
            (<_TypeSlots*>Py_TYPE(slot)).tp_descr_set(<PyObject*>slot, made, PyList_GET_ITEM(column, i))
        out[i] = value
    return out
