"""Loading a repository's release files: each validated once, through the parse cache
and, when there are many, in forked workers; problems come out in file order either way.

Those of an office whose entry is invalid are checked too (against its stand-in) and
their problems reported, but none is returned.
"""

from __future__ import annotations

import operator
import os
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.assets import AssetCheck, layout_assets
from generator.content.changewatch import changed_offices, watched
from generator.content.fields import slugify
from generator.content.layout import Layout
from generator.content.model import Release
from generator.content.parsecache import Generation, ParseCache, Parsed, file_key
from generator.content.parseworkers import ParseJob, ParseResult, Seen, parse_all
from generator.content.photocheck import Picture
from generator.content.problems import Problem, Report
from generator.content.registry import Registry, StandIn
from generator.content.releasescan import office_files, office_folders
from generator.content.repofiles import is_selected
from generator.content.schema import Office
from generator.content.validation import parse_release

# Marks what check saw of a photo (photocheck.Picture, or None) among the asset files a
# cached result depends on (asset paths start with `assets/`, never with this).
IMAGE_PROBE = "image:"


def load_releases(
    layout: Layout,
    registry: Registry,
    report: Report,
    selected: list[Path] | None,
    cache: ParseCache | None = None,
) -> list[Release]:
    """The valid releases of the usable offices. Those of an office whose entry is
    invalid are checked too (against its stand-in) and their problems reported, but
    none is returned: where and when they would appear is not known."""
    load = _Load(layout, selected, cache)
    listing = Report()  # misplaced files and the like, kept in order among the others
    for owner, folder in office_folders(layout, registry, listing):
        load.flush(listing)
        if load.reused(owner):
            continue
        start = len(load.found)
        for year, name, path in office_files(layout, folder, listing):
            load.flush(listing)
            load.add(owner, year, name, path)
        load.flush(listing)
        load.remember(owner, start)
    load.flush(listing)
    load.keep()
    todo = [
        item
        for segment in load.segments
        if isinstance(segment, list)
        for item in segment
        if isinstance(item, ParseJob) and not item.done
    ]
    return _collect(load.segments, parse_all(todo, _parse_job), report, cache)


# What this process's last load made, for its next one: `newsroom watch` loads the
# newsroom at every build, and most files are as they were. Per file, the slug of its
# name and the done job the parse cache's entry gave (0.6 s of a push's load at 100,000
# releases went to making these again). Each load keeps only what it used. By office
# id: an office taken whole hands its dicts to the next load as they are (adding its
# files to one dict for all, then copying that, took 0.05 s of each push).
_slug_of: dict[str, dict[str, str]] = {}
_jobs: dict[str, dict[str, ParseJob]] = {}


@dataclass(frozen=True)
class _OfficeFiles:
    """What a load found of one office's files, all in the parse cache: taken as it is
    while the office's folders see no change (generator.content.changewatch)."""

    layout: Layout
    owner: Office
    checks: _Checks
    jobs: dict[str, ParseJob]
    slugs: dict[str, str]
    entries: dict[str, Parsed]
    problems: list[Problem]  # in file order
    releases: list[Release]  # the valid ones
    checked: Generation  # the parse cache's, when `entries` were last found in it


# By office id: the last load's, when the service watched the offices' folders.
_office_files: dict[str, _OfficeFiles] = {}


def _forget_changed(changed: set[str] | None) -> None:
    """What the last load found of the offices that changed since (None: of all)."""
    if changed is None:
        _office_files.clear()
    for office in changed or ():
        _office_files.pop(office, None)


class _Load:
    """One load's findings, in file order, office after office."""

    def __init__(self, layout: Layout, selected: list[Path] | None, cache: ParseCache | None):
        self.layout, self.selected, self.cache = layout, selected, cache
        self.found: list[Problem | ParseJob] = []  # problems come out in this order
        # What `found` was, office by office: an office taken whole stands in it for its
        # findings, between the lists of the others (each appended to as it goes).
        self.segments: list[list[Problem | ParseJob] | _OfficeFiles] = [self.found]
        self.seen: dict[str, str] = {}
        self.assets: dict[str, _Checks] = {}
        self.slugs = _Slugs()
        self.jobs: dict[str, dict[str, ParseJob]] = {}  # by office id, then path
        self.entries: dict[str, Parsed] = {}  # the cache's entries this load used
        # Only a whole load with the cache, of a watched repository, remembers its offices
        # for the next (one-shot builds would only pay for it).
        self.watched = selected is None and cache is not None and watched(layout)
        self.changed = changed_offices(layout) if self.watched else None
        self.offices: dict[str, _OfficeFiles] | None = {} if self.watched else None
        if self.watched:  # taken: a load failing before `keep` must not leave them behind
            _forget_changed(self.changed)

    def flush(self, listing: Report) -> None:
        if listing.problems:
            self.found.extend(listing.problems)
            listing.problems.clear()

    def reused(self, owner: Office | StandIn) -> bool:
        """Whether the office's files were taken as the last load found them."""
        if self.changed is None or isinstance(owner, StandIn) or owner.id in self.changed:
            return False
        before = _office_files.get(owner.id)
        if before is None or before.layout != self.layout or before.owner is not owner:
            return False
        assert self.cache is not None and self.offices is not None
        if not self.cache.reuse(before.entries, owner.id, before.checked):
            return False  # the cache was read again meanwhile
        before = replace(before, checked=self.cache.generation)
        self.found = []
        self.segments += [before, self.found]
        self.slugs.used[owner.id] = before.slugs
        self.assets[owner.id] = before.checks
        self.jobs[owner.id] = before.jobs
        self.offices[owner.id] = before
        return True

    def add(self, owner: Office | StandIn, year: str, name: str, path: str) -> None:
        if self.selected is not None and not is_selected(Path(path), self.selected):
            return
        office = owner.office if isinstance(owner, StandIn) else owner
        key = f"{office.id}/{year}/{self.slugs.of(office.id, name)}"
        if key in self.seen:
            other = Path(self.seen[key]).relative_to(self.layout.root)
            self.found.append(_duplicate(path, key, str(other)))
            return
        self.seen[key] = path
        checks = self.assets.get(office.id)
        if checks is None:
            checks = self.assets[office.id] = _checks(self.layout, office)
        if isinstance(owner, StandIn):
            self.found.append(ParseJob(office, path, checks.assets, owner.zone_guessed, keep=False))
        else:
            jobs = self.jobs.setdefault(office.id, {})
            self.found.append(_cached(office, path, checks, self.cache, jobs, self.entries))

    def remember(self, owner: Office | StandIn, start: int) -> None:
        """Keep what was found of the office's files, if all of it came from the cache."""
        if self.offices is None or isinstance(owner, StandIn):
            return
        found = self.found[start:]
        jobs = {item.path: item for item in found if isinstance(item, ParseJob)}
        if not all(job.done for job in jobs.values()):
            return  # parsed now: found in the cache at the next load, kept then
        checks = self.assets.get(owner.id) or _checks(self.layout, owner)
        names = [os.path.basename(path) for path in jobs]
        made = self.slugs.used.get(owner.id, {})  # none for an office with no file
        slugs = {name: made[name] for name in names}
        entries = {path: self.entries[path] for path in jobs}
        problems: list[Problem] = []
        releases: list[Release] = []
        _gather([found], {}, problems, releases, None)
        assert self.cache is not None
        self.offices[owner.id] = _OfficeFiles(
            self.layout,
            owner,
            checks,
            jobs,
            slugs,
            entries,
            problems,
            releases,
            self.cache.generation,
        )

    def keep(self) -> None:
        """What the next load of this process may take from this one."""
        global _jobs
        self.slugs.keep()
        _jobs = self.jobs  # (nothing adds to it once this load is done)
        _office_checks.clear()
        _office_checks.update({(self.layout, c.office.id): c for c in self.assets.values()})
        if self.offices is not None:
            _office_files.clear()
            _office_files.update(self.offices)
        elif not watched(self.layout):
            _office_files.clear()
        # Else a partial load of the watched repository (or without the cache): it did not
        # look at the changes, the next watched load still sees them; its memory stays.


class _Slugs:
    """File names' slugs, from the last load's where it had the name."""

    def __init__(self) -> None:
        self.used: dict[str, dict[str, str]] = {}  # by office id, then file name

    def of(self, office_id: str, name: str) -> str:
        slug = _slug_of.get(office_id, {}).get(name)
        if slug is None:
            slug = slugify(name[:-3])
        self.used.setdefault(office_id, {})[name] = slug
        return slug

    def keep(self) -> None:
        global _slug_of
        _slug_of = self.used  # (nothing adds to it once this load is done)


class _Checks:
    """An office's asset checks, and the parse cache's probe over them (made once per
    office, not per file)."""

    def __init__(self, office: Office, assets: AssetCheck) -> None:
        self.office, self.assets = office, assets

        def probe(src: str) -> Seen:  # what a cached result depends on: files, and photos
            if src.startswith(IMAGE_PROBE):
                picture = src.removeprefix(IMAGE_PROBE)
                stamp = assets.stamp(picture)  # the same photo: the same verdict, unread
                return stamp if stamp is not None else assets.picture(picture)
            return assets.exists(src)

        self.probe = probe


def _parse_job(job: ParseJob) -> ParseResult:
    """Validate one file, noting the asset files (and images) the verdict depended on."""
    assets = job.assets
    assert isinstance(assets, AssetCheck)
    seen: list[tuple[str, Seen]] = []

    def exists(src: str) -> bool:  # remembered: a cached result holds while these hold
        found = assets.exists(src)
        seen.append((src, found))
        return found

    def picture(src: str) -> Picture | None:
        stamp = assets.stamp(src)  # before reading: a photo changed meanwhile is read again
        found = assets.picture(src)
        seen.append((IMAGE_PROBE + src, stamp if stamp is not None else found))
        return found

    report = Report()
    checked = AssetCheck(exists, assets.where, picture, assets.stamp)
    data = _read(job.path)
    release = parse_release(data, job.office, Path(job.path), report, checked, job.zone_guessed)
    return ParseResult(release, tuple(report.problems), tuple(seen))


def _duplicate(path: str, key: str, other: str) -> Problem:
    duplicate = Report()
    duplicate.add(path, 1, "id", "duplicate_id", key, other=other)
    return duplicate.problems[0]


_office_checks: dict[tuple[Layout, str], _Checks] = {}


def _checks(layout: Layout, office: Office) -> _Checks:
    """The office's checks, the last load's while its office is the same object (they
    hold no state: lookups in its assets folder)."""
    before = _office_checks.get((layout, office.id))
    if before is not None and before.office is office:
        return before
    return _Checks(office, layout_assets(layout, office))


def _cached(
    office: Office,
    path: str,
    checks: _Checks,
    cache: ParseCache | None,
    jobs: dict[str, ParseJob],
    entries: dict[str, Parsed],
) -> ParseJob:
    """The job for a usable office's file, done already if the parse cache holds it."""
    if cache is None:
        return ParseJob(office, path, checks.assets, False, keep=True)
    key = file_key(path)
    hit = cache.lookup(path, key, office, checks.probe)
    if hit is None:
        return ParseJob(office, path, checks.assets, False, keep=True, file_key=key)
    job = _jobs.get(office.id, {}).get(path)
    if job is None or not _same(job, hit, office, checks.assets):
        result = ParseResult(hit.release, hit.problems, hit.assets)
        job = ParseJob(office, path, checks.assets, False, True, key, done=True, result=result)
    jobs[path] = job
    entries[path] = hit
    return job


def _same(job: ParseJob, hit: Parsed, office: Office, assets: AssetCheck) -> bool:
    """Whether the last load's `job` is the one `hit` gives now (the same objects)."""
    if job.office is not office or job.assets is not assets:
        return False
    result = job.result
    return (
        result is not None
        and result.release is hit.release
        and result.problems is hit.problems
        and result.assets is hit.assets
    )


def _collect(
    segments: list[list[Problem | ParseJob] | _OfficeFiles],
    parsed: dict[str, ParseResult],
    report: Report,
    cache: ParseCache | None,
) -> list[Release]:
    """The problems and valid releases of `segments`, in file order; new results cached."""
    releases: list[Release] = []
    _gather(segments, parsed, report.problems, releases, cache)
    releases.sort(key=_release_id)
    return releases


def _gather(
    segments: list[list[Problem | ParseJob] | _OfficeFiles],
    parsed: dict[str, ParseResult],
    problems: list[Problem],
    releases: list[Release],
    cache: ParseCache | None,
) -> None:
    for segment in segments:
        if isinstance(segment, _OfficeFiles):  # an office taken whole
            problems.extend(segment.problems)
            releases.extend(segment.releases)
            continue
        for item in segment:
            if isinstance(item, Problem):
                problems.append(item)
                continue
            result = item.result if item.done else parsed[item.path]
            assert result is not None
            problems.extend(result.problems)
            if not item.keep:
                continue
            if cache is not None and not item.done and item.file_key is not None:
                kept = Parsed(
                    item.file_key, item.office, result.release, result.problems, result.assets
                )
                cache.store(item.path, kept)
            if result.release is not None:
                releases.append(result.release)


_release_id = operator.attrgetter("id")


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()
