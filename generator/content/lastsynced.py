"""Each office's entry in the newest run record that synced it, for the desk's sync
health: folded from the records once, then from each new record alone.

`newsroom watch` syncs an office per hook, so each run record holds one office, and
the newest record of an office synced last month lies thousands of records back:
read anew at every desk build, the records of a month of hooks would cost seconds.
A record never changes once written, and a new one is named by when it finished (see
generator.content.runrecords): each office's newest entry is kept here, with the
names it was folded from, and a new record only updates the offices it holds. A
record gone, or one named before the newest folded (a clock set back), and all are
folded again. The service folds the new ones after each build (`fold_new_records`),
so its desk's worker inherits them through the fork and reads no record.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.runrecords import health, offices_of, read_json, run_records


@dataclass
class _Folded:
    names: set[str] = field(default_factory=set)
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
    """The entries of every run record in `root`, folding only those not folded yet."""
    paths = run_records(root)  # oldest first
    names = {path.name for path in paths}
    folded = _folded.get(root)
    fresh = [path for path in paths if folded is None or path.name not in folded.names]
    if folded is None or not folded.names <= names or any(p.name < folded.newest for p in fresh):
        folded, fresh = _Folded(), paths
    for path in fresh:
        record = read_json(path)
        for office, entry in offices_of(record).items():
            folded.offices[office] = {**entry, "finished": record.get("finished")}
        folded.names.add(path.name)
        folded.newest = max(folded.newest, path.name)
    _folded[root] = folded
    return folded
