"""Worker processes that never outlive the command that started them.

If `newsroom build` is killed (SIGKILL, the OOM killer), its forked workers
would carry on as orphans and could race the next build for the same files.
On Linux each worker asks the kernel to kill it when its parent dies.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1


def start_worker() -> None:
    """Pool initializer of every worker we fork."""
    die_with_parent()
    # Its own garbage is collected, even if forked while the parent had paused the
    # collector (see generator.util.heap).
    gc.enable()


def die_with_parent() -> None:
    """SIGKILL this process when its parent exits (Linux; else no-op)."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_shared: tuple[Callable[[Sequence[Any]], Any], Sequence[Any], int] | None = None


def can_fork() -> bool:
    """Forking a process that runs other threads (`mkdocs serve` watches files and serves
    pages) can leave a child waiting forever on a lock one of them held."""
    return threading.active_count() == 1


def forked_chunks(work: Callable[[Sequence[T]], R], items: Sequence[T], workers: int) -> list[R]:
    """`work` on every `workers`-th item (interleaved: neighbours cost alike) in forked
    workers, one result per chunk in order. The items reach the workers through the fork,
    never through a pipe: pickling 75 MB of release bodies cost more than the work."""
    global _shared
    _shared = (work, items, workers)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=start_worker) as pool:
            return pool.map(_chunk, range(workers))
    finally:
        _shared = None


def _chunk(start: int) -> Any:
    assert _shared is not None
    work, items, step = _shared
    return work(items[start::step])
