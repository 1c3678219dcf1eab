"""The collector is paused for the load and the loaded state frozen for the site
builds, and both are undone afterwards, whatever happened in between."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.repository import CENTRAL, Layout
from generator.host import build
from generator.util import heap
from generator.util.workers import forked_chunks

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_is_paused_inside_and_restored_after_an_error() -> None:
    with pytest.raises(RuntimeError), heap.collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a load that fails")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with heap.collector_paused():
        pass
    assert not gc.isenabled()


def test_frozen_objects_are_collectable_again_afterwards() -> None:
    held = [object() for _ in range(1000)]
    with heap.frozen():
        assert gc.get_freeze_count() >= len(held)
    assert gc.get_freeze_count() == 0


def test_a_freeze_made_before_stays() -> None:
    gc.freeze()
    with heap.frozen():
        pass
    assert gc.get_freeze_count() > 0


def test_workers_forked_while_the_collector_is_paused_collect() -> None:
    with heap.collector_paused():
        enabled = forked_chunks(_collector_enabled, [1, 2], 2)
    assert enabled == [True, True]


def _collector_enabled(items: Sequence[int]) -> bool:
    return gc.isenabled()


def test_a_build_leaves_the_collector_as_it_found_it(sample_copy: Path) -> None:
    layout = Layout(sample_copy, CENTRAL)
    now = datetime.now(UTC)
    results = build.build(layout, ["nasional"], sample_copy / "site", now=now, jobs=1)
    assert [r.site_id for r in results] == ["nasional"]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with pytest.raises(build.BuildError):
        build.build(layout, ["atlantis"], sample_copy / "site", now=now, jobs=1)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_collector_wakes_after_the_load_with_none_of_it_to_walk(sample_copy: Path) -> None:
    """What the load made is frozen before the collector is enabled again: otherwise
    its first pass walks every object just loaded, to free none (70 ms at 10,000
    releases). Each pass then starts from a few hundred new objects, not from the
    whole load's (gc.get_count() counts those made since the last pass)."""
    young: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            young.append(gc.get_count()[0])

    gc.collect()
    gc.callbacks.append(note)
    try:
        build.build(
            Layout(sample_copy, CENTRAL), ["nasional"], sample_copy / "site", now=NOW, jobs=1
        )
    finally:
        gc.callbacks.remove(note)
    assert young, "no pass at all: nothing measured"
    assert max(young) < 2 * gc.get_threshold()[0], young  # 4,211 on the sample before


class _Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.itself = self


def _frozen_garbage() -> weakref.ref[_Cycle]:
    """Garbage in a cycle, frozen as a build freezes what it made, then dropped."""
    garbage = _Cycle()
    gc.freeze()
    return weakref.ref(garbage)


def test_kept_frozen_keeps_what_each_build_froze_until_it_ends() -> None:
    kept = _Cycle()
    with heap.kept_frozen(lambda: 0.0, 3600.0):
        assert not any(o is kept for o in gc.get_objects())
        made_in_a_build = _Cycle()
        with heap.frozen():  # a build inside: it leaves frozen what it froze
            pass
        assert not any(o is made_in_a_build for o in gc.get_objects())
    assert gc.get_freeze_count() == 0
    assert any(o is kept for o in gc.get_objects())


def test_a_build_inside_the_kept_heap_does_not_count_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """`gc.get_freeze_count` walks every frozen object (0.15 s of each of the service's
    pushes at 100,000 releases): a build's `frozen` inside `kept_frozen` knows without it."""
    with heap.kept_frozen(lambda: 0.0, 3600.0):

        def walks(*_: object) -> int:
            raise AssertionError("the frozen heap walked")

        monkeypatch.setattr(heap.gc, "get_freeze_count", walks)
        made_in_a_build = _Cycle()
        with heap.frozen(), heap.frozen():  # a build, and one inside it
            pass
        assert not any(o is made_in_a_build for o in gc.get_objects())  # left frozen
        monkeypatch.undo()
    assert gc.get_freeze_count() == 0  # the kept block unfroze it all, as before


def test_the_whole_collection_frees_frozen_garbage_only_when_due() -> None:
    clock = [0.0]
    with heap.kept_frozen(lambda: clock[0], 3600.0) as kept:
        garbage = _frozen_garbage()
        gc.collect()
        assert garbage() is not None  # frozen: no pass sees it
        clock[0] = 3599.0
        assert kept.collect_if_due(idle=True) is None
        clock[0] = 3600.0
        assert kept.collect_if_due(idle=False) is None  # busy: it waits for idle
        assert garbage() is not None
        assert kept.collect_if_due(idle=True) is not None
        assert garbage() is None
        # What is still alive is frozen again; the next one is due an hour later.
        assert gc.get_freeze_count() > 0
        clock[0] = 7199.0
        assert kept.collect_if_due(idle=True) is None


def test_a_process_never_idle_collects_once_it_is_three_times_overdue() -> None:
    clock = [0.0]
    with heap.kept_frozen(lambda: clock[0], 3600.0) as kept:
        garbage = _frozen_garbage()
        clock[0] = 3 * 3600.0 - 1
        assert kept.collect_if_due(idle=False) is None
        clock[0] = 3 * 3600.0
        assert kept.collect_if_due(idle=False) is not None
        assert garbage() is None
