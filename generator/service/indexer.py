"""The search indexes of the service's builds, made in a process of their own at a lower
CPU priority (generator.service.indexrun), while the loop goes on taking hooks and
building their pages.

`newsroom build` makes the indexes it changed before it returns
(generator.host.searchindex); the service hands them here instead, those of the sites
a build changed as soon as their pages are out, every site's once it is done. Pagefind
takes seconds an index: when each province indexed the central releases itself, a
central release took about a minute at 10,000 releases on two cores (5 s now), during
which an office pushing a hoax clarification used to wait for its pages. Now its build
starts at once, and its indexes join the next run.

One run at a time (two would stage the same site's index in one folder): what builds
hand over meanwhile waits, joined, for the next run. A run skips each site whose
release pages have not changed since its index was made, so once the runs are done the
indexes are those of a clean build. The loop keeps the run lock while a run is under
way or waits (generator.service.loop): a manual `newsroom build` never makes an index
beside one. A stop (SIGTERM) gives the runs `STOP_GRACE` seconds, then interrupts the
one under way: the old indexes stay whole (the new files go beside them, their entry
last) and the next start makes them again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.content.messages import cli_text, language
from generator.host.searchindex import IndexJob
from generator.service import indexrun

log = logging.getLogger("newsroom.watch")

STOP_GRACE = 10.0  # seconds a stop gives the runs (a province's index: 2-4 s)
INTERRUPTED_WAIT = 10.0  # seconds an interrupted run has to clean up before it is killed


@dataclass(frozen=True)
class Handed:
    """The indexes builds handed over, and the instant of the latest of those builds."""

    job: IndexJob
    now: str


@dataclass
class _Run:
    process: subprocess.Popen[bytes]
    handed: Handed
    started: float
    watcher: threading.Thread  # reads what the run says, waits for it, tells `ended`
    said: list[bytes]  # what it wrote on stdout, once the watcher is done
    interrupted: bool = False


class Indexer:
    """The runs, started and taken in by the loop's thread only; `ended` is called from
    a thread of its own when a run's process ends (it wakes the loop)."""

    def __init__(self, ended: Callable[[], None], ticks: Callable[[], float]) -> None:
        self._ended = ended
        self._ticks = ticks
        self._run: _Run | None = None
        self._waiting: Handed | None = None
        self.last: dict[str, Any] | None = None  # the last run's outcome, for /status
        # The last run that made an index: a build's final run usually finds every
        # index made already (its pages' run made them), and would hide that one.
        self.last_made: dict[str, Any] | None = None

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
        """Take in a run that ended (its outcome logged), then start what waits."""
        self._take_in_ended()
        if self._run is None and self._waiting is not None:
            self._start_next()

    def finish(self, timeout: float) -> bool:
        """Wait until every index handed over is made, `timeout` seconds at most."""
        deadline = self._ticks() + timeout
        while self._run is not None:
            self._run.watcher.join(max(0.0, deadline - self._ticks()))
            if self._run.watcher.is_alive():
                return False
            self.reap()
        return True

    def stop(self, grace: float = STOP_GRACE) -> None:
        """Give the runs `grace` seconds, then interrupt the one under way; drop the
        rest (the next start makes them)."""
        self.finish(grace)
        self._waiting = None
        run = self._run
        if run is None:
            return
        run.interrupted = True
        with contextlib.suppress(ProcessLookupError):
            os.kill(run.process.pid, signal.SIGINT)  # asyncio cancels, staging removed
        run.watcher.join(INTERRUPTED_WAIT)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(run.process.pid, signal.SIGKILL)  # and whatever Pagefind it left
        run.watcher.join()
        self._run = None
        self._note(run)

    def _take_in_ended(self) -> None:
        run = self._run
        if run is not None and not run.watcher.is_alive():
            run.watcher.join()
            self._run = None
            self._note(run)

    def _start_next(self) -> None:
        handed = self._waiting
        assert handed is not None
        try:
            process = subprocess.Popen(
                # -P: the service's working folder (the repository) is not put on the
                # module path; nothing there may stand in for our code.
                [sys.executable, "-P", "-m", indexrun.__name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                start_new_session=True,  # its Pagefind killed with it (`stop`)
            )
        except OSError as error:  # it stays waiting: tried again at the next wakeup
            params = {"now": handed.now, "error": error}
            log.error(cli_text("watch_index_failed", language(), params))
            return
        self._waiting = None
        said: list[bytes] = []
        watcher = threading.Thread(target=self._watch, args=(process, said), daemon=True)
        self._run = _Run(process, handed, self._ticks(), watcher, said)
        watcher.start()
        assert process.stdin is not None
        with contextlib.suppress(BrokenPipeError), process.stdin:
            process.stdin.write(indexrun.request(handed.job, language()))

    def _watch(self, process: subprocess.Popen[bytes], said: list[bytes]) -> None:
        assert process.stdout is not None
        with process.stdout:
            said.append(process.stdout.read())  # until it ends
        process.wait()
        self._ended()

    def _note(self, run: _Run) -> None:
        outcome: dict[str, Any] = {}
        with contextlib.suppress(ValueError):
            outcome = json.loads(b"".join(run.said) or b"{}")
        if not outcome and run.interrupted:
            outcome = {"stopped": True}
        seconds = self._ticks() - run.started
        params: dict[str, object] = {"now": run.handed.now, "seconds": f"{seconds:.2f}"}
        self.last = {"now": run.handed.now, "seconds": round(seconds, 3), "ok": False}
        if "made" in outcome:
            made = outcome["made"]
            params.update(made=len(made), sites=", ".join(made) or "-", skipped=outcome["skipped"])
            log.info(cli_text("watch_indexed", language(), params))
            self.last.update(ok=True, sites=made)
            if made:
                self.last_made = self.last
        elif outcome.get("stopped"):
            log.warning(cli_text("watch_index_stopped", language(), params))
            self.last.update(error="stopped")
        else:
            error = outcome.get("error") or f"exit status {run.process.returncode}"
            log.error(cli_text("watch_index_failed", language(), {**params, "error": error}))
            self.last.update(error=error)
