"""A province's news builds its site at once: handed to a worker before it is weighed,
weighed once the other sites are, and its fingerprint recorded as the others' (after
its PDFs), so the next build finds it as it is. A site that left a release out records
none and is built again (generator.host.build)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.host import build
from generator.host.siterunner import SiteRunner
from generator.public import fingerprint
from generator.public.outputs import releases
from generator.public.siterecords import record_path
from tests.conftest import FIXTURES, release_text
from tests.sitebuild import built_sites

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
NEWS = "content/releases/ambon/2026/pasar-murah.md"  # Maluku's


def built(root: Path, first: list[str], now: datetime = NOW) -> list[str]:
    """The sites a build at `now` in two forked workers wrote (not skipped)."""
    return built_sites(root, first, now)


def record_of(root: Path, site: str) -> str | None:
    cache = build._records(root)
    assert cache is not None
    path = record_path(cache, root / "site" / site)
    return path.read_text() if path.is_file() else None


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What this process did, in order: each site handed to a worker, each weighed."""
    seen: list[str] = []
    submit, weigh = SiteRunner.submit, fingerprint.SiteFingerprints.of

    def submitted(self: SiteRunner[build.Target, object], target: build.Target) -> None:
        assert target.site_dir is not None
        seen.append(f"built {target.site_dir.name}")
        submit(self, target)  # type: ignore[arg-type]

    def weighed(self: fingerprint.SiteFingerprints, site: object) -> str:
        seen.append(f"weighed {site.id}")  # type: ignore[attr-defined]
        return weigh(self, site)  # type: ignore[arg-type]

    monkeypatch.setattr(SiteRunner, "submit", submitted)
    monkeypatch.setattr(fingerprint.SiteFingerprints, "of", weighed)
    return seen


def newsroom(tmp_path: Path) -> Path:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    assert "maluku" in built(root, [])
    return root


def test_the_news_province_is_built_then_weighed_and_its_weight_recorded(
    tmp_path: Path, events: list[str]
) -> None:
    root = newsroom(tmp_path)
    before = record_of(root, "maluku")
    (root / NEWS).write_text(release_text(title="Pasar Murah", date="2026-11-23 09:00"))
    events.clear()
    assert built(root, ["ambon"]) == ["desk", "maluku"]
    assert events.index("built maluku") < events.index("weighed maluku")
    assert events.count("weighed maluku") == 1 and "weighed nasional" in events
    assert events.index("built maluku") < events.index("weighed nasional")  # first
    recorded = record_of(root, "maluku")
    assert recorded is not None and recorded != before
    # Recorded as weighed: the next build, with no news, finds Maluku as it is.
    events.clear()
    assert built(root, []) == []
    assert "weighed maluku" in events


def test_news_that_changes_nothing_shown_builds_the_site_all_the_same(
    tmp_path: Path, events: list[str]
) -> None:
    """The sync said news (an embargoed release, say): built at once, nothing written
    anew, and recorded, so the next build skips it."""
    root = newsroom(tmp_path)
    before = record_of(root, "maluku")
    assert built(root, ["ambon"]) == ["desk", "maluku"]  # the desk: as for any news
    assert record_of(root, "maluku") == before
    assert built(root, []) == []


def test_a_news_site_that_left_a_release_out_records_nothing(
    tmp_path: Path, events: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = newsroom(tmp_path)
    (root / NEWS).write_text(release_text(title="Pasar Murah", date="2026-11-23 09:00"))
    real = releases.release_view

    def failing(placement, *args):  # type: ignore[no-untyped-def]
        if placement.release.id == "ambon/2026/pasar-murah":
            raise ValueError("rusak")
        return real(placement, *args)

    monkeypatch.setattr(releases, "release_view", failing)
    with pytest.raises(build.ReleasesLeftOut):
        built(root, ["ambon"])
    assert record_of(root, "maluku") is None
    monkeypatch.setattr(releases, "release_view", real)
    assert "maluku" in built(root, [])  # built again: its record said nothing
    assert built(root, []) == []
