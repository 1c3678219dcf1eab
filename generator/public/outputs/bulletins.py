"""The weekly bulletin for the Penyuluh Informasi Publik (see generator.public.bulletin
for which weeks, what each prints and why a past week never changes):

- `buletin/<yyyy>-w<ww>/index.html`: an edition's page, with a print stylesheet's
  care (the site's own), the QR codes inline;
- `buletin/<yyyy>-w<ww>/buletin-<site>-<yyyy>-w<ww>.pdf`: the same for printing and
  forwarding, at most four A4 pages (generator.public.bulletinpdf);
- `buletin/<yyyy>-w<ww>/buletin-<site>-<yyyy>-w<ww>.txt`: the same as plain text for
  WhatsApp groups (generator.public.bulletintext);
- `buletin/index.html`: the latest complete edition (the one to print: it will not
  change), or the running one before any week is over, and every kept edition;
- `buletin/atom.xml`: a feed announcing each edition once its week is over.

Each page and PDF is keyed by what it prints, so an incremental build makes again only
the editions whose content changed: the running week's, as a rule. The PDF's key leaves
out the site's chrome (it prints none of it), so a new menu entry remakes no PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from html import escape

from generator.content.model import Release
from generator.public.bulletin import Edition, editions, latest
from generator.public.bulletinpdf import engine_version, pdf_bytes
from generator.public.bulletintext import digest, plain
from generator.public.bulletinview import EditionView, edition_view, qr_png, qr_svg
from generator.public.isolate import blame
from generator.public.memo import page_key
from generator.public.outputs.base import SHELL, Input, Output, Plan
from generator.public.sitekit import SiteKit
from generator.public.themedigest import theme_digest
from generator.public.views import FeedLink, PageView
from generator.util.codedigest import code_digest
from generator.util.gzparts import Part

FOLDER = "buletin/"
FEED = "atom.xml"
EMPTY_FEED_UPDATED = "2000-01-01T00:00:00Z"  # an empty feed's time: fixed, never the clock


@dataclass(frozen=True)
class Other:
    """An edition in the list of editions."""

    label: str
    href: str
    count: int | None


class Bulletins(Output):
    name = "bulletins"
    paths = (
        f"{FOLDER}index.html",
        f"{FOLDER}{FEED}",
        f"{FOLDER}*/index.html",
        f"{FOLDER}*/*.pdf",
        f"{FOLDER}*/*.txt",
    )
    reads = SHELL | {Input.SITES, Input.OFFICES, Input.RELEASES, Input.CURATION, Input.WEEK}
    uses_now = True  # what is public at `now`; the running week and the kept ones

    def write(self, kit: SiteKit, plan: Plan) -> None:
        summary = partial(_summary, kit)
        found = editions(kit.site, plan.shown, kit.repo, kit.now, summary)
        views = [edition_view(kit.site, edition, summary) for edition in found]
        for view in views:
            _write_edition(kit, view)
        _write_index(kit, found, views)
        _write_feed(kit, [v for v in views if v.complete])


def _summary(kit: SiteKit, release: Release) -> str:
    with blame(release):
        return kit.renderer.render(release).summary


def _feeds(kit: SiteKit) -> tuple[FeedLink, ...]:
    return (FeedLink("application/atom+xml", "Buletin mingguan", f"{kit.root}{FOLDER}{FEED}"),)


def _write_edition(kit: SiteKit, view: EditionView) -> None:
    folder = f"{FOLDER}{view.slug}/"
    # A week's page links to the list of editions, not to its neighbours: the week
    # after it appearing must not change it.
    _write_page(kit, f"{folder}index.html", view, here="", others=())
    kit.writer.write_text(f"{folder}{view.text}", digest(view), f"bulletin {view.slug}")
    key = page_key(code_digest(), theme_digest("lite"), engine_version(), view)
    html = partial(kit.template, "partials/bulletin_pdf.html", b=view, qr=qr_png)
    # Laid out last, after every site's pages, where the build can (writer.document).
    kit.writer.document(f"{folder}{view.pdf}", key, f"bulletin {view.slug}", html, pdf_bytes)


def _write_index(kit: SiteKit, found: list[Edition], views: list[EditionView]) -> None:
    """`/buletin/`: the edition to print, then every kept edition."""
    shown = latest(found)
    others = tuple(
        Other(_label(edition, view), f"{kit.root}{FOLDER}{view.slug}/", len(edition.items))
        for edition, view in zip(found, views, strict=True)
    )
    if shown is None:
        view = PageView(
            title="Buletin Mingguan",
            description=f"Buletin mingguan {kit.site.title} untuk dicetak dan dibagikan.",
            canonical=f"{kit.site.url}{FOLDER}",
            feeds=_feeds(kit),
        )
        content = "<h1>Buletin Mingguan</h1>\n<p>Belum ada buletin.</p>\n"
        key = page_key(kit.site_key, "bulletin index", view)
        kit.writer.page(
            f"{FOLDER}index.html", key, "bulletin", lambda: kit.plain_page(view, content)
        )
        return
    chosen = views[found.index(shown)]
    _write_page(kit, f"{FOLDER}index.html", chosen, here=f"{chosen.slug}/", others=others)


def _label(edition: Edition, view: EditionView) -> str:
    running = "" if edition.complete else " (berjalan)"
    return f"{view.label}: {view.span}{running}"


def _write_page(
    kit: SiteKit, relative: str, view: EditionView, here: str, others: tuple[Other, ...]
) -> None:
    page = PageView(
        title=view.title,
        description=f"{view.title}, {view.span}: rilis pilihan untuk dicetak dan dibagikan.",
        canonical=view.url,
        feeds=_feeds(kit),
    )
    key = page_key(kit.site_key, "bulletin", relative, view, here, others)
    make = partial(_page_parts, kit, page, view, here, others)
    kit.writer.page(relative, key, f"bulletin {view.slug}", make)


def _page_parts(
    kit: SiteKit, page: PageView, view: EditionView, here: str, others: tuple[Other, ...]
) -> list[Part]:
    content = kit.template("partials/bulletin.html", b=view, qr=qr_svg, here=here, others=others)
    return kit.plain_page(page, content)


def _write_feed(kit: SiteKit, done: list[EditionView]) -> None:
    """Atom: one entry per complete edition, newest first, its PDF as an enclosure."""
    feed = bulletin_atom(kit.site.title, kit.site.url, done)
    kit.writer.write_text(f"{FOLDER}{FEED}", feed, "bulletin feed")


def bulletin_atom(site_title: str, site_url: str, done: list[EditionView]) -> str:
    """The feed of complete editions (newest first): every text escaped for XML."""
    home = f"{site_url}{FOLDER}"
    updated = done[0].updated_iso if done else EMPTY_FEED_UPDATED
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">',
        f"  <title>{_xml(f'Buletin Mingguan {site_title}')}</title>",
        f"  <id>{_xml(home)}</id>",
        f'  <link rel="self" href="{_xml(home + FEED)}"/>',
        f'  <link rel="alternate" type="text/html" href="{_xml(home)}"/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{_xml(site_title)}</name></author>",
    ]
    for view in done:
        titles = "; ".join(plain(item.title) for item in view.items) or "Ralat"
        pdf = _xml(view.url + view.pdf)
        lines += [
            "  <entry>",
            f"    <title>{_xml(f'{view.label}: {view.span}')}</title>",
            f"    <id>{_xml(view.url)}</id>",
            f'    <link rel="alternate" type="text/html" href="{_xml(view.url)}"/>',
            f'    <link rel="enclosure" type="application/pdf" href="{pdf}"/>',
            f"    <updated>{view.updated_iso}</updated>",
            f"    <summary>{_xml(titles)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _xml(text: str) -> str:
    return escape(plain(text), quote=True)
