"""The service's search indexes, made in a process of their own after each build: a hook
arriving while they are made gets its pages at once, the run lock stays held until they
are done, a run that dies or is stopped leaves the old index whole and is made again,
and once every run is done the sites are byte for byte a clean build's.

The sample newsroom, real Pagefind, real processes: a run is held mid-way with SIGSTOP
(the place a minute of indexing after a central release would be)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.content.repository import find_layout
from generator.content.runlock import holder
from generator.host.searchindex import IndexJob, forget_index
from generator.public.session import CACHE_DIR, forget_sessions
from generator.service.clock import Clock
from generator.service.loop import Service, Settings
from tests.conftest import REPO_ROOT
from tests.generator.service.test_watch_lock import newsroom
from tests.generator.service.watching import OFFICE, make_newsroom, push, release, slug_path
from tests.generator.test_incremental import files
from tests.sitebuild import build_repo

START = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
URL = "http://127.0.0.1:8000/"
SITE = "kalimantan-timur"  # Samarinda's province: the one index a release of it changes


class Newsroom:
    """The sample with a git office, and a service over it on a clock the test moves."""

    def __init__(self, tmp: Path) -> None:
        self.central, self.office, _ = make_newsroom(tmp)
        self.now = START
        forget_sessions()
        self.service = self.start()

    def start(self) -> Service:
        layout = find_layout(self.central)
        assert layout is not None
        clock = Clock(lambda: self.now, time.monotonic)
        settings = Settings(out=self.central / "site", base_url=URL, jobs=2, interval=3600.0)
        service = Service(layout, settings, clock)
        self.handed: list[tuple[IndexJob, str]] = []  # every job its builds handed over
        real_hand = service.indexer.hand

        def hand(job: IndexJob, now: str) -> None:
            self.handed.append((job, now))
            real_hand(job, now)

        service.indexer.hand = hand  # type: ignore[method-assign]
        service.start()
        return service

    def index_again(self) -> int:
        """Its province's index made once more, by a run of its own (the last build's
        job handed over again, the province's record forgotten): a run sure to start
        Pagefind, where a build's own runs may be over before a test reaches them. The
        run's pid."""
        self.finish()
        forget_index(self.central / "site" / SITE, self.central / CACHE_DIR)
        job, now = self.handed[-1]
        self.service.indexer.hand(job, now)
        return run_pid(self.service)

    def hook(self, slug: str) -> Path:
        """A release pushed and its hook taken in: the cycle run, its page's path."""
        self.now += timedelta(minutes=1)
        push(self.office, {slug_path(slug): release(f"Rilis {slug.title()}")})
        self.service.request(OFFICE, "hook")
        work = self.service.due()
        assert work is not None
        self.service.cycle(work)
        return self.central / "site" / SITE / OFFICE / "2026" / slug / "index.html"

    def finish(self) -> None:
        assert self.service.indexer.finish(timeout=300)
        self.service.take_in_indexes()

    def clean(self, tmp: Path) -> dict[str, bytes]:
        """A clean build of the repository as it is now, at the service's last instant."""
        fresh = tmp / "bersih"
        shutil.rmtree(fresh, ignore_errors=True)
        for part in ("content", ".newsroom"):
            shutil.copytree(self.central / part, fresh / part)
        shutil.copy(self.central / "mkdocs.yml", fresh / "mkdocs.yml")
        return files(build_repo(fresh, self.now, URL, out=fresh / "site"))


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Newsroom]:
    room = Newsroom(tmp_path / "ruang")
    try:
        yield room
    finally:
        room.service.close()
        forget_sessions()


def run_pid(service: Service) -> int:
    pid = service.indexer.pid()
    assert pid is not None, "no run of the indexes under way"
    return pid


def test_a_hook_during_a_run_gets_its_pages_at_once_and_the_lock_waits_for_it(
    room: Newsroom, tmp_path: Path
) -> None:
    started = run_pid(room.service)  # the start's build handed its indexes over
    os.kill(started, signal.SIGSTOP)  # held mid-way, as a minute of indexing would be
    try:
        page = room.hook("tiba-saat-indeks")
        assert page.is_file()  # out while the run before is still under way
        assert room.service.indexer.pid() == started and room.service.indexer.busy()
        state = room.service.status
        assert state.indexing == "2026-11-24T02:30:00Z" and state.last_build is not None
        # The run lock is kept until the indexes are made: a manual build refuses.
        assert "newsroom watch" in holder(room.central)
        refused = newsroom(room.central, "build", "--wait", "0", "--lang", "en")
        assert refused.returncode == 2 and "in use by newsroom watch" in refused.stderr
    finally:
        os.kill(started, signal.SIGCONT)
    room.finish()  # that run, then the one the hook's build handed over
    assert room.service.status.last_index is not None
    assert room.service.status.last_index["ok"] is True
    assert room.service.status.last_index["now"] == "2026-11-24T02:31:00Z"
    assert room.service.status.indexing is None and holder(room.central) == ""
    assert files(room.central / "site") == room.clean(tmp_path)


def test_status_names_the_last_run_that_made_an_index(room: Newsroom) -> None:
    """A build hands its changed sites' indexes as its pages are out, and every site's at
    its end: that last run finds them made. /status keeps the run that made them."""
    room.finish()
    room.hook("terindeks")
    room.finish()
    shown = json.loads(room.service.status.as_json(room.now))
    assert shown["last_index"]["ok"] is True and shown["last_index"]["sites"] == []
    made = shown["last_index_made"]
    assert made["ok"] is True and SITE in made["sites"] and "aceh" not in made["sites"]
    assert made["now"] == "2026-11-24T02:31:00Z"


def pagefind_under(pid: int, timeout: float = 60.0) -> list[int]:
    """Wait until the run `pid` has started Pagefind (its child process); its pids."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    deadline = time.monotonic() + timeout
    while not children.read_text().split():
        assert time.monotonic() < deadline, "Pagefind never started"
        time.sleep(0.01)
    return [int(child) for child in children.read_text().split()]


def hold_pagefind(pid: int, timeout: float = 60.0) -> list[int]:
    """Pagefind's run under the run `pid` stopped (SIGSTOP) mid-way: held, whatever the
    moment, so a stop or a kill lands in it. Pagefind is a process a site and short-lived
    (0.1 s on this sample): one that ended before it could be held is waited past, and
    the next held."""
    deadline = time.monotonic() + timeout
    while True:
        held = []
        for child in pagefind_under(pid, max(0.0, deadline - time.monotonic())):
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGSTOP)
                if _state_after_stop(child) == "T":
                    held.append(child)
        if held:
            return held
        assert time.monotonic() < deadline, "no Pagefind run could be held"


def _state_after_stop(pid: int) -> str:
    """The process's state once a SIGSTOP sent to it has landed: T (stopped), or Z or
    "" when it ended first."""
    for _ in range(200):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return ""
        if state in "TZX":
            return state
        time.sleep(0.005)
    return ""


def test_a_stop_mid_run_leaves_the_old_index_whole_and_the_next_start_makes_it(
    room: Newsroom, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    room.hook("sebelum-berhenti")
    index = room.central / "site" / SITE / "pagefind"
    room.finish()
    before = files(index)
    # Held mid-way: the stop lands in the run however fast its site is indexed (a loaded
    # CI machine let a run of 0.66 s end before the stop came).
    hold_pagefind(room.index_again())
    with caplog.at_level(logging.INFO, logger="newsroom.watch"):
        room.service.close(grace=0)  # SIGTERM's way out, with no grace left
    assert room.service.status.last_index is not None
    assert room.service.status.last_index["error"] == "stopped"
    assert "search indexes at 2026-11-24T02:31:00Z stopped" in caplog.text or (
        "dihentikan bersama layanan" in caplog.text
    )
    assert files(index) == before  # the old index, whole
    assert not list((room.central / "site").glob(".*.pagefind.*.tmp"))  # no staging left
    assert holder(room.central) == ""
    room.service = room.start()  # the next start makes what the stop left
    room.finish()
    assert files(room.central / "site") == room.clean(tmp_path)


def test_a_run_that_dies_is_said_and_shown_and_made_at_the_next_build(
    room: Newsroom, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    room.hook("indeks-gagal")
    dead = room.index_again()
    held = hold_pagefind(dead)  # as above: the kill lands in it
    os.kill(dead, signal.SIGKILL)  # the OOM killer's way
    for pagefind in held:
        os.kill(pagefind, signal.SIGKILL)  # not left stopped behind the dead run
    deadline = time.monotonic() + 60
    with caplog.at_level(logging.INFO, logger="newsroom.watch"):
        while room.service.indexer.pid() == dead:  # until the loop takes the death in
            assert time.monotonic() < deadline
            time.sleep(0.05)
            room.service.take_in_indexes()
    last = room.service.status.last_index
    assert last is not None and last["ok"] is False and "-9" in last["error"]
    assert "gagal" in caplog.text or "failed" in caplog.text
    room.hook("sesudah-gagal")  # the next build hands every site; the key says which
    room.finish()
    last = room.service.status.last_index
    assert last is not None and last["ok"] is True
    assert not list((room.central / "site").glob(".*.pagefind.*.tmp"))
    assert files(room.central / "site") == room.clean(tmp_path)


def test_the_runs_process_imports_none_of_the_sites_build() -> None:
    """Each run is a new process: importing the outputs, the schemas and the fingerprint
    through a few shared names took 0.17 s of each, two runs a push, on the cores the
    next push's pages need. It imports what the indexes take (generator.public.searchkeys,
    siterecords, the writer's manifest), nothing that builds a page."""
    probe = "import sys, generator.service.indexrun; print(' '.join(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-P", "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    imported = set(done.stdout.split())
    assert "generator.host.searchindex" in imported
    heavy = {
        "generator.content.schema",
        "generator.content.repository",
        "generator.public.fingerprint",
        "generator.public.outputs",
        "generator.public.sites",
        "generator.public.memo",
        "jinja2",
        "markdown",
    }
    assert not heavy & imported, sorted(heavy & imported)
