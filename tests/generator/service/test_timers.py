"""Each office's check on its own interval, first checks spread over it; the registry
followed as it changes; the next embargo lift among the deadlines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from generator.service.timers import Timers

START = datetime(2026, 11, 24, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_first_checks_are_spread_and_each_office_keeps_its_interval() -> None:
    timers = Timers(["a", "b", "c", "d"], START, 400.0, {"d": 60.0})
    assert [timers.due[o] for o in "abcd"] == [at(100), at(200), at(300), at(60)]
    assert timers.next_deadline() == at(60)
    assert timers.due_offices(at(150)) == ["a", "d"]
    assert timers.due["a"] == at(550) and timers.due["d"] == at(210)
    assert timers.due_offices(at(150)) == []


def test_the_next_lift_is_a_deadline() -> None:
    timers = Timers(["a"], START, 900.0, {})
    timers.lift = at(30)
    assert timers.next_deadline() == at(30)
    assert not timers.lift_due(at(29)) and timers.lift_due(at(30))


def test_the_registry_is_followed() -> None:
    timers = Timers(["a", "b"], START, 100.0, {})
    timers.follow(["b", "c"], at(10), 100.0, {"c": 5.0})
    assert sorted(timers.due) == ["b", "c"]
    assert timers.due["c"] == at(10)  # a new office is checked at once
    assert timers.due_offices(at(10)) == ["c"] and timers.due["c"] == at(15)
