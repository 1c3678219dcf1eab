"""Pages listing releases as cards: the home page, every archive page (by category,
office, month, district, tag) and each kind's index of its archives."""

from __future__ import annotations

from functools import partial

from generator.public import labels
from generator.public.archives import Archive, ArchiveKind, ArchivePage
from generator.public.clarifications import CATEGORY as CLARIFICATION
from generator.public.clarifications import claim_entry, fresh_alert
from generator.public.memo import page_key
from generator.public.opengraph import open_graph
from generator.public.outputs.base import SHELL, Input, Output, Plan
from generator.public.sitekit import Listed, SiteKit
from generator.public.sites import featured, home_latest
from generator.public.views import Link, LinkGroup, PageView, feed_links, other_sites
from generator.util.gzparts import Part


class Home(Output):
    """`index.html`: the newest releases, under the national desk's picks (national site)
    or under the province's fresh clarification (provincial sites)."""

    name = "home"
    paths = ("index.html",)
    reads = SHELL | {Input.OFFICES, Input.RELEASES, Input.CURATION, Input.FRESH}
    # Listed releases; curated picks shown only while listed; a clarification on top
    # only while fresh (the page's key holds it, so it leaves when its 72 hours end).
    uses_now = True

    def write(self, kit: SiteKit, plan: Plan) -> None:
        site, listed = kit.site, plan.listed
        alert = fresh_alert(site, plan.in_category(CLARIFICATION), kit.now)
        chosen = featured(kit.repo, listed, kit.now) if site.is_national else []
        picks = [Listed(f.placement, f.pinned, f.headline) for f in chosen]
        view = PageView(
            title=labels.HOME_TITLE,
            description=labels.home_description(site),
            canonical=site.url,
            og=open_graph(site.title, labels.TAGLINE, site.url),
            heading=site.title,
            more=Link(labels.ALL_BY_MONTH, f"{kit.root}{ArchiveKind.MONTH}/") if listed else None,
            alert=claim_entry(alert.release, kit.root) if alert else None,
            sites=other_sites(site, kit.sites),
        )
        latest = [Listed(p) for p in home_latest(listed, chosen)]
        kit.list_page("index.html", "home", view, latest, picks)


class ArchivePages(Output):
    """Every archive's pages: its front page (newest) and numbered ones (oldest first)."""

    name = "archive pages"
    paths = (
        "*/*/index.html",
        "*/*/halaman/*/index.html",
        "arsip/*/*/index.html",
        "arsip/*/*/halaman/*/index.html",
    )
    reads = SHELL | {Input.OFFICES, Input.RELEASES}
    uses_now = True  # listed releases

    def write(self, kit: SiteKit, plan: Plan) -> None:
        size = kit.options.page_size
        for group in plan.archives.values():
            for archive in group:
                for page in archive.pages(size):
                    _write_archive_page(kit, archive, page, size)


def _write_archive_page(kit: SiteKit, archive: Archive, page: ArchivePage, size: int) -> None:
    relative = f"{page.path}index.html"
    unchanged = kit.unchanged.archive_page(archive, page.number, size)
    kept = kit.writer.previous_key(relative) if unchanged else None
    if kept is not None:  # the key it was made from; made again only if damaged
        make = partial(_archive_parts, kit, archive, page)
        kit.writer.page(relative, kept, f"archive {page.path}", make)
        return
    kit.list_page(relative, f"archive {page.path}", _archive_view(kit, archive, page), _cards(page))


def _archive_parts(kit: SiteKit, archive: Archive, page: ArchivePage) -> list[Part]:
    return kit.list_parts(_archive_view(kit, archive, page), _cards(page), [])


def _cards(page: ArchivePage) -> list[Listed]:
    return [Listed(p) for p in page.items]


def _archive_view(kit: SiteKit, archive: Archive, page: ArchivePage) -> PageView:
    return PageView(
        title=page.title,
        description=labels.titled(page.title, kit.site),
        canonical=kit.site.url + page.path,
        feeds=feed_links(kit.root + archive.base) if archive.has_feeds else (),
        heading=page.title,
        intro=labels.archive_intro(archive, page),
        older=kit.root + page.older if page.older else None,
        newer=kit.root + page.newer if page.newer else None,
    )


class ArchiveIndexes(Output):
    """`<kind>/index.html`: a kind's archives with how many releases each holds."""

    name = "archive indexes"
    paths = ("*/index.html",)
    reads = SHELL | {Input.OFFICES, Input.RELEASES}
    uses_now = True  # listed releases are counted

    def write(self, kit: SiteKit, plan: Plan) -> None:
        for kind, group in plan.archives.items():
            title = kind.about.heading
            links = tuple(
                Link(a.title.split(": ", 1)[-1], kit.root + a.base, len(a.items)) for a in group
            )
            view = PageView(
                title=title,
                canonical=f"{kit.site.url}{kind}/",
                heading=title,
                intro=kind.about.intro,
                groups=(LinkGroup("", links),),
            )
            key = page_key(kit.site_key, "links", view)
            make = partial(_links_parts, kit, view)
            kit.writer.page(f"{kind}/index.html", key, f"index {kind}", make)


def _links_parts(kit: SiteKit, view: PageView) -> list[Part]:
    return kit.plain_page(view, kit.template("partials/links.html", view=view))
