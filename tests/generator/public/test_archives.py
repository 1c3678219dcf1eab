"""Archive pagination: numbered from the oldest, so old pages never change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from generator.content.repository import CENTRAL, Layout, load_repository
from generator.public.archives import KINDS, ArchiveKind, build_archives, paginate
from generator.public.sites import Settings, placements, plan_sites
from tests.conftest import release_text

NOW = datetime(2026, 12, 31, tzinfo=UTC)


def listed(root: Path) -> list:  # type: ignore[type-arg]
    repo = load_repository(Layout(root, CENTRAL))
    sites = plan_sites(repo, Settings())
    return placements(sites["kalimantan-timur"], repo, sites, Settings(), NOW)


def releases(count: int) -> dict[str, str]:
    return {
        f"kaltim/2026/rilis-{n:03d}": release_text(
            date=f"2026-{1 + n // 28:02d}-{1 + n % 28:02d} 10:00",
            tags="[banjir]" if n % 2 else "[jalan]",
            regions="[Kutai Timur]" if n % 3 else "[kutai timur]",
        )
        for n in range(count)
    }


def pages_by_path(items: list, size: int) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {
        page.path: [p.release.id for p in page.items]
        for page in paginate("kategori/berita/", "Berita", tuple(items), size)
    }


def test_adding_a_release_changes_only_the_front_and_last_pages(
    central_repo: Callable[..., Path],
) -> None:
    before = pages_by_path(listed(central_repo(releases(23))), 5)
    after = pages_by_path(listed(central_repo(releases(24))), 5)
    changed = sorted(path for path in after if before.get(path) != after[path])
    assert changed == ["kategori/berita/", "kategori/berita/halaman/5/"]
    assert after["kategori/berita/halaman/1/"] == [
        f"kaltim/2026/rilis-{n:03d}" for n in (4, 3, 2, 1, 0)
    ]


def test_front_page_links_to_the_first_unseen_release(central_repo: Callable[..., Path]) -> None:
    pages = paginate("k/", "K", tuple(listed(central_repo(releases(12)))), 5)
    front = pages[0]
    assert len(front.items) == 5 and front.number is None and front.pages == 3
    # 12 releases: the front shows 11..7, the 6th newest (index 6) is on page 2.
    assert front.older == "k/halaman/2/"
    assert [(p.number, p.older, p.newer) for p in pages[1:]] == [
        (1, None, "k/halaman/2/"),
        (2, "k/halaman/1/", "k/halaman/3/"),
        (3, "k/halaman/2/", "k/"),
    ]


def test_archives_by_kind(central_repo: Callable[..., Path]) -> None:
    archives = build_archives(listed(central_repo(releases(6))))
    assert [a.key for a in archives["kategori"]] == [
        "siaran-pers",
        "berita",
        "pengumuman",
        "klarifikasi",
        "produk-hukum",
        "agenda",
    ]
    assert [a.key for a in archives["tag"]] == ["banjir", "jalan"]
    (region,) = archives["wilayah"]
    assert region.title == "Wilayah: Kutai Timur"  # the commoner spelling wins
    assert [a.base for a in archives["arsip"]] == ["arsip/2026/01/"]


def test_every_kind_is_in_the_table_in_sitemap_order(central_repo: Callable[..., Path]) -> None:
    archives = build_archives(listed(central_repo(releases(3))))
    assert list(archives) == list(ArchiveKind) == list(KINDS)
    assert [str(kind) for kind in ArchiveKind] == ["kategori", "kantor", "arsip", "wilayah", "tag"]
    for kind, group in archives.items():
        assert all(a.kind is kind and a.base.startswith(f"{kind}/") for a in group)
    # Only categories and offices have feeds of their own, and know their members.
    with_feeds = {kind for kind, group in archives.items() for a in group if a.has_feeds}
    assert with_feeds == {ArchiveKind.CATEGORY, ArchiveKind.OFFICE}
    (office,) = archives[ArchiveKind.OFFICE]
    (month,) = archives[ArchiveKind.MONTH]
    release = office.items[0].release
    assert office.holds(release) and not month.holds(release)
