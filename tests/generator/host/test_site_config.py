"""mkdocs.yml renames, retitles and disables sites; central releases syndicate as told."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("sites", "message"),
    [
        ("maluku: {id: desk}", "'desk' is the editors' desk's folder"),
        ("maluku: {id: root}", "'root' names the output's root files"),
        ("maluku: {id: nasional}", "would both be built into 'nasional'/"),
        ("kalimantan-timur: {id: maluku}", "would both be built into 'maluku'/"),
        ("kaltim: {title: Kaltim}", "'kaltim' is not a site of this newsroom"),
        ("maluku: {id: Maluku Raya}", "is not a folder name"),
    ],
)
def test_a_site_config_that_would_overwrite_another_site_is_refused(
    tmp_path: Path, sites: str, message: str
) -> None:
    root = newsroom(tmp_path, f"      sites:\n        {sites}\n")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "newsroom"), "build", "--now", "2026-11-24T03:00:00Z"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Config value 'plugins'" in result.stderr or "sites" in result.stderr
    assert message in result.stderr
    assert not (root / "site").exists()


def test_a_disabled_site_frees_its_folder_for_another(tmp_path: Path) -> None:
    root = newsroom(
        tmp_path,
        "      sites:\n        maluku: {enabled: false}\n        kalimantan-timur: {id: maluku}\n",
    )
    out = build_repo(root, NOW, "https://b.example/")
    assert "Kalimantan Timur" in (out / "maluku" / "index.html").read_text()


def test_a_renamed_site_leaves_no_stale_pages_behind(tmp_path: Path) -> None:
    root = newsroom(tmp_path, "")
    out = build_repo(root, NOW, "https://b.example/")
    assert (out / "kalimantan-timur" / "index.html").is_file()
    (out / "kalimantan-timur" / "catatan-admin.txt").write_text("bukan buatan newsroom")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "      sites:\n        kalimantan-timur: {id: kaltim}\n")
    build_repo(root, NOW, "https://b.example/")
    assert (out / "kaltim" / "index.html").is_file()
    # Everything the old build made is gone; a file it did not make stays.
    left = [p.relative_to(out).as_posix() for p in (out / "kalimantan-timur").rglob("*")]
    assert left == ["kalimantan-timur/catatan-admin.txt"]
    assert "kalimantan-timur/" not in (out / "index.html").read_text()
    # An index `newsroom watch`'s run published there while the rename's build retired
    # the site: the next build removes it too.
    late = out / "kalimantan-timur" / "pagefind" / "pagefind-entry.json"
    late.parent.mkdir()
    late.write_text("{}")
    build_repo(root, NOW, "https://b.example/")
    left = [p.relative_to(out).as_posix() for p in (out / "kalimantan-timur").rglob("*")]
    assert left == ["kalimantan-timur/catatan-admin.txt"]
