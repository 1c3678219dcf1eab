"""Write one site: release pages, home, archives, feeds, sitemaps, robots.txt.

Runs inside the MkDocs build (from the plugin's `on_post_build`), with the
theme's Jinja environment. Bodies come from the shared renderer, so a release
shown on many sites is rendered once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from jinja2 import Environment

from generator import feeds, headers
from generator.archives import Archive, ArchivePage, build_archives
from generator.dates import format_day, format_long, iso
from generator.images import image_size
from generator.render import Renderer
from generator.repository import Repository
from generator.sites import Placement, Settings, Site, featured, placements
from generator.views import (
    Card,
    Chrome,
    FeedLink,
    Link,
    LinkGroup,
    PageView,
    asset_path,
    card,
    release_jsonld,
    release_view,
    root_path,
)
from generator.writer import SiteWriter

HOME_SIZE = 20
# An empty feed still needs an updated time: a fixed one, never the machine's clock or zone.
EMPTY_FEED_UPDATED = datetime(2000, 1, 1, tzinfo=UTC)
RELATED = 4


@dataclass(frozen=True)
class Options:
    page_size: int = 20
    feed_size: int = 50
    preview: bool = False  # office preview: drafts and embargoed releases shown, with a note


class SitePublisher:
    def __init__(
        self,
        site: Site,
        sites: dict[str, Site],
        repo: Repository,
        settings: Settings,
        renderer: Renderer,
        env: Environment,
        chrome: Chrome,
        writer: SiteWriter,
        now: datetime,
        options: Options,
    ) -> None:
        self.site, self.sites, self.repo = site, sites, repo
        self.settings, self.renderer, self.env = settings, renderer, env
        self.chrome, self.writer, self.now, self.options = chrome, writer, now, options
        self.root = root_path(site)

    # --- the whole site ---------------------------------------------------

    def publish(self) -> None:
        shown = placements(
            self.site, self.repo, self.sites, self.settings, self.now, preview=self.options.preview
        )
        listed = [p for p in shown if self._listed(p)]
        self._write_assets(shown)
        self._write_releases(shown, listed)
        self._write_home(listed)
        archives = build_archives(listed)
        for group in archives.values():
            for archive in group:
                self._write_archive(archive)
        self._write_indexes(archives)
        self._write_feeds(shown, listed, archives)
        self._write_sitemaps(listed, archives)
        self._write_headers()

    def _write_headers(self) -> None:
        css = str(self.chrome.css)
        self.writer.write_text("_headers", headers.netlify_headers(css), "headers")
        self.writer.write_text("nginx-headers.conf", headers.nginx_snippet(css), "headers")

    def _listed(self, placement: Placement) -> bool:
        if self.options.preview:
            return placement.release.meta.status != "withdrawn"
        return placement.release.is_listed(self.now)

    def _render_page(self, template: str, relative: str, view: PageView, source: str) -> None:
        html = self.env.get_template(template).render(site=self.chrome, view=view)
        self.writer.write_text(relative, html, source)

    # --- releases -----------------------------------------------------------

    def _write_assets(self, shown: Iterable[Placement]) -> None:
        layout = self.repo.layout
        for placement in shown:
            release = placement.release
            folder = layout.assets_dir(release.office.id)
            wanted = set(self.renderer.render(release).assets)
            if release.meta.image:
                wanted.add(release.meta.image.src)
            wanted.update(a.src for a in release.meta.attachments)
            for src in sorted(wanted):
                source_file = folder / src.removeprefix("assets/")
                if source_file.is_file() and not source_file.is_symlink():
                    self.writer.copy(asset_path(release, src), source_file, f"asset {src}")

    def _write_releases(self, shown: list[Placement], listed: list[Placement]) -> None:
        related = _related_index(listed)
        for placement in shown:
            release = placement.release
            rendered = self.renderer.render(release)
            folder = self.repo.layout.assets_dir(release.office.id)
            size = (
                image_size(folder / release.meta.image.src.removeprefix("assets/"))
                if release.meta.image
                else None
            )
            cards = tuple(card(p, self.renderer.render(p.release)) for p in related(placement))
            view = release_view(placement, rendered, folder, size, cards, self._preview(placement))
            image_url = (
                self.site.url + asset_path(release, release.meta.image.src)
                if release.meta.image
                else None
            )
            page = PageView(
                title=release.meta.title,
                description=rendered.summary,
                canonical=placement.canonical_url,
                feeds=self._feed_links(""),
                og=_open_graph(
                    release.meta.title,
                    rendered.summary,
                    placement.canonical_url,
                    image_url,
                    release.meta.date,
                ),
                has_image=image_url is not None,
                jsonld=release_jsonld(placement, rendered, image_url),
                release=view,
            )
            self._render_page("release.html", f"{release.url}index.html", page, release.id)

    def _preview(self, placement: Placement) -> str | None:
        meta = placement.release.meta
        if not self.options.preview:
            return None
        if meta.status == "draft":
            return "rilis ini masih draf; ganti `status: draft` menjadi `published` agar terbit."
        if meta.publish_at and meta.publish_at > self.now:
            zone = placement.release.office.zone
            return f"rilis ini diembargo sampai {format_long(meta.publish_at, zone)}."
        return None

    # --- lists -------------------------------------------------------------

    def _cards(self, items: Iterable[Placement]) -> tuple[Card, ...]:
        return tuple(card(p, self.renderer.render(p.release)) for p in items)

    def _write_home(self, listed: list[Placement]) -> None:
        chosen = featured(self.repo, listed, self.now) if self.site.is_national else []
        picked = tuple(
            card(
                f.placement,
                self.renderer.render(f.placement.release),
                pinned=f.pinned,
                headline=f.headline,
            )
            for f in chosen
        )
        view = PageView(
            title="Beranda",
            description=f"Rilis resmi humas pemerintah — {self.site.title}.",
            canonical=self.site.url,
            feeds=self._feed_links(""),
            og=_open_graph(self.site.title, "Rilis resmi humas pemerintah", self.site.url),
            heading=self.site.title,
            featured=picked,
            cards=self._cards(listed[:HOME_SIZE]),
            more=Link("Semua rilis menurut bulan →", f"{self.root}arsip/") if listed else None,
        )
        self._render_page("list.html", "index.html", view, "home")

    def _write_archive(self, archive: Archive) -> None:
        for page in archive.pages(self.options.page_size):
            self._write_archive_page(archive, page)

    def _write_archive_page(self, archive: Archive, page: ArchivePage) -> None:
        feed_folder = archive.base if archive.kind in ("kategori", "kantor") else None
        view = PageView(
            title=page.title,
            description=f"{page.title} — {self.site.title}",
            canonical=self.site.url + page.path,
            feeds=self._feed_links(feed_folder) if feed_folder else self._feed_links(""),
            heading=page.title,
            intro=_archive_intro(archive, page),
            cards=self._cards(page.items),
            older=self.root + page.older if page.older else None,
            newer=self.root + page.newer if page.newer else None,
        )
        self._render_page("list.html", f"{page.path}index.html", view, f"archive {page.path}")

    def _write_indexes(self, archives: dict[str, list[Archive]]) -> None:
        titles = {
            "kategori": ("Kategori", "Rilis menurut kategori."),
            "kantor": ("Kantor", "Rilis menurut kantor humas."),
            "wilayah": ("Wilayah", "Rilis menurut kabupaten/kota yang dibahas."),
            "tag": ("Tag", "Rilis menurut tag."),
            "arsip": ("Arsip", "Rilis menurut bulan terbit."),
        }
        for kind, (title, intro) in titles.items():
            links = tuple(
                Link(a.title.split(": ", 1)[-1], self.root + a.base, len(a.items))
                for a in archives[kind]
            )
            view = PageView(
                title=title,
                canonical=f"{self.site.url}{kind}/",
                feeds=self._feed_links(""),
                heading=title,
                intro=intro,
                groups=(LinkGroup("", links),),
            )
            self._render_page("links.html", f"{kind}/index.html", view, f"index {kind}")

    # --- feeds and sitemaps ----------------------------------------------------

    def _feed_links(self, folder: str) -> tuple[FeedLink, ...]:
        base = self.root + folder
        return (
            FeedLink("application/atom+xml", "Atom", f"{base}atom.xml"),
            FeedLink("application/rss+xml", "RSS", f"{base}rss.xml"),
            FeedLink("application/feed+json", "JSON Feed", f"{base}feed.json"),
        )

    def _entry(self, placement: Placement) -> feeds.FeedEntry:
        release = placement.release
        rendered = self.renderer.render(release)
        image = release.meta.image
        return feeds.FeedEntry(
            release=release,
            url=placement.url,
            canonical_url=placement.canonical_url,
            content_html=rendered.html,
            summary=rendered.summary,
            image_url=self.site.url + asset_path(release, image.src) if image else None,
        )

    def _write_feeds(
        self, shown: list[Placement], listed: list[Placement], archives: dict[str, list[Archive]]
    ) -> None:
        withdrawn = [p for p in shown if p.release.meta.status == "withdrawn"]
        groups: list[tuple[str, str, list[Placement], Callable[[Placement], bool]]] = [
            ("", self.site.title, listed, lambda p: True)
        ]
        for archive in archives["kategori"] + archives["kantor"]:
            title = f"{self.site.title} — {archive.title}"
            groups.append((archive.base, title, list(archive.items), _member_of(archive)))
        for folder, title, items, belongs in groups:
            entries = tuple(self._entry(p) for p in items[: self.options.feed_size])
            # We do not know when a release was withdrawn, only that it was: announce the
            # newest withdrawn ones, as many as the feed holds entries.
            mine = [p for p in withdrawn if belongs(p)]
            gone = tuple(self._entry(p) for p in mine[: self.options.feed_size])
            times = [e.release.updated for e in entries + gone]
            spec = feeds.FeedSpec(
                title=title,
                site_url=self.site.url,
                folder=folder,
                home_url=self.site.url + folder,
                entries=entries,
                withdrawn=gone,
                updated=max(times) if times else EMPTY_FEED_UPDATED,
            )
            self.writer.write(f"{folder}atom.xml", feeds.atom(spec), f"feed {folder}")
            self.writer.write(f"{folder}rss.xml", feeds.rss(spec), f"feed {folder}")
            self.writer.write(f"{folder}feed.json", feeds.json_feed(spec), f"feed {folder}")

    def _write_sitemaps(self, listed: list[Placement], archives: dict[str, list[Archive]]) -> None:
        # Only this site's own releases: copies elsewhere are canonical to their home.
        home = [p for p in listed if p.is_home]
        urls: list[tuple[str, datetime | None]] = [(self.site.url, None)]
        urls += [(p.url, p.release.updated) for p in home]
        urls += [(self.site.url + a.base, None) for group in archives.values() for a in group]
        urls += [
            (self.site.url + link.href.removeprefix(self.root), None) for link in self.chrome.pages
        ]
        self.writer.write("sitemap.xml", feeds.sitemap(urls), "sitemap")
        news = feeds.news_sitemap((self._entry(p) for p in home), self.site.title, self.now)
        self.writer.write("news-sitemap.xml", news, "sitemap")
        robots = feeds.robots(
            self.site.url, [self.site.url + "sitemap.xml", self.site.url + "news-sitemap.xml"]
        )
        self.writer.write("robots.txt", robots, "robots")


def _archive_intro(archive: Archive, page: ArchivePage) -> str:
    """The front page counts the archive; a numbered page names only itself, so it keeps
    its bytes when releases arrive (a total would rewrite every numbered page)."""
    if page.number is None:
        return f"{len(archive.items)} rilis"
    zone = page.items[0].release.office.zone
    first = format_day(page.items[-1].release.meta.date, zone)
    last = format_day(page.items[0].release.meta.date, zone)
    return f"Halaman {page.number}: {first}" + (f" – {last}" if last != first else "")


def _member_of(archive: Archive) -> Callable[[Placement], bool]:
    """Whether a placement (e.g. a withdrawn one, absent from lists) belongs to the archive."""
    if archive.kind == "kategori":
        return lambda p: p.release.meta.category == archive.key
    return lambda p: p.release.office.id == archive.key


def _related_index(listed: list[Placement]) -> Callable[[Placement], list[Placement]]:
    """Related releases are *older* ones sharing tags or category and office, so a new
    release never rewrites the pages of the releases before it."""
    position = {p.release.id: i for i, p in enumerate(reversed(listed))}  # 0 = oldest
    by_tag: dict[str, list[Placement]] = defaultdict(list)
    by_desk: dict[tuple[str, str], list[Placement]] = defaultdict(list)
    for placement in reversed(listed):
        release = placement.release
        for tag in release.meta.tags:
            by_tag[tag].append(placement)
        by_desk[(release.office.id, release.meta.category)].append(placement)

    def related(placement: Placement) -> list[Placement]:
        release = placement.release
        limit = position.get(release.id, len(listed))
        scores: dict[str, tuple[int, int, Placement]] = {}
        pools = [by_tag[t] for t in release.meta.tags]
        pools.append(by_desk[(release.office.id, release.meta.category)])
        for weight, pool in [(2, p) for p in pools[:-1]] + [(1, pools[-1])]:
            for other in _older_than(pool, position, limit, 20):
                score, _, _ = scores.get(other.release.id, (0, 0, other))
                scores[other.release.id] = (score + weight, position[other.release.id], other)
        ranked = sorted(scores.values(), key=lambda s: (-s[0], -s[1]))
        return [item for _, _, item in ranked[:RELATED]]

    return related


def _older_than(
    pool: list[Placement], position: dict[str, int], limit: int, count: int
) -> list[Placement]:
    """Up to `count` of the newest placements in `pool` (oldest-first) older than `limit`."""
    keys = [position[p.release.id] for p in pool]
    end = bisect_left(keys, limit)
    return pool[max(0, end - count) : end]


def _open_graph(
    title: str,
    description: str,
    url: str,
    image: str | None = None,
    published: datetime | None = None,
) -> tuple[tuple[str, str], ...]:
    pairs = [
        ("og:type", "article" if published else "website"),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
    ]
    if image:
        pairs.append(("og:image", image))
    if published:
        pairs.append(("article:published_time", iso(published)))
    return tuple(pairs)
