"""Archive pages: by category, office, district, tag and month, paginated.

Numbered pages count from the oldest release, so page 3 of a category holds
the same releases forever once it is full: a new release rewrites only the
archive's first page (the newest releases) and its last numbered page, never
the whole archive.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator.content.dates import MONTHS
from generator.content.fields import slugify
from generator.content.vocabulary import CATEGORY_LABELS
from generator.public.sites import Placement


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
    kind: str  # kategori | kantor | wilayah | tag | arsip
    key: str
    base: str
    title: str
    items: tuple[Placement, ...]  # newest first

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


def build_archives(listed: list[Placement]) -> dict[str, list[Archive]]:
    """All archives of a site from its listed placements (newest first), by kind."""
    by_category: dict[str, list[Placement]] = {c: [] for c in CATEGORY_LABELS}
    by_office: dict[str, list[Placement]] = defaultdict(list)
    by_month: dict[tuple[int, int], list[Placement]] = defaultdict(list)
    regions = _Labelled()
    tags = _Labelled()
    for placement in listed:
        release = placement.release
        by_category[release.meta.category].append(placement)
        by_office[release.office.id].append(placement)
        local = release.meta.date.astimezone(release.office.zone.tz)
        by_month[(local.year, local.month)].append(placement)
        regions.add(release.meta.regions, placement)
        tags.add(release.meta.tags, placement)
    return {
        "kategori": [
            Archive("kategori", c, f"kategori/{c}/", CATEGORY_LABELS[c], tuple(items))
            for c, items in by_category.items()
        ],
        "kantor": [
            Archive("kantor", o, f"kantor/{o}/", items[0].release.office.name, tuple(items))
            for o, items in sorted(by_office.items())
        ],
        "arsip": [
            Archive(
                "arsip",
                f"{y:04d}-{m:02d}",
                f"arsip/{y:04d}/{m:02d}/",
                f"{MONTHS[m - 1]} {y}",
                tuple(items),
            )
            for (y, m), items in sorted(by_month.items(), reverse=True)
        ],
        "wilayah": regions.archives("wilayah", "Wilayah"),
        "tag": tags.archives("tag", "Tag"),
    }


class _Labelled:
    """Free-text labels (districts, tags) grouped by slug, shown with their commonest spelling."""

    def __init__(self) -> None:
        self.items: dict[str, list[Placement]] = defaultdict(list)
        self.spellings: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, labels: Iterable[str], placement: Placement) -> None:
        for label in labels:
            slug = slugify(label)
            if slug:
                self.items[slug].append(placement)
                self.spellings[slug][label] += 1

    def archives(self, kind: str, prefix: str) -> list[Archive]:
        result = []
        for slug in sorted(self.items):
            # Most used spelling; ties broken alphabetically so output is deterministic.
            label = min(self.spellings[slug].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            result.append(
                Archive(
                    kind, slug, f"{kind}/{slug}/", f"{prefix}: {label}", tuple(self.items[slug])
                )
            )
        return result
