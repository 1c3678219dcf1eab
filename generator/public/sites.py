"""Who shows what: the sites of a newsroom and the releases each one carries.

- `nasional`: central offices' releases plus the regional releases the
  national desk curated (content/national/curation.yml), pinned first.
- one site per province that has an office: the releases of the province's
  offices plus central releases syndicated down (all, or only curated ones).

A release has one home site (national for central offices, its province's
site otherwise); every other copy points there with rel=canonical.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from generator.content.model import Release
from generator.content.provinces import PROVINCES
from generator.content.repository import Repository
from generator.content.schema import Office
from generator.content.syndication import SYNDICATE_ALL

NATIONAL = "nasional"
DESK = "desk"
# Not a site: the files at the root of the output (the list of sites, robots.txt,
# _headers), a job of its own when each site is built apart (`newsroom sites`).
ROOT = "root"
# The group of central releases every province site carries (see `site_groups`).
SYNDICATED = "syndicated"


@dataclass(frozen=True)
class SiteOverride:
    """Config for one site: rename its folder, retitle it, or disable it."""

    id: str | None = None
    title: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class Settings:
    base_url: str = "https://newsroom.example.go.id/"
    syndication: str = SYNDICATE_ALL
    overrides: dict[str, SiteOverride] = field(default_factory=dict)
    title_prefix: str = "Newsroom"
    # Release pages name the officers credited (names and roles, never a NIP), and feeds
    # carry the credits and those officers' names; off: neither reaches a public file.
    bylines: bool = False
    # A `.gz` twin beside every text file, for servers that send precompressed files
    # (nginx gzip_static); off for hosts that compress on the fly (most CDNs).
    precompress: bool = True


@dataclass(frozen=True)
class Site:
    key: str  # the built-in id ("nasional", "kalimantan-timur"): what config refers to
    id: str  # the folder and URL segment, after any rename
    title: str
    province: str | None  # Kemendagri code; None for the national site
    url: str  # absolute URL of the site root, ending in "/"

    @property
    def is_national(self) -> bool:
        return self.province is None


@dataclass(frozen=True)
class Placement:
    """A release as it appears on one site."""

    release: Release
    site: Site
    home: Site

    @property
    def is_home(self) -> bool:
        return self.site.key == self.home.key

    @property
    def url(self) -> str:
        return self.site.url + self.release.url

    @property
    def canonical_url(self) -> str:
        """The page that is the original: the one a feed it was copied from published
        (a copy must not claim to be the original), else its home site's."""
        provenance = self.release.provenance
        if provenance is not None and provenance.origin:
            return provenance.origin
        return self.home.url + self.release.url


@dataclass(frozen=True)
class Featured:
    """A curated release on the national home page."""

    placement: Placement
    pinned: bool
    headline: str | None


# A named group of releases a site can show (see `site_groups`).
Group = tuple[str, Sequence[Release]]


def plan_sites(repo: Repository, settings: Settings) -> dict[str, Site]:
    """Every enabled site, by key: national first, then provinces by code."""
    return sites_of(repo.offices, settings)


def sites_of(offices: Mapping[str, Office], settings: Settings) -> dict[str, Site]:
    """`plan_sites` from the offices alone (`newsroom sites` reads no release)."""
    keys: list[tuple[str, str | None, str]] = [(NATIONAL, None, "Nasional")]
    codes = sorted({o.province for o in offices.values() if o.province})
    keys += [(PROVINCES[c].site_id, c, PROVINCES[c].name) for c in codes]
    sites: dict[str, Site] = {}
    for key, province, name in keys:
        override = settings.overrides.get(key, SiteOverride())
        if not override.enabled:
            continue
        site_id = override.id or key
        title = override.title or f"{settings.title_prefix} {name}"
        sites[key] = Site(key, site_id, title, province, f"{settings.base_url}{site_id}/")
    return sites


def home_key(release: Release) -> str:
    return office_home(release.office)


def office_home(office: Office) -> str:
    """The key of the site an office's releases are published on."""
    return PROVINCES[office.province].site_id if office.province else NATIONAL


def news_first(chosen: list[Site], offices: Iterable[Office]) -> list[Site]:
    """`chosen` with the home sites of `offices` first, the rest in their order: the
    sites a sync's news most likely changed are handed to the workers before the
    others are weighed (at 100,000 releases, weighing 39 sites took 2 s, 0.66 s since
    `site_groups`; Maluku, by its code, was weighed 30th); a province's news is even
    built before its own site is weighed (generator.host.build)."""
    homes = {office_home(office) for office in offices}
    return sorted(chosen, key=lambda site: site.key not in homes)  # stable


def placements(
    site: Site,
    repo: Repository,
    sites: dict[str, Site],
    settings: Settings,
    now: datetime,
    *,
    preview: bool = False,
) -> list[Placement]:
    """Public releases on `site` (withdrawn included: their page stays), newest first.

    `preview` (an office previewing its own repository, never a public build)
    also shows drafts and embargoed releases.
    """
    found: list[Placement] = []
    for name, group in site_groups(site, repo, settings):
        shown = group if preview else [r for r in group if r.is_public(now)]
        home = _group_home(name, site)
        if home is None:
            found += [Placement(r, site, sites.get(home_key(r), site)) for r in shown]
        else:  # one home for the whole group: not 7,400 lookups a province at 100,000
            at_home = sites.get(home, site)
            found += [Placement(r, site, at_home) for r in shown]
    found.sort(key=_NEWEST, reverse=True)
    return found


_NEWEST = attrgetter("release.chronological")


def _group_home(name: str, site: Site) -> str | None:
    """The key of the home site of every release in `site`'s group `name`, when they
    share one (None: each its own): a province's own releases are at home there, the
    central releases it carries on the national site (`site_groups`)."""
    if name == SYNDICATED:
        return NATIONAL
    if site.province is None or name != _own_group(site):
        return None
    return PROVINCES[site.province].site_id  # as `office_home` says


def _own_group(site: Site) -> str:
    return f"province {site.province}"


def site_groups(
    site: Site, repo: Repository, settings: Settings, made: dict[str, Group] | None = None
) -> list[Group]:
    """Every release `site` can show (public or not), in named groups, each in a fixed
    order: two sites that name a group alike hold the same releases in it. Every province
    shares the central offices' syndicated releases, so a caller asking for every site's
    groups passes `made` and that group is found once, not 38 times (one `made` for one
    repository and settings only); the fingerprint weighs it once too (`placements`
    joins a site's groups, then sorts them)."""
    curated = set(repo.curation.ids()) if repo.curation else set()
    # Only the site's own province and the central offices can be on it, besides
    # curated releases on the national site.
    central = repo.by_province.get(None, [])
    if site.is_national:  # a curated release may be central: on it once
        candidates = central + [r for r in map(repo.by_id.get, sorted(curated)) if r is not None]
        unique = {r.id: r for r in candidates}.values()
        return [(NATIONAL, [r for r in unique if _belongs(r, site, curated, settings)])]
    # A province's releases are never central; the central releases one province
    # carries, every province carries (`_belongs` asks them nothing of the site).
    made = {} if made is None else made
    syndicated = made.get(SYNDICATED)
    if syndicated is None:
        chosen = [r for r in central if _belongs(r, site, curated, settings)]
        syndicated = made[SYNDICATED] = (SYNDICATED, chosen)
    own = (_own_group(site), repo.by_province.get(site.province, []))
    return [syndicated, own]


def _belongs(release: Release, site: Site, curated: set[str], settings: Settings) -> bool:
    office = release.office
    if site.is_national:
        return office.is_central or release.id in curated
    if office.province == site.province:
        return True
    if office.is_central:
        return settings.syndication == SYNDICATE_ALL or release.id in curated
    return False


def featured(repo: Repository, shown: Iterable[Placement], now: datetime) -> list[Featured]:
    """The national desk's curated list as shown now: pinned first, then curation order."""
    if repo.curation is None:
        return []
    by_id = {p.release.id: p for p in shown if p.release.is_listed(now)}
    items = [
        Featured(by_id[item.entry.id], item.entry.pinned, item.entry.headline)
        for item in repo.curation.items
        if item.entry.id in by_id
    ]
    return sorted(items, key=lambda f: not f.pinned)  # stable: keeps curation order


HOME_SIZE = 20


def home_latest(listed: list[Placement], picks: list[Featured]) -> list[Placement]:
    """The home page's "Terbaru": the newest releases not already among the desk's picks
    above them (a reader would otherwise meet the same release twice)."""
    picked = {f.placement.release.id for f in picks}
    return [p for p in listed if p.release.id not in picked][:HOME_SIZE]
