"""`cari/index.html` and `cari/cari.js`: the site's search page, the one page of the
public sites that runs a script.

The page asks the site's Pagefind index (`pagefind/`, written after the site by
generator.host.searchindex) for the words in `?q=`, fetching only the pieces of the
index those words need, and prints the results as text. Without JavaScript it says
what it is and links the archives, so a reader is never stuck. Its policy allows our
script, Pagefind's and its WebAssembly (generator.public.headers.search_policy); the
page shell is the site's with that policy in place of the site's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import partial
from importlib import resources

from generator.content.vocabulary import CATEGORY_LABELS
from generator.public.archives import Archive, ArchiveKind
from generator.public.headers import search_policy
from generator.public.memo import page_key
from generator.public.outputs.base import SHELL, Input, Output, Plan
from generator.public.searchkeys import INDEX, SHARED  # written by generator.host.searchindex
from generator.public.shell import make_shell
from generator.public.sitekit import SiteKit
from generator.public.sites import Placement
from generator.public.views import Link, PageView
from generator.util.gzparts import Part, pack_text

FOLDER = "cari"
PAGE, SCRIPT = f"{FOLDER}/index.html", f"{FOLDER}/cari.js"
TITLE = "Cari rilis"


@dataclass(frozen=True)
class Choice:
    """One filter of the search form: its name in the index and its values."""

    name: str  # as in data-pagefind-filter (themes/lite/partials/article.html)
    label: str
    values: tuple[str, ...]


class SearchPage(Output):
    """The search page, with the filters' choices the site's listed releases offer."""

    name = "search page"
    paths = (PAGE, SCRIPT)
    reads = SHELL | {Input.OFFICES, Input.RELEASES}
    uses_now = True  # the filters' choices: categories, offices and years of listed releases

    def write(self, kit: SiteKit, plan: Plan) -> None:
        script = _script()
        kit.writer.write(SCRIPT, script, "search script")
        view = PageView(
            title=TITLE,
            description=f"{TITLE} — {kit.site.title}",
            canonical=kit.site.url + f"{FOLDER}/",
        )
        choices = filter_choices(plan.archives)
        archives = archive_links(kit.root)
        indexes = index_folders(plan.shown, national=kit.site.is_national)
        digest = hashlib.sha256(script).hexdigest()
        key = page_key(kit.site_key, "search", view, choices, archives, indexes, digest)
        make = partial(_parts, kit, view, choices, archives, indexes)
        kit.writer.page(PAGE, key, "search page", make)


def filter_choices(archives: dict[ArchiveKind, list[Archive]]) -> tuple[Choice, ...]:
    """The filters' values, as the release pages print them for the index: categories
    in the navigation's order, offices by name, years newest first. Read from the
    site's archives of its listed releases, not from each of them (7,000 a province at
    100,000 releases): a category's, an office's (its title the office's name) and a
    month's (its key the year and month in the office's zone, as `release_year`)."""
    shown = {a.key for a in archives[ArchiveKind.CATEGORY] if a.items}
    categories = tuple(label for key, label in CATEGORY_LABELS.items() if key in shown)
    offices = tuple(sorted({a.title for a in archives[ArchiveKind.OFFICE]}))
    numbers = {int(a.key[:4]) for a in archives[ArchiveKind.MONTH]}  # `yyyy-mm`
    years = tuple(str(year) for year in sorted(numbers, reverse=True))
    return (
        Choice("kategori", "Kategori", categories),
        Choice("kantor", "Kantor", offices),
        Choice("tahun", "Tahun", years),
    )


def index_folders(shown: list[Placement], *, national: bool) -> tuple[str, ...]:
    """The site-relative folders of the indexes the page asks, the first loaded, the
    others merged into it: a province's own releases' and the central releases' (one
    index for every province, generator.host.searchindex.Shared); the national site's
    one index. Only those with a release to find: a folder with none is not made."""
    found = [p for p in shown if p.release.meta.status != "withdrawn"]
    if national:
        return (f"{INDEX}/",) if found else ()
    own = any(p.release.office.province is not None for p in found)
    central = any(p.release.office.province is None for p in found)
    return (f"{INDEX}/",) * own + (f"{INDEX}/{SHARED}/",) * central


def archive_links(root: str) -> tuple[Link, ...]:
    """Where a reader without JavaScript finds releases instead."""
    return (
        Link(ArchiveKind.CATEGORY.about.heading, f"{root}{ArchiveKind.CATEGORY}/"),
        Link(ArchiveKind.OFFICE.about.heading, f"{root}{ArchiveKind.OFFICE}/"),
        Link(ArchiveKind.MONTH.about.heading, f"{root}{ArchiveKind.MONTH}/"),
        Link(ArchiveKind.REGION.about.heading, f"{root}{ArchiveKind.REGION}/"),
        Link(ArchiveKind.TAG.about.heading, f"{root}{ArchiveKind.TAG}/"),
    )


def _parts(
    kit: SiteKit,
    view: PageView,
    choices: tuple[Choice, ...],
    archives: tuple[Link, ...],
    indexes: tuple[str, ...],
) -> list[Part]:
    css = str(kit.chrome.css)
    serving = "'unsafe-inline'" in kit.chrome.csp  # `newsroom serve`'s live reload
    chrome = replace(kit.chrome, csp=search_policy(css, for_meta=True, live_reload=serving))
    shell = make_shell(kit.env, chrome, kit.memo.parts)
    content = kit.template(
        "partials/search.html",
        view=view,
        root=kit.root,
        site=kit.chrome,
        choices=choices,
        archives=archives,
        indexes=" ".join(indexes),
        script=kit.root + SCRIPT,
    )
    head = kit.template("partials/head.html", view=view)
    return shell.page(head, view.title, [pack_text(content)])


def _script() -> bytes:
    return resources.files("generator.themes").joinpath("search/cari.js").read_bytes()
