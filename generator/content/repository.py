"""Load a Newsroom repository, the central one or an office's own: the offices, every
release, the static pages and the curation file, validated.

Loading never stops at the first problem: every file is read, every problem
is collected in the report, and what is valid is still returned, so one bad
file never hides the others.

Each step has its own module: layout (where things are), registry (the offices),
releasescan and releaseload (finding and loading release files), validation,
assets and linkcheck (asset paths and body links), staticpages, curation,
syndication (the setting, read from mkdocs.yml) and provenance. The names most
callers need are offered here too (`__all__`), so they import from one place.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

import PIL

from generator.content.ahead import not_ahead
from generator.content.assets import AssetCheck
from generator.content.curation import check_curation_text, load_curation
from generator.content.layout import CENTRAL, OFFICE, Layout, find_layout
from generator.content.model import Curation, Page, Release, forget_bodies_read
from generator.content.officereleases import OfficeReleases, ReleasesById, by_province
from generator.content.parsecache import ParseCache
from generator.content.problems import Report
from generator.content.provenance import with_provenance
from generator.content.registry import load_offices, load_registry
from generator.content.releaseload import load_releases
from generator.content.repofiles import FILE_FIELD, is_selected
from generator.content.schema import Office
from generator.content.staticpages import load_pages
from generator.content.validation import parse_release
from generator.util.codedigest import code_digest
from generator.util.sameobjects import same_objects

__all__ = [
    "CENTRAL",
    "FILE_FIELD",
    "OFFICE",
    "AssetCheck",
    "Layout",
    "Repository",
    "check_curation_text",
    "find_layout",
    "load_offices",
    "load_registry",
    "load_repository",
    "parse_release",
]


@dataclass
class Repository:
    """A loaded repository: its usable offices, valid releases, static pages and curation
    file, and the report of every problem found on the way."""

    layout: Layout
    offices: dict[str, Office] = field(default_factory=dict)
    releases: list[Release] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    curation: Curation | None = None
    report: Report = field(default_factory=Report)
    parse_cache: ParseCache | None = None
    # Each office's releases (a central repository's load): `releases` is these, in this
    # order. Not carried by `dataclasses.replace`, which makes a repository of other
    # releases (generator.public.isolate).
    office_releases: list[OfficeReleases] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def save_parse_cache(self) -> None:
        if self.parse_cache is not None:
            self.parse_cache.save()

    @property
    def files_changed(self) -> bool:
        """Whether a file this load read is new, changed or gone since the last load saved
        its parse cache (until this one saves it); False when unknown (no cache)."""
        return self.parse_cache is not None and self.parse_cache.changed

    @property
    def offices_changed(self) -> set[str]:
        """The offices with a release file new, changed or gone since the last load saved
        its parse cache (until this one saves it); none when unknown: no cache, or one
        that held nothing (a first build, new code), where every file is new."""
        cache = self.parse_cache
        return set() if cache is None or cache.cold else cache.offices_changed()

    def release(self, release_id: str) -> Release | None:
        return self.by_id.get(release_id)

    @cached_property
    def by_id(self) -> Mapping[str, Release]:
        """Releases by id; read once the releases are loaded."""
        if self.office_releases is not None:
            return ReleasesById(self.office_releases)
        return {release.id: release for release in self.releases}

    @cached_property
    def by_province(self) -> dict[str | None, list[Release]]:
        """Releases by their office's province code (None: central offices), so a site
        looks only at the releases that can be on it, not at all of them; each newest
        first, so a site's two groups sort as two runs, merged (39 sites at each build)."""
        if self.office_releases is not None:
            grouped = by_province(self.office_releases)
        else:
            grouped = {}
            for release in self.releases:
                grouped.setdefault(release.office.province, []).append(release)
        global _sorted_before
        before, _sorted_before = _sorted_before, {}  # only this load's: no other's pinned
        for province, releases in grouped.items():
            grouped[province] = _newest_first(before.get(province), releases)
            _sorted_before[province] = (releases, list(grouped[province]))  # never a caller's
        return grouped


# Each province's releases as the last load found them (the service loads again at every
# build and gets the same objects back from the parse cache), and sorted.
_sorted_before: dict[str | None, tuple[list[Release], list[Release]]] = {}


def _newest_first(
    before: tuple[list[Release], list[Release]] | None, releases: list[Release]
) -> list[Release]:
    """`releases` newest first: sorted again only if they are not the very objects, in
    the same order, the last load found (`before`: what it found, and sorted; the 37
    provinces a sync brought nothing: their sort was 70 ms of every push at 100,000
    releases)."""
    if before is not None and same_objects(before[0], releases):
        return list(before[1])
    return sorted(releases, key=_chronological, reverse=True)


def _chronological(release: Release) -> tuple[datetime, str]:
    return release.chronological


def load_repository(
    layout: Layout,
    only: Collection[Path] | None = None,
    cache_file: Path | None = None,
    *,
    save_later: bool = False,
    now: datetime | None = None,
) -> Repository:
    """Load and validate everything (or only the release files under `only`).

    `cache_file`: keep validated releases there and reuse those whose files did not
    change (builds; see generator.content.parsecache). Problems are reported the same either way.
    `save_later`: the caller saves that cache (`Repository.save_parse_cache`) when it
    has a moment, not on the way to its first site build.
    `now`: the run's instant (the command's `--now` or its clock; validation never reads
    a clock itself). Given, dates too far ahead of it are refused (generator.content.ahead;
    checked after the cache, whose verdicts must not depend on the day) and curated
    releases still under embargo are warned of. None: neither, for tools that judge no
    dates (curation commands, the embargo schedule).
    """
    # The releases this load takes from the last (the parse cache's, the sync records'
    # copies) come as they were made: without a body read since.
    forget_bodies_read()
    repo = Repository(layout)
    registry = load_registry(layout, repo.report, now)
    repo.offices = registry.offices
    selected = [p.resolve() for p in only] if only else None
    # Pillow's version too: a photo's verdict (decodable? which format?) is kept by its
    # file stamp, and another Pillow may judge the same bytes otherwise.
    code = f"{code_digest()} pillow={PIL.__version__}"
    cache = ParseCache(cache_file, code) if cache_file else None
    loaded = load_releases(layout, registry, repo.report, selected, cache)
    if cache is not None:
        repo.parse_cache = cache
        if not save_later:
            repo.save_parse_cache()
    if now is not None:
        loaded = not_ahead(loaded, now, repo.report)
    repo.releases, repo.office_releases = with_provenance(layout, loaded)
    if selected is not None:
        keep = [*selected, layout.registry_file]
        repo.report.problems = [p for p in repo.report.problems if is_selected(Path(p.path), keep)]
    if layout.kind == CENTRAL and selected is None:
        repo.pages = load_pages(layout, repo.report)
        repo.curation = load_curation(layout, repo, repo.report, now)
    return repo
