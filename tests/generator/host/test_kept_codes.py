"""The bulletins' QR codes a site worker makes are handed back to the building process,
so its next build's workers fork with them: `newsroom watch` does not make a week's
codes again (7 ms each) at every release of that week."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.host import siteresult
from generator.public import bulletinview
from tests.conftest import FIXTURES, release_text
from tests.generator.host.test_documents_later import NOW, URL, build_with
from tests.sitebuild import build_repo


def made_by_workers(root: Path) -> dict[str, dict[str, str]]:
    """Each rebuilt site's codes made in its worker, by site."""
    made: dict[str, dict[str, str]] = {}

    def pages_out(results: list[siteresult.SiteResult]) -> None:
        made.update((r.site_id, r.codes) for r in results if not r.skipped)

    build_with(root, pages_out)
    return made


def built_golden(tmp_path: Path) -> Path:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    build_repo(root, NOW, URL, out=root / "site")
    return root


def test_a_workers_codes_are_kept_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = built_golden(tmp_path)
    monkeypatch.setattr(bulletinview, "_codes", {})  # as a service just started
    monkeypatch.setattr(bulletinview, "_new_codes", {})
    # As many missing as a service's first build: each made by the workers that print it.
    monkeypatch.setattr(bulletinview, "PREMADE_AT_MOST", 0)
    week = root / "content/releases/kutai-timur/2026"
    (week / "banjir-sangatta.md").write_text(
        release_text(title="Banjir Sangatta Surut", date="2026-11-24 09:00")
    )
    first = made_by_workers(root)["kalimantan-timur"]
    new = f"{URL}kalimantan-timur/kutai-timur/2026/banjir-sangatta/"
    assert new in first and len(first) > 1, "every code of the week's edition, made there"
    assert set(first) <= set(bulletinview._codes), "kept by the building process"

    (week / "jalan-desa.md").write_text(
        release_text(title="Jalan Desa Diperbaiki", date="2026-11-24 10:00")
    )
    second = made_by_workers(root)["kalimantan-timur"]
    assert list(second) == [f"{URL}kalimantan-timur/kutai-timur/2026/jalan-desa/"]
    page = root / "site/kalimantan-timur/buletin/2026-w48/index.html"
    assert first[new][0] in page.read_text(encoding="utf-8")  # a kept code, printed as made


def test_a_new_central_releases_code_is_made_once_before_the_sites_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = built_golden(tmp_path)
    made: list[str] = []
    make = bulletinview._make_code

    def counted(url: str) -> object:
        made.append(url)
        return make(url)

    monkeypatch.setattr(bulletinview, "_make_code", counted)
    week = root / "content/releases/komdigi/2026"
    (week / "sinyal-desa.md").write_text(
        release_text(title="Sinyal Sampai ke Desa", date="2026-11-24 09:00")
    )
    by_site = made_by_workers(root)
    new = f"{URL}nasional/komdigi/2026/sinyal-desa/"
    assert made == [new], "made once, here, before the sites forked"
    assert len(by_site) > 2 and not any(new in codes for codes in by_site.values())
    for site in ("nasional", "kalimantan-timur", "maluku"):
        page = root / f"site/{site}/buletin/2026-w48/index.html"
        assert bulletinview._codes[new].svg in page.read_text(encoding="utf-8")
