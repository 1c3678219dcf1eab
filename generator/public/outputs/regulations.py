"""`produk-hukum/`: the site's index of regulations, and its feeds.

Every listed `produk-hukum` release that names its regulation (`regulation:`), grouped
by kind (Perda, Perbup ...) and year, newest first, each linking its release and its
PDF with the PDF's size; the listed `produk-hukum` releases that name none are listed
apart ("Rilis produk hukum lainnya"), so nothing is hidden. The category archive
(`kategori/produk-hukum/`) keeps every release as cards, with its own feeds.

Pages hold PER_PAGE lines each (`produk-hukum/`, then `produk-hukum/halaman/2/` ...),
so a page stays within the 14 KB budget whatever the number of regulations: a
regulation's line is about 110 bytes compressed, 60 of them about 7 KB with the shell.

The feeds (`produk-hukum/atom.xml`, `rss.xml`, `feed.json`) carry the releases naming a
regulation, newest first, and tombstones for the most recently withdrawn ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from generator.content.dates import format_day, iso
from generator.content.vocabulary import REGULATION_CATEGORY
from generator.public import legislation
from generator.public.archives import ArchiveKind
from generator.public.isolate import blame
from generator.public.legislation import RegulationEntry, TypeGroup
from generator.public.memo import page_key
from generator.public.outputs.base import SHELL, Input, Output, Plan
from generator.public.outputs.syndication import FEED_FILES, write_feed
from generator.public.sitekit import SiteKit
from generator.public.sites import Placement
from generator.public.views import Link, PageView, feed_links
from generator.util.gzparts import Part

FOLDER = "produk-hukum/"
TITLE = "Produk Hukum"
INTRO = (
    "Peraturan yang diumumkan kantor-kantor di situs ini, menurut jenis dan tahun, "
    "terbaru di atas, dengan naskah PDF-nya."
)
OTHERS = "Rilis produk hukum lainnya"
PER_PAGE = 60


@dataclass(frozen=True)
class IndexPage:
    """One page of the index: its regulations grouped, and the releases naming none."""

    number: int
    groups: tuple[TypeGroup, ...]
    others: tuple[RegulationEntry, ...]

    @property
    def path(self) -> str:
        return FOLDER if self.number == 1 else f"{FOLDER}halaman/{self.number}/"


class Regulations(Output):
    """The index of regulations, page by page, and its feeds."""

    name = "regulations"
    paths = (
        f"{FOLDER}index.html",
        f"{FOLDER}halaman/*/index.html",
        *(FOLDER + name for name in FEED_FILES),
    )
    reads = SHELL | {Input.SITES, Input.OFFICES, Input.RELEASES, Input.ASSETS}
    uses_now = True  # listed and withdrawn releases at `now`

    def write(self, kit: SiteKit, plan: Plan) -> None:
        listed = plan.in_category(REGULATION_CATEGORY)
        named = legislation.index_order(legislation.with_regulation(listed))
        rows = [(p, self._entry(kit, p)) for p in named]
        others = [self._other(kit, p) for p in legislation.without_regulation(listed)]
        pages = paginate(rows, others)
        for page in pages:
            self._write_page(kit, page, len(pages), len(rows) + len(others))
        self._write_feeds(kit, plan)

    def _entry(self, kit: SiteKit, placement: Placement) -> RegulationEntry:
        with blame(placement.release):
            assets = kit.repo.layout.assets_dir(placement.release.office.id)
            return legislation.entry(placement, kit.root, assets)

    def _other(self, kit: SiteKit, placement: Placement) -> RegulationEntry:
        release = placement.release
        day = format_day(release.meta.date, release.office.zone)
        return RegulationEntry(
            name=release.meta.title,
            href=kit.root + release.url,
            office=release.office.name,
            enacted_iso=iso(release.meta.date),
            enacted=day,
        )

    def _write_page(self, kit: SiteKit, page: IndexPage, count: int, total: int) -> None:
        number = page.number
        previous = IndexPage(number - 1, (), ()).path if number > 1 else None
        following = IndexPage(number + 1, (), ()).path if number < count else None
        archive = kit.root + ArchiveKind.CATEGORY.base(REGULATION_CATEGORY)
        view = PageView(
            title=TITLE if number == 1 else f"{TITLE}: halaman {number}",
            description=f"{TITLE} — {kit.site.title}",
            canonical=kit.site.url + page.path,
            feeds=feed_links(kit.root + FOLDER),
            heading=TITLE,
            intro=INTRO if number == 1 else f"Halaman {number} dari {count}.",
            newer=kit.root + previous if previous else None,
            older=kit.root + following if following else None,
            more=Link("Semua rilis produk hukum per halaman, dengan umpannya →", archive),
        )
        key = page_key(kit.site_key, "regulations", view, page, total)
        make = partial(_parts, kit, view, page)
        kit.writer.page(f"{page.path}index.html", key, "regulations", make)

    def _write_feeds(self, kit: SiteKit, plan: Plan) -> None:
        size = kit.options.feed_size
        items = legislation.with_regulation(plan.in_category(REGULATION_CATEGORY))[:size]
        gone = [
            p
            for p in plan.withdrawn
            if legislation.is_regulation_release(p.release)
            and p.release.meta.regulation is not None
        ]
        gone.sort(key=lambda p: (p.release.withdrawn, p.release.id), reverse=True)
        title = f"{kit.site.title} — {TITLE}"
        write_feed(kit, FOLDER, title, items, gone[:size])


def paginate(
    rows: list[tuple[Placement, RegulationEntry]], others: list[RegulationEntry]
) -> list[IndexPage]:
    """PER_PAGE lines a page: the regulations in index order, then the others; always
    at least one page (an empty index says so)."""
    lines: list[tuple[Placement, RegulationEntry] | RegulationEntry] = [*rows, *others]
    pages: list[IndexPage] = []
    for start in range(0, max(len(lines), 1), PER_PAGE):
        chunk = lines[start : start + PER_PAGE]
        named = [line for line in chunk if isinstance(line, tuple)]
        rest = tuple(line for line in chunk if not isinstance(line, tuple))
        pages.append(IndexPage(len(pages) + 1, legislation.grouped(named), rest))
    return pages


def _parts(kit: SiteKit, view: PageView, page: IndexPage) -> list[Part]:
    content = kit.template(
        "partials/regulations.html",
        view=view,
        groups=page.groups,
        others=page.others,
        others_label=OTHERS,
    )
    return kit.plain_page(view, content)
