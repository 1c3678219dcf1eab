"""How a build treats Python's cyclic garbage collector.

Loading 10,000 releases makes millions of objects that all live until the build
ends, none of them garbage; yet the collector, woken by every few hundred
allocations, walked them again and again: a third of the load (0.2 of 0.6 s).
So the collector is paused while the repository loads, and what was loaded is
then frozen (`gc.freeze`) while the sites are built: later collections, here and
in the forked site workers, skip it, and the workers never write to those
objects' headers, so the memory pages stay shared with this process. Python's
documentation recommends exactly this for processes that fork workers. A process
that keeps what it loaded between builds (`newsroom watch`) keeps it frozen between
them too (`kept_frozen`), and collects it whole hourly when it is idle (after three
hours if it never is).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# How many `frozen` and `kept_frozen` blocks are open. Inside one the heap is frozen
# already, so the next block need not ask `gc.get_freeze_count()`, which walks every
# frozen object: with the service's heap kept frozen, 0.15 s of each push's load at
# 100,000 releases, before any site's worker could start.
_open = 0


def _frozen_already() -> bool:
    """Whether anything is frozen: known at once inside a block of ours; else asked
    (then little or nothing is frozen, unless a caller froze it itself)."""
    return _open > 0 or gc.get_freeze_count() > 0


@contextmanager
def _freezing() -> Iterator[None]:
    """Everything alive frozen inside; unfrozen after, unless it was frozen before."""
    global _open
    was_frozen = _frozen_already()
    gc.freeze()
    _open += 1
    try:
        yield
    finally:
        _open -= 1
        if not was_frozen:
            gc.unfreeze()


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
    with _freezing():
        yield


class KeptFrozen:
    """A long-running process's heap between its builds (`kept_frozen`)."""

    def __init__(self, ticks: Callable[[], float], every: float) -> None:
        self._ticks, self._every = ticks, every
        self._last = ticks()

    def collect_if_due(self, idle: bool) -> float | None:
        """A whole collection, if the last was `every` seconds ago or more and the
        caller is `idle`, or three times that, idle or not (a process never idle still
        frees its garbage): the garbage frozen meanwhile (a few hundred objects in
        cycles a build) is freed. What a caller froze before `kept_frozen` is walked too,
        and frozen again. Returns how long it took, or None if it was not due."""
        start = self._ticks()
        since = start - self._last
        if since < self._every or (not idle and since < OVERDUE * self._every):
            return None
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._last = self._ticks()
        return self._last - start


# A whole collection waits for an idle moment, for at most this many times `every`.
OVERDUE = 3


@contextmanager
def kept_frozen(ticks: Callable[[], float], every: float) -> Iterator[KeptFrozen]:
    """Everything alive stays frozen between builds, and what each build adds (each
    build's `frozen` finds it so and leaves it so), until the block ends; a whole
    collection only when the caller asks (`KeptFrozen.collect_if_due`), at most once
    each `every` seconds.

    A build unfreezes what it froze when it ends. In `newsroom watch`, which keeps its
    loaded newsroom and caches between builds, the collector's next pass of the oldest
    generation then walked all of it, at whatever moment the allocations triggered
    it: 1.4 s at 100,000 releases, twice in three pushes, one of them as the next
    push began. What a caller froze before stays frozen."""
    with _freezing():
        yield KeptFrozen(ticks, every)
