"""Which release pages each search index is made of: a site's whole, a province's own
offices', or the central releases' that every province shares (indexed once, from the
first province the build chose, in the sites' plan), and the shared index's plan."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # read by `shared_index` alone: the indexes' process imports neither
    from generator.content.schema import Office
    from generator.public.sites import Site

RELEASE_PAGES = "*/*/*/index.html"  # <office>/<yyyy>/<slug>/index.html, Pagefind's glob
# Its paths as Pagefind's glob takes them, each `*` one folder (fnmatch's `*` would
# take `/` too: every numbered list page, `tag/<tag>/halaman/2/index.html`, in the
# national index's key); compiled once: 4,000 keys a site, 39 sites a rebuild.
release_page = re.compile(r"[^/]+/[^/]+/[^/]+/index\.html\Z").match


@dataclass(frozen=True)
class Shared:
    """The central releases every provincial site carries, indexed once: a province's
    copy of a central release shows the same text as every other province's (the same
    fragment bytes, a test checks), so `source`'s copies are indexed and the index is
    linked into each province's `pagefind/pusat/`, which the search page merges with
    the province's own index (its own offices' releases only). A central release then
    costs one Pagefind run, not 38; the national site's copies are the home pages (they
    differ), and its index holds all of its releases."""

    source: str  # the province site whose copies of the central releases are indexed
    provinces: tuple[str, ...]  # every provincial site's id
    central: tuple[str, ...]  # the central offices' ids: their releases' folders
    regional: tuple[str, ...]  # the other offices' ids

    def part(self) -> Part:
        return Part(frozenset(self.central), "central")

    def own_part(self) -> Part:
        return Part(frozenset(self.regional), "own")


@dataclass(frozen=True)
class Part:
    """Which of a site's release pages an index is made of: those in the folders of
    `offices` (`<office>/<yyyy>/<slug>/index.html`), or all of them (None)."""

    offices: frozenset[str] | None = None
    name: str = "whole"  # in the index's key: a site's whole, its own, or the central

    def takes(self, page: str) -> bool:
        if not release_page(page):
            return False
        if self.offices is None:
            return True
        # Exactly an office's release page: an archive's (`arsip/2026/10/`) is not one,
        # and a central release changes every province's.
        office, *rest = page.split("/")
        return len(rest) == 3 and office in self.offices

    def glob(self, pages: list[str]) -> str:
        """Pagefind's glob for `pages` (those this part takes)."""
        if self.offices is None:
            return RELEASE_PAGES
        offices = sorted({page.partition("/")[0] for page in pages})
        return "{" + ",".join(offices) + "}/*/*/index.html"  # ids are slugs: nothing to escape


WHOLE = Part()


def shared_index(
    sites: Iterable[Site], chosen: Collection[Site], offices: Mapping[str, Office]
) -> Shared | None:
    """The provinces' shared index of central releases, made from the first province of
    the plan among those `chosen` (the same one at every build of every site; the one
    province of a `--site` build); None without a province chosen or a central office."""
    planned = list(sites)
    provinces = tuple(site.id for site in planned if not site.is_national)
    source = next((s.id for s in planned if not s.is_national and s in chosen), None)
    central = tuple(sorted(key for key, office in offices.items() if office.province is None))
    regional = tuple(sorted(key for key, office in offices.items() if office.province))
    if source is None or not central:
        return None
    return Shared(source, provinces, central, regional)
