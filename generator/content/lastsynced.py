"""Each office's entry in the newest run record that synced it, for the desk's sync
health: folded from the records once, then from each new record alone.

`newsroom watch` syncs an office per hook, so each run record holds one office, and
the newest record of an office synced last month lies thousands of records back:
read anew at every desk build, the records of a month of hooks would cost seconds.
A record never changes once written, and a new one is named by when it finished (see
generator.content.runrecords): each office's newest entry is kept here, with the
records it was folded from (name and file stamp), and a new record only updates the
offices it holds. A record gone or changed, or one named before the newest folded
(a clock set back), and all are folded again. The service folds the new ones after
each build (`fold_new_records`), so its desk's worker inherits them through the
fork, and stats the records but reads none.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.parsecache import FileKey, stamp
from generator.content.runrecords import health, offices_of, read_json, run_records


@dataclass
class _Folded:
    names: dict[str, FileKey] = field(default_factory=dict)  # each record folded, as read
    newest: str = ""
    offices: dict[str, dict[str, Any]] = field(default_factory=dict)


_folded: dict[Path, _Folded] = {}


def last_synced(root: Path, offices: Collection[str]) -> dict[str, dict[str, Any]]:
    """For each of `offices` that was ever synced, its entry in the newest run record
    that synced it (ok, error, new, rejected, problems ...), with that run's `finished`."""
    wanted = set(offices) & set(health(root))  # the others have no record to look for
    folded = fold_new_records(root)
    return {office: dict(folded.offices[office]) for office in wanted if office in folded.offices}


def fold_new_records(root: Path) -> _Folded:
    """The entries of every run record in `root`, folding only those not folded yet.
    A record folded that is gone or not as it was read (edited by hand, restored from
    a backup), or a new one named before the newest folded, and all are folded again.
    One that cannot be read is not folded: it is read again the next time."""
    paths = run_records(root)  # oldest first
    stamps = {path.name: stamp(path) for path in paths}
    folded = _folded.get(root)
    if folded is None or any(stamps.get(name) != was for name, was in folded.names.items()):
        folded = _Folded()
    fresh = [path for path in paths if path.name not in folded.names]
    if any(path.name < folded.newest for path in fresh):
        folded, fresh = _Folded(), paths
    for path in fresh:
        was = stamps[path.name]
        record = read_json(path)
        if was is None or not record:
            continue  # unreadable (or gone) now: nothing of it shown, tried again next time
        for office, entry in offices_of(record).items():
            folded.offices[office] = {**entry, "finished": record.get("finished")}
        folded.names[path.name] = was
        folded.newest = max(folded.newest, path.name)
    _folded[root] = folded
    return folded
