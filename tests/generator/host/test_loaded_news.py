"""A cron `newsroom build` finds its news where the service is told it: the offices
whose release files the load found new, changed or gone. Their sites are handed to a
worker first, and weighed once the others are (generator.host.build): after one release
in Ambon, Maluku's pages do not wait while any site, its own included, is weighed."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.repository import find_layout
from generator.host import build
from generator.host.siterunner import SiteRunner
from generator.public import fingerprint
from generator.public.session import forget_sessions
from generator.public.sites import Site
from tests.conftest import FIXTURES, release_text

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
AMBON = "content/releases/ambon/2026"


def cron_build(
    root: Path, monkeypatch: pytest.MonkeyPatch, handed: list[str] | None = None
) -> tuple[list[str], list[str]]:
    """The sites a build with no news given weighed, in that order, and those it wrote;
    in `handed`, the public sites it handed to a worker, in that order."""
    weighed: list[str] = []
    weigh, submit = fingerprint.SiteFingerprints.of, SiteRunner.submit

    def of(self: fingerprint.SiteFingerprints, site: Site) -> str:
        weighed.append(site.id)
        return weigh(self, site)

    def submitted(self: SiteRunner[build.Target, object], target: build.Target) -> None:
        if handed is not None and target.site_dir is not None and target.desk is None:
            handed.append(target.site_dir.name)
        submit(self, target)  # type: ignore[arg-type]

    monkeypatch.setattr(fingerprint.SiteFingerprints, "of", of)
    monkeypatch.setattr(SiteRunner, "submit", submitted)
    layout = find_layout(root)
    assert layout is not None
    forget_sessions()
    try:
        results = build.build(layout, [], root / "site", now=NOW, jobs=2)
    finally:
        forget_sessions()
        monkeypatch.undo()
    return weighed, sorted(r.site_id for r in results if not r.skipped)


def test_a_cron_build_hands_over_first_the_sites_of_the_files_it_found_changed(
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
    handed: list[str] = []
    weighed, written = cron_build(root, monkeypatch, handed)
    assert handed == ["maluku"] and written == ["desk", "maluku"]
    assert weighed[-1] == "maluku" and sorted(weighed) == sorted(cold)

    (root / AMBON / "pasar-murah.md").unlink()  # a file gone is news too
    handed.clear()
    weighed, written = cron_build(root, monkeypatch, handed)
    assert handed == ["maluku"] and weighed[-1] == "maluku" and written == ["desk", "maluku"]
