"""How a build treats Python's cyclic garbage collector.

Loading 10,000 releases makes millions of objects that all live until the build
ends, none of them garbage; yet the collector, woken by every few hundred
allocations, walked them again and again: a third of the load (0.2 of 0.6 s).
So the collector is paused while the repository loads, and what was loaded is
then frozen (`gc.freeze`) while the sites are built: later collections, here and
in the forked site workers, skip it, and the workers never write to those
objects' headers, so the memory pages stay shared with this process. Python's
documentation recommends exactly this for processes that fork workers.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside; reference counting still frees what is dropped."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """Every object alive now is left out of collections until the block ends (then
    it is collectable again: a test process builds many times and must not hoard).
    What a caller froze before stays frozen."""
    was_frozen = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not was_frozen:
            gc.unfreeze()
