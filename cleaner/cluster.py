"""The same job on a Dask distributed cluster (``--engine dask --scheduler ADDRESS``, the ``dask`` extra).

Each document is shipped to a worker as bytes and cleaned there by the very function local runs map
(:func:`cleaner.run.clean_task`); the answers come back in input order and are written here, by the one
process that writes. Only a few documents per worker thread are in flight at once, so the client's memory
stays bounded whatever the size of the input.

A cluster's workers run documents in threads, where no signal can interrupt one: ``--timeout`` is not
enforced there (a stuck document holds its thread until the worker is restarted).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable
from typing import Any

from cleaner.inputs.read import Document, describe_error
from cleaner.pool import AHEAD_PER_WORKER
from cleaner.run import Answer, Outcome, Settings, Task, clean_task, deliver, tasks

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
    items: Iterable[Document | Outcome], settings: Settings, address: str
) -> Generator[Outcome, None, None]:
    """Every document cleaned on the cluster at ``address`` (and in folder mode written here), in input order."""
    return _run(connect(address), items, settings)


def _run(client: Any, items: Iterable[Document | Outcome], settings: Settings) -> Generator[Outcome, None, None]:
    pending: deque[tuple[Task | Answer, Any]] = deque()
    try:
        shared = client.scatter(settings, broadcast=True, hash=False)  # the rule set sent once per worker
        limit = max(1, sum(client.nthreads().values())) * AHEAD_PER_WORKER
        for task in tasks(items, settings):
            future = client.submit(clean_task, shared, task, pure=False) if isinstance(task[0], Document) else None
            pending.append((task, future))
            while pending and (len(pending) >= limit or pending[0][1] is None or pending[0][1].done()):
                yield deliver(*_answer(*pending.popleft()))
        while pending:
            yield deliver(*_answer(*pending.popleft()))
    finally:  # finished, interrupted or the reader gone: nothing left running on the cluster for us
        client.cancel([future for _, future in pending if future is not None])
        client.close()


def _answer(task: Task | Answer, future: Any) -> Answer:
    if future is None:
        return task  # type: ignore[return-value]  # decided before cleaning: its own answer
    try:
        answer: Answer = future.result()
    except Exception as exc:  # the worker died, or the task was lost with it
        return Outcome(task[0].name, f"failed on the cluster ({describe_error(exc)})"), None
    return answer
