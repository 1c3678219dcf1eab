"""A site's fingerprint: a hash of everything its pages are made from.

When it matches the one stored after the site's last successful build, the
site cannot have changed and is not rebuilt at all: adding one release in
Maluku rebuilds Maluku (and the national site if it is curated there), not
thirty-eight other provinces. The hash covers the generator's code and
version, the theme files, the plugin settings and the site, and every input
the site's outputs declare they read (generator.public.outputs.base.Input):
each shown release's file and its public/listed state at the build's clock,
the news-sitemap window, whether each clarification is fresh (atop a provincial
home), the curation, the registry, the static pages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from generator import __version__
from generator.content.messages import ago_parts
from generator.content.model import Release
from generator.content.provinces import WIB, WIT, WITA
from generator.content.repository import Layout, Repository
from generator.content.runrecords import HEALTH_FILE, arrivals, latest_run
from generator.public import photos
from generator.public.assetstamps import asset_stamps
from generator.public.bulletin import current_weeks
from generator.public.clarifications import FRESH_WINDOW, is_fresh
from generator.public.damage import intact
from generator.public.feeds import NEWS_WINDOW, in_news
from generator.public.outputs import OUTPUTS, Input, Output, read_by
from generator.public.render import RENDERER_VERSION
from generator.public.siterecords import record_path, stats_path
from generator.public.sites import Group, Settings, Site, home_key, site_groups
from generator.public.themedigest import theme_digest
from generator.public.writer import MANIFEST
from generator.util.codedigest import code_digest
from generator.util.sameobjects import same_objects

__all__ = [
    "ONCE",
    "PER_RELEASE",
    "SiteFingerprints",
    "desk_fingerprint",
    "theme_digest",
    "unchanged",
    "untouched_within",
]


class SiteFingerprints:
    """The fingerprints of one build's sites: the code, the theme, the settings, the
    site itself, and every input the declared outputs read (`outputs`: all of them,
    but for tests). What every site shares is hashed once for all of them, and each
    release's state at `now` once, not once per site (`extra`: build options)."""

    def __init__(
        self,
        repo: Repository,
        sites: dict[str, Site],
        settings: Settings,
        now: datetime,
        extra: object,
        outputs: tuple[Output, ...] = OUTPUTS,
    ) -> None:
        self.repo, self.sites, self.settings, self.now = repo, sites, settings, now
        read = read_by(outputs)
        self._states: dict[str, bytes] = {}
        self._homes = {key: key.encode() + b"\n" for key in sites}  # each line's end
        # Each group of releases (`site_groups`) found, and weighed, once a build.
        self._groups: dict[str, Group] = {}
        self._group_digests: dict[str, bytes] = {}
        shared: list[object] = [
            __version__,
            code_digest(),
            RENDERER_VERSION,
            photos.recipe(),  # the names of the derived photos (Pillow's version among it)
            theme_digest("lite"),
            repr(settings),
            repr(extra),
        ]
        shared += [(i, ONCE[i](repo, sites)) for i in sorted(read & ONCE.keys())]
        self._shared = json.dumps(shared, default=str, sort_keys=True).encode()
        inputs = read & PER_RELEASE.keys()
        self._own = tuple(sorted(inputs - LIVE))
        self._live = [(i, PER_RELEASE[i]) for i in sorted(inputs & LIVE)]
        self._week = current_weeks(now) if Input.WEEK in inputs else None
        # A release's live state without assets is the same bytes for every release: the
        # week, an empty stamp (made once, not 10,000 times a weighing).
        self._live_without_assets = (
            self._live_values(None) if LIVE.issubset({Input.ASSETS, Input.WEEK}) else None
        )
        # `settled` for every release, as one comparison with the line it draws.
        self._settle_line = settle_line(now)
        # The states of settled releases, from the last weighing, and those of this one.
        global _settled, _still_groups
        self._settled: Settled = {}
        self._settled_before, _settled = _settled, self._settled
        # And the groups of settled releases (`_still_group`).
        self._still: dict[str, _StillGroup] = {}
        self._still_before, _still_groups = _still_groups, self._still

    def of(self, site: Site) -> str:
        """The hash of everything `site` shows at this build's clock."""
        digest = hashlib.sha256(self._shared)
        digest.update(repr(site).encode() + b"\n")
        if not (self._own or self._live):
            return digest.hexdigest()
        for name, releases in site_groups(site, self.repo, self.settings, self._groups):
            digest.update(self._group_digest(site, name, releases) + b"\n")
        return digest.hexdigest()

    def _group_digest(self, site: Site, name: str, releases: Sequence[Release]) -> bytes:
        """The hash of a group's releases: each one's state, and its home site's key.
        Every release can be on `site` (`site_groups`), public or not: its state says.
        Made once a build for a group other sites name too, unless a home is not among
        the build's sites (it is then `site` itself, as each Placement says)."""
        kept = self._group_digests.get(name) or self._still_group(name, releases)
        if kept is not None:
            return kept
        states, homes, own_home = self._states, self._homes, False
        digest = hashlib.sha256()
        still, line = True, self._settle_line
        for release in releases:
            state = states.get(release.id)
            if state is None:
                state = states[release.id] = self._release_state(release)
            home = homes.get(home_key(release))
            if home is None:  # as `placements`: a home outside the sites is the site
                home, own_home = site.key.encode() + b"\n", True
            digest.update(state + home)
            still = still and release.released < line
        made = digest.hexdigest().encode()
        if not own_home:
            self._group_digests[name] = made
            if still:
                self._still[name] = self._kept_group(releases, made)
        return made

    def _kept_group(self, releases: Sequence[Release], made: bytes) -> _StillGroup:
        """What the next weighing needs to take group `releases` whole: its releases'
        own states (which that weighing then keeps as it keeps any settled one's), and
        what is read from the disk of those that name assets."""
        settled = {r.id: self._settled[r.id] for r in releases if r.id in self._settled}
        named = tuple((r, self._live_state(r)) for r in releases if r.asset_refs)
        return _StillGroup(list(releases), self._context(), self.now, made, settled, named)

    def _context(self) -> tuple[object, ...]:
        """What a settled group's digest depends on besides its releases and the clock:
        the inputs weighed, the week, the sites' keys."""
        return (self._own, self._live, self._week, self._homes)

    def _still_group(self, name: str, releases: Sequence[Release]) -> bytes | None:
        """The digest of group `name` from the last weighing, if it held the very same
        release objects, every one settled then (so now, the clock not set back), weighed
        as now, and the assets its releases name have the stamps they had (a stat each,
        the rest not hashed again). A sync brings news for one province: the 37 others
        were weighed again release by release, 0.5 s of every push at 100,000 releases,
        for the same digests."""
        before = self._still_before.get(name)
        if before is None or not same_objects(before.releases, releases):
            return None
        if before.context != self._context() or not before.weighed_at <= self.now:
            return None
        if any(self._live_state(release) != live for release, live in before.named):
            return None
        self._settled.update(before.settled)  # kept for the weighing after this one
        self._still[name] = before
        self._group_digests[name] = before.digest
        return before.digest

    def _release_state(self, release: Release) -> bytes:
        return self._own_state(release) + self._live_state(release)

    def _own_state(self, release: Release) -> bytes:
        """What the release and the clock alone decide: made again only while the clock
        can still change it (`settled`), else kept from the last weighing."""
        now, repo = self.now, self.repo
        kept = self._settled_before.get(release.id)
        # Settled now (a clock set back finds it not), and the same release object.
        still = release.released < self._settle_line  # `settled(release, now)`, inlined
        if still and kept is not None and kept[0] is release and kept[1] == self._own:
            self._settled[release.id] = kept
            return kept[2]
        state = repr([release.id] + [PER_RELEASE[i](release, now, repo) for i in self._own])
        made = state.encode("utf-8")
        if still:
            self._settled[release.id] = (release, self._own, made)
        return made

    def _live_state(self, release: Release) -> bytes:
        """What is read from the disk (its assets' stamps) or is one for all (the week)."""
        if not release.asset_refs and self._live_without_assets is not None:
            return self._live_without_assets
        return self._live_values(release)

    def _live_values(self, release: Release | None) -> bytes:
        """`_live_state` of `release`; None: of any release without assets."""
        values: list[object] = []
        for input_, read in self._live:
            if input_ is Input.WEEK:
                values.append(self._week)
            elif input_ is Input.ASSETS and (release is None or not release.asset_refs):
                values.append({})  # what asset_stamps gives for no names, without a call
            else:  # never for None: asked only while LIVE holds those two alone
                assert release is not None
                values.append(read(release, self.now, self.repo))
        return repr(values).encode("utf-8")


# Read at every weighing: from the disk (an asset's stamp can change with the release
# file unchanged), or one value for every release (the week). Every other input a
# release's state holds is decided by the release object and the clock alone.
LIVE = frozenset({Input.ASSETS, Input.WEEK})
# How long after a release became public the clock may still change what its state
# holds: the news sitemap's window and a clarification's freshness. Its publicity
# and listing change at its embargo's end, which `released` already is. An input
# added to PER_RELEASE that the clock changes later must lengthen this, and the test
# of settled states (tests/generator/public/test_fingerprint_settled.py) says so.
SETTLES_AFTER = max(NEWS_WINDOW, FRESH_WINDOW)
# The own states of the releases that were settled at the last weighing, by release id
# (with the release object they were made from): the next build's weighing (in
# `newsroom watch`, seconds later) finds 99 in 100 of them there, and makes 10,000
# states no more (0.06 s at 10,000 releases, 0.6 s at 100,000). Only the last weighing's
# are kept: never more than one newsroom's releases.
Settled = dict[str, tuple[Release, tuple[Input, ...], bytes]]
_settled: Settled = {}


@dataclass(frozen=True)
class _StillGroup:
    """A group of releases whose digest no clock changes any more (see `_still_group`);
    only the last weighing's are kept, as `_settled`."""

    releases: list[Release]
    context: tuple[object, ...]
    weighed_at: datetime
    digest: bytes
    settled: Settled  # its releases' own states
    named: tuple[tuple[Release, bytes], ...]  # each release naming assets, its live state


_still_groups: dict[str, _StillGroup] = {}


def settled(release: Release, now: datetime) -> bool:
    """Whether nothing the clock decides of `release` changes any more after `now`."""
    return release.released < settle_line(now)


def settle_line(now: datetime) -> datetime:
    """Releases public before it are `settled` at `now`."""
    return now - SETTLES_AFTER


# How the fingerprint reads each input (generator.public.outputs.base.Input), once per
# build for all sites, or once per release each site shows.
ONCE: dict[Input, Callable[[Repository, dict[str, Site]], object]] = {
    Input.SITES: lambda repo, sites: sorted((s.key, s.url, s.title) for s in sites.values()),
    Input.OFFICES: lambda repo, sites: sorted(
        (o.id, o.name, o.level, o.province, [(p.id, p.name, p.position) for p in o.officers])
        for o in repo.offices.values()
    ),
    Input.PAGES: lambda repo, sites: [
        (p.slug, hashlib.sha256(p.path.read_bytes()).hexdigest()) for p in repo.pages
    ],
    Input.CURATION: lambda repo, sites: (
        [(i.entry.id, i.entry.pinned, i.entry.headline) for i in repo.curation.items]
        if repo.curation is not None
        else None
    ),
}
PER_RELEASE: dict[Input, Callable[[Release, datetime, Repository], object]] = {
    # Its file, whether it is public and listed, and where it came from (its origin and
    # copy time are printed too).
    Input.RELEASES: lambda release, now, repo: (
        release.digest,
        release.is_public(now),
        release.is_listed(now),
        repr(release.provenance),
    ),
    Input.ASSETS: lambda release, now, repo: asset_stamps(
        repo.layout.assets_dir(release.office.id), release.asset_refs
    ),
    Input.NEWS: lambda release, now, repo: in_news(release, now),
    Input.FRESH: lambda release, now, repo: is_fresh(release, now),
    # Read per release (as NEWS), though the same for all: a site showing nothing has
    # no bulletin either.
    Input.WEEK: lambda release, now, repo: current_weeks(now),
}


def desk_fingerprint(repo: Repository, now: datetime, extra: object) -> str:
    """The desk shows every release, the curation, the problems and the sync records."""
    digest = hashlib.sha256()
    root = repo.layout.root
    health = root / HEALTH_FILE
    arrived = arrivals(root, now)
    parts: list[object] = [
        __version__,
        code_digest(),
        theme_digest("desk"),
        repr(extra),
        sorted((o.id, o.name, o.level, o.province, repr(o.source)) for o in repo.offices.values()),
        [(i.entry.id, i.entry.pinned, i.entry.headline, i.entry.note) for i in repo.curation.items]
        if repo.curation
        else [],
        # A declined release leaves the desk's inbox and shows its decision.
        sorted((e.id, str(e.date), e.note) for e in repo.curation.declined)
        if repo.curation
        else [],
        # "baru" lasts a week from each arrival, by the build's clock.
        sorted((key, str(when)) for key, when in arrived.items()),
        [p.format("id") for p in repo.report.sorted()],
        health.read_text(encoding="utf-8") if health.exists() else "",
        latest_run(root),
        # The offices' report counts the days since each office's last release, and its
        # months end today (generator.report): the date on each zone's clock.
        [now.astimezone(zone.tz).date().isoformat() for zone in (WIB, WITA, WIT)],
    ]
    # Where each came from too: a row's notes trace the file upstream (its source, version;
    # what the desk shows of it, not the whole record: a repr each took 0.1 s).
    parts += [
        (r.id, r.digest, r.is_public(now), r.provenance.describe() if r.provenance else None)
        for r in repo.releases
    ]
    # The inbox says how long ago each of its releases was published ("3 jam lalu"):
    # those that may be in it (generator.desk.queries.inbox) are hashed with their age.
    decided = (set(repo.curation.ids()) | repo.curation.declined_ids()) if repo.curation else set()
    parts += [
        (r.id, ago_parts(now - r.released))
        for r in repo.releases
        if not r.office.is_central
        and (r.meta.propose_national or r.id in arrived)
        and r.id not in decided
    ]
    digest.update(json.dumps(parts, default=str, sort_keys=True).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class DeskWeighing:
    """What the desk's fingerprint is made of besides the loaded newsroom, handed to
    the desk's worker, which weighs it (`weigh_desk`): weighed in the parent before the
    desk was handed over, it was 0.46 s of every push at 100,000 releases before the
    desk, the longest build, could start. What weighing raises (an unreadable run
    record) comes out of the workers' results, as a failed desk build's error does."""

    layout: Layout
    now: datetime
    extra: object
    # The sync brought releases (new, updated, withdrawn), or the load found a release
    # file new, changed or gone: the desk changed, built without weighing first
    # (generator.host.build).
    news: bool = False


def weigh_desk(
    weighing: DeskWeighing, repo: Repository, cache: Path | None, site_dir: Path
) -> str | None:
    """The desk's fingerprint; None when the desk in `site_dir` was built from it and
    is intact (nothing to build)."""
    fingerprint = desk_fingerprint(repo, weighing.now, weighing.extra)
    return None if unchanged(cache, site_dir, fingerprint) else fingerprint


def unchanged(cache: Path | None, site_dir: Path, fingerprint: str) -> bool:
    """True when the site in `site_dir` was last built from exactly this fingerprint and
    every file it made then is still as it was (never without a usable cache)."""
    # The fingerprint first: a site that changed is built whatever its files' state, and
    # checking them is a stat per file (4,000 a site at 10,000 releases).
    return recorded_as(cache, site_dir, fingerprint) and untouched(cache, site_dir)


def recorded_as(cache: Path | None, site_dir: Path, fingerprint: str) -> bool:
    """Whether the last finished build of `site_dir` was made from `fingerprint`: the
    first half of `unchanged`, a file read. The second half, `untouched`, can then wait
    for the sites that did change to be under way (see generator.host.build)."""
    if cache is None:
        return False
    try:
        recorded = record_path(cache, site_dir).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return recorded == fingerprint


def untouched(cache: Path | None, site_dir: Path) -> bool:
    """Whether every file the last finished build of `site_dir` made is still as it was
    (the second half of `unchanged`)."""
    return cache is not None and intact(site_dir, stats_path(cache, site_dir))


# When `untouched_within` last found each site whole (cache, site folder), in this process.
_whole_at: dict[tuple[Path | None, Path], datetime] = {}


def untouched_within(
    cache: Path | None, site_dir: Path, now: datetime, every: timedelta | None
) -> bool:
    """`untouched`, or whole as found at most `every` before `now` in this process (None:
    looked at now). `newsroom watch` builds at every push: a stat of each file of the
    38 sites a regional release leaves unchanged, after each, took 1 s at 10,000
    releases and 10 s at 100,000, while the next push waited."""
    key = (cache, site_dir)
    last = _whole_at.get(key)
    lately = every is not None and last is not None and last <= now < last + every
    # A site folder removed whole is looked at at once: its manifest is gone (a stat).
    if lately and (site_dir / MANIFEST).is_file():
        return True
    whole = untouched(cache, site_dir)
    if whole:
        _whole_at[key] = now
    else:
        _whole_at.pop(key, None)
    return whole
