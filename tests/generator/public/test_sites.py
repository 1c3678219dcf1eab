"""Who shows what: national, provincial, syndication, curation, embargo, drafts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from generator.content.repository import CENTRAL, Layout, load_repository
from generator.content.syndication import SYNDICATE_CURATED
from generator.public.sites import (
    Settings,
    SiteOverride,
    featured,
    home_key,
    news_first,
    placements,
    plan_sites,
)
from tests.conftest import release_text

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10.00 WITA: the embargo lifts at 11.00

RELEASES = {
    "komdigi/2026/pusat-a": release_text(date="2026-11-01 10:00"),
    "komdigi/2026/pusat-b": release_text(date="2026-11-02 10:00"),
    "kaltim/2026/prov": release_text(date="2026-11-03 10:00"),
    "kutai-timur/2026/kab": release_text(date="2026-11-04 10:00"),
    "kutai-timur/2026/draf": release_text(date="2026-11-05 10:00", status="draft"),
    "kutai-timur/2026/embargo": release_text(
        date="2026-11-05 10:00", publish_at="2026-11-24 11:00"
    ),
    "kutai-timur/2026/ditarik": release_text(
        date="2026-11-06 10:00", status="withdrawn", withdrawn_reason="Acara batal"
    ),
    "ambon/2026/kota": release_text(date="2026-11-07 10:00"),
}
CURATION = """featured:
  - id: kutai-timur/2026/kab
  - id: ambon/2026/kota
    pinned: true
    headline: Ambon Juara
  - id: komdigi/2026/pusat-a
"""


def ids(items: list) -> list[str]:  # type: ignore[type-arg]
    return [p.release.id for p in items]


def test_sites_are_national_plus_provinces_with_offices(central_repo: Callable[..., Path]) -> None:
    repo = load_repository(Layout(central_repo(RELEASES, CURATION), CENTRAL))
    sites = plan_sites(repo, Settings(base_url="https://b.example/"))
    assert [(s.key, s.url) for s in sites.values()] == [
        ("nasional", "https://b.example/nasional/"),
        ("kalimantan-timur", "https://b.example/kalimantan-timur/"),
        ("maluku", "https://b.example/maluku/"),
    ]
    assert sites["maluku"].title == "Newsroom Maluku"


def test_the_sites_of_offices_with_news_are_weighed_first(
    central_repo: Callable[..., Path],
) -> None:
    repo = load_repository(Layout(central_repo(RELEASES, CURATION), CENTRAL))
    chosen = list(plan_sites(repo, Settings()).values())
    keys = lambda offices: [s.key for s in news_first(chosen, offices)]  # noqa: E731
    offices = repo.offices
    assert keys([offices["ambon"]]) == ["maluku", "nasional", "kalimantan-timur"]
    # Two offices of one province, and one of another: the rest keep their order.
    both = [offices["kutai-timur"], offices["ambon"], offices["kaltim"]]
    assert keys(both) == ["kalimantan-timur", "maluku", "nasional"]
    assert keys([offices["komdigi"]]) == ["nasional", "kalimantan-timur", "maluku"]
    assert keys([]) == ["nasional", "kalimantan-timur", "maluku"]


def test_config_renames_and_disables_sites(central_repo: Callable[..., Path]) -> None:
    repo = load_repository(Layout(central_repo(RELEASES, CURATION), CENTRAL))
    settings = Settings(
        overrides={
            "kalimantan-timur": SiteOverride(id="kaltim", title="Kaltim"),
            "maluku": SiteOverride(enabled=False),
        }
    )
    sites = plan_sites(repo, settings)
    assert [(s.key, s.id, s.title) for s in sites.values()] == [
        ("nasional", "nasional", "Newsroom Nasional"),
        ("kalimantan-timur", "kaltim", "Kaltim"),
    ]


def test_who_shows_what(central_repo: Callable[..., Path]) -> None:
    repo = load_repository(Layout(central_repo(RELEASES, CURATION), CENTRAL))
    settings = Settings()
    sites = plan_sites(repo, settings)
    national = placements(sites["nasional"], repo, sites, settings, NOW)
    kaltim = placements(sites["kalimantan-timur"], repo, sites, settings, NOW)
    maluku = placements(sites["maluku"], repo, sites, settings, NOW)
    assert ids(national) == [
        "ambon/2026/kota",
        "kutai-timur/2026/kab",
        "komdigi/2026/pusat-b",
        "komdigi/2026/pusat-a",
    ]
    assert ids(kaltim) == [
        "kutai-timur/2026/ditarik",
        "kutai-timur/2026/kab",
        "kaltim/2026/prov",
        "komdigi/2026/pusat-b",
        "komdigi/2026/pusat-a",
    ]
    assert ids(maluku) == ["ambon/2026/kota", "komdigi/2026/pusat-b", "komdigi/2026/pusat-a"]
    copy = next(p for p in maluku if p.release.id == "komdigi/2026/pusat-a")
    assert not copy.is_home
    assert copy.canonical_url == "https://newsroom.example.go.id/nasional/komdigi/2026/pusat-a/"
    assert copy.url == "https://newsroom.example.go.id/maluku/komdigi/2026/pusat-a/"


def test_each_placement_is_at_home_on_its_offices_site_with_each_group_given_one(
    central_repo: Callable[..., Path],
) -> None:
    """A province's two groups each have one home (its own releases there, the central
    ones on the national site), the national site's releases each their own: the same
    as asking every release, on every site, renamed, disabled, previewed, curated or
    not; a home site that is disabled is the showing site itself."""
    repo = load_repository(Layout(central_repo(RELEASES, CURATION), CENTRAL))
    renamed = {"kalimantan-timur": SiteOverride(id="kaltim"), "nasional": SiteOverride(id="ri")}
    variants = [
        Settings(overrides=renamed),
        Settings(syndication=SYNDICATE_CURATED),
        Settings(overrides={"nasional": SiteOverride(enabled=False)}),
    ]
    for settings in variants:
        sites = plan_sites(repo, settings)
        for site in sites.values():
            shown = {
                preview: placements(site, repo, sites, settings, NOW, preview=preview)
                for preview in (False, True)
            }
            for placement in shown[False] + shown[True]:
                assert placement.site is site
                assert placement.home is sites.get(home_key(placement.release), site)
            for some in shown.values():
                assert some == sorted(some, key=lambda p: p.release.chronological, reverse=True)
            if site.key == "kalimantan-timur":  # the preview adds the draft and the embargoed
                assert len(shown[True]) == len(shown[False]) + 2
    sites = plan_sites(repo, Settings(overrides=renamed))
    kaltim = placements(sites["kalimantan-timur"], repo, sites, Settings(overrides=renamed), NOW)
    homes = {p.release.id: p.home.id for p in kaltim}
    assert homes["kutai-timur/2026/kab"] == "kaltim"
    assert homes["komdigi/2026/pusat-a"] == "ri"
    national = placements(sites["nasional"], repo, sites, Settings(overrides=renamed), NOW)
    assert {p.release.id: p.home.id for p in national}["ambon/2026/kota"] == "maluku"
    alone = plan_sites(repo, variants[2])
    maluku = placements(alone["maluku"], repo, alone, variants[2], NOW)
    assert {p.home.id for p in maluku} == {"maluku"}  # no national site to point to


def test_embargo_lifts_at_publish_at(central_repo: Callable[..., Path]) -> None:
    repo = load_repository(Layout(central_repo(RELEASES, CURATION), CENTRAL))
    settings = Settings()
    sites = plan_sites(repo, settings)
    lift = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # 11:00 WITA
    before = placements(
        sites["kalimantan-timur"], repo, sites, settings, lift - timedelta(seconds=1)
    )
    at = placements(sites["kalimantan-timur"], repo, sites, settings, lift)
    assert "kutai-timur/2026/embargo" not in ids(before)
    assert "kutai-timur/2026/embargo" in ids(at)


def test_curated_syndication(central_repo: Callable[..., Path]) -> None:
    repo = load_repository(Layout(central_repo(RELEASES, CURATION), CENTRAL))
    settings = Settings(syndication=SYNDICATE_CURATED)
    sites = plan_sites(repo, settings)
    maluku = placements(sites["maluku"], repo, sites, settings, NOW)
    assert ids(maluku) == ["ambon/2026/kota", "komdigi/2026/pusat-a"]


def test_featured_is_pinned_first_then_curation_order(central_repo: Callable[..., Path]) -> None:
    repo = load_repository(Layout(central_repo(RELEASES, CURATION), CENTRAL))
    settings = Settings()
    sites = plan_sites(repo, settings)
    national = placements(sites["nasional"], repo, sites, settings, NOW)
    chosen = featured(repo, national, NOW)
    assert [(f.placement.release.id, f.pinned, f.headline) for f in chosen] == [
        ("ambon/2026/kota", True, "Ambon Juara"),
        ("kutai-timur/2026/kab", False, None),
        ("komdigi/2026/pusat-a", False, None),
    ]
