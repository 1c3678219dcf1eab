"""Each office's newest run entry, folded from the run records once and then from each
new record alone (generator.content.lastsynced)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.content import lastsynced
from generator.content.lastsynced import last_synced
from generator.content.runrecords import HEALTH_FILE, RUNS_DIR
from tests.generator.content.readcount import count_reads


def run(root: Path, name: str, offices: dict[str, bool]) -> None:
    """A run record finished at `name` (yyyymmddThhmmss...Z) syncing `offices` (ok?)."""
    folder = root / RUNS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    finished = f"{name[:4]}-{name[4:6]}-{name[6:8]}T{name[9:11]}:{name[11:13]}:00Z"
    entries = {
        office: {"ok": ok, "new": [f"{office}/2026/{name}"]} for office, ok in offices.items()
    }
    record = {"finished": finished, "offices": entries}
    (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")


def newest_first(root: Path, offices: list[str]) -> dict[str, dict[str, Any]]:
    """What the desk showed before: the records read newest first, each office's first."""
    found: dict[str, dict[str, Any]] = {}
    for path in reversed(sorted((root / RUNS_DIR).glob("*.json"))):
        record = json.loads(path.read_text(encoding="utf-8"))
        for office, entry in record["offices"].items():
            if office in offices and office not in found:
                found[office] = {**entry, "finished": record["finished"]}
    return found


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(lastsynced, "_folded", {})
    (tmp_path / HEALTH_FILE).parent.mkdir(parents=True)
    health = {office: {"last_run": "x"} for office in ("ambon", "banda", "tual")}
    (tmp_path / HEALTH_FILE).write_text(json.dumps(health), encoding="utf-8")
    run(tmp_path, "20261120T080000000000Z", {"ambon": True, "banda": True})
    run(tmp_path, "20261121T080000000000Z", {"banda": False})
    run(tmp_path, "20261122T080000000000Z", {"ambon": False})
    return tmp_path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The run records read, by name."""
    return count_reads(monkeypatch, lastsynced)


OFFICES = ["ambon", "banda", "tual", "saumlaki"]  # tual never synced; saumlaki unknown


def test_each_office_gets_its_newest_entry(root: Path) -> None:
    found = last_synced(root, OFFICES)
    assert found == newest_first(root, OFFICES)
    assert found["ambon"]["ok"] is False and found["ambon"]["finished"] == "2026-11-22T08:00:00Z"
    assert found["banda"]["ok"] is False and set(found) == {"ambon", "banda"}


def test_a_new_record_is_the_only_one_read(root: Path, reads: list[str]) -> None:
    last_synced(root, OFFICES)
    assert len(reads) == 3
    reads.clear()
    run(root, "20261123T080000000000Z", {"banda": True, "tual": True})
    found = last_synced(root, OFFICES)
    assert reads == ["20261123T080000000000Z.json"]
    assert found == newest_first(root, OFFICES) and found["tual"]["ok"] is True
    reads.clear()
    assert last_synced(root, OFFICES) == found and reads == []


def test_a_record_gone_or_named_earlier_has_all_folded_again(root: Path, reads: list[str]) -> None:
    last_synced(root, OFFICES)
    (root / RUNS_DIR / "20261122T080000000000Z.json").unlink()  # someone pruned it
    assert last_synced(root, OFFICES) == newest_first(root, OFFICES)
    assert last_synced(root, OFFICES)["ambon"]["ok"] is True  # from the run before
    reads.clear()
    run(root, "20261119T080000000000Z", {"ambon": False, "tual": False})  # a clock set back
    assert last_synced(root, OFFICES) == newest_first(root, OFFICES)
    assert len(reads) == 3, "folded again from the oldest"


def test_a_record_rewritten_in_place_or_unreadable_at_first_is_read_again(root: Path) -> None:
    last_synced(root, OFFICES)
    path = root / RUNS_DIR / "20261122T080000000000Z.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["offices"]["ambon"]["problems"] = ["rilis/x.md: ditolak"]  # edited by hand
    path.write_text(json.dumps(record), encoding="utf-8")
    assert last_synced(root, OFFICES)["ambon"]["problems"] == ["rilis/x.md: ditolak"]
    before = last_synced(root, OFFICES)
    torn = root / RUNS_DIR / "20261123T080000000000Z.json"
    torn.write_text('{"finished": "2026-11-23T08:00:00Z", "offi', encoding="utf-8")
    assert last_synced(root, OFFICES) == before, "an unreadable record shows nothing"
    run(root, "20261123T080000000000Z", {"tual": True})  # whole now
    assert last_synced(root, OFFICES)["tual"]["ok"] is True
    assert last_synced(root, OFFICES) == newest_first(root, OFFICES)
