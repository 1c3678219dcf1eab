"""mkdocs.yml renames, retitles and disables sites; central releases syndicate as told."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import FIXTURES
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def newsroom(tmp_path: Path, extra: str) -> Path:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + extra)
    return root


def test_sites_renamed_retitled_and_disabled(tmp_path: Path) -> None:
    root = newsroom(
        tmp_path,
        "      sites:\n"
        "        kalimantan-timur: {id: kaltim, title: Berita Kaltim}\n"
        "        maluku: {enabled: false}\n",
    )
    out = build_repo(root, NOW, "https://b.example/")
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["desk", "kaltim", "nasional"]
    home = (out / "kaltim" / "index.html").read_text()
    assert "<title>Beranda · Berita Kaltim</title>" in home
    copy = (out / "nasional/kutai-timur/2026/perbup-jam-layanan/index.html").read_text()
    assert 'href="https://b.example/kaltim/kutai-timur/2026/perbup-jam-layanan/"' in copy


def test_curated_syndication_sends_only_curated_central_releases(tmp_path: Path) -> None:
    root = newsroom(tmp_path, "      syndication: curated\n")
    out = build_repo(root, NOW, "https://b.example/")
    assert not (out / "maluku/komdigi/2026/literasi-digital-desa").exists()
    assert (out / "nasional/komdigi/2026/literasi-digital-desa/index.html").is_file()
