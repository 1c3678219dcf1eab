"""A release's state in the site fingerprint is kept from the last weighing once the
clock can no longer change it (generator.public.fingerprint.settled): the service
weighs its 39 sites at every push, and made 10,000 states again each time."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.content.assets import asset_target
from generator.content.model import Release
from generator.content.repository import Repository, find_layout, load_repository
from generator.public import fingerprint
from generator.public.fingerprint import LIVE, PER_RELEASE, SiteFingerprints
from generator.public.outputs import Input
from generator.public.sites import Settings, Site, plan_sites
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # as the golden site: news on, an embargo on
OWN = sorted(set(PER_RELEASE) - LIVE)


def _golden(tmp_path: Path) -> Repository:
    shutil.copytree(FIXTURES / "golden", tmp_path / "pusat")
    layout = find_layout(tmp_path / "pusat")
    assert layout is not None
    return load_repository(layout)


def _own_values(release: Release, now: datetime, repo: Repository) -> list[object]:
    return [PER_RELEASE[each](release, now, repo) for each in OWN]


def _with_late_lift(repo: Repository) -> list[Release]:
    """The golden releases, and a clarification whose embargo lifts five days after its
    date line: settled from its lift, not its date."""
    hoax = next(r for r in repo.releases if r.id == "komdigi/2026/hoaks-bansos-pulsa")
    late = replace(hoax.meta, publish_at=hoax.meta.date + timedelta(days=5))
    return [*repo.releases, replace(hoax, id="komdigi/2026/hoaks-lambat", meta=late)]


def _changes_after(
    repo: Repository, settled: Callable[[Release, datetime], bool] = fingerprint.settled
) -> list[str]:
    """The releases whose own state still changes after a time `settled` says it is
    settled at: each hour from a day before its date line to ten days after it."""
    changing = []
    for release in _with_late_lift(repo):
        start = release.meta.date - timedelta(days=1)
        for hour in range(24 * 11):
            at = start + timedelta(hours=hour, minutes=7)
            if not settled(release, at):
                continue
            seen = _own_values(release, at, repo)
            later = (timedelta(minutes=50), timedelta(days=3), timedelta(days=400))
            if any(_own_values(release, at + step, repo) != seen for step in later):
                changing.append(release.id)
                break
    return changing


def test_what_the_clock_decides_of_a_settled_release_never_changes_after(tmp_path: Path) -> None:
    repo = _golden(tmp_path)
    assert not _changes_after(repo)
    # The test can tell: settled from the date line, or a shorter wait, would take the
    # late lift, the fresh clarification (72 hours) and the news window (2 days) for
    # settled while they still change.
    by_date = lambda r, now: now > r.meta.date + fingerprint.SETTLES_AFTER  # noqa: E731
    assert "komdigi/2026/hoaks-lambat" in _changes_after(repo, by_date)
    sooner = lambda r, now: now > r.released + timedelta(hours=1)  # noqa: E731
    assert "komdigi/2026/hoaks-bansos-pulsa" in _changes_after(repo, sooner)


def _weigh(repo: Repository, sites: dict[str, Site], now: datetime) -> dict[str, str]:
    prints = SiteFingerprints(repo, sites, Settings(), now, ())
    return {key: prints.of(site) for key, site in sites.items()}


def _fresh(repo: Repository, sites: dict[str, Site], now: datetime) -> dict[str, str]:
    """The fingerprints made with nothing kept from an earlier weighing."""
    fingerprint._settled.clear()
    fingerprint._still_groups.clear()
    return _weigh(repo, sites, now)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the releases whose own state a weighing made (not kept)."""
    ids: list[str] = []
    reads: Callable[[Release, datetime, Repository], object] = PER_RELEASE[Input.RELEASES]

    def counted(release: Release, now: datetime, repo: Repository) -> object:
        ids.append(release.id)
        return reads(release, now, repo)

    monkeypatch.setitem(PER_RELEASE, Input.RELEASES, counted)
    return ids


def test_a_weighing_keeps_the_settled_states_and_gives_what_a_fresh_one_gives(
    tmp_path: Path, made: list[str]
) -> None:
    repo = _golden(tmp_path)
    sites = plan_sites(repo, Settings())
    first = _weigh(repo, sites, NOW)
    shown = set(made)
    later = NOW + timedelta(minutes=5)
    made.clear()
    second = _weigh(repo, sites, later)
    unsettled = {r.id for r in repo.releases if not fingerprint.settled(r, later)}
    assert set(made) == unsettled & shown and unsettled and shown - unsettled
    assert second == _fresh(repo, sites, later)
    assert first == _fresh(repo, sites, NOW)
    # A week on, the news window and the fresh clarification are behind every release
    # they held: the kept states give the fingerprints made afresh.
    _weigh(repo, sites, later)
    week = NOW + timedelta(days=7)
    assert _weigh(repo, sites, week) == _fresh(repo, sites, week)


def test_a_clock_set_back_or_a_release_read_anew_makes_its_state_again(
    tmp_path: Path, made: list[str]
) -> None:
    repo = _golden(tmp_path)
    sites = plan_sites(repo, Settings())
    week = NOW + timedelta(days=7)
    _weigh(repo, sites, week)  # every release settled by then
    made.clear()
    assert _weigh(repo, sites, NOW) == _fresh(repo, sites, NOW)
    # A release loaded again is another object: its state is made, not taken.
    edited = next(r for r in repo.releases if r.id == "ambon/2026/festival-teluk-ambon")
    anew = replace(edited, digest="0" * 64)
    other = replace(repo, releases=[anew if r is edited else r for r in repo.releases])
    _weigh(repo, sites, week)
    made.clear()
    after = _weigh(other, sites, week)
    assert made == [anew.id]
    assert after == _fresh(other, sites, week) != _fresh(repo, sites, week)


def test_a_group_of_settled_releases_is_not_weighed_again_while_its_assets_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: list[str]
) -> None:
    """A sync brings one province news: the other provinces' releases are the same
    objects, all settled, so their groups' digests are kept whole from the last weighing,
    only the stamps of the assets they name read again. A group with an asset touched, a
    release read anew (another object), or the clock set back is weighed again."""
    repo = _golden(tmp_path)
    sites = plan_sites(repo, Settings())
    weighed: list[str] = []
    state = SiteFingerprints._release_state

    def counted(self: SiteFingerprints, release: Release) -> bytes:
        weighed.append(release.id)
        return state(self, release)

    monkeypatch.setattr(SiteFingerprints, "_release_state", counted)
    week = NOW + timedelta(days=7)  # every release settled by then
    first = _weigh(repo, sites, week)
    assert weighed
    weighed.clear()
    later = week + timedelta(minutes=5)
    assert _weigh(repo, sites, later) == first and weighed == []
    assert _weigh(repo, sites, later) == _fresh(repo, sites, later)
    # An asset of a release touched: the groups holding that release are weighed again.
    named = next(r for r in repo.releases if r.asset_refs and r.office.province == "64")
    target = asset_target(named.asset_refs[0])
    assert target is not None
    photo = repo.layout.assets_dir(named.office.id) / target
    _weigh(repo, sites, later)
    weighed.clear()
    os.utime(photo, ns=(photo.stat().st_atime_ns, photo.stat().st_mtime_ns + 10**9))
    touched = _weigh(repo, sites, later)
    assert named.id in weighed and touched != first
    assert touched == _fresh(repo, sites, later)
    # Its group's own states are kept through a weighing that took it whole: a release
    # read anew there makes that one own state alone.
    _weigh(repo, sites, later)
    _weigh(repo, sites, later)
    still = next(r for r in repo.releases if r.office.province == "64" and r is not named)
    anew = replace(still, digest="0" * 64)
    other = replace(repo, releases=[anew if r is still else r for r in repo.releases])
    weighed.clear()
    made.clear()
    again = _weigh(other, sites, later)
    assert made == [anew.id] and anew.id in weighed
    assert again == _fresh(other, sites, later) != touched
    # The clock set back: every group weighed again.
    _weigh(repo, sites, later)
    weighed.clear()
    assert _weigh(repo, sites, week) == _fresh(repo, sites, week)
    assert set(weighed) >= {r.id for r in repo.releases if r.is_public(week)}
