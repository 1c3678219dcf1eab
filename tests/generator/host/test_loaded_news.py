"""A cron `newsroom build` finds its news where the service is told it: the offices
whose release files the load found new, changed or gone. Their sites are weighed, and
handed to a worker, first (generator.host.build): after one release in Ambon, Maluku's
pages do not wait while the national site and the provinces before it are weighed."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.repository import find_layout
from generator.host import build
from generator.public import fingerprint
from generator.public.session import forget_sessions
from generator.public.sites import Site
from tests.conftest import FIXTURES, release_text

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
AMBON = "content/releases/ambon/2026"


def cron_build(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The sites a build with no news given weighed, in that order, and those it wrote."""
    weighed: list[str] = []
    weigh = fingerprint.SiteFingerprints.of

    def of(self: fingerprint.SiteFingerprints, site: Site) -> str:
        weighed.append(site.id)
        return weigh(self, site)

    monkeypatch.setattr(fingerprint.SiteFingerprints, "of", of)
    layout = find_layout(root)
    assert layout is not None
    forget_sessions()
    try:
        results = build.build(layout, [], root / "site", now=NOW, jobs=2)
    finally:
        forget_sessions()
        monkeypatch.undo()
    return weighed, sorted(r.site_id for r in results if not r.skipped)


def test_a_cron_build_weighs_first_the_sites_of_the_files_it_found_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    cold, _ = cron_build(root, monkeypatch)
    # Every file is new to a first build (nothing cached): none is news, the usual order.
    assert cold[0] == "nasional" and cold.index("kalimantan-timur") < cold.index("maluku")
    assert cron_build(root, monkeypatch) == (cold, [])  # nothing changed: the same order

    (root / AMBON / "pasar-murah.md").write_text(
        release_text(title="Pasar Murah", date="2026-11-23 09:00")
    )
    weighed, written = cron_build(root, monkeypatch)
    assert weighed[0] == "maluku" and sorted(weighed) == sorted(cold)
    assert written == ["desk", "maluku"]

    (root / AMBON / "pasar-murah.md").unlink()  # a file gone is news too
    weighed, written = cron_build(root, monkeypatch)
    assert weighed[0] == "maluku" and written == ["desk", "maluku"]
