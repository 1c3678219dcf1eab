"""Archive pages: by category, office, district, tag and month, paginated. The kinds
and what their pages say are one table (ArchiveKind, KINDS).

Numbered pages count from the oldest release, so page 3 of a category holds
the same releases forever once it is full: a new release rewrites only the
archive's first page (the newest releases) and its last numbered page, never
the whole archive.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from generator.content.dates import MONTHS
from generator.content.fields import slugify
from generator.content.model import Release
from generator.content.vocabulary import CATEGORY_LABELS
from generator.public.sites import Placement


class ArchiveKind(StrEnum):
    """A kind of archive, named by the folder its archives sit in (Indonesian: it is
    part of every public URL). Listed in the order the sitemap names them."""

    CATEGORY = "kategori"
    OFFICE = "kantor"
    MONTH = "arsip"
    REGION = "wilayah"
    TAG = "tag"

    @property
    def about(self) -> KindAbout:
        return KINDS[self]

    def base(self, key: str) -> str:
        """The site-relative folder of this kind's archive `key` (a slug)."""
        return f"{self.value}/{key}/"


@dataclass(frozen=True)
class KindAbout:
    """What the pages of one kind of archive say, and how a release belongs to one."""

    heading: str  # the kind's index page; also "Wilayah: …" before a free-text label
    intro: str  # under the index page's heading
    # The one archive of the kind a release belongs to, by its key, for kinds whose
    # archives have feeds of their own (a withdrawn release, absent from every list,
    # still leaves a tombstone in its archive's feed); None: no feeds of their own.
    member: Callable[[Release], str] | None = None


KINDS: dict[ArchiveKind, KindAbout] = {
    ArchiveKind.CATEGORY: KindAbout(
        "Kategori", "Rilis menurut kategori.", member=lambda release: release.meta.category
    ),
    ArchiveKind.OFFICE: KindAbout(
        "Kantor", "Rilis menurut kantor humas.", member=lambda release: release.office.id
    ),
    ArchiveKind.MONTH: KindAbout("Arsip", "Rilis menurut bulan terbit."),
    ArchiveKind.REGION: KindAbout("Wilayah", "Rilis menurut kabupaten/kota yang dibahas."),
    ArchiveKind.TAG: KindAbout("Tag", "Rilis menurut tag."),
}


@dataclass(frozen=True)
class ArchivePage:
    path: str  # site-relative folder of this page, e.g. "kategori/berita/halaman/2/"
    base: str  # the archive's own folder, e.g. "kategori/berita/"
    title: str
    items: tuple[Placement, ...]  # newest first
    number: int | None  # None for the archive's front page
    pages: int
    older: str | None
    newer: str | None


@dataclass(frozen=True)
class Archive:
    kind: ArchiveKind
    key: str
    base: str
    title: str
    items: tuple[Placement, ...]  # newest first

    @property
    def has_feeds(self) -> bool:
        return self.kind.about.member is not None

    def holds(self, release: Release) -> bool:
        """Whether `release` belongs here even when it is in no list (e.g. withdrawn);
        only asked of archives with feeds of their own."""
        member = self.kind.about.member
        return member is not None and member(release) == self.key

    def pages(self, size: int) -> list[ArchivePage]:
        return paginate(self.base, self.title, self.items, size)


def paginate(
    base: str, title: str, newest_first: tuple[Placement, ...], size: int
) -> list[ArchivePage]:
    oldest_first = newest_first[::-1]
    count = len(oldest_first)
    total = max(1, -(-count // size))

    def numbered(k: int) -> str:
        return f"{base}halaman/{k}/"

    def page_of(index: int) -> int:  # 0-based oldest-first index -> page number
        return index // size + 1

    front_older = numbered(page_of(count - size - 1)) if count > size else None
    pages = [ArchivePage(base, base, title, newest_first[:size], None, total, front_older, None)]
    if count <= size:
        return pages
    for k in range(1, total + 1):
        chunk = oldest_first[(k - 1) * size : k * size][::-1]
        older = numbered(k - 1) if k > 1 else None
        newer = numbered(k + 1) if k < total else base
        label = f"{title} — halaman {k}"
        pages.append(ArchivePage(numbered(k), base, label, tuple(chunk), k, total, older, newer))
    return pages


def build_archives(listed: list[Placement]) -> dict[ArchiveKind, list[Archive]]:
    """All archives of a site from its listed placements (newest first), by kind, in
    ArchiveKind's order."""
    by_category: dict[str, list[Placement]] = {c: [] for c in CATEGORY_LABELS}
    by_office: dict[str, list[Placement]] = defaultdict(list)
    by_month: dict[str, list[Placement]] = defaultdict(list)  # by `yyyy-mm`
    regions = _Labelled(ArchiveKind.REGION)
    tags = _Labelled(ArchiveKind.TAG)
    for placement in listed:
        release = placement.release
        by_category[release.meta.category].append(placement)
        by_office[release.office.id].append(placement)
        # Its month on its office's wall clock, worked out once a release (in the
        # parent, generator.public.isolate), not in each site's worker every build.
        by_month[release.month].append(placement)
        regions.add(release.meta.regions, placement)
        tags.add(release.meta.tags, placement)
    category, office, month = ArchiveKind.CATEGORY, ArchiveKind.OFFICE, ArchiveKind.MONTH
    found = {
        category: [
            Archive(category, c, category.base(c), CATEGORY_LABELS[c], tuple(items))
            for c, items in by_category.items()
        ],
        office: [
            Archive(office, o, office.base(o), items[0].release.office.name, tuple(items))
            for o, items in sorted(by_office.items())
        ],
        month: [
            Archive(
                month,
                key,
                month.base(key.replace("-", "/")),
                f"{MONTHS[int(key[5:]) - 1]} {int(key[:4])}",
                tuple(items),
            )
            for key, items in sorted(by_month.items(), reverse=True)  # `yyyy-mm`: in order
        ],
        ArchiveKind.REGION: regions.archives(),
        ArchiveKind.TAG: tags.archives(),
    }
    return {kind: found[kind] for kind in ArchiveKind}


class _Labelled:
    """Free-text labels (districts, tags) grouped by slug, shown with their commonest spelling."""

    def __init__(self, kind: ArchiveKind) -> None:
        self.kind = kind
        self.items: dict[str, list[Placement]] = defaultdict(list)
        self.spellings: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, labels: Iterable[str], placement: Placement) -> None:
        for label in labels:
            slug = slugify(label)
            if slug:
                self.items[slug].append(placement)
                self.spellings[slug][label] += 1

    def archives(self) -> list[Archive]:
        kind, prefix = self.kind, self.kind.about.heading
        result = []
        for slug in sorted(self.items):
            # Most used spelling; ties broken alphabetically so output is deterministic.
            label = min(self.spellings[slug].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            result.append(
                Archive(kind, slug, kind.base(slug), f"{prefix}: {label}", tuple(self.items[slug]))
            )
        return result
