"""The run records `newsroom sync` leaves in .newsroom/ (outside content/), and the
notes that let a re-run report what a killed run brought.

A run record lists only the offices that run synced (`sync --office ambon` holds
ambon alone), so what the desk shows per office comes from the newest record that
synced it, and what arrived comes from every record of the last week, never from
the newest record alone.

A run applies an office (its releases, then its state) long before it writes its
run record at the end. So that a kill in between loses nothing, each office first
notes what its sync brought in `.newsroom/pending/<office>.json`, keyed by the state
version it brings the office to; the next run adds the note of the version its state
is at to its own report. Once a run record is written, its notes are done.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from generator.util.fsio import write_atomic

RUNS_DIR = Path(".newsroom") / "runs"
HEALTH_FILE = Path(".newsroom") / "health.json"
PENDING_DIR = Path(".newsroom") / "pending"
ARRIVALS_CACHE = Path(".newsroom") / "arrivals.json"  # see `arrivals`
KINDS = ("new", "updated", "withdrawn")
# A release that arrived stays new (in the inbox, with its badge) until the desk decides
# on it, or for a week: news older than that is no longer for the national site.
NEW_FOR = timedelta(days=7)
_STAMP = "%Y%m%dT%H%M%S%fZ"  # run record names: when the run finished, in UTC

Changes = dict[str, list[str]]  # kind (KINDS) -> release ids


def latest_run(root: Path) -> dict[str, Any]:
    """The newest run record, or {} when there has been no sync here."""
    for path in reversed(run_records(root)):
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


def arrivals(root: Path, now: datetime) -> dict[str, datetime]:
    """Release ids the syncs of the week up to `now` reported new, each with the time
    of the run that first brought it.

    Every run counts, whichever offices it synced: a later run of another office (or
    of the same office, bringing something else) does not make an arrival old. What a
    killed run brought is in the record of the run after it (see the module's doc).
    """
    week = _week(root, now)
    if week.read or (week.cached is not None and week.entries != week.cached):
        _unsaved.discard(root)
        _write_cache(root / ARRIVALS_CACHE, week.entries)
    return week.found


def take_in_arrivals(root: Path, now: datetime) -> None:
    """Read the run records this process has not read yet, and keep what they brought
    in memory: `newsroom watch` does so after each sync, so that its desk's worker forks
    with every record read and has nothing to read or write. ARRIVALS_CACHE, for a
    process that starts cold, gets them once the build is done (`save_arrivals`)."""
    if _week(root, now).read:
        _unsaved.add(root)


def save_arrivals(root: Path) -> None:
    """Write ARRIVALS_CACHE if `take_in_arrivals` read records it lacks."""
    if root in _unsaved:
        _unsaved.discard(root)
        _write_cache(root / ARRIVALS_CACHE, _entries.get(root, {}))


@dataclass
class _Week:
    entries: dict[str, Any]  # each record of the week by name: its finish and new ids
    found: dict[str, datetime]  # what `arrivals` answers
    read: bool  # a record was read (not known in memory, nor in ARRIVALS_CACHE)
    cached: dict[str, Any] | None  # ARRIVALS_CACHE, if it was read


# What this process read of the week's run records, by repository: a record never
# changes once written, and `newsroom watch` writes one at every hook and builds its
# desk after it: a week of hooks is thousands of records, and the file that keeps what
# they brought (ARRIVALS_CACHE) was read and written again at every desk build.
_entries: dict[Path, dict[str, Any]] = {}
_unsaved: set[Path] = set()  # roots whose records in memory ARRIVALS_CACHE lacks


def _week(root: Path, now: datetime) -> _Week:
    since = now - NEW_FOR
    known = _entries.get(root, {})
    week = _Week({}, {}, False, None)
    for stamp, path in _run_files(root):
        if stamp is not None and not since <= stamp <= now:
            continue  # the name says when: no need to read it
        entry = known.get(path.name)
        if entry is None and not known:  # a cold process: the file of what they brought
            if week.cached is None:
                week.cached = read_json(root / ARRIVALS_CACHE)
            entry = week.cached.get(path.name)
        if not (isinstance(entry, dict) and isinstance(entry.get("new"), list)):
            record = read_json(path)
            new = [str(i) for e in offices_of(record).values() for i in _ids(e.get("new"))]
            entry, week.read = {"finished": record.get("finished"), "new": new}, True
        week.entries[path.name] = entry
        finished = stamp or _parse_time(entry.get("finished"))
        if finished is None or not since <= finished <= now:
            continue
        for release_id in entry["new"]:
            week.found.setdefault(str(release_id), finished)
    _entries[root] = week.entries
    return week


def _ids(value: object) -> list[object]:
    """A record's list of release ids; anything else (a record edited by hand) is none."""
    return value if isinstance(value, list) else []


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    # A record never changes once written, so what it brought is kept by its name: a
    # week of runs every few minutes is read once, not at every build and inbox.
    with suppress(OSError):  # only a cache: a read-only checkout still shows the desk
        write_atomic(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def run_records(root: Path) -> list[Path]:
    """Run records, oldest first (by name: when the run finished)."""
    folder = root / RUNS_DIR
    try:
        # Not Path.glob: a Path and a pattern match for each of a week of hooks' records
        # took a third of listing them, several times a build.
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.name.endswith(".json"))
    except OSError:  # missing or unreadable: no run to show, as Path.glob found none
        return []
    return [folder / name for name in names]


def _run_files(root: Path) -> list[tuple[datetime | None, Path]]:
    """Run records, oldest first, with the time their name gives (None if it gives none)."""
    found = []
    times: dict[str, datetime | None] = {}
    for path in run_records(root):
        # One lookup, never a test then a read: the desk's fingerprint lists them in a
        # thread of the desk's worker (generator.util.afterwards).
        stamp = _name_times.get(path.name, _UNPARSED)
        if stamp is _UNPARSED:
            try:
                stamp = datetime.strptime(path.stem, _STAMP).replace(tzinfo=UTC)
            except ValueError:
                stamp = None
        times[path.name] = stamp
        found.append((stamp, path))
    _name_times.clear()
    _name_times.update(times)
    return found


# The time each record's name gives, as last read (strptime was most of listing them).
_name_times: dict[str, datetime | None] = {}
_UNPARSED = datetime.min.replace(tzinfo=UTC)  # no record is named so


def offices_of(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    offices = record.get("offices")
    if not isinstance(offices, dict):
        return {}
    return {str(k): v for k, v in offices.items() if isinstance(v, dict)}


def _parse_time(value: object) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def health(root: Path) -> dict[str, dict[str, Any]]:
    """Per office: last run, last success, last error, duration."""
    try:
        data = json.loads((root / HEALTH_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def unreported(root: Path, office: str, version: str) -> Changes:
    """What runs killed before their record brought `office` up to state `version`."""
    versions = read_json(root / PENDING_DIR / f"{office}.json").get("versions")
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
        if reported and record.get("run") and read_json(path).get("run") == record["run"]:
            path.unlink(missing_ok=True)


def merge(earlier: Changes, later: Changes) -> Changes:
    """What two runs brought, as one: new once new stays new."""
    new = sorted(set(earlier["new"]) | set(later["new"]))
    updated = set(earlier["updated"]) | set(later["updated"])
    withdrawn = set(earlier["withdrawn"]) | set(later["withdrawn"])
    return {"new": new, "updated": sorted(updated - set(new)), "withdrawn": sorted(withdrawn)}


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
