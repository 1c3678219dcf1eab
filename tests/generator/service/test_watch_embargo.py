"""The service lifts an embargo at its exact second, on its own clock (a test's clock
here, which jumps to each deadline instead of sleeping): the build after it runs at
that instant, and the release is on its site then, not a second before."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.content.repository import find_layout
from generator.public.session import forget_sessions
from generator.service.clock import Clock
from generator.service.loop import Service, Settings
from tests.generator.service.watching import make_newsroom, release

START = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
LIFT = datetime(2026, 11, 24, 2, 32, 17, tzinfo=UTC)  # 10.32.17 WITA


class JumpingClock(Clock):
    """Sleeps by moving its time on: a day of waiting takes no time at all."""

    def __init__(self, start: datetime) -> None:
        self.at = start
        self.naps: list[float] = []
        super().__init__(lambda: self.at, lambda: (self.at - START).total_seconds())

    def _nap(self, wakeup: threading.Event, seconds: float) -> bool:
        self.naps.append(seconds)
        self.at += timedelta(seconds=seconds)
        return wakeup.is_set()


def indexes_made(service: Service) -> None:
    """The search indexes the builds handed over, made in a process of their own, wake
    the loop as they end: taken in first, the loop's sleep that follows is the clock's."""
    assert service.indexer.finish(timeout=300)
    service.take_in_indexes()
    service.wakeup.clear()


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    central, _, _ = make_newsroom(tmp_path)
    embargoed = central / "content/releases/kaltim/2026/pengumuman-tepat-waktu.md"
    embargoed.write_text(
        release("Pengumuman Tepat Waktu", publish_at="2026-11-24 10:32:17"), encoding="utf-8"
    )
    layout = find_layout(central)
    assert layout is not None
    settings = Settings(
        out=central / "site", base_url="http://127.0.0.1:8000/", jobs=2, interval=3600.0
    )
    forget_sessions()
    try:
        service = Service(layout, settings, JumpingClock(START))
        try:
            yield service
        finally:
            service.close()
    finally:
        forget_sessions()


def test_the_embargo_lifts_at_its_second(service: Service) -> None:
    clock = service.clock
    assert isinstance(clock, JumpingClock)
    page = service.settings.out / "kalimantan-timur/kaltim/2026/pengumuman-tepat-waktu/index.html"
    service.start()
    assert not page.exists()
    assert service.timers.lift == LIFT
    indexes_made(service)
    # The loop sleeps to the next deadline: the lift, sooner than any office's check.
    clock.sleep_until(service.timers.next_deadline(), service.wakeup)
    assert clock.now() == LIFT  # not a second early, not a second late
    work = service.due()
    assert work is not None and work.offices == []
    assert "kaltim/2026/pengumuman-tepat-waktu" in work.reasons[0]
    service.cycle(work)
    assert page.is_file()
    assert service.status.last_build is not None
    assert service.status.last_build["now"] == "2026-11-24T02:32:17Z"
    # The next lift is the sample's own, far ahead; nothing is due before an office's check.
    assert service.timers.lift == datetime(2099, 1, 1, tzinfo=UTC)
    assert service.timers.next_deadline() == min(service.timers.due.values())


def test_a_stop_wakes_the_sleeping_loop(service: Service) -> None:
    service.stop()
    assert service.clock.sleep_until(None, service.wakeup) is True
    service.run()  # returns at once: stopped


def test_offices_are_checked_on_their_interval_and_synced_only_with_news(
    service: Service,
) -> None:
    clock = service.clock
    page = service.settings.out / "kalimantan-timur/samarinda/2026/pertama/index.html"
    service.start()
    for _ in range(2):  # the lift, then the office's first check an interval after start
        indexes_made(service)
        clock.sleep_until(service.timers.next_deadline(), service.wakeup)
        work = service.due()
        assert work is not None
        service.cycle(work)
    assert clock.now() == START + timedelta(seconds=3600)
    assert work.offices == ["samarinda"] and "samarinda" in work.reasons[0]
    assert page.is_file()
    # Nothing pushed since: the next check asks `git ls-remote`, and nothing follows.
    indexes_made(service)
    clock.sleep_until(service.timers.next_deadline(), service.wakeup)
    assert clock.now() == START + timedelta(seconds=7200)
    assert service.due() is None
    assert service.status.offices["samarinda"].last_check == "2026-11-24T04:30:00Z"


def test_an_embargo_lifting_during_a_build_is_due_right_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build starts 2 s before the lift and takes 5 s: its pages do not show the
    release, so the lift is still due, at once, not forgotten until another hook
    (found by the review of this stop)."""
    from generator.service import loop

    central, _, _ = make_newsroom(tmp_path)
    (central / "content/releases/kaltim/2026/pengumuman-tepat-waktu.md").write_text(
        release("Pengumuman Tepat Waktu", publish_at="2026-11-24 10:32:17"), encoding="utf-8"
    )
    layout = find_layout(central)
    assert layout is not None
    settings = Settings(
        out=central / "site", base_url="http://127.0.0.1:8000/", jobs=1, interval=3600.0
    )
    clock = JumpingClock(LIFT - timedelta(seconds=2))
    real = loop.build.build

    def slow_build(*args: object, **kwargs: object) -> object:
        made = real(*args, **kwargs)  # type: ignore[arg-type]
        clock.at += timedelta(seconds=5)
        return made

    monkeypatch.setattr(loop.build, "build", slow_build)
    forget_sessions()
    try:
        service = Service(layout, settings, clock)
        try:
            service.start()
            assert service.timers.lift == LIFT
            assert service.timers.lift_due(clock.now())
        finally:
            service.close()
    finally:
        forget_sessions()


def test_a_rehearsal_at_a_future_now_records_no_build(tmp_path: Path) -> None:
    """`newsroom watch --now <future>` (Settings.record False): its builds show that
    future, but cron's `schedule --due` must not take them for real ones."""
    from generator.public.schedule import last_build

    central, _, _ = make_newsroom(tmp_path)
    layout = find_layout(central)
    assert layout is not None
    settings = Settings(out=central / "site", jobs=1, interval=3600.0, record=False)
    forget_sessions()
    try:
        service = Service(layout, settings, JumpingClock(START))
        try:
            service.start()
            assert (central / "site" / "kalimantan-timur" / "index.html").is_file()
            assert last_build(central) is None
        finally:
            service.close()
    finally:
        forget_sessions()
