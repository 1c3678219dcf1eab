"""Work a process does after it has handed over what others wait for: a site's pages
are out, and what is kept for the next build (the desk's memo, its fingerprint) is
written meanwhile, in a thread of its own.

The threads are no daemons: a worker process, as any Python process, ends only once
they are done, and the parent waits for its workers to end before it reads what they
kept. A build in this very process waits for them with `finish` before it reads it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

_started: list[threading.Thread] = []


def start(work: Callable[[], None], name: str) -> None:
    """Run `work` now, beside what this process does next."""
    thread = threading.Thread(target=work, name=name)
    thread.start()
    _started.append(thread)  # once started: one that failed to start is never joined


def finish() -> None:
    """Return once everything started here is done."""
    while _started:
        _started.pop().join()
