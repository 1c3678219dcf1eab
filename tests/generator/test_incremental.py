"""An incremental build gives exactly the bytes of a clean build, and skips the sites
that nothing touched."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from generator.content.repository import find_layout
from generator.host import build
from generator.public.session import forget_sessions
from tests.conftest import FIXTURES, release_text
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_incremental_equals_clean_and_skips_untouched_sites(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    out = build_repo(root, NOW, "https://b.example/", out=root / "site")
    # One new release in Maluku, one edited and one withdrawn in Kalimantan Timur.
    (root / "content/releases/ambon/2026/pasar-murah.md").write_text(
        release_text(title="Pasar Murah", date="2026-11-23 09:00")
    )
    edited = root / "content/releases/kaltim/2026/raker-pranata-humas.md"
    edited.write_text(edited.read_text() + "\nParagraf tambahan.\n")
    gone = root / "content/releases/kutai-timur/2026/jalan-poros-sangatta.md"
    gone.write_text(
        gone.read_text().replace(
            "category: pengumuman",
            "category: pengumuman\nstatus: withdrawn\nwithdrawn_reason: Jadwal berubah.",
        )
    )
    # A new static page changes every page's footer: static pages built before must follow.
    (root / "content/pages/kebijakan.md").write_text("---\ntitle: Kebijakan\n---\nIsi.\n")
    incremental = build_repo(root, NOW, "https://b.example/", out=root / "site")
    # The clean build starts from a copy with no output and no caches at all.
    fresh = tmp_path / "bersih"
    shutil.copytree(root / "content", fresh / "content")
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    clean = build_repo(fresh, NOW, "https://b.example/", out=fresh / "site")
    assert incremental == out
    assert files(incremental) == files(clean)


def test_a_provinces_news_gives_the_bytes_of_a_clean_build(tmp_path: Path) -> None:
    """After a sync's news for a province (as `newsroom watch` builds: its sites weighed
    first, the others only while a worker is free), the desk and the province's site
    are what a clean build makes."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    out = build_repo(root, NOW, "https://b.example/", out=root / "site")
    (root / "content/releases/ambon/2026/pasar-murah.md").write_text(
        release_text(title="Pasar Murah", date="2026-11-23 09:00")
    )
    layout = find_layout(root)
    assert layout is not None
    forget_sessions()
    try:
        results = build.build(
            layout, [], out, now=NOW, base_url="https://b.example/", jobs=2, first=["ambon"]
        )
    finally:
        forget_sessions()
    assert sorted(r.site_id for r in results if not r.skipped) == ["desk", "maluku"]
    fresh = tmp_path / "bersih"
    shutil.copytree(root / "content", fresh / "content")
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    clean = build_repo(fresh, NOW, "https://b.example/", out=fresh / "site")
    assert files(out) == files(clean)


def test_a_new_release_rewrites_no_full_archive_page(tmp_path: Path) -> None:
    """Numbered archive pages that are full keep their bytes (and so their mtime) when
    a release arrives: only the archive's front page and its newest page change."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    folder = root / "content/releases/ambon/2026"
    for n in range(45):
        day = 1 + n % 28
        (folder / f"harga-{n:02d}.md").write_text(
            release_text(title=f"Harga Pangan {n}", date=f"2026-10-{day:02d} 08:{n:02d}")
        )
    out = build_repo(root, NOW, "https://b.example/", out=root / "site")
    pages = (out / "maluku/kategori/berita/halaman").glob("*/index.html")
    numbered = sorted(pages, key=lambda p: int(p.parent.name))
    assert len(numbered) >= 3
    before = {p: p.read_bytes() for p in numbered}
    (folder / "harga-baru.md").write_text(
        release_text(title="Harga Pangan Terbaru", date="2026-11-23 08:00")
    )
    build_repo(root, NOW, "https://b.example/", out=root / "site")
    changed = sorted(p.parent.name for p in numbered if p.read_bytes() != before[p])
    assert changed == [numbered[-1].parent.name]  # only the newest, not yet full, page


def test_untouched_sites_are_not_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    build_repo(root, NOW, "https://b.example/", out=root / "site")
    (root / "content/releases/ambon/2026/pasar-murah.md").write_text(
        release_text(title="Pasar Murah", date="2026-11-23 09:00")
    )
    forget_sessions()
    try:
        results = build.build(
            find_layout(root),
            [],
            root / "site",  # type: ignore[arg-type]
            now=NOW,
            base_url="https://b.example/",
            jobs=1,
        )
    finally:
        forget_sessions()
    rebuilt = sorted(r.site_id for r in results if not r.skipped)
    assert rebuilt == ["desk", "maluku"]  # not curated: the national site is untouched


def test_the_desk_rebuilt_from_its_memo_equals_a_clean_desk(tmp_path: Path) -> None:
    """The desk keeps its rows, day and office pages and search entries between builds
    (generator.desk.deskmemo). What a row or page shows besides its files must still reach
    it; each change below touches another release or office: curation, a decline, an
    office's name (one with releases, one without), the clock's "baru", the lift of an
    embargo, an office's sync health and validation errors, a release in a new month."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    config = root / "mkdocs.yml"  # the desk shows embargoed releases, "belum terbit"
    config.write_text(config.read_text() + "      desk: {show_embargoed: true}\n")
    runs = root / ".newsroom/runs"
    runs.mkdir(parents=True)
    record = {
        "finished": "2026-11-24T02:00:00Z",
        "offices": {"kutai-timur": {"new": ["kutai-timur/2026/jalan-poros-sangatta"]}},
    }
    (runs / "20261124T020000000000Z.json").write_text(json.dumps(record))
    offices = root / "content/offices.yml"  # an office with no release yet: no rows
    offices.write_text(
        offices.read_text()
        + '- id: bontang\n  name: Diskominfo Bontang\n  level: kota\n  province: "64"\n'
    )
    desk = dict(sites=["desk"], out=root / "site")
    before = files(build_repo(root, NOW, "https://b.example/", **desk) / "desk")  # type: ignore[arg-type]
    assert "nr-badge nr-new" in before["kantor/kutai-timur/index.html"].decode()
    assert "belum terbit" in before["kantor/kutai-timur/index.html"].decode()
    (root / "content/national/curation.yml").write_text(
        "featured:\n"
        "  - id: ambon/2026/festival-teluk-ambon\n"
        "    pinned: true\n"
        "    headline: Festival Teluk Ambon Tarik 20 Ribu Pengunjung\n"
        '    note: "Cek ulang <b>angka</b> pengunjung."\n'
        "declined:\n"
        "  - id: kutai-timur/2026/rapat-dibatalkan\n"
        "    note: Sudah diliput.\n"
    )
    renamed = offices.read_text().replace("Provinsi Kalimantan Timur", "Prov. Kaltim")
    # Markup and Markdown in a name: text in the pages, escaped in the search index.
    bontang = '"Diskominfo [Kota](javascript:alert(1)) <i>Bontang</i>"'
    offices.write_text(renamed.replace("Diskominfo Bontang", bontang))
    # An office page's facts: its sync health and its validation errors; and a new month.
    health = {"ambon": {"last_run": "2026-12-09T02:00:00Z", "last_error": "git: timeout"}}
    (root / ".newsroom/health.json").write_text(json.dumps(health))
    broken = root / "content/releases/komdigi/2026/rusak.md"
    broken.write_text(release_text(category="opini"))
    (root / "content/releases/ambon/2026/pasar-murah.md").write_text(
        release_text(title='"Pasar <img src=x onerror=alert(1)> Murah"', date="2026-12-08 09:00")
    )
    later = datetime(2026, 12, 9, 3, 0, tzinfo=UTC)  # past the embargo; "baru" is a week
    ours = files(build_repo(root, later, "https://b.example/", **desk) / "desk")  # type: ignore[arg-type]
    fresh = tmp_path / "bersih"
    for folder in ("content", ".newsroom"):
        shutil.copytree(root / folder, fresh / folder)
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    clean = files(build_repo(fresh, later, "https://b.example/", sites=["desk"]) / "desk")
    assert (root / ".cache/newsroom/desk-memo.pickle").is_file()
    assert ours.keys() == clean.keys()
    assert [name for name in ours if ours[name] != clean[name]] == []
    assert "nr-badge nr-new" not in ours["kantor/kutai-timur/index.html"].decode()
    assert "Sudah diliput." in ours["kantor/kutai-timur/index.html"].decode()
    assert "belum terbit" not in ours["kantor/kutai-timur/index.html"].decode()
    assert "Prov. Kaltim" in ours["kantor/kaltim/index.html"].decode()
    bontang_page = ours["kantor/bontang/index.html"].decode()
    assert ">Diskominfo [Kota](javascript:alert(1)) &lt;i&gt;Bontang&lt;/i&gt;</h1>" in bontang_page
    assert "git: timeout" in ours["kantor/ambon/index.html"].decode()
    assert "Kesalahan validasi: 1," in ours["kantor/komdigi/index.html"].decode()
    assert (
        "Pasar &lt;img src=x onerror=alert(1)&gt; Murah" in ours["hari/2026-12/index.html"].decode()
    )
    index = ours["search/search_index.json"].decode()
    assert "Pasar &lt;img src=x onerror=alert(1)&gt; Murah" in index and "<img" not in index
    assert gzip.decompress(ours["search/search_index.json.gz"]) == ours["search/search_index.json"]


def test_the_offices_report_keeps_no_row_past_what_it_counts(tmp_path: Path) -> None:
    """Within one day the desk keeps each office's row of the offices' report (its key:
    generator.report.offices._row_key). An embargo lifted and a release curated between
    two builds of that day still reach their offices' counts, as a clean desk shows."""
    # Each changes another office's row: the embargo Kutai Timur's, the curation Ambon's.
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    desk = dict(sites=["desk"], out=root / "site")
    morning = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)  # 08:30 WITA: under embargo
    before = files(build_repo(root, morning, "https://b.example/", **desk) / "desk")  # type: ignore[arg-type]
    # Ambon's one release taken off the national site: its row's national share drops.
    curation = "featured:\n  - id: kutai-timur/2026/perbup-jam-layanan\n"
    (root / "content/national/curation.yml").write_text(curation)
    lifted = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)  # 09:30 WITA, the same day
    ours = files(build_repo(root, lifted, "https://b.example/", **desk) / "desk")  # type: ignore[arg-type]
    fresh = tmp_path / "bersih"
    shutil.copytree(root / "content", fresh / "content")
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    clean = files(build_repo(fresh, lifted, "https://b.example/", sites=["desk"]) / "desk")
    report = "laporan/index.html"
    assert ours[report] == clean[report]
    assert ours[report] != before[report]


def test_a_desk_row_follows_where_its_release_came_from(tmp_path: Path) -> None:
    """A sync can change what the desk says of a file it leaves as it was: the office's
    source moved, a newer version of the same bytes (its state file alone changes); and
    what the sync said of the office's files (its run record alone). Kept rows and pages
    (generator.desk.deskmemo) follow each, as a clean desk shows."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    (root / "content/sync").mkdir()
    (root / ".newsroom/runs").mkdir(parents=True)
    health = {"ambon": {"last_run": "2026-11-24T02:00:00Z"}}  # synced before: looked up
    (root / ".newsroom/health.json").write_text(json.dumps(health))

    def state(source: str, commit: str) -> None:
        file = {"oid": "b10b", "commit": commit}
        found = {"source": source, "releases": {"releases/2026/festival-teluk-ambon.md": file}}
        (root / "content/sync/ambon.json").write_text(json.dumps(found))

    def run(said: list[str]) -> None:
        office = {"new": [], "problems": said, "problems_id": said}
        record = {"finished": "2026-11-24T02:00:00Z", "offices": {"ambon": office}}
        (root / ".newsroom/runs/20261124T020000000000Z.json").write_text(json.dumps(record))

    def desk() -> dict[str, bytes]:
        ours = files(
            build_repo(root, NOW, "https://b.example/", sites=["desk"], out=root / "site") / "desk"
        )
        fresh = tmp_path / "bersih"
        shutil.rmtree(fresh, ignore_errors=True)
        for folder in ("content", ".newsroom"):
            shutil.copytree(root / folder, fresh / folder)
        shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
        clean = files(build_repo(fresh, NOW, "https://b.example/", sites=["desk"]) / "desk")
        assert [name for name in ours if ours[name] != clean.get(name)] == []
        return ours

    state("https://git.ambon.example/lama.git", "c0ffee1")
    run([])
    assert "lama.git" in desk()["kantor/ambon/index.html"].decode()
    state("https://git.ambon.example/baru.git", "d00d2")
    office = desk()["kantor/ambon/index.html"].decode()
    assert "baru.git" in office and "d00d2" in office
    run(["rilis/x.md: ditolak"])
    assert "rilis/x.md: ditolak" in desk()["kantor/ambon/index.html"].decode()
