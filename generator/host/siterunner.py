"""The workers the sites of one build are built in: forked, so they inherit the
loaded repository, the rendered bodies and the build's instant."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Generic, TypeVar

from generator.util.workers import start_worker

_T = TypeVar("_T")
_R = TypeVar("_R")
_Item = TypeVar("_Item")
_Made = TypeVar("_Made")


class SiteRunner(Generic[_T, _R]):
    """Builds what is handed to it with `build_one`: in forked workers, each starting
    as soon as it is handed over; or here, one after another, when one worker is all
    there is."""

    def __init__(
        self,
        build_one: Callable[[_T], _R],
        jobs: int,
        expected: int | None = None,
        cores: int | None = None,
    ) -> None:
        """`cores`: those this process may run on (by default, as the system says)."""
        self._build_one = build_one
        self.cores = cores or _usable_cores()
        workers = jobs or os.cpu_count() or 1
        self.workers = workers if expected is None else min(workers, expected)
        self._pool: ProcessPoolExecutor | None = None
        self._queued: list[_T | Future[_R]] = []
        self._futures: list[Future[_R]] = []

    def submit(self, target: _T) -> None:
        if self.workers <= 1:
            self._queued.append(target)
            return
        if self._pool is None:
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=start_worker
            )
        future = self._pool.submit(self._build_one, target)
        self._queued.append(future)
        self._futures.append(future)

    def until_one_is_free(self) -> None:
        """Wait while the workers building keep every core busy: what this process
        would do meanwhile (weigh the next site) only takes a core from them. On two
        cores, where the desk keeps one worker, weighing the other 38 sites beside a
        province's build slowed the desk; weighed once that build is done, they slow
        nothing. With fewer workers than cores, there is a core to spare: no wait."""
        self._futures = [future for future in self._futures if not future.done()]
        if len(self._futures) >= max(self.workers, self.cores):
            wait(self._futures, return_when=FIRST_COMPLETED)

    def start_each(
        self, work: Callable[[_Item], _Made], items: list[_Item]
    ) -> Callable[[], list[_Made]]:
        """`work` on each of `items` started in the workers (that already forked), this
        process free meanwhile; returns what waits for them all and gives what each
        gave (and raises what one raised). Without workers, done here, now."""
        if self._pool is None:
            found = [work(item) for item in items]
            return lambda: found
        futures = [self._pool.submit(work, item) for item in items]

        def done() -> list[_Made]:
            return [future.result() for future in futures]

        return done

    def results_but_first(self) -> list[_R] | None:
        """Once ready, the results of every item handed over since the last `results`
        but the first, which may still be building (the desk, handed over first);
        None when the items are built here, one after another, at `results`."""
        if self._pool is None:
            return None
        return [item.result() for item in self._queued[1:] if isinstance(item, Future)]

    def results(self) -> list[_R]:
        """The result of every item handed over since the last call, in that order."""
        queued, self._queued = self._queued, []
        return [
            item.result() if isinstance(item, Future) else self._build_one(item) for item in queued
        ]

    def __enter__(self) -> SiteRunner[_T, _R]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # Linux: a container may get fewer cores
    except AttributeError:
        return os.cpu_count() or 1
