"""What `newsroom watch` keeps between builds stays frozen (generator.util.heap.
kept_frozen): the collector's passes skip its loaded newsroom and caches, which a
whole pass took 1.4 s to walk at 100,000 releases at whatever moment it came; the
garbage frozen with them is collected when the loop is idle, at most once an hour."""

from __future__ import annotations

import gc
import weakref
from datetime import timedelta
from pathlib import Path

import pytest

from generator.content.repository import Repository, find_layout
from generator.public.session import forget_sessions, loaded
from generator.service.loop import Service, Settings, Work
from generator.util import heap
from tests.generator.service.test_watch_embargo import START, JumpingClock, indexes_made
from tests.generator.service.watching import make_newsroom, release


class _Cycle:
    def __init__(self) -> None:
        self.itself = self


def test_the_newsroom_stays_frozen_between_builds_and_is_collected_when_idle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    central, _, _ = make_newsroom(tmp_path)
    lifting = central / "content/releases/kaltim/2026/pengumuman-tepat-waktu.md"
    lifting.write_text(release("Pengumuman", publish_at="2026-11-24 10:32:17"), encoding="utf-8")
    layout = find_layout(central)
    assert layout is not None
    settings = Settings(out=central / "site", jobs=2, interval=3600.0)
    forget_sessions()
    service = Service(layout, settings, JumpingClock(START))
    frozen_after: list[bool] = []  # each build's repository, once the build is done
    repositories: list[weakref.ref[Repository]] = []
    garbage: list[weakref.ref[_Cycle]] = []
    cycle = service.cycle

    def build_then_look(work: Work) -> None:
        cycle(work)  # the embargo's lift, in the loop
        session = loaded(layout)
        assert session is not None
        frozen_after.append(not any(o is session.repo for o in gc.get_objects()))
        repositories.append(weakref.ref(session.repo))
        if service.clock.now() > START + timedelta(days=1):
            service.stop()  # a loop never idle (the collection is what ends the test)
        dropped = _Cycle()  # garbage in a cycle, frozen with the rest by the next build
        with heap.frozen():
            garbage.append(weakref.ref(dropped))
        del dropped

    collections: list[tuple[timedelta, float | None]] = []
    collect_if_due = heap.KeptFrozen.collect_if_due

    def collect_and_stop(kept: heap.KeptFrozen, idle: bool) -> float | None:
        took = collect_if_due(kept, idle)
        collections.append((service.clock.now() - START, took))
        if took is not None:
            assert garbage[0]() is None  # freed by the whole collection
            service.stop()
        return took

    monkeypatch.setattr(service, "cycle", build_then_look)
    monkeypatch.setattr(heap.KeptFrozen, "collect_if_due", collect_and_stop)
    try:
        service.start()  # its build, before the loop: it leaves nothing frozen
        assert gc.get_freeze_count() == 0
        indexes_made(service)
        service.run()
    finally:
        service.close()
        forget_sessions()
    # The start's build, before the loop, froze nothing for after it; the loop's did.
    assert frozen_after[0] is False and len(frozen_after) >= 3 and all(frozen_after[1:])
    # Frozen, a build's repository was still freed as the next one replaced it: no
    # cycle holds a whole newsroom until the hourly collection.
    assert [ref() is None for ref in repositories[1:-1]] == [True] * (len(repositories) - 2)
    assert all(ref() is None for ref in garbage)
    # The first time the loop woke with nothing due (an offices' hourly check without
    # news), an hour or more after it began: due, and made (in no time on this clock).
    # Asked after each build too (not idle then, and not three hours overdue): not made.
    [(when, took)] = [(when, took) for when, took in collections if took is not None]
    assert when >= timedelta(hours=1) and collections[-1] == (when, took)
    assert len(collections) >= 3
    assert gc.get_freeze_count() == 0  # the loop ended: nothing left frozen


def test_an_office_check_seconds_away_lets_the_collection_run_an_embargo_does_not(
    tmp_path: Path,
) -> None:
    """With hundreds of offices a check is always seconds away: the idle loop collects
    anyway (the check may start late). An embargo lifting within a minute is waited for."""
    central, _, _ = make_newsroom(tmp_path)
    layout = find_layout(central)
    assert layout is not None
    service = Service(layout, Settings(out=central / "site"), JumpingClock(START))
    now = service.clock.now()
    for office in service.timers.due:
        service.timers.due[office] = now + timedelta(seconds=3)
    ticks = [0.0]
    with heap.kept_frozen(lambda: ticks[0], 3600.0) as kept:
        ticks[0] = 3600.0
        service.timers.lift = now + timedelta(seconds=30)
        assert service._collect_when_due(kept, idle=True) is None
        service.timers.lift = now + timedelta(minutes=5)
        assert service._collect_when_due(kept, idle=True) is not None
