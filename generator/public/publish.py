"""Write one site: release pages, home, archives, feeds, sitemaps, robots.txt.

Runs inside the MkDocs build (from the plugin's `on_post_build`), with the
theme's Jinja environment. Bodies come from the shared renderer, so a release
shown on many sites is rendered once; its article and cards are made once per
build too (generator.public.memo), and every page is written from parts deflated
once each (generator.util.gzparts). Each page has a key, a hash of everything it
shows: a page whose key did not change since the last build is not made again.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from jinja2 import Environment
from markupsafe import Markup

from generator.content.dates import format_day, format_long, iso
from generator.content.images import image_size
from generator.content.model import Release
from generator.content.repository import Repository
from generator.public import feeds, headers
from generator.public.archives import Archive, ArchiveKind, ArchivePage, build_archives
from generator.public.assetstamps import asset_stamps
from generator.public.fingerprint import theme_digest
from generator.public.isolate import ReleaseFailed, RenderFailure, blame
from generator.public.memo import ROOT_MARK, BuildMemo, page_key
from generator.public.render import RENDERER_VERSION, Renderer
from generator.public.shell import make_shell
from generator.public.sites import Placement, Settings, Site, featured, home_latest, placements
from generator.public.views import (
    Card,
    Chrome,
    Link,
    LinkGroup,
    PageView,
    asset_path,
    card,
    feed_links,
    release_jsonld,
    release_view,
    root_path,
)
from generator.public.writer import SiteWriter
from generator.util.codedigest import code_digest
from generator.util.gzparts import Part, pack_text

# An empty feed still needs an updated time: a fixed one, never the machine's clock or zone.
EMPTY_FEED_UPDATED = datetime(2000, 1, 1, tzinfo=UTC)
RELATED = 4


@dataclass(frozen=True)
class Options:
    page_size: int = 20
    feed_size: int = 50
    preview: bool = False  # office preview: drafts and embargoed releases shown, with a note


@dataclass(frozen=True)
class Listed:
    """A release in a list: a card, pinned or under the national desk's headline."""

    placement: Placement
    pinned: bool = False
    headline: str | None = None


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
        memo: BuildMemo | None = None,
    ) -> None:
        self.site, self.sites, self.repo = site, sites, repo
        self.settings, self.renderer, self.env = settings, renderer, env
        self.chrome, self.writer, self.now, self.options = chrome, writer, now, options
        self.memo = memo if memo is not None else BuildMemo()
        self.root = root_path(site)
        self.shell = make_shell(env, chrome, self.memo.parts)
        # Everything every page of this site depends on besides its own data: the code
        # and theme that make pages, the site's chrome as rendered, the options.
        self.site_key = page_key(
            code_digest(),
            RENDERER_VERSION,
            theme_digest("lite"),
            self.shell.top.data,
            self.shell.between,
            self.shell.middle.data,
            self.shell.bottom.data,
            options,
            site,
            tuple((s.key, s.title, s.url) for s in sites.values()),
        )

    # --- the whole site ---------------------------------------------------

    def publish(self) -> list[RenderFailure]:
        """Write the site; the releases left out because a page of theirs failed (the
        site is then written again without them, so no page shows them)."""
        failures: list[RenderFailure] = []
        mark = self.writer.mark()
        while True:
            try:
                self._publish({failure.release_id for failure in failures})
                return failures
            except ReleaseFailed as failed:
                if failed.failure in failures:
                    raise  # left out, yet failing again: not that release's fault
                failures.append(failed.failure)
                self.writer.rewind(mark)

    def _publish(self, left_out: set[str]) -> None:
        shown = placements(
            self.site, self.repo, self.sites, self.settings, self.now, preview=self.options.preview
        )
        shown = [p for p in shown if p.release.id not in left_out]
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
        # The site's nginx snippet; `_headers` is written once at the output's root.
        css = str(self.chrome.css)
        self.writer.write_text("nginx-headers.conf", headers.nginx_snippet(css), "headers")

    def _listed(self, placement: Placement) -> bool:
        if self.options.preview:
            return placement.release.meta.status != "withdrawn"
        return placement.release.is_listed(self.now)

    def _template(self, name: str, **context: object) -> str:
        return self.env.get_template(name).render(**context)

    # --- what a release contributes to every page that shows it --------------------

    def release_key(self, release: Release) -> str:
        """A hash of the release as every page shows it: its file, its office, where it
        came from and the photos and files it names (their sizes are printed)."""
        found = self.memo.release_keys.get(release.id)
        if found is None:
            found = page_key(
                release.id,
                release.digest,
                release.office,
                release.provenance,
                asset_stamps(self.repo.layout.assets_dir(release.office.id), release.asset_refs),
            )
            self.memo.release_keys[release.id] = found
        return found

    def _assets(self, release: Release) -> tuple[str, ...]:
        return release.asset_refs

    # --- releases -----------------------------------------------------------

    def _write_assets(self, shown: Iterable[Placement]) -> None:
        layout = self.repo.layout
        for placement in shown:
            release = placement.release
            folder = layout.assets_dir(release.office.id)
            for src in self._assets(release):
                source_file = folder / src.removeprefix("assets/")
                if source_file.is_file() and not source_file.is_symlink():
                    self.writer.copy(asset_path(release, src), source_file, f"asset {src}")

    def _write_releases(self, shown: list[Placement], listed: list[Placement]) -> None:
        related = _related_index(listed)
        for placement in shown:
            release = placement.release
            others = related(placement)
            key = page_key(
                self.site_key,
                "release",
                self.release_key(release),
                self._variant(placement),
                tuple(self.release_key(p.release) for p in others),
            )
            make = partial(self._release_parts, placement, others)
            self.writer.page(f"{release.url}index.html", key, release.id, make)

    def _variant(self, placement: Placement) -> tuple[object, ...]:
        """What of a release page depends on the site showing it (besides related ones)."""
        home = placement.home
        return (placement.is_home, home.key, home.title, home.url, self._preview(placement))

    def _release_parts(self, placement: Placement, others: list[Placement]) -> list[Part]:
        with blame(placement.release):
            own, article = self._article(placement)
        links = tuple(self._related_link(p.release) for p in others)
        related = pack_text(self._template("partials/related.html", related=links))
        return [self.shell.top, own, self.shell.middle, article, related, self.shell.bottom]

    def _related_link(self, release: Release) -> Card:
        # A release is related to many others: its card is made once per site root.
        key = (release.id, release.digest, self.root)
        found = self.memo.related.get(key)
        if found is None:
            with blame(release):
                rendered = self.renderer.render(release)
                found = self.memo.related[key] = card(release, rendered, self.root)
        return found

    def _article(self, placement: Placement) -> tuple[Part, Part]:
        """The release's head elements and title, and its article: made once per build for
        every site showing the release the same way (home, or a copy of one home)."""
        release = placement.release
        memo_key = (release.id, release.digest, *self._variant(placement), self.shell.between)
        found = self.memo.articles.get(memo_key)
        if found is not None:
            return found
        rendered = self.renderer.render(release)
        folder = self.repo.layout.assets_dir(release.office.id)
        image = release.meta.image
        size = image_size(folder / image.src.removeprefix("assets/")) if image else None
        view = release_view(placement, rendered, folder, size, self._preview(placement))
        # Photos are copied to every site that shows the release; metadata names the
        # home site's copy, as the canonical page does.
        image_url = placement.home.url + asset_path(release, image.src) if image else None
        head = PageView(
            title=release.meta.title,
            description=rendered.summary,
            canonical=placement.canonical_url,
            og=_open_graph(
                release.meta.title,
                rendered.summary,
                placement.canonical_url,
                image_url,
                release.released,
            ),
            has_image=image_url is not None,
            jsonld=release_jsonld(placement, rendered, image_url),
        )
        own = self.shell.own(self._template("partials/head.html", view=head), release.meta.title)
        article = pack_text(self._template("partials/article.html", r=view))
        self.memo.articles[memo_key] = (own, article)
        return own, article

    def _preview(self, placement: Placement) -> str | None:
        meta = placement.release.meta
        if not self.options.preview:
            return None
        if meta.status == "draft":
            return "rilis ini masih draf; ubah status: draft menjadi status: published agar terbit."
        if meta.publish_at and meta.publish_at > self.now:
            zone = placement.release.office.zone
            return f"rilis ini diembargo sampai {format_long(meta.publish_at, zone)}."
        return None

    # --- lists -------------------------------------------------------------

    def _card_html(self, item: Listed) -> str:
        """A release's card as this site shows it: rendered once per build for every
        site (links through the root marker), the marker replaced here."""
        release = item.placement.release
        memo_key = (release.id, release.digest, item.pinned, item.headline)
        generic = self.memo.cards.get(memo_key)
        if generic is None:
            with blame(release):
                rendered = self.renderer.render(release)
                view = card(
                    release, rendered, ROOT_MARK, pinned=item.pinned, headline=item.headline
                )
                generic = self._template("partials/card.html", card=view)
            self.memo.cards[memo_key] = generic
        return generic.replace(ROOT_MARK, self.root)

    def _list_page(
        self,
        relative: str,
        source: str,
        view: PageView,
        cards: list[Listed],
        picks: list[Listed] | None = None,
    ) -> None:
        chosen = picks or []
        key = page_key(
            self.site_key,
            "list",
            view,
            tuple((self.release_key(c.placement.release), c.pinned, c.headline) for c in chosen),
            tuple(self.release_key(c.placement.release) for c in cards),
        )
        make = partial(self._list_parts, view, cards, chosen)
        self.writer.page(relative, key, source, make)

    def _list_parts(self, view: PageView, cards: list[Listed], picks: list[Listed]) -> list[Part]:
        content = self._template(
            "partials/list.html",
            view=view,
            featured=Markup("".join(self._card_html(c) for c in picks)),  # escaped per card
            cards=Markup("".join(self._card_html(c) for c in cards)),
        )
        head = self._template("partials/head.html", view=view)
        return self.shell.page(head, view.title, [pack_text(content)])

    def _write_home(self, listed: list[Placement]) -> None:
        chosen = featured(self.repo, listed, self.now) if self.site.is_national else []
        picks = [Listed(f.placement, f.pinned, f.headline) for f in chosen]
        view = PageView(
            title="Beranda",
            description=f"Rilis resmi humas pemerintah — {self.site.title}.",
            canonical=self.site.url,
            og=_open_graph(self.site.title, "Rilis resmi humas pemerintah", self.site.url),
            heading=self.site.title,
            more=Link("Semua rilis menurut bulan →", f"{self.root}arsip/") if listed else None,
        )
        latest = [Listed(p) for p in home_latest(listed, chosen)]
        self._list_page("index.html", "home", view, latest, picks)

    def _write_archive(self, archive: Archive) -> None:
        for page in archive.pages(self.options.page_size):
            self._write_archive_page(archive, page)

    def _write_archive_page(self, archive: Archive, page: ArchivePage) -> None:
        view = PageView(
            title=page.title,
            description=f"{page.title} — {self.site.title}",
            canonical=self.site.url + page.path,
            feeds=feed_links(self.root + archive.base) if archive.has_feeds else (),
            heading=page.title,
            intro=_archive_intro(archive, page),
            older=self.root + page.older if page.older else None,
            newer=self.root + page.newer if page.newer else None,
        )
        cards = [Listed(p) for p in page.items]
        self._list_page(f"{page.path}index.html", f"archive {page.path}", view, cards)

    def _write_indexes(self, archives: dict[ArchiveKind, list[Archive]]) -> None:
        for kind, group in archives.items():
            title, intro = kind.about.heading, kind.about.intro
            links = tuple(
                Link(a.title.split(": ", 1)[-1], self.root + a.base, len(a.items)) for a in group
            )
            view = PageView(
                title=title,
                canonical=f"{self.site.url}{kind}/",
                heading=title,
                intro=intro,
                groups=(LinkGroup("", links),),
            )
            key = page_key(self.site_key, "links", view)
            make = partial(self._links_parts, view)
            self.writer.page(f"{kind}/index.html", key, f"index {kind}", make)

    def _links_parts(self, view: PageView) -> list[Part]:
        content = self._template("partials/links.html", view=view)
        head = self._template("partials/head.html", view=view)
        return self.shell.page(head, view.title, [pack_text(content)])

    # --- feeds and sitemaps ----------------------------------------------------

    def _entry(self, placement: Placement) -> feeds.FeedEntry:
        with blame(placement.release):
            return self._make_entry(placement)

    def _make_entry(self, placement: Placement) -> feeds.FeedEntry:
        release = placement.release
        rendered = self.renderer.render(release)
        image = release.meta.image
        return feeds.FeedEntry(
            release=release,
            url=placement.url,
            canonical_url=placement.canonical_url,
            content_html=rendered.html,
            summary=rendered.summary,
            image_url=placement.home.url + asset_path(release, image.src) if image else None,
        )

    def _write_feeds(
        self,
        shown: list[Placement],
        listed: list[Placement],
        archives: dict[ArchiveKind, list[Archive]],
    ) -> None:
        withdrawn = [p for p in shown if p.release.meta.status == "withdrawn"]
        groups: list[tuple[str, str, list[Placement], Callable[[Placement], bool]]] = [
            ("", self.site.title, listed, lambda p: True)
        ]
        for archive in (a for group in archives.values() for a in group if a.has_feeds):
            title = f"{self.site.title} — {archive.title}"
            groups.append((archive.base, title, list(archive.items), _holds(archive)))
        for folder, title, items, belongs in groups:
            # The most recently withdrawn ones, as many as the feed holds entries.
            mine = sorted(
                (p for p in withdrawn if belongs(p)),
                key=lambda p: (p.release.withdrawn, p.release.id),
                reverse=True,
            )[: self.options.feed_size]
            self._write_feed(folder, title, items[: self.options.feed_size], mine)

    def _write_feed(
        self, folder: str, title: str, items: list[Placement], gone: list[Placement]
    ) -> None:
        # A withdrawal changes the feed (its tombstone appears): the feed is as new as that.
        times = [p.release.modified for p in items] + [p.release.withdrawn for p in gone]
        updated = max(times) if times else EMPTY_FEED_UPDATED
        key = page_key(
            self.site_key,
            "feed",
            folder,
            title,
            updated,
            tuple((self.release_key(p.release), p.url, p.canonical_url) for p in items),
            tuple((self.release_key(p.release), p.url, p.canonical_url) for p in gone),
        )
        spec = feeds.FeedSpec(
            title=title,
            site_url=self.site.url,
            folder=folder,
            home_url=self.site.url + folder,
            entries=tuple(self._entry(p) for p in items),
            withdrawn=tuple(self._entry(p) for p in gone),
            updated=updated,
        )
        shared = self.memo.feed_entries
        source = f"feed {folder}"
        self.writer.page(f"{folder}atom.xml", key, source, partial(feeds.atom_parts, spec, shared))
        self.writer.page(f"{folder}rss.xml", key, source, partial(feeds.rss_parts, spec))
        make_json = partial(feeds.json_feed_parts, spec, shared)
        self.writer.page(f"{folder}feed.json", key, source, make_json)

    def _write_sitemaps(
        self, listed: list[Placement], archives: dict[ArchiveKind, list[Archive]]
    ) -> None:
        # Only this site's own releases: copies elsewhere are canonical to their home.
        home = [p for p in listed if p.is_home]
        urls: list[tuple[str, datetime | None]] = [(self.site.url, None)]
        urls += [(p.url, p.release.modified) for p in home]
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


def _holds(archive: Archive) -> Callable[[Placement], bool]:
    return lambda p: archive.holds(p.release)


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
