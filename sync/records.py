"""The run records `newsroom sync` leaves in .newsroom/ (outside content/), and the
notes that let a re-run report what a killed run brought.

A run applies an office (its releases, then its state) long before it writes its
run record at the end. So that a kill in between loses nothing, each office first
notes what its sync brought in `.newsroom/pending/<office>.json`, keyed by the state
version it brings the office to; the next run adds the note of the version its state
is at to its own report. Once a run record is written, its notes are done.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.fsio import write_atomic

RUNS_DIR = Path(".newsroom") / "runs"
HEALTH_FILE = Path(".newsroom") / "health.json"
PENDING_DIR = Path(".newsroom") / "pending"
KINDS = ("new", "updated", "withdrawn")

Changes = dict[str, list[str]]  # kind (KINDS) -> release ids


def latest_run(root: Path) -> dict[str, Any]:
    """The newest run record, or {} when there has been no sync here."""
    runs = sorted((root / RUNS_DIR).glob("*.json"))
    for path in reversed(runs):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict):
            return record
    return {}


def new_in_last_sync(root: Path) -> set[str]:
    """Release ids that arrived (new) in the latest sync."""
    offices = latest_run(root).get("offices", {})
    return {rid for entry in offices.values() for rid in entry.get("new", [])}


def health(root: Path) -> dict[str, dict[str, Any]]:
    """Per office: last run, last success, last error, duration."""
    try:
        data = json.loads((root / HEALTH_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def unreported(root: Path, office: str, version: str) -> Changes:
    """What runs killed before their record brought `office` up to state `version`."""
    versions = _read_json(root / PENDING_DIR / f"{office}.json").get("versions")
    entry = versions.get(version) if isinstance(versions, dict) else None
    if not isinstance(entry, dict):
        return {kind: [] for kind in KINDS}
    return {kind: [str(i) for i in entry.get(kind, [])] for kind in KINDS}


def note_unreported(root: Path, office: str, run: str, versions: dict[str, Changes]) -> None:
    """Before an office's state moves on: what to report if `run` dies before its record.

    `versions` maps each state version the office may be left at to what is
    unreported then: the one it had (what earlier killed runs brought) and the one
    it is being brought to (that, and what this run brought).
    """
    path = root / PENDING_DIR / f"{office}.json"
    if not any(ids for changes in versions.values() for ids in changes.values()):
        path.unlink(missing_ok=True)
        return
    note = {"run": run, "versions": versions}
    write_atomic(path, json.dumps(note, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def forget_reported(root: Path, record: dict[str, Any]) -> None:
    """The notes of the run of `record` for the offices it reported: done with."""
    offices = record.get("offices", {})
    for path in sorted((root / PENDING_DIR).glob("*.json")):
        entry = offices.get(path.stem) if isinstance(offices, dict) else None
        reported = isinstance(entry, dict) and entry.get("ok") is True
        if reported and record.get("run") and _read_json(path).get("run") == record["run"]:
            path.unlink(missing_ok=True)


def merge(earlier: Changes, later: Changes) -> Changes:
    """What two runs brought, as one: new once new stays new."""
    new = sorted(set(earlier["new"]) | set(later["new"]))
    updated = set(earlier["updated"]) | set(later["updated"])
    withdrawn = set(earlier["withdrawn"]) | set(later["withdrawn"])
    return {"new": new, "updated": sorted(updated - set(new)), "withdrawn": sorted(withdrawn)}


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
