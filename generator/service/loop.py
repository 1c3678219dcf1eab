"""The service's loop: wait for a hook, an office's check or an embargo's second; then,
holding the repository's run lock, sync what arrived and build what it changed, in this
process, its imports and photo sets kept from the builds before.

One cycle at a time, on the loop's own thread; the HTTP server's threads only queue
offices and wake it. A stop (SIGTERM) lets the cycle under way finish, so the sites on
disk are always those of a whole build: every file is written atomically, and a build
the service abandoned would leave some pages of before and some of after.

A cycle ends once the pages are out: the search indexes follow in a process of their
own (generator.service.indexer) while the loop takes the next hook. The run lock is kept
until they are made too, so no manual command runs beside them.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from generator.content import changewatch
from generator.content.dates import iso
from generator.content.lastsynced import fold_new_records
from generator.content.messages import cli_text, language
from generator.content.problems import Report
from generator.content.repository import Layout, load_registry
from generator.content.runlock import Busy, hold
from generator.content.runrecords import save_arrivals, take_in_arrivals
from generator.content.schema import Office
from generator.content.syncstate import load_state
from generator.desk.deskmemo import MEMO_NAME, keep_resident
from generator.desk.templates import compile_all as compile_desk_templates
from generator.host import build
from generator.host.configs import import_plugins
from generator.host.searchindex import IndexJob
from generator.host.siteresult import SiteResult
from generator.public.bulletinpdf import PdfUnavailable, warm
from generator.public.schedule import next_lift
from generator.public.session import CACHE_DIR, loaded
from generator.service.clock import Clock
from generator.service.indexer import STOP_GRACE, Indexer
from generator.service.status import Status
from generator.service.timers import Timers
from generator.util import heap
from sync import runner
from sync.apply import OfficeResult
from sync.probe import has_news

log = logging.getLogger("newsroom.watch")

HOLDER = "newsroom watch"
CHECKS_AT_ONCE = 8  # offices asked "anything new?" in parallel
LOCK_TRY = 5.0  # seconds between two looks at a stop while a manual command holds the lock
# A site no push changed is checked for damaged files at most this often (each file a
# stat: 10 s after each regional push at 100,000 releases); `newsroom build`, always.
CHECK_EVERY = timedelta(minutes=10)
# What the service keeps between builds stays frozen (util.heap.kept_frozen); the
# garbage in cycles frozen with it is collected when the service is idle, at most
# this often (seconds).
WHOLE_COLLECTION_EVERY = 3600.0
IDLE_ENOUGH = timedelta(minutes=1)


@dataclass(frozen=True)
class Settings:
    out: Path
    base_url: str | None = None
    jobs: int = 0
    interval: float = 900.0  # seconds between two checks of an office
    intervals: dict[str, float] = field(default_factory=dict)  # per office, over `interval`
    git_askpass: str = ""
    # False when the service runs at a future --now (a rehearsal): its builds are not
    # recorded as the last build, and prune no photo, as `newsroom build` at such a now.
    record: bool = True


@dataclass
class Work:
    """What one cycle does: the offices to sync, and why it runs (for the log)."""

    offices: list[str]
    reasons: list[str]


def warm_imports() -> None:
    """Import once, here, what a build would otherwise import in each forked worker,
    every time: WeasyPrint (with Pango through cffi) took 1.9 s of a 4.7 s rebuild that
    touched a week's bulletin. Its workers inherit the modules already loaded, and the
    fonts its first PDF loads; the desk's page templates compiled (0.05 s of every
    desk build), and the MkDocs plugins imported."""
    for step in (import_plugins, compile_desk_templates):
        try:
            step()
        except Exception as error:  # only an optimisation: the builds say what fails
            log.debug("warming up (%s) failed: %s", step.__name__, error)
    try:
        warm()
    except PdfUnavailable:
        pass  # the build itself says what is missing
    except Exception as error:  # only an optimisation: the builds say what fails
        log.debug("warming WeasyPrint failed: %s", error)


class Service:
    """One central repository served: its offices (those with a source), their timers,
    the hooks waiting, and the status the server shows."""

    def __init__(self, layout: Layout, settings: Settings, clock: Clock) -> None:
        self.layout = layout
        self.settings = settings
        self.clock = clock
        self.wakeup = threading.Event()
        self.stopping = threading.Event()
        self.status = Status(started=iso(clock.now()))
        self.offices = self._registered()
        self.timers = Timers(list(self.offices), clock.now(), settings.interval, settings.intervals)
        self._pending: dict[str, str] = {}  # office -> why it waits (a hook)
        self._guard = threading.Lock()
        self._built_at: datetime | None = None  # the instant of the last build's pages
        self._lifting: list[str] = []  # the releases the next lift frees
        self.indexer = Indexer(self.wakeup.set, clock.ticks)
        self._lock: contextlib.ExitStack | None = None  # the run lock, while held

    # --- from other threads -------------------------------------------------

    def knows(self, office_id: str) -> bool:
        """A registered office with a source: the only ones a hook may name."""
        return office_id in self.offices

    def request(self, office_id: str, why: str) -> None:
        """Sync `office_id` as soon as the loop is free (a verified hook)."""
        with self._guard:
            self._pending.setdefault(office_id, why)
            self.status.update(queue=sorted(self._pending))
        self.status.note_office(office_id, last_hook=iso(self.clock.now()))
        self.wakeup.set()

    def stop(self) -> None:
        """Finish the cycle under way, then return from `run` (SIGTERM)."""
        self.stopping.set()
        self.wakeup.set()

    # --- the loop -----------------------------------------------------------

    def start(self) -> None:
        """Build once, as the service starts: the sites may be behind the content."""
        warm_imports()
        # From before the first load: a change made while it reads is seen by the next.
        every = CHECK_EVERY.total_seconds()  # what inotify misses, seen as late as damage
        unwatched = changewatch.watch(self.layout, self.clock.ticks, every)
        if unwatched is not None:
            log.warning(cli_text("watch_files_unwatched", language(), {"reason": unwatched}))
        self.cycle(Work([], [cli_text("reason_start", language())]))

    def run(self) -> None:
        """Serve until stopped: each cycle when something is due."""
        try:
            with heap.kept_frozen(self.clock.ticks, WHOLE_COLLECTION_EVERY) as kept:
                while not self.stopping.is_set():
                    self.clock.sleep_until(self.timers.next_deadline(), self.wakeup)
                    self.wakeup.clear()
                    self.take_in_indexes()
                    if self.stopping.is_set():
                        break
                    work = self.due()
                    if work is not None:
                        self.cycle(work)
                    self._collect_when_due(kept, idle=work is None)
        finally:
            self.close()

    def _collect_when_due(self, kept: heap.KeptFrozen, idle: bool) -> float | None:
        """The whole collection of what the service keeps (1.4 s at 100,000 releases):
        hourly when the loop woke with nothing due and no embargo lifts within a minute,
        or, idle or not, once three hours have passed (see `heap.KeptFrozen`). An
        office's check does not wait for it: with hundreds of offices one is always
        seconds away, and it may start 1.4 s late. A hook may come meanwhile."""
        lift = self.timers.lift
        near = lift is not None and lift - self.clock.now() < IDLE_ENOUGH
        took = kept.collect_if_due(idle=idle and not near)
        if took is not None:
            log.debug("whole collection of what the service keeps: %.2f s", took)
        return took

    def take_in_indexes(self) -> None:
        """A run of the search indexes that ended: logged and shown, the next started;
        the run lock let go once none is under way."""
        self.indexer.reap()
        self._show_indexes(self.indexer.under_way())
        self._let_go_when_idle()

    def close(self, grace: float = STOP_GRACE) -> None:
        """The search indexes under way given `grace` seconds, then stopped; the lock let go."""
        self.indexer.stop(grace)
        self._show_indexes(None)
        changewatch.unwatch(self.layout)
        self._let_go_when_idle()

    def _show_indexes(self, under_way: str | None) -> None:
        last, made = self.indexer.last, self.indexer.last_made
        self.status.update(indexing=under_way, last_index=last, last_index_made=made)

    def due(self) -> Work | None:
        """What is due now: hooked offices, checked offices with news, a lift."""
        now = self.clock.now()
        self._refresh_registry(now)
        with self._guard:
            hooked, self._pending = sorted(self._pending), {}
        checked = [o for o in self.timers.due_offices(now) if o not in hooked]
        fresh = self._with_news(checked, now)
        reasons = []
        if hooked:
            reasons.append(cli_text("reason_hook", language(), {"offices": ", ".join(hooked)}))
        if fresh:
            reasons.append(cli_text("reason_check", language(), {"offices": ", ".join(fresh)}))
        if self.timers.lift_due(now):
            lifted = {"when": iso(self.timers.lift or now), "ids": ", ".join(self._lifting)}
            reasons.append(cli_text("reason_lift", language(), lifted))
        for office in hooked:
            self.timers.checked(office, now)
        return Work(hooked + fresh, reasons) if reasons else None

    def _with_news(self, offices: list[str], now: datetime) -> list[str]:
        if not offices:
            return []

        def ask(office_id: str) -> bool:
            office = self.offices.get(office_id)
            if office is None:
                return False
            state = load_state(self.layout.content, office_id)
            return has_news(office, state, git_askpass=self.settings.git_askpass)

        with ThreadPoolExecutor(min(CHECKS_AT_ONCE, len(offices))) as pool:
            answers = list(pool.map(ask, offices))
        for office_id in offices:
            self.status.note_office(office_id, last_check=iso(now))
        fresh = [o for o, news in zip(offices, answers, strict=True) if news]
        log.debug("checked %s: news from %s", ", ".join(offices), ", ".join(fresh) or "-")
        return fresh

    def cycle(self, work: Work) -> None:
        """Sync `work.offices`, then build, holding the run lock throughout."""
        if not self._lock_and(lambda: self._sync_and_build(work)):
            with self._guard:  # stopped while waiting: nothing was done
                for office in work.offices:
                    self._pending.setdefault(office, "requeued")
        self._note_timers()

    def _lock_and(self, action: Callable[[], None]) -> bool:
        """Run `action` holding the run lock; a manual command holding it is waited for
        (said once), until it is done or the service is stopped (False). The lock stays
        held while the search indexes the action handed over are made."""
        said = False
        while self._lock is None:
            try:
                with contextlib.ExitStack() as stack:
                    stack.enter_context(hold(self.layout.root, HOLDER, wait=LOCK_TRY))
                    self._lock = stack.pop_all()
            except Busy as busy:
                if not said:
                    log.info(cli_text("watch_lock_wait", language(), {"holder": busy.holder}))
                    said = True
                if self.stopping.is_set():
                    return False
        try:
            action()
        finally:
            self._let_go_when_idle()
        return True

    def _let_go_when_idle(self) -> None:
        if self._lock is not None and not self.indexer.busy():
            lock, self._lock = self._lock, None
            lock.close()

    def _sync_and_build(self, work: Work) -> None:
        # A whole second, as every time the service logs and records: a build it says
        # ran "at 02:30:21Z" ran at exactly that instant, and can be run again there.
        # (Embargoes lift on whole seconds, so none is missed by dropping the rest.)
        now = self.clock.now().replace(microsecond=0)
        self._built_at = now  # an embargo lifting during the build is due right after it
        self.status.update(building=iso(now), queue=[])
        try:
            news = self._sync(work.offices, now) if work.offices else []
            self._build(work.reasons, now, news)
        finally:
            self.status.update(building=None)

    def _sync(self, offices: list[str], now: datetime) -> list[str]:
        """Sync `offices`; those whose releases changed."""
        options = runner.Options(now=now, offices=offices, git_askpass=self.settings.git_askpass)
        try:
            results = runner.sync(self.layout, options)
        except runner.SyncUsageError as error:  # the registry broke: say so, keep serving
            log.error(
                cli_text("watch_sync_refused", language(), {"reason": error.text(language())})
            )
            return []
        for result in results:
            self._log_sync(result, now)
        self._refresh_registry(now)
        return [r.office for r in results if r.new or r.updated or r.withdrawn]

    def _log_sync(self, result: OfficeResult, now: datetime) -> None:
        params = {
            "office": result.office,
            "new": len(result.new),
            "updated": len(result.updated),
            "withdrawn": len(result.withdrawn),
            "rejected": len(result.rejected),
            "seconds": f"{result.seconds:.2f}",
            "error": f"; {result.error_in(language())}" if result.error is not None else "",
        }
        log.info(cli_text("watch_synced", language(), params))
        self.status.note_office(
            result.office,
            last_sync=iso(now),
            last_sync_ok=result.ok,
            last_error=result.error_in("en") if result.error is not None else None,
        )

    def _build(self, reasons: list[str], now: datetime, news: list[str]) -> None:
        """Build every site at `now`; `news`: offices whose releases the sync changed."""
        started = self.clock.ticks()
        why = "; ".join(reasons)
        pages_seconds: list[float] = []
        public_seconds: list[float] = []

        def public_out(results: list[SiteResult], ago: float) -> None:
            # What readers see, out; the desk (the editors' pages) may still be building.
            took = max(0.0, self.clock.ticks() - started - ago)
            public_seconds.append(took)
            written = [r.site_id for r in results if not r.skipped]
            params = {"now": iso(now), "built": len(written), "seconds": f"{took:.2f}"}
            log.info(cli_text("watch_public_pages", language(), params))

        def pages_out(results: list[SiteResult]) -> None:
            # The moment an office waits for: its release on every site that shows it.
            # The search indexes follow (Pagefind, seconds a site), in a process of their
            # own once the build is done (generator.service.indexer).
            took = self.clock.ticks() - started
            pages_seconds.append(took)
            written = sorted(r.site_id for r in results if not r.skipped)
            params = {"now": iso(now), "built": len(written), "seconds": f"{took:.2f}"}
            log.info(cli_text("watch_pages", language(), params))

        # The run record the sync just wrote, read here: the desk's worker forks with
        # every record of the week read (its inbox's arrivals), reading none. Only a
        # head start: what fails here fails the desk's build too, which says so, and the
        # public sites are built whatever happens.
        with contextlib.suppress(Exception):
            take_in_arrivals(self.layout.root, now)
        try:
            results = build.build(
                self.layout,
                [],
                self.settings.out,
                now=now,
                base_url=self.settings.base_url,
                jobs=self.settings.jobs,
                record=self.settings.record,
                pages_out=pages_out,
                public_out=public_out,
                say_again=False,  # each problem once: the log is read in journald
                index_later=lambda job: self._index(job, now),
                first=news,  # their sites built before the others (see build.build)
                check_every=CHECK_EVERY,
            )
        except build.ReleasesLeftOut as left:
            results = left.results
            log.warning(cli_text("watch_left_out", language(), {"ids": str(left)}))
        except Exception as error:
            log.error(cli_text("watch_build_failed", language(), {"reason": why, "error": error}))
            return
        took = self.clock.ticks() - started
        built = sorted(r.site_id for r in results if not r.skipped)
        params = {
            "reason": why,
            "now": iso(now),
            "built": len(built),
            "sites": ", ".join(built) or "-",
            "skipped": len(results) - len(built),
            "seconds": f"{took:.2f}",
        }
        log.info(cli_text("watch_built", language(), params))
        self.status.update(
            builds=self.status.builds + 1,
            last_build={
                "now": iso(now),
                "public_pages_seconds": _first(public_seconds),
                "pages_seconds": _first(pages_seconds),
                "seconds": round(took, 3),
                "sites": built,
                "why": why,
            },
        )
        # After the build is logged done: the desk's next worker forks with its memo, and
        # with every run record's entries read (the sync health), reading none itself.
        keep_resident(self.layout.root / CACHE_DIR / MEMO_NAME)
        fold_new_records(self.layout.root)
        save_arrivals(self.layout.root)  # for a process that starts cold

    def _index(self, job: IndexJob, now: datetime) -> None:
        self.indexer.hand(job, iso(now))
        self.status.update(indexing=self.indexer.under_way())

    def _note_timers(self) -> None:
        session = loaded(self.layout)
        # From the instant the pages show, not the clock after the build: a lift that
        # fell during the build is in the past now, and due at once.
        since = self._built_at or self.clock.now()
        lift = next_lift(session.repo, since) if session is not None else None
        self.timers.lift = lift[0] if lift else None
        self._lifting = [release.id for release in lift[1]] if lift else []
        self.status.update(next_lift=iso(lift[0]) if lift else None)
        for office, at in self.timers.due.items():
            self.status.note_office(office, next_check=iso(at))

    def _refresh_registry(self, now: datetime) -> None:
        """offices.yml may have changed beside us (an editor adds an office, a sync
        brings officers): hooks and checks follow it, a new office checked first."""
        self.offices = self._registered()
        self.timers.follow(list(self.offices), now, self.settings.interval, self.settings.intervals)

    def _registered(self) -> dict[str, Office]:
        report = Report()
        registry = load_registry(self.layout, report)
        known: dict[str, Office] = getattr(self, "offices", {})
        if report.problems and not registry.offices and known:
            # offices.yml mid-edit or in a merge conflict reads as no office at all: the
            # offices stay as they were (hooks answered, checks kept) until it loads again.
            return known
        return {i: o for i, o in registry.offices.items() if o.source is not None}


def _first(seconds: list[float]) -> float | None:
    return round(seconds[0], 3) if seconds else None
