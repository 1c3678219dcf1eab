"""The search indexes of the service's builds, made in a process of their own at a lower
CPU priority, while the loop goes on taking hooks and building their pages.

`newsroom build` makes the indexes it changed before it returns
(generator.host.searchindex); the service hands them here instead. Pagefind takes
seconds a site, and a central release changes all 39: about a minute at 10,000
releases on two cores, during which an office pushing a hoax clarification used to
wait for its pages. Now its build starts at once, and its indexes join the next run.

One run at a time (two would stage the same site's index in one folder): what builds
hand over meanwhile waits, joined, for the next run. A run skips each site whose
release pages have not changed since its index was made, so once the runs are done the
indexes are those of a clean build. The loop keeps the run lock while a run is under
way (generator.service.loop): a manual `newsroom build` never makes an index beside
one. A stop (SIGTERM) gives the run under way `STOP_GRACE` seconds, then interrupts it:
the old indexes stay whole (the new files go beside them, their entry last) and the
next start makes them again.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from generator.content.messages import cli_text, language
from generator.host.searchindex import IndexJob
from generator.util.workers import die_with_parent

log = logging.getLogger("newsroom.watch")

# Below the build's workers (niceness 0): on two cores, a hook's pages come out as fast
# with a run under way as without one, and the run takes what the build leaves.
NICENESS = 10
STOP_GRACE = 10.0  # seconds a stop gives the run under way (a province's index: 2-4 s)
INTERRUPTED_WAIT = 10.0  # seconds an interrupted run has to clean up before it is killed


@dataclass(frozen=True)
class Handed:
    """The indexes builds handed over, and the instant of the latest of those builds."""

    job: IndexJob
    now: str


@dataclass
class _Run:
    process: BaseProcess
    answer: Connection
    handed: Handed
    started: float
    watcher: threading.Thread  # tells `ended` once the process ends


class Indexer:
    """The runs, started and taken in by the loop's thread only; `ended` is called from
    a thread of its own when a run's process ends (it wakes the loop)."""

    def __init__(self, ended: Callable[[], None], ticks: Callable[[], float]) -> None:
        self._ended = ended
        self._ticks = ticks
        self._run: _Run | None = None
        self._waiting: Handed | None = None
        self.last: dict[str, Any] | None = None  # the last run's outcome, for /status

    def busy(self) -> bool:
        """A run under way or waiting, or one ended that `reap` has not taken in."""
        return self._run is not None or self._waiting is not None

    def pid(self) -> int | None:
        """The process of the run under way (for `ps`, and a test's signals)."""
        return self._run.process.pid if self._run is not None else None

    def under_way(self) -> str | None:
        """The instant of the latest build the run under way makes the indexes of."""
        return self._run.handed.now if self._run is not None else None

    def hand(self, job: IndexJob, now: str) -> None:
        """Make `job`'s indexes: now if no run is under way, else right after it."""
        self._take_in_ended()
        if self._waiting is not None:
            job = self._waiting.job.joined(job)
        self._waiting = Handed(job, now)
        if self._run is None:
            self._start_next()

    def reap(self) -> None:
        """Take in a run whose process ended (its outcome logged), then start the next."""
        self._take_in_ended()
        if self._run is None and self._waiting is not None:
            self._start_next()

    def _take_in_ended(self) -> None:
        run = self._run
        if run is not None and not run.process.is_alive():
            run.process.join()
            run.watcher.join()  # `ended` told: a wakeup never comes after its run is in
            self._run = None
            self._note(run)

    def finish(self, timeout: float | None = None) -> bool:
        """Wait until every index handed over is made (or `timeout` seconds went by)."""
        while self._run is not None:
            self._run.process.join(timeout)
            if self._run.process.is_alive():
                return False
            self.reap()
        return True

    def stop(self, grace: float = STOP_GRACE) -> None:
        """Drop what waits; give the run under way `grace` seconds, then interrupt it."""
        self._waiting = None
        run = self._run
        if run is None:
            return
        run.process.join(grace)
        if run.process.is_alive() and run.process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(run.process.pid, signal.SIGINT)  # Pagefind stopped, staging removed
            run.process.join(INTERRUPTED_WAIT)
            if run.process.is_alive():
                run.process.kill()
                run.process.join()
        run.watcher.join()
        self._run = None
        self._note(run)

    def _start_next(self) -> None:
        handed, self._waiting = self._waiting, None
        assert handed is not None
        context = multiprocessing.get_context("fork")  # inherits the loaded modules
        answer, tell = context.Pipe(duplex=False)
        process = context.Process(target=_make, args=(handed.job, tell), name="newsroom-index")
        process.start()
        tell.close()
        watcher = threading.Thread(target=self._watch, args=(process,), daemon=True)
        self._run = _Run(process, answer, handed, self._ticks(), watcher)
        watcher.start()

    def _watch(self, process: BaseProcess) -> None:
        wait([process.sentinel])  # ready once the process ends; reaped by the loop
        self._ended()

    def _note(self, run: _Run) -> None:
        outcome: dict[str, Any] = {}
        with contextlib.suppress(EOFError, OSError):
            if run.answer.poll():
                outcome = run.answer.recv()
        run.answer.close()
        seconds = self._ticks() - run.started
        params: dict[str, object] = {"now": run.handed.now, "seconds": f"{seconds:.2f}"}
        self.last = {"now": run.handed.now, "seconds": round(seconds, 3), "ok": False}
        if "made" in outcome:
            made = outcome["made"]
            params.update(made=len(made), sites=", ".join(made) or "-", skipped=outcome["skipped"])
            log.info(cli_text("watch_indexed", language(), params))
            self.last.update(ok=True, sites=made)
        elif outcome.get("stopped"):
            log.warning(cli_text("watch_index_stopped", language(), params))
            self.last.update(error="stopped")
        else:
            error = outcome.get("error") or f"exit status {run.process.exitcode}"
            log.error(cli_text("watch_index_failed", language(), {**params, "error": error}))
            self.last.update(error=error)


def _make(job: IndexJob, tell: Connection) -> None:
    """The run's process: the indexes made, what came of it told to the service."""
    die_with_parent()
    # What it inherited is never collected here: a collection would touch every object
    # of the service's heap (10,000 releases) and copy its pages for nothing.
    gc.freeze()
    os.nice(NICENESS)  # this process, and the Pagefind it starts
    # `stop` interrupts with SIGINT: asyncio cancels the run, which ends Pagefind and
    # removes its staging folder on the way out. SIGTERM is the service's, not ours.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        results = job.run()
    except KeyboardInterrupt:
        tell.send({"stopped": True})
        return
    except Exception as error:  # told to the service, which logs it and shows it
        tell.send({"error": f"{type(error).__name__}: {error}"})
        return
    made = [r.site_id for r in results if not r.skipped]
    tell.send({"made": made, "skipped": len(results) - len(made)})
