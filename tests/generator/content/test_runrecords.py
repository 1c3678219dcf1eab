"""What arrived in the week's syncs, read from the run records: each record read once
by a process (`newsroom watch` writes one at every hook and builds its desk after it),
the same answer whether a process starts cold, from the file that keeps what the
records brought, or from its memory."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.content import runrecords
from generator.content.runrecords import (
    ARRIVALS_CACHE,
    RUNS_DIR,
    arrivals,
    save_arrivals,
    take_in_arrivals,
)
from tests.generator.content.readcount import count_reads

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def write_record(root: Path, finished: datetime, office: str, new: list[str]) -> Path:
    """A run record as `newsroom sync` names and writes it."""
    record = {"run": "r", "finished": finished.isoformat(), "offices": {office: {"new": new}}}
    path = root / RUNS_DIR / f"{finished.strftime('%Y%m%dT%H%M%S%fZ')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files `runrecords` reads, by name; this process's memory emptied first."""
    monkeypatch.setattr(runrecords, "_entries", {})
    return count_reads(monkeypatch, runrecords)


def test_each_record_is_read_once_and_the_answer_is_the_same_cold(
    tmp_path: Path, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = write_record(tmp_path, NOW - timedelta(days=8), "ambon", ["ambon/2026/lama"])
    first = write_record(tmp_path, NOW - timedelta(hours=2), "ambon", ["ambon/2026/satu"])
    assert arrivals(tmp_path, NOW) == {"ambon/2026/satu": NOW - timedelta(hours=2)}
    assert old.name not in opened, "named before the week: never read"
    assert first.name in opened and (tmp_path / ARRIVALS_CACHE).is_file()

    # The service after its sync: the new record read, kept in memory.
    opened.clear()
    second = write_record(
        tmp_path, NOW - timedelta(hours=1), "kutai-timur", ["kutai-timur/2026/dua"]
    )
    cache_before = (tmp_path / ARRIVALS_CACHE).read_bytes()
    take_in_arrivals(tmp_path, NOW)
    assert opened == [second.name]
    # Its desk's worker: every record known, nothing read or written.
    opened.clear()
    found = arrivals(tmp_path, NOW)
    assert opened == [] and (tmp_path / ARRIVALS_CACHE).read_bytes() == cache_before
    assert found == {
        "ambon/2026/satu": NOW - timedelta(hours=2),
        "kutai-timur/2026/dua": NOW - timedelta(hours=1),
    }
    # Once its build is done, the service writes the file for a process that starts
    # cold, which then reads the file alone.
    save_arrivals(tmp_path)
    assert (tmp_path / ARRIVALS_CACHE).read_bytes() != cache_before
    monkeypatch.setattr(runrecords, "_entries", {})
    opened.clear()
    assert arrivals(tmp_path, NOW) == found and opened == [ARRIVALS_CACHE.name]

    # A process that read some records (not starting cold) reads a new one itself, and
    # writes the file.
    opened.clear()
    third = write_record(tmp_path, NOW - timedelta(minutes=30), "ambon", ["ambon/2026/tiga"])
    assert arrivals(tmp_path, NOW)["ambon/2026/tiga"] == NOW - timedelta(minutes=30)
    assert opened == [third.name]
    assert third.name in json.loads((tmp_path / ARRIVALS_CACHE).read_text())

    # A week later they have aged out, in memory as on a cold start.
    later = NOW + timedelta(days=7, hours=1)
    assert arrivals(tmp_path, later) == {}
    monkeypatch.setattr(runrecords, "_entries", {})
    assert arrivals(tmp_path, later) == {}


def test_a_record_edited_by_hand_or_no_records_folder_brings_nothing(
    tmp_path: Path, opened: list[str]
) -> None:
    assert arrivals(tmp_path, NOW) == {}, "no sync here yet"
    take_in_arrivals(tmp_path, NOW)
    path = write_record(tmp_path, NOW - timedelta(hours=1), "ambon", [])
    record = json.loads(path.read_text())
    record["offices"]["ambon"]["new"] = 5  # not a list of ids
    path.write_text(json.dumps(record))
    assert arrivals(tmp_path, NOW) == {}
