"""The one lock of a central repository's runs: `newsroom sync`, `newsroom build` and
the resident `newsroom watch` take it, so no two of them write content/ or site/ at once.

It is an advisory `flock` on `.newsroom/run.lock` (the kernel drops it when its holder
dies, however it dies), noting who holds it so a command kept waiting can say by whom.
Within one process it is re-entrant: the service holds it around a sync and the build
after it, and the sync it calls takes it again.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

LOCK_FILE = Path(".newsroom") / "run.lock"
POLL = 0.1  # seconds between two tries while waiting


class Busy(Exception):
    """Another process held the lock for the whole wait; `holder` says who (as it
    noted itself: "newsroom watch (pid 1234)"), or "" when it did not say."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder or "another process")
        self.holder = holder


@dataclass
class _Held:
    handle: IO[str]
    depth: int


_guard = threading.RLock()  # one thread of this process at a time holds or waits
_held: dict[Path, _Held] = {}


@contextmanager
def hold(
    root: Path,
    who: str,
    *,
    wait: float = 0.0,
    waiting: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the repository's run lock for the block, as `who` ("newsroom build").

    Another process holding it is waited for, `wait` seconds at most (`waiting` is
    told who, once, when the wait begins); then `Busy`. In this process the lock is
    re-entrant."""
    path = root / LOCK_FILE
    deadline = time.monotonic() + max(0.0, wait)
    taken = _guard.acquire(timeout=wait) if wait > 0 else _guard.acquire(blocking=False)
    if not taken:  # another thread of this process holds it
        raise Busy(holder(root))
    try:
        held = _held.get(path)
        if held is None:
            held = _Held(_acquire(path, who, deadline, waiting), 0)
            _held[path] = held
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
            if held.depth == 0:
                del _held[path]
                _let_go(held.handle)
    finally:
        _guard.release()


def _acquire(
    path: Path, who: str, deadline: float, waiting: Callable[[str], None] | None
) -> IO[str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    # "a+": opening must not truncate the note of the process holding it.
    handle = path.open("a+", encoding="utf-8")
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                raise Busy(_read(path)) from None
            if waiting is not None and not told:
                waiting(_read(path))
                told = True
            time.sleep(POLL)
    handle.seek(0)
    handle.truncate()
    handle.write(f"{who} (pid {os.getpid()})\n")
    handle.flush()
    return handle


def _let_go(handle: IO[str]) -> None:
    """Wipe the note (a finished run leaves `.newsroom/` as it found it), then let go:
    closing the file releases the flock."""
    try:
        handle.seek(0)
        handle.truncate()
    except OSError:
        pass  # a full disk: the stale note names a process that is gone, no more
    finally:
        handle.close()


def holder(root: Path) -> str:
    """Who noted holding the lock last (it may have let go since)."""
    return _read(root / LOCK_FILE)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, ValueError):
        return ""
