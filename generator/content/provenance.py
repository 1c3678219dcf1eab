"""Where each central release came from: what `newsroom sync` recorded of it
(`content/sync/<office>.json`), attached to the release for its page and the desk."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from generator.content.layout import CENTRAL, Layout
from generator.content.model import Provenance, Release
from generator.content.officereleases import OfficeReleases
from generator.content.syncstate import FileState, OfficeState, load_state, state_path
from generator.util.sameobjects import same_objects

# What the last call made, by release id: (the release given, its office's state, its
# record, the release returned). `newsroom watch` loads the newsroom at every build, and
# the parse cache gives back the same release object for a file that did not change:
# one whose record is as it was is not copied again (10,000 copies at every build), and
# one whose office's state is the same object (its record file unchanged) is not even
# looked up in it (0.1 s of a push at 100,000 releases).
_Made = tuple[Release, OfficeState, FileState | None, Release]


@dataclass(frozen=True)
class _Office:
    """What the last call made of one office's releases (given in id order)."""

    given: list[Release]
    state: OfficeState
    made: list[_Made]
    returned: OfficeReleases


# By office id. An office whose releases are the same objects and whose state is too
# is taken whole: looking at each of 100,000 releases took 0.2 s of every push's load.
_last: dict[str, _Office] = {}


def with_provenance(
    layout: Layout, releases: list[Release]
) -> tuple[list[Release], list[OfficeReleases] | None]:
    """Attach what `newsroom sync` recorded (content/sync/<office>.json) to each release:
    the releases, and each office's (a central repository's only)."""
    if layout.kind != CENTRAL:
        return releases, None
    offices = by_office(releases, {office: last.given for office, last in _last.items()})
    states = _states(layout.content, {office for office, _ in offices})
    result: list[Release] = []
    returned: list[OfficeReleases] = []
    kept: dict[str, _Office] = {}
    for office, given in offices:
        state = states[office]
        before = _last.get(office)
        if before is None or before.state is not state or given is not before.given:
            before = _attach_all(given, state, before)
        kept[office] = before
        result.extend(before.returned.releases)
        returned.append(before.returned)
    _last.clear()
    _last.update(kept)
    return result, returned


def by_office(
    releases: list[Release], last: dict[str, list[Release]]
) -> list[tuple[str, list[Release]]]:
    """Each office's releases, in order (sorted by id, `<office>/<yyyy>/<slug>`, an
    office's are together). Where an office's are the very objects of its list in
    `last`, in order, that list itself: one compare in C an office, where asking each
    release its office took 0.04 s of every push's load at 100,000 releases."""
    found: list[tuple[str, list[Release]]] = []
    start, end = 0, len(releases)
    while start < end:
        office = releases[start].office.id
        before = last.get(office)
        stop = start + len(before) if before is not None else end + 1
        if stop <= end and (stop == end or releases[stop].office.id != office):
            given = releases[start:stop]
            if before is not None and same_objects(before, given):
                found.append((office, before))
                start = stop
                continue
        stop = start + 1
        while stop < end and releases[stop].office.id == office:
            stop += 1
        found.append((office, releases[start:stop]))
        start = stop
    return found


def _attach_all(given: list[Release], state: OfficeState, last: _Office | None) -> _Office:
    """One office's releases with their records, made anew where they changed."""
    earlier = {made[0].id: made for made in last.made} if last is not None else {}
    made: list[_Made] = []
    for release in given:
        before = earlier.get(release.id)
        kept: Release | None
        if before is not None and before[0] is release and before[1] is state:
            synced, kept = before[2], before[3]
        else:
            path = f"releases/{release.id.split('/', 1)[1]}.md"
            synced = state.releases.get(path)
            kept = _kept(before, release, state, synced)
            if kept is None:
                found = _attached(release, state.source, path, synced)
        if kept is not None:
            # Made at an earlier build; a body it read since was forgotten as this load
            # began (model.forget_bodies_read), as a new copy comes without one.
            found = kept
        made.append((release, state, synced, found))
    return _Office(given, state, made, OfficeReleases(given[0].office, [item[3] for item in made]))


def _kept(
    before: _Made | None,
    release: Release,
    state: OfficeState,
    synced: FileState | None,
) -> Release | None:
    """The copy made at an earlier build of the same release with the same record."""
    if before is None or before[0] is not release:
        return None
    same = before[1].source == state.source and before[2] == synced
    return before[3] if same else None


# Each office's sync record as last read here, by its file's stamp: at every build of
# `newsroom watch` only the offices just synced have a new one, and reading all 536 again
# (100,000 file records at 100,000 releases) took 0.1 s or more. Read-only here.
# A missing record's stamp is None: the same empty state while it stays missing (a
# central office never synced), so its releases are taken whole too.
_read: dict[Path, tuple[tuple[int, int, int, int] | None, OfficeState]] = {}


def _states(content: Path, offices: set[str]) -> dict[str, OfficeState]:
    found = {}
    kept = {}
    for office in offices:
        path = state_path(content, office)
        stamp: tuple[int, int, int, int] | None
        try:
            stat = os.stat(path)
        except OSError:
            stamp = None  # missing: an empty state
        else:
            # A record is replaced whole (atomic rename): a new one has a new stamp; one
            # made readable (chmod) a new ctime.
            stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
        before = _read.get(path)
        state = before[1] if before and before[0] == stamp else load_state(content, office)
        found[office] = state
        kept[path] = (stamp, state)
    _read.clear()
    _read.update(kept)
    return found


def _attached(release: Release, source: str, path: str, synced: FileState | None) -> Release:
    if synced is None or not source:
        return release
    office_source = release.office.source
    found = Provenance(
        source,
        synced.commit,
        path,
        origin=synced.origin,
        copied=_instant(synced.copied),
        feed=office_source is not None and office_source.kind == "feed",
    )
    return replace(release, provenance=found)


def _instant(text: str) -> datetime | None:
    """An ISO 8601 time with its offset, as the sync records it; None if not one."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        return None
    return found if found.tzinfo is not None else None
