"""The same job on a Dask distributed cluster (``--engine dask --scheduler ADDRESS``, the ``dask`` extra).

Each document is shipped to a worker as bytes and cleaned there by the very function local runs map
(:func:`cleaner.run.clean_task`); the answers come back in input order and are written here, by the one
process that writes. Only a few documents per worker thread are in flight at once, so the client's memory
stays bounded whatever the size of the input.

A cluster's workers run documents in threads, where no signal can interrupt one: with ``--timeout`` each
worker thread cleans in a helper process of its own (:func:`cleaner.run.limited`), stopped and replaced when
a document outlives the limit, so a stuck page fails with the reason and the run goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from cleaner.inputs.read import Document, describe_error
from cleaner.pool import AHEAD_PER_WORKER
from cleaner.run import (
    Answer,
    Outcome,
    Settings,
    Task,
    clean_failed,
    clean_task,
    deliver,
    is_task,
    limited,
    survey_failed,
    survey_task,
    tasks,
)
from cleaner.templates import learn

_Answer = TypeVar("_Answer")

CONNECT_SECONDS = 10


class ClusterError(ValueError):
    """The cluster cannot be used: dask is not installed, or the scheduler cannot be reached."""


def connect(address: str) -> Any:
    """A client of the scheduler at ``address``; raises ClusterError with what to do."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("--engine dask needs Dask distributed: pip install 'cleaner[dask]'") from None
    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"--scheduler {address}: cannot reach the scheduler ({describe_error(exc)})") from None


def run_on_dask(
    items: Iterable[Document | Outcome],
    settings: Settings,
    address: str,
    survey: Iterable[Document | Outcome] | None = None,
) -> Generator[Outcome, None, None]:
    """Every document cleaned on the cluster at ``address`` (and in folder mode written here), in input order;
    with ``survey``, after a first pass on the cluster finds the batch's site templates (as :func:`run`)."""
    return _run(connect(address), items, settings, survey)


def _run(
    client: Any, items: Iterable[Document | Outcome], settings: Settings, survey: Iterable[Document | Outcome] | None
) -> Generator[Outcome, None, None]:
    try:
        if survey is not None:
            found = _answers(client, survey_task, survey_failed, tasks(survey, settings), settings)
            settings = replace(settings, templates=learn(found))
        for answer in _answers(client, clean_task, clean_failed, tasks(items, settings), settings):
            yield deliver(*answer)
    finally:  # finished, interrupted or the reader gone: nothing left running on the cluster for us
        client.close()


def _answers(
    client: Any,
    work: Callable[[Settings, Task | Answer], _Answer],
    failed: Callable[[Task | Answer, str], _Answer],
    items: Iterable[Task | Answer],
    settings: Settings,
) -> Iterator[_Answer]:
    """``work`` on each task on the cluster, in the order given, a few per worker thread in flight."""
    pending: deque[tuple[Task | Answer, Any]] = deque()
    try:
        shared = client.scatter(settings, broadcast=True, hash=False)  # the rule set sent once per worker
        limit = max(1, sum(client.nthreads().values())) * AHEAD_PER_WORKER
        for task in items:
            future = client.submit(limited, work, failed, shared, task, pure=False) if is_task(task) else None
            pending.append((task, future))
            while pending and (len(pending) >= limit or pending[0][1] is None or pending[0][1].done()):
                yield _answer(work, failed, settings, *pending.popleft())
        while pending:
            yield _answer(work, failed, settings, *pending.popleft())
    finally:
        client.cancel([future for _, future in pending if future is not None])


def _answer(
    work: Callable[[Settings, Task | Answer], _Answer],
    failed: Callable[[Task | Answer, str], _Answer],
    settings: Settings,
    task: Task | Answer,
    future: Any,
) -> _Answer:
    if future is None:
        return work(settings, task)  # decided before cleaning: its own answer, at once
    try:
        answer: _Answer = future.result()
    except Exception as exc:  # the worker died, or the task was lost with it
        return failed(task, f"failed on the cluster ({describe_error(exc)})")
    return answer
