"""Spreading per-file work over the machine's cores, results in input order.

Below :data:`THRESHOLD` items, or on one core, work runs in this process: starting
workers costs more than it saves. ``PERFCTL_JOBS=N`` sets the number of worker
processes (``1``: never start any).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Fewest items worth a process pool (about 0.2 s of work).
THRESHOLD = 200
#: Chunks per worker: small enough that workers finish together, large enough to keep pickling cheap.
CHUNKS_PER_JOB = 32


def jobs() -> int:
    """Worker processes to use: ``PERFCTL_JOBS`` when set, else the cores this process may run on."""
    env = os.environ.get("PERFCTL_JOBS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_chunks(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], *, threshold: int = THRESHOLD) -> Iterator[R]:
    """``fn`` applied to consecutive chunks of ``items``: one result per item, in input order,
    each chunk's as soon as it and the chunks before it are done (so the caller works while
    the workers do).

    ``fn`` takes a list of items and returns one result per item; it must be a module-level
    function (workers receive it by name) and its items and results picklable.
    """
    n = jobs()
    if n < 2 or len(items) < threshold:
        yield from fn(items)
        return
    import multiprocessing  # here, not at the top: most runs never start a worker
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, -(-len(items) // (n * CHUNKS_PER_JOB)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    # fork (Linux) starts workers with perfctl already imported; elsewhere the platform default.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    from perfctl import i18n

    with ProcessPoolExecutor(max_workers=min(n, len(chunks)), mp_context=context, initializer=_start_worker,
                             initargs=(i18n.language(),)) as pool:
        try:
            for results in pool.map(fn, chunks):
                yield from results
        except KeyboardInterrupt:  # stop at once: drop the chunks not started
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _start_worker(lang: str) -> None:
    """In a worker: speak the parent's language (a worker not forked starts in English), and
    ignore Ctrl-C, which the terminal sends to every process of the group. The parent stops
    the run; a worker killed by it would break the pool, print a traceback and can hang the exit."""
    from perfctl import i18n

    i18n.use(lang)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
