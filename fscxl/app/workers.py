"""Reading input files in worker processes, so a crash costs one file and never the run.

The workbook parser is native code: a damaged or crafted file can make it abort the
whole process rather than raise. Every read therefore runs in a small pool of worker
processes (which also puts every core to work on a big batch). When a worker dies, the
files it had not finished are read again one at a time in a fresh pool, so the file
that brought it down is named and every other file is still read.
"""

from __future__ import annotations

import atexit
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from fscxl.app.outputs import process_alive
from fscxl.model.problems import ERROR, Problem
from fscxl.read.xlsx import SheetsRead, read_sheets

MAX_WORKERS = 8
WORKER_MEMORY_CAP = 4 * 1024**3  # address space a worker may use before allocations fail


@dataclass(frozen=True)
class Crashed:
    """The worker reading this item died (the parser aborted or ran out of memory)."""

    item: object


LOST_FOUND = ("the workbook made the reader stop abruptly (it may be damaged or built to cause "
              "harm), so nothing was read from it")
LOST_FIX = ("Open it in Excel, check it, and save it again as an 'Excel Workbook (.xlsx)'; "
            "if you did not make it, tell your IT service desk.")


@dataclass(frozen=True)
class Failed:
    """The task raised an exception it did not handle itself.

    `detail` is the exception's type and text: for --verbose and support, not for officers.
    """

    item: object
    detail: str


_pool: ProcessPoolExecutor | None = None
_pool_size = 0


def worker_count() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def _context():
    """'fork' starts a worker in milliseconds; it is safe only while this process has one thread."""
    if sys.platform.startswith("linux"):
        if threading.active_count() == 1:
            return multiprocessing.get_context("fork")
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies


def _start_worker(parent: int) -> None:
    """In a new worker: die with the run that started it, and cap its memory."""
    _die_with_parent(parent)
    _cap_memory()


def _die_with_parent(parent: int) -> None:
    """A killed run must not leave workers behind (they would hold files open for minutes).

    Linux: the kernel sends SIGKILL when the process that started the worker goes. When
    that is not the run itself (a fork server started it) or the run is already gone,
    and on other systems, a daemon thread watches the run and ends the worker with it.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0 and os.getppid() == parent:
                return
        except (OSError, AttributeError):  # no prctl: watch instead
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while process_alive(parent):
        time.sleep(1.0)
    os._exit(1)


def _cap_memory() -> None:
    """In a worker: make a runaway allocation fail there instead of exhausting the machine."""
    try:
        import resource
    except ImportError:  # Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = WORKER_MEMORY_CAP if hard == resource.RLIM_INFINITY else min(WORKER_MEMORY_CAP, hard)
    if soft == resource.RLIM_INFINITY or soft > cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _new_pool(size: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=size, mp_context=_context(), initializer=_start_worker,
                               initargs=(os.getpid(),))


def _shared_pool() -> ProcessPoolExecutor:
    """One pool for the whole run, started on first use."""
    global _pool, _pool_size
    if _pool is None:
        _pool_size = worker_count()
        _pool = _new_pool(_pool_size)
    return _pool


def _discard_pool() -> None:
    global _pool
    if _pool is not None:
        try:
            _pool.shutdown(wait=True, cancel_futures=True)
        except KeyboardInterrupt:  # Ctrl+C as the run ends: its work is done, the workers end with it
            pass
        _pool = None


atexit.register(_discard_pool)


def _run_batch(func: Callable, items: list) -> list:
    """In a worker: the results of one batch, an unhandled exception becoming Failed."""
    results = []
    for item in items:
        try:
            results.append(func(item))
        except Exception as exc:  # the caller turns this into a problem for that file
            results.append(Failed(item, f"{type(exc).__name__}: {exc}"))
    return results


def _batches(items: list, workers: int) -> list[list[int]]:
    """Index batches: big enough to amortise a round trip, and smaller towards the end so
    that every worker finishes at about the same time."""
    batches = []
    start = 0
    while start < len(items):
        size = max(1, min(32, (len(items) - start) // (workers * 2)))
        batches.append(list(range(start, start + size)))
        start += size
    return batches


class Pending:
    """Items handed to the worker pool: they are read while the caller gets on with other work.

    `results()` waits for them, in the items' order. An item whose worker died gives
    Crashed(item); one whose task raised gives Failed. Several Pending may share the pool:
    when a worker dies, each one reads again, one at a time, whatever of its own was lost.
    """

    def __init__(self, func: Callable, items: Iterable, on_result: Callable | None = None) -> None:
        self.func = func
        self.items = list(items)
        self.on_result = on_result  # on_result(count) as results are taken in (a progress line)
        self._results: list = [None] * len(self.items)
        self._done = [False] * len(self.items)
        self._collected = False
        self._futures: dict[Future, list[int]] = {}
        self._pool = _shared_pool() if self.items else None
        if self._pool is None:
            return
        try:
            self._submit()
        except BrokenProcessPool:
            # A worker died since the last use (killed, say, while idle): the pool refuses every
            # task from now on. Start a fresh one rather than read everything one at a time.
            self._futures.clear()
            if _pool is self._pool:
                _discard_pool()
            self._pool = _shared_pool()
            try:
                self._submit()
            except BrokenProcessPool:  # broken again at once: what was not submitted is read one by one
                pass

    def _submit(self) -> None:
        for batch in _batches(list(range(len(self.items))), _pool_size):
            self._futures[self._pool.submit(_run_batch, self.func, [self.items[i] for i in batch])] = batch

    def results(self) -> list:
        if self._collected:
            return self._results
        self._collected = True
        try:
            self._take_in()
        except (BrokenProcessPool, CancelledError):
            self._salvage()
            if _pool is self._pool:
                _discard_pool()
        if not all(self._done):
            _recover(self.func, self.items, self._results, self._done, self.on_result)
        self._futures.clear()
        return self._results

    def _take_in(self) -> None:
        remaining = set(self._futures)
        while remaining:
            finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for future in finished:
                self._store(future, future.result())  # raises BrokenProcessPool if a worker died

    def _salvage(self) -> None:
        """After a crash: keep every batch that had finished before it."""
        for future in self._futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                self._store(future, future.result())

    def _store(self, future: Future, batch_results: list) -> None:
        batch = self._futures[future]
        if self._done[batch[0]]:
            return
        for index, result in zip(batch, batch_results, strict=True):
            self._results[index] = result
            self._done[index] = True
        if self.on_result:
            self.on_result(len(batch))


def submit_isolated(func: Callable, items: Iterable, on_result: Callable | None = None) -> Pending:
    """Start func(item) for every item in worker processes; collect with `.results()`."""
    return Pending(func, items, on_result)


def _recover(func, items, results, done, on_result) -> None:
    """Read the unfinished items one by one in a one-worker pool, naming each that crashes."""
    unfinished = [i for i in range(len(items)) if not done[i]]
    while unfinished:
        pool = _new_pool(1)
        futures = [(i, pool.submit(_run_batch, func, [items[i]])) for i in unfinished]
        crashed_at = None
        for index, future in futures:
            try:
                results[index] = future.result()[0]
            except BrokenProcessPool:
                crashed_at = index
                break
            done[index] = True
            if on_result:
                on_result(1)
        pool.shutdown(wait=True, cancel_futures=True)
        if crashed_at is None:
            break
        results[crashed_at] = Crashed(items[crashed_at])
        done[crashed_at] = True
        if on_result:
            on_result(1)
        unfinished = [i for i in unfinished if not done[i]]



def lost_file_problem(label: str, outcome: Crashed | Failed) -> Problem:
    """The one problem for a file whose reading never came back: its worker died, or the task raised."""
    if isinstance(outcome, Crashed):
        return Problem(ERROR, label, found=f"this file: {LOST_FOUND}", fix=LOST_FIX, code="FILE15")
    return Problem(ERROR, label, found="this file could not be read",
                   fix="Open it in Excel, check it, and save it again as an 'Excel Workbook (.xlsx)'.",
                   detail=outcome.detail, code="FILE07")


def read_workbooks(items: list[tuple[Path, str, str, bool]]) -> list[SheetsRead]:
    """Workbooks read in the worker processes (see fscxl.read.xlsx.read_sheets for `items`).

    A workbook whose reading never came back is a SheetsRead with no sheets and its problem.
    """
    # absolute: a worker keeps the working directory it started in
    outcomes = submit_isolated(read_sheets, [(path.absolute(), *rest) for path, *rest in items]).results()
    return [SheetsRead(None, [lost_file_problem(item[1], outcome)])
            if isinstance(outcome, (Crashed, Failed)) else outcome
            for item, outcome in zip(items, outcomes, strict=True)]
