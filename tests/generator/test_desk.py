"""The editors' desk (Material): badges, warnings, health, national feed; drafts and
embargoes only when configured; never linked from or copied into a public site."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, invoke, release_text
from tests.sitebuild import build_repo
from tests.sync.gitrepos import central_repo, commit, office_repo, write

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


def test_search_finds_a_visible_release(built: Path) -> None:
    index = json.loads((built / "desk/search/search_index.json").read_text())
    hits = [d for d in index["docs"] if "Festival Teluk Ambon" in d["title"] + d["text"]]
    assert hits, "a visible release's title is not in the desk's search index"
    assert all(not d["location"].startswith(("http", "/")) for d in hits)
    assert any(d["location"].startswith(("hari/", "kantor/")) for d in hits)


# --- the national feed as it will appear ----------------------------------------

RELEASE_ID = r"([a-z0-9-]+/\d{4}/[a-z0-9-]+)"


def public_ids(html: str) -> list[str]:
    return re.findall(rf'<h2><a href="[^"]*?{RELEASE_ID}/">', html)


def desk_ids(html: str) -> list[str]:
    return re.findall(rf"<small>{RELEASE_ID} ·", html)


def test_national_feed_is_exactly_what_the_national_home_lists(tmp_path: Path) -> None:
    root = newsroom(tmp_path)
    curation = root / "content/national/curation.yml"  # a withdrawn release, curated by hand
    curation.write_text(curation.read_text() + "  - id: kutai-timur/2026/rapat-dibatalkan\n")
    out = build_repo(root, NOW, BASE)
    home = (out / "nasional/index.html").read_text()
    public_picks, public_latest = home.split('id="pilihan"')[1].split("<h2>Terbaru</h2>")
    desk = (out / "desk/nasional/index.html").read_text()
    picks, rest = desk.split('id="pilihan-desk"')[1].split('id="terbaru')
    latest, hidden = rest.split('id="dikurasi')
    assert (
        desk_ids(picks)
        == public_ids(public_picks)
        == [
            "ambon/2026/festival-teluk-ambon",
            "kutai-timur/2026/perbup-jam-layanan",
        ]
    )
    assert desk_ids(latest) == public_ids(public_latest)
    assert {"komdigi/2026/literasi-digital-desa", "komdigi/2026/hoaks-bansos-pulsa"} <= set(
        desk_ids(latest)
    )  # central releases are on the national site without curation
    assert desk_ids(hidden) == ["kutai-timur/2026/rapat-dibatalkan"]
    assert 'class="nr-badge nr-withdrawn"' in hidden


# --- "new since last sync" and office health, from real sync runs ------------------

SYNC_1, SYNC_2 = "2026-11-24T01:00:00Z", "2026-11-24T02:00:00Z"


def row(html: str, needle: str) -> str:
    return next(r for r in html.split("<tr>")[1:] if needle in r)


def test_new_badge_and_office_health_come_from_real_sync_runs(tmp_path: Path) -> None:
    kutim = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {"releases/2026/rapat-koordinasi.md": release_text(title="Rapat Koordinasi Humas")},
    )
    missing = tmp_path / "tidak-ada"
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(kutim), "hilang": str(missing)})
    assert invoke(["sync", "--now", SYNC_1], central).exit_code == 1  # `hilang` fails
    out = build_repo(central, NOW, BASE, ["desk"])
    day = (out / "desk/hari/2026-04/index.html").read_text()
    assert 'class="nr-badge nr-new"' in row(day, "Rapat Koordinasi Humas")
    health = (out / "desk/kesehatan/index.html").read_text()
    ok, failing = row(health, "Kantor kutai-timur"), row(health, "Kantor hilang")
    assert ok.count(SYNC_1) == 2 and "11 April 2026" in ok and "nr-error" not in ok
    assert 'href="../kantor/kutai-timur/"' in ok and (out / "desk/kantor/kutai-timur").is_dir()
    assert SYNC_1 in failing and failing.count(SYNC_1) == 1 and "nr-error" in failing

    write(kutim, {"releases/2026/jalan-baru.md": release_text(title="Jalan Baru Diresmikan")})
    commit(kutim, "rilis baru")
    invoke(["sync", "--now", SYNC_2], central)
    out = build_repo(central, NOW, BASE, ["desk"])
    day = (out / "desk/hari/2026-04/index.html").read_text()
    assert 'class="nr-badge nr-new"' in row(day, "Jalan Baru Diresmikan")
    assert "nr-new" not in row(day, "Rapat Koordinasi Humas")  # new in the sync before
    health = (out / "desk/kesehatan/index.html").read_text()
    ok, failing = row(health, "Kantor kutai-timur"), row(health, "Kantor hilang")
    assert ok.count(SYNC_2) == 2 and SYNC_1 not in ok
    assert SYNC_2 in failing and SYNC_1 not in failing and "nr-error" in failing
    office = (out / "desk/kantor/hilang/index.html").read_text()
    assert f"Sinkronisasi terakhir: {SYNC_2}, berhasil terakhir: -" in office
