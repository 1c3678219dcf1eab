"""A site's fingerprint weighs named groups of releases (generator.public.sites.
site_groups): the central releases every province carries are weighed once a build,
not 38 times. Weighed after the other sites, a site gives what it gives alone, and a
release changes the sites that show it, no others."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.content.assets import asset_target
from generator.content.model import Release
from generator.content.repository import Repository, find_layout, load_repository
from generator.content.syndication import SYNDICATE_CURATED
from generator.public import fingerprint
from generator.public import sites as sites_module
from generator.public.fingerprint import SiteFingerprints
from generator.public.outputs import Input
from generator.public.sites import NATIONAL, Settings, SiteOverride, plan_sites, site_groups
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
CENTRAL = "komdigi/2026/hoaks-bansos-pulsa"
CURATED_REGIONAL = "ambon/2026/festival-teluk-ambon"  # Maluku's, on the national site too
SETTINGS = {
    "syndicate all": Settings(),
    "syndicate curated": Settings(syndication=SYNDICATE_CURATED),
    # Central releases then have no home among the sites: each province is their home.
    "no national site": Settings(overrides={NATIONAL: SiteOverride(enabled=False)}),
}


def _golden(tmp_path: Path) -> Repository:
    shutil.copytree(FIXTURES / "golden", tmp_path / "pusat")
    layout = find_layout(tmp_path / "pusat")
    assert layout is not None
    return load_repository(layout)


def _together(repo: Repository, settings: Settings) -> dict[str, str]:
    sites = plan_sites(repo, settings)
    prints = SiteFingerprints(repo, sites, settings, NOW, ())
    return {key: prints.of(site) for key, site in sites.items()}


def _alone(repo: Repository, settings: Settings) -> dict[str, str]:
    sites = plan_sites(repo, settings)
    return {
        key: SiteFingerprints(repo, sites, settings, NOW, ()).of(site)
        for key, site in sites.items()
    }


def _edited(repo: Repository, release_id: str) -> Repository:
    """`repo` with one release's file changed (its digest)."""
    releases = [replace(r, digest="0" * 64) if r.id == release_id else r for r in repo.releases]
    return replace(repo, releases=releases)


@pytest.mark.parametrize("settings", SETTINGS.values(), ids=SETTINGS.keys())
def test_a_site_weighed_after_the_others_gives_what_it_gives_alone(
    tmp_path: Path, settings: Settings
) -> None:
    repo = _golden(tmp_path)
    together = _together(repo, settings)
    assert len(together) >= 2 and len(set(together.values())) == len(together)
    assert together == _alone(repo, settings)


@pytest.mark.parametrize("settings", SETTINGS.values(), ids=SETTINGS.keys())
def test_a_release_changes_the_sites_that_show_it_and_no_other(
    tmp_path: Path, settings: Settings
) -> None:
    repo = _golden(tmp_path)
    before = _together(repo, settings)
    provinces = {key for key in before if key != NATIONAL}
    syndicated = settings.syndication != SYNDICATE_CURATED
    shown_by = {
        CENTRAL: ({NATIONAL} & before.keys()) | (provinces if syndicated else set()),
        CURATED_REGIONAL: {"maluku"} | ({NATIONAL} & before.keys()),
    }
    for release_id, sites in shown_by.items():
        after = _together(_edited(repo, release_id), settings)
        assert {key for key in before if after[key] != before[key]} == sites, release_id


def test_a_photo_rewritten_changes_the_sites_that_show_its_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release's assets are weighed from the disk at each weighing: its file unchanged,
    a photo replaced (a new size) still rebuilds the sites that show it, no others; a
    release without assets is weighed without a look."""
    repo = _golden(tmp_path)
    before = _together(repo, Settings())
    release = next(r for r in repo.releases if r.id == CURATED_REGIONAL)
    assert release.asset_refs
    target = asset_target(release.asset_refs[0])
    assert target is not None
    photo = repo.layout.assets_dir(release.office.id) / target
    photo.write_bytes(photo.read_bytes() + b"\0")
    looked: list[str] = []
    stamps = fingerprint.PER_RELEASE[Input.ASSETS]

    def stamps_looked_at(release: Release, now: datetime, repo: Repository) -> object:
        looked.append(release.id)
        return stamps(release, now, repo)

    monkeypatch.setitem(fingerprint.PER_RELEASE, Input.ASSETS, stamps_looked_at)
    after = _together(repo, Settings())
    assert {key for key in before if after[key] != before[key]} == {"maluku", NATIONAL}
    with_assets = {r.id for r in repo.releases if r.asset_refs}
    assert CURATED_REGIONAL in looked and set(looked) == with_assets < {r.id for r in repo.releases}


def test_the_syndicated_group_is_found_and_weighed_once_for_every_province(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _golden(tmp_path)
    settings = Settings()
    sites = plan_sites(repo, settings)
    provinces = [site for key, site in sites.items() if key != NATIONAL]
    central = repo.by_province.get(None, [])
    national = site_groups(sites[NATIONAL], repo, settings)[0][1]
    own = sum(len(repo.by_province.get(site.province, [])) for site in provinces)
    asked: list[str] = []  # each release asked whether it belongs (sites._belongs)
    homed: list[str] = []  # each release hashed with its home (fingerprint's home_key)
    belongs, home_key = sites_module._belongs, fingerprint.home_key

    def counted_belongs(release: Release, *args: Any) -> bool:
        asked.append(release.id)
        return belongs(release, *args)

    def counted_home(release: Release) -> str:
        homed.append(release.id)
        return home_key(release)

    monkeypatch.setattr(sites_module, "_belongs", counted_belongs)
    monkeypatch.setattr(fingerprint, "home_key", counted_home)
    prints = SiteFingerprints(repo, sites, settings, NOW, ())
    for site in sites.values():
        prints.of(site)
    assert len(provinces) >= 2 and central
    assert len(asked) == len(national) + len(central)  # 38 provinces: the same
    assert len(homed) == len(national) + len(central) + own
