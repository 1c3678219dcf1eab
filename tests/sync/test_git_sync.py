"""newsroom sync from real git repositories made in temporary folders."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.cli.sync import sync_table
from generator.content.repository import CENTRAL, Layout, load_repository
from generator.content.runrecords import arrivals, latest_run
from generator.content.sourceurl import public_source, public_url
from sync.apply import RETAIN_BYTES, OfficeResult
from sync.offer import MAX_IMAGE_BYTES
from sync.runner import Options, sync
from sync.sources.git import GitError, GitSource
from tests.conftest import invoke, make_png, release_text
from tests.sync.gitrepos import (
    central_repo,
    commit,
    git,
    git_over_http,
    office_repo,
    tree_files,
    write,
)


def run(central: Path, now: datetime | None = None, **options: object) -> dict[str, object]:
    """Sync at `now` (default: the time it starts)."""
    when = now or datetime.now(UTC)
    results = sync(Layout(central, CENTRAL), Options(now=when, **options))  # type: ignore[arg-type]
    return {r.office: r for r in results}


@pytest.fixture
def newsroom(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Two offices (kutai-timur, balikpapan) and a central repository syncing both."""
    kutim = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/rapat-koordinasi.md": release_text(title="Rapat Koordinasi"),
            "releases/2026/jalan-poros.md": release_text(
                title="Jalan Poros", image="{src: assets/jalan.png, alt: Jalan poros}"
            ),
            "releases/2025/sekolah-terapung.md": release_text(
                title="Sekolah Terapung", date="2025-09-22 10:00"
            ),
            "assets/jalan.png": make_png(8, 6),
        },
    )
    bpp = office_repo(
        tmp_path / "bpp",
        "balikpapan",
        {
            "releases/2026/air-bersih.md": release_text(title="Air Bersih"),
        },
    )
    central = central_repo(
        tmp_path / "pusat", {"kutai-timur": str(kutim), "balikpapan": f"file://{bpp}"}
    )
    return central, kutim, bpp


def test_new_releases_and_assets_arrive_in_each_namespace(
    newsroom: tuple[Path, Path, Path],
) -> None:
    central, _, _ = newsroom
    results = run(central)
    assert sorted(results["kutai-timur"].new) == [  # type: ignore[attr-defined]
        "kutai-timur/2025/sekolah-terapung",
        "kutai-timur/2026/jalan-poros",
        "kutai-timur/2026/rapat-koordinasi",
    ]
    assert results["balikpapan"].new == ["balikpapan/2026/air-bersih"]  # type: ignore[attr-defined]
    content = central / "content"
    assert (content / "assets" / "kutai-timur" / "jalan.png").read_bytes() == make_png(8, 6)
    repo = load_repository(Layout(central, CENTRAL))
    assert repo.report.errors == [] and len(repo.releases) == 4
    state = (content / "sync" / "kutai-timur.json").read_text()
    assert '"releases/2026/jalan-poros.md"' in state


def test_changed_release_is_updated_and_others_untouched(
    newsroom: tuple[Path, Path, Path],
) -> None:
    central, kutim, _ = newsroom
    run(central)
    untouched = central / "content/releases/kutai-timur/2026/jalan-poros.md"
    before = untouched.stat().st_mtime_ns
    write(kutim, {"releases/2026/rapat-koordinasi.md": release_text(title="Rapat Diubah")})
    commit(kutim, "ubah judul")
    results = run(central)
    assert results["kutai-timur"].updated == ["kutai-timur/2026/rapat-koordinasi"]  # type: ignore[attr-defined]
    assert results["kutai-timur"].new == []  # type: ignore[attr-defined]
    assert (
        "Rapat Diubah"
        in (central / "content/releases/kutai-timur/2026/rapat-koordinasi.md").read_text()
    )
    assert untouched.stat().st_mtime_ns == before


def test_removed_release_becomes_withdrawn_not_deleted(newsroom: tuple[Path, Path, Path]) -> None:
    central, kutim, _ = newsroom
    run(central)
    git(kutim, "rm", "-q", "releases/2025/sekolah-terapung.md")
    head = commit(kutim, "hapus")
    results = run(central)
    assert results["kutai-timur"].withdrawn == ["kutai-timur/2025/sekolah-terapung"]  # type: ignore[attr-defined]
    text = (central / "content/releases/kutai-timur/2025/sekolah-terapung.md").read_text()
    assert "status: withdrawn" in text and "Sekolah Terapung" in text
    # The version it left at is the desk's (the sync's state), not the public reason's.
    assert head[:12] not in text
    state = json.loads((central / "content/sync/kutai-timur.json").read_text())
    assert state["releases"]["releases/2025/sekolah-terapung.md"]["withdrawn"] == head
    repo = load_repository(Layout(central, CENTRAL))
    assert repo.report.errors == []
    withdrawn = repo.release("kutai-timur/2025/sekolah-terapung")
    assert withdrawn is not None and withdrawn.meta.status == "withdrawn"


@pytest.mark.parametrize(
    ("date", "withdrawn_at"),
    [
        # The sync's clock, 24 Nov 2026 02:30 UTC, on Kutai Timur's wall clock (WITA).
        ("2025-09-22 10:00", "2026-11-24 10:30:00"),
        # Dated later than the sync (published ahead of its date, by less than the day
        # generator.content.ahead allows): never before `date`.
        ("2026-11-25 09:00", "2026-11-25 09:00:00"),
    ],
)
def test_a_release_removed_upstream_is_withdrawn_at_the_syncs_clock(
    tmp_path: Path, date: str, withdrawn_at: str
) -> None:
    now = datetime(2026, 11, 24, 2, 30, 0, 123456, tzinfo=UTC)
    year = date[:4]
    office = office_repo(
        tmp_path / "kantor",
        "kutai-timur",
        {f"releases/{year}/sekolah.md": release_text(title="Sekolah", date=date)},
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    run(central, now)
    write(office, {"releases/2026/lain.md": release_text(title="Lain")})
    git(office, "rm", "-q", f"releases/{year}/sekolah.md")
    commit(office, "hapus")
    run(central, now, allow_mass_withdraw=True)
    text = (central / f"content/releases/kutai-timur/{year}/sekolah.md").read_text()
    assert f"\nwithdrawn_at: {withdrawn_at}\n" in text
    repo = load_repository(Layout(central, CENTRAL))
    assert repo.report.errors == []
    release = repo.release(f"kutai-timur/{year}/sekolah")
    assert release is not None and release.meta.status == "withdrawn"
    wita = release.office.zone.tz
    assert release.withdrawn == datetime.fromisoformat(withdrawn_at).replace(tzinfo=wita)


def test_runs_at_one_pinned_clock_each_keep_their_record(
    newsroom: tuple[Path, Path, Path],
) -> None:
    central, kutim, _ = newsroom
    now = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
    run(central, now)
    git(kutim, "rm", "-q", "releases/2025/sekolah-terapung.md")
    commit(kutim, "hapus")
    run(central, now)
    records = sorted((central / ".newsroom" / "runs").glob("*.json"))
    assert [p.name for p in records] == [
        "20261124T023000000000Z.json",
        "20261124T023000000000Z~0002.json",
    ]
    assert latest_run(central)["offices"]["kutai-timur"]["withdrawn"] == [
        "kutai-timur/2025/sekolah-terapung"
    ]
    assert "kutai-timur/2026/jalan-poros" in arrivals(central, now)


def test_withdrawn_release_keeps_its_provenance(newsroom: tuple[Path, Path, Path]) -> None:
    central, kutim, _ = newsroom
    run(central)
    last_seen = git(kutim, "rev-parse", "HEAD")
    git(kutim, "rm", "-q", "releases/2025/sekolah-terapung.md")
    commit(kutim, "hapus")
    run(central)
    withdrawn = load_repository(Layout(central, CENTRAL)).release(
        "kutai-timur/2025/sekolah-terapung"
    )
    assert withdrawn is not None and withdrawn.provenance is not None
    assert withdrawn.provenance.describe() == (
        f"kutim · releases/2025/sekolah-terapung.md · versi {last_seen[:12]}"
    )


def test_withdrawn_release_restored_upstream_comes_back(
    newsroom: tuple[Path, Path, Path],
) -> None:
    central, kutim, _ = newsroom
    run(central)
    target = central / "content/releases/kutai-timur/2025/sekolah-terapung.md"
    original = target.read_bytes()
    git(kutim, "rm", "-q", "releases/2025/sekolah-terapung.md")
    commit(kutim, "hapus")
    run(central)
    git(kutim, "revert", "--no-edit", "HEAD")  # the same blob comes back
    results = run(central)
    assert results["kutai-timur"].updated == ["kutai-timur/2025/sekolah-terapung"]  # type: ignore[attr-defined]
    assert target.read_bytes() == original
    commit(central, "sinkronisasi")
    again = run(central)
    assert not again["kutai-timur"].updated and git(central, "status", "--porcelain") == ""  # type: ignore[attr-defined]


def test_mass_withdrawal_stops_the_office_until_confirmed(
    newsroom: tuple[Path, Path, Path],
) -> None:
    central, kutim, _ = newsroom
    run(central)
    git(kutim, "rm", "-q", "-r", "releases/2026")
    commit(kutim, "hapus hampir semua")
    snapshot = tree_files(central / "content")
    results = run(central)
    assert results["kutai-timur"].error == "mass_withdraw"  # type: ignore[attr-defined]
    assert results["balikpapan"].ok  # type: ignore[attr-defined]
    assert tree_files(central / "content") == snapshot
    confirmed = run(central, allow_mass_withdraw=True)
    assert len(confirmed["kutai-timur"].withdrawn) == 2  # type: ignore[attr-defined]


def test_second_run_with_nothing_new_changes_no_file(newsroom: tuple[Path, Path, Path]) -> None:
    central, _, _ = newsroom
    run(central)
    commit(central, "sinkronisasi pertama")
    results = run(central)
    assert all(not (r.new or r.updated or r.withdrawn) for r in results.values())  # type: ignore[attr-defined]
    assert git(central, "status", "--porcelain") == ""


def test_unreachable_office_fails_alone(newsroom: tuple[Path, Path, Path], tmp_path: Path) -> None:
    central, _, _ = newsroom
    offices = (central / "content/offices.yml").read_text()
    offices += (
        '- id: hilang\n  name: Kantor Hilang\n  level: kota\n  province: "64"\n'
        f'  source: {{git: "{tmp_path / "tidak-ada"}"}}\n'
    )
    (central / "content/offices.yml").write_text(offices)
    results = run(central)
    assert results["hilang"].error  # type: ignore[attr-defined]
    assert results["kutai-timur"].ok and len(results["kutai-timur"].new) == 3  # type: ignore[attr-defined]


def test_cli_table_exit_codes_and_dry_run(newsroom: tuple[Path, Path, Path]) -> None:
    central, _, _ = newsroom
    dry = invoke(["sync", "--dry-run", "--lang", "en"], central)
    assert dry.exit_code == 0, dry.output
    assert "kutai-timur  3" in dry.output and "dry run" in dry.output
    assert not (central / "content" / "releases").exists()
    real = invoke(["sync", "--office", "balikpapan"], central)
    assert real.exit_code == 0 and "balikpapan  1" in real.output
    assert not (central / "content/releases/kutai-timur").exists()
    assert invoke(["sync", "--office", "tidak-ada"], central).exit_code == 2


@pytest.mark.parametrize(
    ("url", "stored", "shown"),
    [
        (
            "https://user:rahasia@git.example.go.id/humas.git",
            "https://git.example.go.id/humas.git",
            None,
        ),
        (
            "https://ghp_token@github.com/humas/rilis.git",
            "https://github.com/humas/rilis.git",
            None,
        ),
        (
            "https://kantor.example/feed.json?token=rahasia#x",
            "https://kantor.example/feed.json",
            None,
        ),
        ("ssh://git@git.example.go.id/humas.git", "ssh://git.example.go.id/humas.git", None),
        ("git@git.example.go.id:humas/rilis.git", "git.example.go.id:humas/rilis.git", None),
        ("/srv/git/humas.git", "/srv/git/humas.git", "humas.git"),
        ("/srv/git/kutim/", "/srv/git/kutim/", "kutim"),
        ("file:///srv/git/kutim.git", "file:///srv/git/kutim.git", "kutim.git"),
    ],
)
def test_credentials_and_server_paths_never_reach_public_pages(
    url: str, stored: str, shown: str | None
) -> None:
    assert public_url(url) == stored
    assert public_source(url) == (shown or stored)
    assert public_source(public_source(url)) == public_source(url)  # an old state, loaded


def test_release_page_shows_where_it_came_from(newsroom: tuple[Path, Path, Path]) -> None:
    from tests.sitebuild import build_repo

    central, kutim, _ = newsroom
    run(central)
    head = git(kutim, "rev-parse", "HEAD")
    out = build_repo(
        central, datetime(2026, 11, 24, tzinfo=UTC), "https://b.example/", ["kalimantan-timur"]
    )
    page = (out / "kalimantan-timur/kutai-timur/2026/rapat-koordinasi/index.html").read_text()
    # Words and a date for readers; the version is the desk's (see tests/sync/test_copies.py).
    assert "Asal berkas: Disalin dari repositori kutim (releases/2026/rapat-koordinasi.md)" in page
    assert head[:12] not in page
    # The central server's folders are nobody's business, not even from an older state.
    assert str(kutim.parent) not in page
    state = central / "content/sync/kutai-timur.json"
    state.write_text(state.read_text().replace('"source": "kutim"', f'"source": "{kutim}"'))
    again = build_repo(
        central,
        datetime(2026, 11, 24, tzinfo=UTC),
        "https://b.example/",
        ["kalimantan-timur"],
        out=central / "site-lagi",
    )
    page = (again / "kalimantan-timur/kutai-timur/2026/rapat-koordinasi/index.html").read_text()
    assert "repositori kutim (" in page and str(kutim.parent) not in page


def test_a_broken_registry_stops_the_sync_with_exit_2(newsroom: tuple[Path, Path, Path]) -> None:
    central, _, _ = newsroom
    registry = central / "content/offices.yml"
    registry.write_text(registry.read_text().replace("level: kabupaten", "level: desa", 1))
    result = invoke(["sync", "--lang", "en"], central)
    assert result.exit_code == 2
    assert "offices.yml:3: level: is not one of the allowed values (got 'desa')" in result.output
    assert not (central / "content/releases").exists()


NEWSROOM = Path(sys.executable).parent / "newsroom"


def newsroom_sync(central: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `newsroom sync` command, as a user runs it."""
    return subprocess.run(
        [str(NEWSROOM), "sync", "--lang", "en", *args],
        cwd=central,
        capture_output=True,
        text=True,
        timeout=120,
    )


def add_office(central: Path, office_id: str, source: Path) -> None:
    registry = central / "content/offices.yml"
    registry.write_text(
        registry.read_text()
        + f'- id: {office_id}\n  name: Kantor {office_id}\n  level: kota\n  province: "64"\n'
        f'  source: {{git: "{source}"}}\n'
    )


def test_cli_exits_1_when_one_office_fails_and_applies_the_others(
    newsroom: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    central, _, _ = newsroom
    add_office(central, "hilang", tmp_path / "tidak-ada")
    done = newsroom_sync(central)
    assert done.returncode == 1, done.stdout + done.stderr
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines() if line}
    assert rows["kutai-timur"][1:] == ["3", "0", "0", "0", "-"]
    assert rows["balikpapan"][1:] == ["1", "0", "0", "0", "-"]
    assert "repository was not found" in " ".join(rows["hilang"])
    assert "[3] " in done.stderr and "hilang: FAILED" in done.stderr
    assert (central / "content/releases/balikpapan/2026/air-bersih.md").is_file()
    assert (central / "content/releases/kutai-timur/2026/jalan-poros.md").is_file()


def test_dry_run_writes_nothing_in_content_and_no_run_record(
    newsroom: tuple[Path, Path, Path],
) -> None:
    central, kutim, _ = newsroom
    run(central)
    commit(central, "sinkronisasi pertama")
    git(kutim, "rm", "-q", "releases/2025/sekolah-terapung.md")
    write(kutim, {"releases/2026/rapat-koordinasi.md": release_text(title="Rapat Diubah")})
    write(kutim, {"releases/2026/pasar.md": release_text(title="Pasar")})
    commit(kutim, "ubah, hapus, tambah")
    content, records = tree_files(central / "content"), tree_files(central / ".newsroom")
    done = newsroom_sync(central, "--dry-run")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^kutai-timur +1 +1 +1 +0 +-$", done.stdout, re.M), done.stdout
    assert "(dry run: nothing was written)" in done.stdout
    # Which ones, not only how many: with the table, in its language, not among the progress.
    assert "Would change (+ new, ~ updated, - withdrawn):" in done.stdout
    assert re.findall(r"^    ([-+~]) (\S+)$", done.stdout, re.M) == [
        ("+", "kutai-timur/2026/pasar"),
        ("~", "kutai-timur/2026/rapat-koordinasi"),
        ("-", "kutai-timur/2025/sekolah-terapung"),
    ], done.stdout
    assert not re.search(r"^    [-+~] ", done.stderr, re.M)
    assert tree_files(central / "content") == content
    assert tree_files(central / ".newsroom") == records  # no run record, no health, no notes
    assert git(central, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("lang", "legend", "note"),
    [
        (
            "id",
            "Akan berubah (+ baru, ~ diperbarui, - ditarik):",
            "(uji coba: tidak ada yang ditulis)",
        ),
        ("en", "Would change (+ new, ~ updated, - withdrawn):", "(dry run: nothing was written)"),
    ],
)
def test_the_dry_run_table_lists_the_ids_in_its_language(lang: str, legend: str, note: str) -> None:
    results = [
        OfficeResult("ambon", new=["ambon/2026/b", "ambon/2026/a"]),
        OfficeResult(
            "kutai-timur", updated=["kutai-timur/2026/c"], withdrawn=["kutai-timur/2025/d"]
        ),
    ]
    lines = sync_table(results, lang, dry_run=True).splitlines()
    assert lines[3:] == [
        legend,
        "    + ambon/2026/a",
        "    + ambon/2026/b",
        "    ~ kutai-timur/2026/c",
        "    - kutai-timur/2025/d",
        note,
    ]
    assert legend not in sync_table(results, lang, dry_run=False)  # a real run has its records


def test_jobs_2_syncs_several_offices_and_shows_progress(tmp_path: Path) -> None:
    names = ["balikpapan", "berau", "bontang", "paser", "samarinda"]
    offices = {
        name: str(
            office_repo(tmp_path / name, name, {"releases/2026/rilis.md": release_text(title=name)})
        )
        for name in names
    }
    central = central_repo(tmp_path / "pusat", offices)
    done = newsroom_sync(central, "--jobs", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    progress = re.findall(r"^\[(\d+)\] ([a-z-]+): OK \(\d+\.\d\d s\)$", done.stderr, re.M)
    assert [int(n) for n, _ in progress] == [1, 2, 3, 4, 5]
    assert sorted(office for _, office in progress) == names
    for name in names:
        assert re.search(rf"^{name} +1 +0 +0 +0 +-$", done.stdout, re.M), done.stdout
        assert (central / f"content/releases/{name}/2026/rilis.md").is_file()


def test_oversized_and_symlinked_assets_are_refused(tmp_path: Path) -> None:
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/jalan.md": release_text(
                title="Jalan", image="{src: assets/jalan.png, alt: Jalan}"
            ),
            "assets/jalan.png": make_png(8, 6),
            "assets/besar.png": make_png(8, 6) + b"\0" * MAX_IMAGE_BYTES,
        },
    )
    (office / "assets/tautan.png").symlink_to("/etc/passwd")
    (office / "assets/dalam.pdf").symlink_to("../releases/2026/jalan.md")
    commit(office, "aset")
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert result.ok and result.new == ["kutai-timur/2026/jalan"]
    refused = {(p.path.split(":", 1)[1], p.code) for p in result.problems}
    assert {
        ("assets/besar.png", "asset_refused"),
        ("assets/tautan.png", "symlink"),
        ("assets/dalam.pdf", "symlink"),
    } <= refused, refused
    assert sorted(tree_files(central / "content/assets/kutai-timur")) == ["jalan.png"]


def test_an_image_that_is_no_image_is_refused_at_sync_as_check_refuses_it(
    tmp_path: Path,
) -> None:
    """A phone's HEIC photo named .jpg: the writer hears it from the sync, not only from
    the central check after, and the office's other releases still arrive."""
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
    office = office_repo(
        tmp_path / "kutim",
        "kutai-timur",
        {
            "releases/2026/banjir.md": release_text(
                title="Banjir", image="{src: assets/banjir.jpg, alt: Banjir}"
            ),
            "releases/2026/jalan.md": release_text(
                title="Jalan", image="{src: assets/jalan.png, alt: Jalan}"
            ),
            "assets/banjir.jpg": heic,
            "assets/jalan.png": make_png(8, 6),
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    (dry,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), dry_run=True))
    assert dry.rejected == ["releases/2026/banjir.md"]
    assert not (central / "content/assets/kutai-timur").exists()  # a dry run writes nothing
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert result.ok and result.new == ["kutai-timur/2026/jalan"]
    assert result.rejected == ["releases/2026/banjir.md"]
    assert [p.code for p in result.problems if p.code == "image_unreadable"] == ["image_unreadable"]
    # Every asset arrives as it is (a release may name it once fixed), read once.
    assets = tree_files(central / "content/assets/kutai-timur")
    assert assets == {"banjir.jpg": heic, "jalan.png": make_png(8, 6)}
    repo = load_repository(Layout(central, CENTRAL))  # the central check agrees
    assert [r.id for r in repo.releases] == ["kutai-timur/2026/jalan"]
    assert not repo.report.errors
    # The photo fixed upstream (measured from the source again): the release arrives.
    write(office, {"assets/banjir.jpg": make_png(10, 7)})
    commit(office, "foto diperbaiki")
    (fixed,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert fixed.new == ["kutai-timur/2026/banjir"] and not fixed.rejected
    # Only the text changes: its photo, unchanged upstream, is measured from the copy here.
    write(
        office,
        {
            "releases/2026/jalan.md": release_text(
                title="Jalan Diperbaiki", image="{src: assets/jalan.png, alt: Jalan}"
            )
        },
    )
    commit(office, "judul")
    (edited,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert edited.updated == ["kutai-timur/2026/jalan"] and not edited.rejected


# --- what was never public stays so when the office deletes it --------------------------

SECRET = "Isi yang belum pernah terbit."
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("front", "listed", "status", "public"),
    [
        ({"status": "draft"}, False, "draft", False),
        ({"publish_at": "2026-12-01 08:00"}, True, "draft", False),  # embargo not lifted yet
        ({"publish_at": "2026-11-20 08:00"}, True, "withdrawn", True),  # lifted: it was public
        ({}, True, "withdrawn", True),
    ],
    ids=["draft", "embargoed", "embargo-lifted", "published"],
)
def test_a_release_removed_upstream_never_becomes_more_public_than_it_was(
    tmp_path: Path, front: dict[str, str], listed: bool, status: str, public: bool
) -> None:
    from tests.sitebuild import build_repo

    others = {f"releases/2026/lain-{n}.md": release_text(title=f"Lain {n}") for n in range(3)}
    rahasia = release_text(title="Rilis Rahasia", **front) + SECRET + "\n"
    office = office_repo(
        tmp_path / "kantor", "kutai-timur", {**others, "releases/2026/rahasia.md": rahasia}
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    run(central, NOW)
    git(office, "rm", "-q", "releases/2026/rahasia.md")
    commit(office, "hapus")
    results = run(central, NOW)
    target = central / "content/releases/kutai-timur/2026/rahasia.md"
    expected = ["kutai-timur/2026/rahasia"] if listed else []
    assert results["kutai-timur"].withdrawn == expected  # type: ignore[attr-defined]
    if status == "draft" and not listed:
        assert target.read_text() == rahasia  # the office's draft, untouched
    release = load_repository(Layout(central, CENTRAL)).release("kutai-timur/2026/rahasia")
    assert release is not None and release.meta.status == status
    if "publish_at" in front:
        assert release.meta.publish_at is not None  # the embargo is kept
    # Built long after any embargo: only what had been public may show, with its notice.
    out = build_repo(central, datetime(2027, 6, 1, tzinfo=UTC), "https://b.example/")
    shown = [name for name, data in tree_files(out).items() if SECRET.encode() in data]
    page = "kalimantan-timur/kutai-timur/2026/rahasia/index.html"
    # A withdrawn page keeps its text with the notice; JSON Feeds hand it to newsrooms
    # syncing them (as withdrawn, not as an item), so they withdraw their copy too.
    feeds = [name for name in shown if name.endswith("feed.json")]
    for name in feeds:
        feed = json.loads((out / name).read_bytes())
        assert SECRET not in json.dumps(feed["items"]), name
        (gone,) = feed["_newsroom"]["withdrawn"]
        assert gone["front_matter"]["status"] == "withdrawn"
    assert [n for n in shown if n not in feeds] == ([page] if public else []), shown
    if public:
        assert "Rilis ini telah ditarik" in (out / page).read_text()


WITHDRAWN = {"status": "withdrawn", "withdrawn_reason": "Ditarik kantor."}


@pytest.mark.parametrize(
    "upstream",
    [
        {slug: WITHDRAWN for slug in ("air", "jalan", "pasar")},
        {slug: {"status": "draft"} for slug in ("air", "jalan", "pasar")},
        {"air": WITHDRAWN, "jalan": {"status": "draft"}},  # each alone: at most half
        {"air": None, "jalan": {"status": "draft"}},  # one removed, one made a draft
    ],
    ids=["all-withdrawn", "all-drafts", "withdrawn-and-draft", "removed-and-draft"],
)
def test_the_mass_withdrawal_guard_counts_releases_taken_back_by_status(
    tmp_path: Path, upstream: dict[str, dict[str, str] | None]
) -> None:
    slugs = ("air", "jalan", "pasar")
    files = {f"releases/2026/{slug}.md": release_text(title=slug) for slug in slugs}
    office = office_repo(tmp_path / "kantor", "kutai-timur", files)
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    run(central)
    for slug, front in upstream.items():
        if front is None:
            git(office, "rm", "-q", f"releases/2026/{slug}.md")
        else:
            write(office, {f"releases/2026/{slug}.md": release_text(title=slug, **front)})
    commit(office, "tarik hampir semua")
    snapshot = tree_files(central / "content")
    stopped = run(central)["kutai-timur"]
    assert stopped.error == "mass_withdraw"  # type: ignore[attr-defined]
    assert [p.params for p in stopped.problems if p.code == "mass_withdraw"] == [  # type: ignore[attr-defined]
        (("count", str(len(upstream))), ("total", "3"))
    ]
    assert tree_files(central / "content") == snapshot
    confirmed = run(central, allow_mass_withdraw=True)["kutai-timur"]
    taken = sorted(f"kutai-timur/2026/{slug}" for slug in upstream)
    assert (confirmed.withdrawn, confirmed.updated) == (taken, [])  # type: ignore[attr-defined]


# --- what is read, and how much is held at once ---------------------------------------


def test_blobs_are_streamed_so_memory_holds_one_asset_at_a_time(tmp_path: Path) -> None:
    size = 16 * 1024 * 1024
    pdfs = {f"assets/perbup-{n}.pdf": b"%PDF-1.4\n" + bytes([n]) * size for n in range(10)}
    office = office_repo(
        tmp_path / "kantor", "kutai-timur", {"releases/2026/perbup.md": release_text(), **pdfs}
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    tracemalloc.start()
    try:
        (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.ok and result.new == ["kutai-timur/2026/perbup"], result.problems
    assert len(list((central / "content/assets/kutai-timur").iterdir())) == len(pdfs)
    assert peak < 3 * size, f"{peak / 2**20:.0f} MB held for {len(pdfs) * size / 2**20:.0f} MB"


@pytest.mark.parametrize("budget", [RETAIN_BYTES, 0], ids=["held", "read-again"])
def test_releases_past_the_memory_budget_are_read_again_to_the_same_result(
    newsroom: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    central, _, _ = newsroom
    monkeypatch.setattr("sync.apply.RETAIN_BYTES", budget)
    results = run(central)
    assert len(results["kutai-timur"].new) == 3  # type: ignore[attr-defined]
    reference = central_repo(tmp_path / "acuan", {"kutai-timur": str(tmp_path / "kutim")})
    monkeypatch.setattr("sync.apply.RETAIN_BYTES", RETAIN_BYTES)
    run(reference, offices=["kutai-timur"])
    mine = tree_files(central / "content/releases/kutai-timur")
    assert mine == tree_files(reference / "content/releases/kutai-timur") and len(mine) == 3


def test_only_the_blobs_that_changed_are_read(
    newsroom: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    central, kutim, _ = newsroom
    asked: list[str] = []
    real_read = GitSource.read

    def counting(self: GitSource, oids: list[str]) -> Iterator[tuple[str, bytes]]:
        asked.extend(oids)
        yield from real_read(self, oids)

    monkeypatch.setattr(GitSource, "read", counting)
    run(central, offices=["kutai-timur"])
    everything = {blob(kutim, p) for p in ("office.yml", *tracked(kutim, "releases", "assets"))}
    assert sorted(asked) == sorted(everything)  # the first sync reads each blob once
    asked.clear()
    assert run(central, offices=["kutai-timur"])["kutai-timur"].ok  # type: ignore[attr-defined]
    assert asked == []  # nothing new upstream: nothing read
    write(kutim, {"releases/2026/rapat-koordinasi.md": release_text(title="Rapat Diubah")})
    write(kutim, {"assets/peta.png": make_png(4, 4)})
    commit(kutim, "ubah satu rilis, tambah satu aset")
    run(central, offices=["kutai-timur"])
    changed = {blob(kutim, "releases/2026/rapat-koordinasi.md"), blob(kutim, "assets/peta.png")}
    # What changed, and office.yml (checked against the registry at every new commit).
    assert sorted(asked) == sorted(changed | {blob(kutim, "office.yml")})


def blob(repo: Path, path: str) -> str:
    return git(repo, "rev-parse", f"HEAD:{path}")


def tracked(repo: Path, *folders: str) -> list[str]:
    return git(repo, "ls-files", *folders).splitlines()


# --- private office repositories: credentials outside the repository --------------------


@pytest.mark.parametrize("method", ["none", "netrc", "askpass", "in-the-url"])
def test_a_private_office_repository_over_https(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    work = office_repo(
        tmp_path / "kerja", "kutai-timur", {"releases/2026/air.md": release_text(title="Air")}
    )
    hosted = tmp_path / "host"
    hosted.mkdir()
    git(hosted, "clone", "-q", "--bare", str(work), "rilis.git")
    home = tmp_path / "home"  # the central server's user: where its own credentials live
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    if method == "netrc":
        (home / ".netrc").write_text("machine 127.0.0.1 login kantor password rahasia\n")
        (home / ".netrc").chmod(0o600)
    if method == "askpass":
        askpass = home / "askpass"
        askpass.write_text(
            '#!/bin/sh\ncase "$1" in Username*) echo kantor;; *) echo rahasia;; esac\n'
        )
        askpass.chmod(0o700)
        monkeypatch.setenv("NEWSROOM_GIT_ASKPASS", str(askpass))
    with git_over_http(hosted, "kantor", "rahasia") as served:
        url = f"{served.url}rilis.git"
        if method == "in-the-url":
            url = url.replace("http://", "http://kantor:rahasia@")
        central = central_repo(tmp_path / "pusat", {"kutai-timur": url})
        start = time.monotonic()
        # The command reads NEWSROOM_GIT_ASKPASS and passes it down, as here.
        askpass_program = os.environ.get("NEWSROOM_GIT_ASKPASS", "")
        options = Options(now=datetime.now(UTC), git_askpass=askpass_program)
        (result,) = sync(Layout(central, CENTRAL), options)
    assert time.monotonic() - start < 30  # never waits for a prompt
    if method in ("netrc", "askpass"):
        assert result.ok and result.new == ["kutai-timur/2026/air"], result.error
        state = (central / "content/sync/kutai-timur.json").read_text()
        assert "rahasia" not in state and f'"source": "{served.url}rilis.git"' in state
    elif method == "none":
        assert result.error is not None and "refused the login" in result.error
        assert served.refused > 0
    else:
        # A registry error of this office alone (`newsroom check` reports it too): it
        # fails, named, and nothing is fetched with the secret.
        assert result.error is not None and "carries a credential" in result.error
        assert [p.code for p in result.problems] == ["source_credential"]
        assert served.refused == 0 and not (central / "content/sync").exists()


def test_git_variables_of_whatever_started_the_sync_are_not_inherited(
    newsroom: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a git hook or a script, the sync inherits GIT_DIR and config variables:
    they must neither redirect its git calls (into the central repository's own .git)
    nor configure them (hooks that would run on every fetch)."""
    central, _, _ = newsroom
    canary = tmp_path / "DIJALANKAN"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("reference-transaction", "post-checkout", "post-merge", "post-update"):
        (hooks / name).write_text(f"#!/bin/sh\necho {name} >> {canary}\n")
        (hooks / name).chmod(0o755)
    monkeypatch.setenv("GIT_DIR", str(central / ".git"))
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "core.hooksPath")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", str(hooks))
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", f"'core.hooksPath'='{hooks}'")
    results = run(central)
    assert all(r.ok for r in results.values()), [r.error for r in results.values()]  # type: ignore[attr-defined]
    assert len(results["kutai-timur"].new) == 3  # type: ignore[attr-defined]
    assert not canary.exists()
    for name in ("GIT_DIR", "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS"):
        monkeypatch.delenv(name)
    assert git(central, "for-each-ref", "refs/newsroom") == ""  # nothing fetched into it


@pytest.mark.parametrize(
    ("first", "then", "kept", "refused"),
    [
        (["Foto.png", "foto.png"], [], "Foto.png", "foto.png"),
        (["foto.png"], ["Foto.png"], "foto.png", "Foto.png"),  # the one already here stays
        (["Foto.png"], ["foto.png"], "Foto.png", "foto.png"),
    ],
)
def test_assets_differing_only_in_case_are_refused(
    tmp_path: Path, first: list[str], then: list[str], kept: str, refused: str
) -> None:
    def release(name: str) -> str:
        return release_text(title=name, image=f"{{src: assets/{name}, alt: Foto}}")

    files: dict[str, str | bytes] = {f"assets/{name}": make_png(4, 4) for name in first}
    files["releases/2026/pertama.md"] = release(first[0])
    office = office_repo(tmp_path / "kantor", "kutai-timur", files)
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    if then:
        write(office, {f"assets/{name}": make_png(6, 6) for name in then})
        commit(office, "aset baru")
        (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    write(office, {"releases/2026/kedua.md": release(refused)})
    commit(office, "rilis dengan aset kembar")
    (last,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    twins = [p for p in result.problems + last.problems if p.code == "asset_case_twin"]
    assert twins and {p.path for p in twins} == {f"kutai-timur:assets/{refused}"}
    assert f"differs only in upper/lower case from assets/{kept}" in twins[0].format("en")
    assert f"hanya beda huruf besar/kecil dengan assets/{kept}" in twins[0].format("id")
    assert sorted(tree_files(central / "content/assets/kutai-timur")) == [kept]
    # The refused twin counts as refused, and so does the release naming it.
    assert last.rejected == sorted([f"assets/{refused}", "releases/2026/kedua.md"])


BREAKAGES = {
    "yaml": "---\ntitle: [tidak ditutup\ndate: 2026-04-11 10:00\n---\nIsi\n",
    "unknown-category": release_text(title="Rapat", category="bukan-kategori"),
    "too-large": release_text(title="Rapat") + "kata " * 60_000,
    "missing-asset": release_text(title="Rapat", image="{src: assets/tidak-ada.png, alt: x}"),
    "symlink": "../../office.yml",
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_release_broken_upstream_keeps_its_last_good_version(
    newsroom: tuple[Path, Path, Path], breakage: str
) -> None:
    central, kutim, _ = newsroom
    run(central)
    commit(central, "sinkronisasi pertama")
    name = "releases/2026/rapat-koordinasi.md"
    target = central / "content/releases/kutai-timur/2026/rapat-koordinasi.md"
    good = target.read_bytes()
    if breakage == "symlink":
        (kutim / name).unlink()
        (kutim / name).symlink_to(BREAKAGES[breakage])
    else:
        write(kutim, {name: BREAKAGES[breakage]})
    commit(kutim, "rusak")
    result = run(central)["kutai-timur"]
    assert result.ok and result.rejected == [name]  # type: ignore[attr-defined]
    assert not (result.new or result.updated or result.withdrawn)  # type: ignore[attr-defined]
    assert any(p.path.startswith(f"kutai-timur:{name}") for p in result.problems)  # type: ignore[attr-defined]
    assert target.read_bytes() == good  # the last good version stays, as it was
    kept = load_repository(Layout(central, CENTRAL)).release("kutai-timur/2026/rapat-koordinasi")
    assert kept is not None and kept.meta.status == "published"
    (kutim / name).unlink()
    write(kutim, {name: release_text(title="Rapat Diperbaiki")})
    commit(kutim, "perbaiki")
    fixed = run(central)["kutai-timur"]
    assert fixed.updated == ["kutai-timur/2026/rapat-koordinasi"]  # type: ignore[attr-defined]
    assert "Rapat Diperbaiki" in target.read_text()


def test_a_blob_the_cache_lacks_is_a_clear_error(tmp_path: Path) -> None:
    office = office_repo(tmp_path / "kantor", "kutai-timur", {"releases/2026/a.md": "a"})
    source = GitSource(tmp_path / "cache.git", str(office), "main")
    known = {entry.path: entry.oid for entry in source.tree(source.fetch())}
    oid = known["releases/2026/a.md"]
    assert list(source.read([oid, oid])) == [(oid, b"a")]  # asked twice, read once
    with pytest.raises(GitError, match=f"object {'0' * 40} is missing"):
        list(source.read([oid, "0" * 40]))


def test_a_secret_in_one_offices_address_holds_back_that_office_alone(tmp_path: Path) -> None:
    """The registry check drops the address (nothing is fetched with it) and names the
    office; every other office still syncs."""
    good = office_repo(tmp_path / "kutim", "kutai-timur", {"releases/2026/air.md": release_text()})
    central = central_repo(
        tmp_path / "pusat",
        {"kutai-barat": "https://kantor:Sandi-7Q2x@x.invalid/r.git", "kutai-timur": str(good)},
    )
    now = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    barat, timur = sync(Layout(central, CENTRAL), Options(now=now))
    assert (barat.office, timur.office) == ("kutai-barat", "kutai-timur")
    assert barat.error is not None and [p.code for p in barat.problems] == ["source_credential"]
    assert "Sandi-7Q2x" not in barat.error
    assert timur.ok and timur.new == ["kutai-timur/2026/air"], timur.error
    assert not (central / "content/sync/kutai-barat.json").exists()
