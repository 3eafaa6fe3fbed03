"""Run the per-document work of both passes on several processes.

Pass 1 maps chunks of files to `CorpusIndexBuilder` parts (one per group),
which the parent merges; pass 2 maps chunks of files to their outcomes, in
input order. Merging is order-independent and pass 2 is a pure function of
(file, corpus model), so the output is the same for any number of processes.

Workers are forked where the platform allows it, so the corpus model built
between the passes reaches them without pickling; elsewhere it is pickled
once per worker.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported when a pool is started: a one-process run never needs them
    import multiprocessing.context
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

#: Files per pass-1 task: big enough that a part's pickle is cheap next to the
#: work, small enough to keep both cores busy at the end.
PASS1_CHUNK = 500
#: Files per pass-2 task: results come back in order, so keep chunks small.
PASS2_CHUNK = 64

#: Tasks queued per worker: enough to never leave one idle.
IN_FLIGHT_PER_JOB = 3

_shared: dict[str, object] = {}

#: Allocations between young-generation collections during a run (Python's default: 700).
RUN_GC_THRESHOLD = 100_000


@contextlib.contextmanager
def fewer_collections(threshold: int = RUN_GC_THRESHOLD) -> Iterator[None]:
    """Collect cyclic garbage less often while documents are processed (restored after).

    Both passes allocate millions of short-lived, acyclic objects (lines, keys,
    verdicts); at the default threshold the collector runs every 700 of them and
    now and then walks every object the process holds (modules, line memos, the
    corpus index): about a tenth of a 10,000-document run. Collection still happens,
    just in larger steps, so memory stays bounded. Workers forked inside inherit it.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    # What exists before the run (modules, compiled patterns, models) lives as long as
    # the process: out of the collector's sight, full collections walk only the run's own.
    froze = gc.get_freeze_count() == 0  # a caller's (or an outer run's) freeze stays theirs
    if froze:
        gc.freeze()
    try:
        yield
    finally:
        if froze:
            gc.unfreeze()
        gc.set_threshold(*before)


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _init_worker(shared: dict[str, object]) -> None:
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the pool cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _shared.clear()
    _shared.update(shared)


def shared(name: str) -> object:
    """A value the parent handed to every worker (see `map_chunks(shared=...)`)."""
    return _shared[name]


def map_chunks(function: Callable[[Sequence[T]], R], chunks: Sequence[Sequence[T]], *,
               jobs: int, shared: dict[str, object] | None = None) -> Iterator[R]:
    """`function` over `chunks`, results in chunk order; in this process when jobs == 1."""
    if jobs <= 1 or len(chunks) <= 1:
        _shared.clear()
        _shared.update(shared or {})
        try:
            yield from map(function, chunks)
        finally:
            _shared.clear()
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_context(),
                             initializer=_init_worker, initargs=(shared or {},)) as pool:
        # A bounded window of tasks in flight: results wait in order for the
        # consumer without piling up in memory.
        window: deque[Future[R]] = deque()
        pending = iter(chunks)
        try:
            for chunk in pending:
                window.append(pool.submit(function, chunk))
                if len(window) >= IN_FLIGHT_PER_JOB * jobs:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
