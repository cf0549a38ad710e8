"""Worker processes that can always be stopped: documents handed out one at a time, answers put back in input
order, a document that outlives its time limit failed and its worker replaced, every worker killed at once on
the way out (Ctrl-C, SIGTERM, a closed pipe), stuck or not.

Workers only clean and render; the parent writes. So killing a worker can never leave a half-written file.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

_Task = TypeVar("_Task")
_Answer = TypeVar("_Answer")

# Forked where the platform can: a worker starts in milliseconds with the rules already loaded (the default
# start method changes between Python versions; the behaviour should not).
_CONTEXT = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
HELPER_CONTEXT = multiprocessing.get_context(
    "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
)
"""For a helper process started from a process that runs threads (a Dask worker), where forking is unsafe:
forked from a server process that has the cleaner loaded, so that it starts in milliseconds."""
HELPER_CONTEXT.set_forkserver_preload(["cleaner.run"]) if hasattr(HELPER_CONTEXT, "set_forkserver_preload") else None
GRACE = 2.0  # seconds past a document's time limit before its worker is killed (stuck in C code, say)
AHEAD_PER_WORKER = 8  # documents read ahead of the one handed back, per worker (bounds the memory held)


def _serve(conn: Connection, work: Callable[[_Task], _Answer]) -> None:
    # Ctrl-C reaches every process in the group; only the parent reacts, and it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        seq, task = message
        conn.send((seq, work(task)))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    seq: int | None = None  # the task in hand
    since: float = 0.0


@dataclass
class Pool(Generic[_Task, _Answer]):
    """``map`` over tasks in up to ``size`` processes, started only as there is work for them.

    ``failed(task, reason)`` answers for a task whose worker died or was killed past ``deadline`` seconds.
    """

    work: Callable[[_Task], _Answer]
    failed: Callable[[_Task, str], _Answer]
    size: int
    deadline: float | None = None
    context: Any = _CONTEXT
    """The multiprocessing context workers are started in."""
    _workers: list[_Worker] = field(default_factory=list)

    def one(self, task: _Task) -> _Answer:
        """The answer for one task, from a worker kept for the next (replaced when it died or overran)."""
        tasks = {0: task}
        done: dict[int, _Answer] = {}
        self._dispatch(deque([0]), tasks)
        while 0 not in done:
            self._collect(tasks, done)
        return done[0]

    def map(self, items: Iterable[_Task], is_task: Callable[[_Task], bool]) -> Iterator[_Answer]:
        """Each task's answer, in the order given; an item that is not a task (``is_task``) is answered in
        the parent, in its place."""
        items = iter(items)
        tasks: dict[int, _Task] = {}  # handed out or waiting, by sequence number
        waiting: deque[int] = deque()
        done: dict[int, _Answer] = {}
        read = handed_back = 0
        exhausted = False
        limit = self.size * AHEAD_PER_WORKER
        try:
            while True:
                while not exhausted and read - handed_back < limit:
                    try:
                        item = next(items)
                    except StopIteration:
                        exhausted = True
                        break
                    if is_task(item):
                        tasks[read] = item
                        waiting.append(read)
                    else:
                        done[read] = self.work(item)
                    read += 1
                self._dispatch(waiting, tasks)
                while handed_back in done:
                    answer = done.pop(handed_back)
                    handed_back += 1
                    yield answer
                if exhausted and handed_back == read:
                    return
                if not waiting or not self._idle_or_room():
                    self._collect(tasks, done)
        finally:
            self.close()

    def _idle_or_room(self) -> bool:
        return len(self._workers) < self.size or any(w.seq is None for w in self._workers)

    def _dispatch(self, waiting: deque[int], tasks: dict[int, _Task]) -> None:
        while waiting:
            worker = next((w for w in self._workers if w.seq is None), None)
            if worker is None:
                if len(self._workers) >= self.size:
                    return
                worker = self._start()
            seq = waiting.popleft()
            worker.conn.send((seq, tasks[seq]))
            worker.seq, worker.since = seq, time.monotonic()

    def _start(self) -> _Worker:
        parent, child = multiprocessing.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.work), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    def _collect(self, tasks: dict[int, _Task], done: dict[int, _Answer]) -> None:
        """Wait for an answer (or a deadline); a worker that died or overran is replaced by none: the next
        dispatch starts a fresh one when there is work for it."""
        busy = [w for w in self._workers if w.seq is not None]
        if not busy:
            return
        timeout = None
        if self.deadline is not None and busy:
            timeout = max(0.0, min(w.since for w in busy) + self.deadline - time.monotonic())
        ready = set(wait([w.conn for w in busy], timeout))
        now = time.monotonic()
        for worker in busy:
            seq = worker.seq
            assert seq is not None
            if worker.conn in ready:
                try:
                    answered, answer = worker.conn.recv()
                except (EOFError, OSError):
                    code = worker.process.exitcode
                    self._drop(worker)
                    done[seq] = self.failed(tasks.pop(seq), f"worker process died (exit status {code})")
                    continue
                done[answered] = answer
                tasks.pop(answered)
                worker.seq = None
            elif self.deadline is not None and now - worker.since >= self.deadline:
                self._drop(worker)
                done[seq] = self.failed(tasks.pop(seq), "did not finish in time; its worker was stopped")

    def _drop(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        _stop(worker)

    def close(self) -> None:
        """Stop every worker now: they hold nothing worth waiting for."""
        workers, self._workers = self._workers, []
        for worker in workers:
            _stop(worker)


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    worker.conn.close()
