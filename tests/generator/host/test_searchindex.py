"""The search index step (generator.host.searchindex): the same pages give the same
index bytes, run after run (generator.host.steadyindex); an unchanged site keeps its
index untouched; a missing index is made again; a site's change re-indexes that site
only."""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.host.searchindex import FOLDER, refresh_indexes
from generator.host.steadyindex import Value, decode, encode
from tests.conftest import FIXTURES
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
SITES = ["nasional", "kalimantan-timur", "maluku"]


def index_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.glob(f"*/{FOLDER}/**/*"))
        if p.is_file()
    }


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    return root, build_repo(root, NOW, "https://b.example/", out=root / "site")


def test_the_same_pages_give_the_same_index_bytes_every_time(built: tuple[Path, Path]) -> None:
    _, out = built
    first = index_files(out)
    assert any("/filter/" in name for name in first)  # filters: what Pagefind orders at random
    for _ in range(3):
        shutil.rmtree(out / "nasional" / FOLDER)
        shutil.rmtree(out / "maluku" / FOLDER)
        refresh_indexes(out, SITES, None, jobs=2)  # no cache: every index made again
        assert index_files(out) == first


def test_an_unchanged_site_keeps_its_index_and_a_missing_one_is_made_again(
    built: tuple[Path, Path],
) -> None:
    root, out = built
    cache = root / ".cache" / "newsroom"
    assert cache.is_dir()
    before = index_files(out)
    results = refresh_indexes(out, SITES, cache)
    assert all(r.skipped for r in results)
    assert index_files(out) == before
    (out / "maluku" / FOLDER / "pagefind-entry.json").unlink()
    results = refresh_indexes(out, SITES, cache)
    assert [r.site_id for r in results if not r.skipped] == ["maluku"]
    assert index_files(out) == before


def test_a_changed_release_re_indexes_its_sites_only(built: tuple[Path, Path]) -> None:
    root, out = built
    before = index_files(out)
    entries = {site: (out / site / FOLDER / "pagefind-entry.json").stat() for site in SITES}
    # A Maluku office's release, which the national desk also features.
    edited = root / "content/releases/ambon/2026"
    page = sorted(edited.glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nKata baru: zebrabaru.\n")
    build_repo(root, NOW, "https://b.example/", out=out)
    after = index_files(out)
    changed = {name.split("/")[0] for name in before.keys() ^ after.keys()}
    changed |= {
        name.split("/")[0] for name in before.keys() & after.keys() if before[name] != after[name]
    }
    assert changed == {"maluku", "nasional"}
    for site in ("kalimantan-timur",):  # not even written again
        now = (out / site / FOLDER / "pagefind-entry.json").stat()
        assert now.st_mtime_ns == entries[site].st_mtime_ns
    cache = root / ".cache" / "newsroom"
    assert all(r.skipped for r in refresh_indexes(out, SITES, cache))


@pytest.mark.parametrize(
    "value", [0, 23, 24, 255, 256, 70_000, "", "kantor", "é" * 30, b"\x00\x01", [1, ["a", [2]]]]
)
def test_cbor_round_trips(value: object) -> None:
    data = encode(value)  # type: ignore[arg-type]
    assert decode(data, 0) == (value, len(data))


def test_negative_integers_round_trip() -> None:
    # A word index marks a change of weight with a negative location.
    values: list[Value] = [-1, -24, -25, -169, -70_000, [341, [-169, 4], [-4, 2]]]
    for value in values:
        data = encode(value)
        assert decode(data, 0) == (value, len(data))


def test_a_pagefind_run_that_never_answers_is_given_up_and_made_again(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from generator.host import searchindex

    _, out = built
    before = index_files(out)
    shutil.rmtree(out / "maluku" / FOLDER)
    real = searchindex._run_pagefind
    calls: list[str] = []

    async def first_stalls(site_dir: Path, staging: Path) -> int:
        calls.append(site_dir.name)
        if len(calls) == 1:  # as Pagefind's service did: waiting, never answering
            await asyncio.sleep(3600)
        return await real(site_dir, staging)

    monkeypatch.setattr(searchindex, "_run_pagefind", first_stalls)
    monkeypatch.setattr(searchindex, "STALL_SECONDS", 2.0)
    monkeypatch.setattr(searchindex, "STALL_SECONDS_A_PAGE", 0.0)
    (result,) = refresh_indexes(out, ["maluku"], None, jobs=1)
    assert calls == ["maluku", "maluku"] and result.pages > 0
    assert index_files(out) == before  # the very index a run that answered makes
    assert "maluku: Pagefind tidak menjawab dalam 2 dtk" in caplog.text


def test_pagefinds_files_are_waited_for_before_its_service_ends(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind says "written" before its background writes are done, and ending its
    service (SIGTERM) loses those still queued: the files are waited for first (an
    empty entry failed a build)."""
    from pagefind.service import PagefindService

    from generator.host import searchindex

    _, out = built
    before = index_files(out)
    shutil.rmtree(out / "maluku" / FOLDER)
    events: list[str] = []
    real_settle, real_close = searchindex.settle, PagefindService.close

    def written_late(staging: Path, site: str, seconds: float = 30.0) -> None:
        events.append("settle")
        entry = staging / searchindex.ENTRY
        text = entry.read_bytes()
        entry.write_bytes(b"")  # as Pagefind leaves it while its write is queued

        def later() -> None:
            time.sleep(0.3)
            entry.write_bytes(text)

        threading.Thread(target=later).start()
        real_settle(staging, site, seconds)

    async def close(service: PagefindService) -> None:
        events.append("close")
        await real_close(service)

    monkeypatch.setattr(searchindex, "settle", written_late)
    monkeypatch.setattr(PagefindService, "close", close)
    (result,) = refresh_indexes(out, ["maluku"], None, jobs=1)
    assert events == ["settle", "close"], "waited for while the service ran"
    assert result.pages > 0 and index_files(out) == before


def test_a_file_left_empty_is_waited_for_no_longer_than_the_limit(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from generator.host.searchindex import settle

    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "a.pf_index").write_bytes(b"")
    (tmp_path / "pagefind-entry.json").write_bytes(b"{}")
    start = time.monotonic()
    settle(tmp_path, "maluku", seconds=0.2)
    assert 0.2 <= time.monotonic() - start < 5
    assert "maluku: berkas indeks pencarian Pagefind masih kosong" in caplog.text
    assert "(index/a.pf_index)" in caplog.text
