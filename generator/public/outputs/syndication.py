"""The site's feeds (Atom, RSS, JSON Feed), and one set per archive with feeds of its
own (each category, each office): the newest listed releases, and tombstones for the
most recently withdrawn ones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache, partial

from generator.content.model import Release
from generator.public import feeds, labels
from generator.public.archives import Archive
from generator.public.memo import page_key
from generator.public.outputs.base import Input, Output, Plan
from generator.public.sitekit import SiteKit
from generator.public.sites import Placement

# An empty feed still needs an updated time: a fixed one, never the machine's clock or zone.
EMPTY_FEED_UPDATED = datetime(2000, 1, 1, tzinfo=UTC)
FEED_FILES = ("atom.xml", "rss.xml", "feed.json")


class Feeds(Output):
    name = "feeds"
    paths = tuple(f"{folder}{name}" for folder in ("", "*/*/") for name in FEED_FILES)
    reads = frozenset({Input.SITES, Input.OFFICES, Input.RELEASES, Input.ASSETS})
    uses_now = True  # listed and withdrawn releases at `now`

    def write(self, kit: SiteKit, plan: Plan) -> None:
        groups: list[tuple[str, str, list[Placement], Callable[[Release], bool], str | None]] = [
            ("", kit.site.title, plan.listed, lambda release: True, None)
        ]
        for group in plan.archives.values():
            for archive in (a for a in group if a.has_feeds):
                title = labels.feed_title(kit.site, archive)
                kept = _kept_key(kit, archive)
                groups.append((archive.base, title, list(archive.items), archive.holds, kept))
        size = kit.options.feed_size
        for folder, title, items, belongs, kept in groups:
            # The most recently withdrawn ones, as many as the feed holds entries.
            mine = sorted(
                (p for p in plan.withdrawn if belongs(p.release)),
                key=lambda p: (p.release.withdrawn, p.release.id),
                reverse=True,
            )[:size]
            write_feed(kit, folder, title, items[:size], mine, kept)


def _kept_key(kit: SiteKit, archive: Archive) -> str | None:
    """The key the last build made `archive`'s feeds from, if they carry what they did
    (generator.public.ledger)."""
    if not kit.unchanged.feeds(archive):
        return None
    return kit.writer.previous_key(f"{archive.base}{FEED_FILES[0]}")


def write_feed(
    kit: SiteKit,
    folder: str,
    title: str,
    items: list[Placement],
    gone: list[Placement],
    kept: str | None = None,
) -> None:
    """A feed's three files; `kept`: the key they were last made from, known unchanged."""
    # A withdrawal changes the feed (its tombstone appears): the feed is as new as that.
    times = [p.release.modified for p in items] + [p.release.withdrawn for p in gone]
    updated = max(times) if times else EMPTY_FEED_UPDATED
    key = kept or page_key(
        kit.site_key,
        "feed",
        folder,
        title,
        updated,
        tuple((kit.release_key(p.release), p.url, p.canonical_url) for p in items),
        tuple((kit.release_key(p.release), p.url, p.canonical_url) for p in gone),
    )
    # Its entries are made only if a file of it is: most feeds of a site are unchanged.
    spec = cache(partial(_spec, kit, folder, title, items, gone, updated))
    shared = kit.memo.feed_entries
    source = f"feed {folder}"
    atom, rss, json_feed = FEED_FILES
    kit.writer.page(f"{folder}{atom}", key, source, lambda: feeds.atom_parts(spec(), shared))
    kit.writer.page(f"{folder}{rss}", key, source, lambda: feeds.rss_parts(spec()))
    make_json = lambda: feeds.json_feed_parts(spec(), shared)  # noqa: E731
    kit.writer.page(f"{folder}{json_feed}", key, source, make_json)


def _spec(
    kit: SiteKit,
    folder: str,
    title: str,
    items: list[Placement],
    gone: list[Placement],
    updated: datetime,
) -> feeds.FeedSpec:
    return feeds.FeedSpec(
        title=title,
        site_url=kit.site.url,
        folder=folder,
        home_url=kit.site.url + folder,
        entries=tuple(kit.entry(p) for p in items),
        withdrawn=tuple(kit.entry(p) for p in gone),
        updated=updated,
    )
