"""The editors' desk (Material): badges, warnings, health, national feed; drafts and
embargoes only when configured; never linked from or copied into a public site."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, release_text
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
BASE = "https://berita.example.go.id/"


def newsroom(tmp_path: Path, desk_options: str = "") -> Path:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    if desk_options:
        config = (root / "mkdocs.yml").read_text()
        (root / "mkdocs.yml").write_text(config + f"      desk: {{{desk_options}}}\n")
    broken = root / "content/releases/kaltim/2026/rusak.md"
    broken.write_text(release_text(category="opini"))
    return root


def desk_text(out: Path) -> str:
    return "\n".join(p.read_text() for p in sorted((out / "desk").rglob("*.html")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_repo(newsroom(tmp_path_factory.mktemp("desk")), NOW, BASE)


def test_desk_shows_every_public_release_with_badges(built: Path) -> None:
    html = desk_text(built)
    for needle in (
        "Pemkab Kutai Timur Sosialisasikan Perbup",
        "Festival Teluk Ambon",
        "Rapat Koordinasi Banjir Dibatalkan",
    ):
        assert needle in html
    for badge in ("nr-proposed", "nr-curated", "nr-pinned", "nr-withdrawn", "nr-corrected"):
        assert f'class="nr-badge {badge}"' in html, badge
    assert "&lt;script&gt;" in html and "Tautan <script>" not in html


def test_desk_lists_warnings_and_office_health(built: Path) -> None:
    warnings = (built / "desk/peringatan/index.html").read_text()
    assert "rusak.md:4: category: bukan pilihan yang sah" in warnings
    health = (built / "desk/kesehatan/index.html").read_text()
    assert "Diskominfo Staper Kabupaten Kutai Timur" in health
    national = (built / "desk/nasional/index.html").read_text()
    assert national.index("Festival Teluk Ambon Tarik 20 Ribu") < national.index("Perbup")


def test_drafts_and_embargoes_stay_off_the_desk_by_default(built: Path) -> None:
    html = desk_text(built)
    search = (built / "desk/search/search_index.json").read_text()
    for hidden in ("Draf Pelatihan Jurnalistik Warga", "Rancangan APBD 2027"):
        assert hidden not in html and hidden not in search


def test_desk_can_show_embargoes_and_drafts(tmp_path: Path) -> None:
    out = build_repo(
        newsroom(tmp_path, "show_embargoed: true, show_drafts: true"), NOW, BASE, ["desk"]
    )
    html = desk_text(out)
    assert (
        "Rancangan APBD 2027" in html and "embargo s.d. Rabu, 25 November 2026 09.00 WITA" in html
    )
    assert "Draf Pelatihan Jurnalistik Warga" in html and 'class="nr-badge nr-draft"' in html
    public = [p for p in out.iterdir() if p.is_dir() and p.name != "desk"]
    assert public == []  # --site desk builds only the desk


def test_desk_is_private_and_never_in_public_sites(built: Path) -> None:
    assert (
        '<meta name="robots" content="noindex,nofollow">' in (built / "desk/index.html").read_text()
    )
    index = (built / "index.html").read_text()
    assert "desk" not in index
    for page in built.rglob("*"):
        if (
            page.is_file()
            and "desk" not in page.relative_to(built).parts[:1]
            and page.suffix in (".html", ".xml", ".json", ".txt")
        ):
            assert "/desk/" not in page.read_text(errors="replace"), page
    json.loads((built / "desk/search/search_index.json").read_text())
