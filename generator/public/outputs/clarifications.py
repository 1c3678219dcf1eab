"""`klarifikasi/index.html`: the site's clarification index, every listed
clarification newest first with its claim, its verdict and its date, so a reader
who met a rumour finds the answer by the claim itself (the category archive
`kategori/klarifikasi/` keeps the pages and feeds)."""

from __future__ import annotations

from functools import partial

from generator.public.archives import ArchiveKind
from generator.public.clarifications import CATEGORY, claim_entry, clarifications
from generator.public.isolate import blame
from generator.public.memo import page_key
from generator.public.outputs.base import SHELL, Input, Output, Plan
from generator.public.sitekit import SiteKit
from generator.public.views import ClaimEntry, Link, PageView
from generator.util.gzparts import Part

INDEX = "klarifikasi/index.html"
TITLE = "Klarifikasi Hoaks"
INTRO = "Kabar yang beredar dan jawabannya dari kantor resmi, terbaru di atas."


class Clarifications(Output):
    """The clarification index: claim, verdict and date of each, newest first."""

    name = "clarifications"
    paths = (INDEX,)
    reads = SHELL | {Input.OFFICES, Input.RELEASES}
    uses_now = True  # listed releases

    def write(self, kit: SiteKit, plan: Plan) -> None:
        entries: list[ClaimEntry] = []
        for placement in clarifications(plan.in_category(CATEGORY)):
            with blame(placement.release):
                entries.append(claim_entry(placement.release, kit.root))
        archive = kit.root + ArchiveKind.CATEGORY.base(CATEGORY)
        view = PageView(
            title=TITLE,
            description=f"{TITLE} — {kit.site.title}",
            canonical=kit.site.url + INDEX.removesuffix("index.html"),
            heading=TITLE,
            intro=INTRO,
            more=Link("Semua klarifikasi per halaman, dengan umpannya →", archive),
        )
        key = page_key(kit.site_key, "clarifications", view, tuple(entries))
        kit.writer.page(INDEX, key, "clarifications", partial(_parts, kit, view, entries))


def _parts(kit: SiteKit, view: PageView, entries: list[ClaimEntry]) -> list[Part]:
    content = kit.template("partials/clarifications.html", view=view, entries=entries)
    return kit.plain_page(view, content)
