"""The collector is paused for the load and the loaded state frozen for the site
builds, and both are undone afterwards, whatever happened in between."""

from __future__ import annotations

import gc
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
