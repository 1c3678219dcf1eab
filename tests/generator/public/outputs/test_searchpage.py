"""Which indexes a site's search page asks for: only those a build makes, since
Pagefind fails every search over a merged index that does not load."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from generator.content.repository import CENTRAL, Layout, load_repository
from generator.public.outputs.searchpage import index_folders
from generator.public.sites import Settings, placements, plan_sites
from tests.conftest import release_text

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
WITHDRAWN = {"status": "withdrawn", "withdrawn_reason": "Acara batal"}


def folders(make: Callable[..., Path], releases: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Each site's folders, for a central repository holding `releases`."""
    repo = load_repository(Layout(make(releases), CENTRAL))
    settings = Settings()
    sites = plan_sites(repo, settings)
    return {
        key: index_folders(
            placements(site, repo, sites, settings, NOW), national=site.province is None
        )
        for key, site in sites.items()
    }


def test_a_province_asks_its_own_index_and_the_central_one(
    central_repo: Callable[..., Path],
) -> None:
    found = folders(
        central_repo,
        {
            "komdigi/2026/pusat": release_text(date="2026-11-01 10:00"),
            "kutai-timur/2026/kab": release_text(date="2026-11-02 10:00"),
        },
    )
    assert found["kalimantan-timur"] == ("pagefind/", "pagefind/pusat/")
    assert found["maluku"] == ("pagefind/pusat/",)  # none of its own: central only
    assert found["nasional"] == ("pagefind/",)  # one whole index, central ones in it


def test_without_central_releases_a_province_asks_only_its_own(
    central_repo: Callable[..., Path],
) -> None:
    found = folders(
        central_repo,
        {
            "kutai-timur/2026/kab": release_text(date="2026-11-02 10:00"),
            "komdigi/2026/ditarik": release_text(date="2026-11-01 10:00", **WITHDRAWN),
            "komdigi/2026/draf": release_text(date="2026-11-01 11:00", status="draft"),
        },
    )
    assert found["kalimantan-timur"] == ("pagefind/",)
    assert found["maluku"] == ()  # nothing to find: its page asks for no index


def test_withdrawn_releases_alone_make_no_index(central_repo: Callable[..., Path]) -> None:
    found = folders(
        central_repo,
        {"ambon/2026/kota": release_text(date="2026-11-07 10:00", **WITHDRAWN)},
    )
    assert found == {"nasional": (), "kalimantan-timur": (), "maluku": ()}
