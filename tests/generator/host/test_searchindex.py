"""The search index step (generator.host.searchindex): the same pages give the same
index bytes, run after run (generator.host.steadyindex); an unchanged site keeps its
index untouched; a missing index is made again; a site's change re-indexes that site
only."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.host import searchindex
from generator.host.indexparts import Part, Shared
from generator.host.searchindex import FOLDER, IndexResult, refresh_indexes
from generator.host.searchindex import SHARED as SHARED_FOLDER
from generator.host.steadyindex import Value, decode, encode
from generator.public.session import CACHE_DIR
from generator.public.writer import MANIFEST
from tests.conftest import FIXTURES
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
SITES = ["nasional", "kalimantan-timur", "maluku"]
# As the build makes it: the central office's releases indexed once, from the first
# province's copies, for both provinces.
SHARED = Shared(
    "kalimantan-timur",
    ("kalimantan-timur", "maluku"),
    ("komdigi",),
    ("ambon", "kaltim", "kutai-timur"),
)


def index_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.glob(f"*/{FOLDER}/**/*"))
        if p.is_file()
    }


def remake_maluku(out: Path) -> IndexResult:
    """Maluku's index made again with the build's records (the central releases' index
    found made, and linked into Maluku again): its result."""
    results = refresh_indexes(out, ["maluku"], out.parent / CACHE_DIR, jobs=1, shared=SHARED)
    (result,) = [r for r in results if r.site_id == "maluku"]
    assert all(r.skipped for r in results if r is not result)
    return result


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    return root, build_repo(root, NOW, "https://b.example/", out=root / "site")


@pytest.fixture
def unindexed(built: tuple[Path, Path]) -> tuple[Path, dict[str, bytes]]:
    """The built sites with Maluku's index removed, and every index file as it was:
    what a run that makes Maluku's index again must give back."""
    _, out = built
    before = index_files(out)
    shutil.rmtree(out / "maluku" / FOLDER)
    return out, before


def test_the_same_pages_give_the_same_index_bytes_every_time(built: tuple[Path, Path]) -> None:
    _, out = built
    first = index_files(out)
    assert any("/filter/" in name for name in first)  # filters: what Pagefind orders at random
    for _ in range(3):
        shutil.rmtree(out / "nasional" / FOLDER)
        shutil.rmtree(out / "maluku" / FOLDER)
        refresh_indexes(out, SITES, None, jobs=2, shared=SHARED)  # no cache: every index made again
        assert index_files(out) == first


def test_an_unchanged_site_keeps_its_index_and_a_missing_one_is_made_again(
    built: tuple[Path, Path],
) -> None:
    root, out = built
    cache = root / ".cache" / "newsroom"
    assert cache.is_dir()
    before = index_files(out)
    results = refresh_indexes(out, SITES, cache, shared=SHARED)
    assert all(r.skipped for r in results)
    assert index_files(out) == before
    (out / "maluku" / FOLDER / "pagefind-entry.json").unlink()
    results = refresh_indexes(out, SITES, cache, shared=SHARED)
    assert [r.site_id for r in results if not r.skipped] == ["maluku"]
    assert index_files(out) == before


def test_an_unchanged_manifest_is_not_read_again_and_a_replaced_one_is(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index is current when the manifest it was made from is the same file: its
    pages' keys are then not worked out again (39 manifests at every rebuild). A manifest
    written anew, the same bytes under another inode and time, has its keys read."""
    root, out = built
    cache = root / ".cache" / "newsroom"
    read: list[str] = []
    real = searchindex.read_manifest

    def reading(site_dir: Path) -> tuple[set[str], dict[str, str]]:
        read.append(site_dir.name)
        return real(site_dir)

    monkeypatch.setattr(searchindex, "read_manifest", reading)
    assert all(r.skipped for r in refresh_indexes(out, SITES, cache, shared=SHARED))
    assert read == []
    for site in ("maluku", "kalimantan-timur"):  # the latter, the central index's source
        manifest = out / site / MANIFEST
        data = manifest.read_bytes()
        manifest.unlink()
        manifest.write_bytes(data)  # as the writer does: a new file in its place
    assert all(r.skipped for r in refresh_indexes(out, SITES, cache, shared=SHARED))
    # Read, the same keys found: kept. Kalimantan Timur's twice: its own, the central.
    assert sorted(read) == ["kalimantan-timur", "kalimantan-timur", "maluku"]
    read.clear()
    assert all(r.skipped for r in refresh_indexes(out, SITES, cache, shared=SHARED))
    assert read == []  # the new files' stamps recorded
    plain = refresh_indexes(out, SITES, cache, precompress=False, shared=SHARED)
    assert not any(r.skipped for r in plain)  # without twins: another index, made


def test_the_stamp_names_everything_the_key_is_made_of_but_the_pages(
    built: tuple[Path, Path],
) -> None:
    """Which offices a part takes (an office moved from central to a province changes
    both parts with no manifest changed) and the twins change it; no manifest: none."""
    _, out = built
    site = out / "maluku"
    own = Part(frozenset({"ambon"}), "own")
    stamps = {
        searchindex.manifest_stamp(site, part, precompress)
        for part in (own, Part(frozenset({"ambon", "maluku"}), "own"), Part(own.offices))
        for precompress in (True, False)
    }
    assert len(stamps) == 6 and None not in stamps
    assert searchindex.manifest_stamp(out / "tidak-ada", own, True) is None


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
    assert all(r.skipped for r in refresh_indexes(out, SITES, cache, shared=SHARED))


def fragments(folder: Path) -> set[str]:
    return {p.name for p in (folder / "fragment").glob("*.pf_fragment")}


def test_each_province_indexes_its_own_releases_and_shares_the_central_ones(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    """Pagefind names a page's fragment by its content: a central release's copies on two
    provinces giving the same fragment are the same text to the index, so indexing one
    province's copies serves both. The shared index is exactly what the provinces' whole
    indexes had in common; each one's own index is the rest of its whole one."""
    _, out = built
    whole = tmp_path / "whole"
    for site in ("kalimantan-timur", "maluku"):
        shutil.copytree(out / site, whole / site, ignore=shutil.ignore_patterns(FOLDER))
    refresh_indexes(whole, ["kalimantan-timur", "maluku"], None, jobs=2)  # each whole
    east, maluku = (fragments(whole / site / FOLDER) for site in ("kalimantan-timur", "maluku"))
    shared = fragments(out / "maluku" / FOLDER / SHARED_FOLDER)
    assert shared and shared == east & maluku
    for site, whole_index in (("kalimantan-timur", east), ("maluku", maluku)):
        own = fragments(out / site / FOLDER)
        assert own and not own & shared and own | shared == whole_index
    # One index, in both provinces: the same files (links), not copies of them.
    east_files = sorted((out / "kalimantan-timur" / FOLDER / SHARED_FOLDER).rglob("*"))
    for east_file in (p for p in east_files if p.is_file()):
        twin = out / "maluku" / east_file.relative_to(out / "kalimantan-timur")
        assert os.path.samefile(east_file, twin)
    assert not (out / "nasional" / FOLDER / SHARED_FOLDER).exists()  # its index is whole


def test_each_search_page_asks_exactly_the_indexes_its_site_holds(
    built: tuple[Path, Path],
) -> None:
    """The page's `data-indexes` (generator.public.outputs.searchpage) and the indexes
    the build made agree: Pagefind fails every search when a merged index is missing,
    and an index not asked for is never searched."""
    _, out = built
    for site in SITES:
        page = (out / site / "cari" / "index.html").read_text(encoding="utf-8")
        (asked,) = re.findall(r'data-indexes="([^"]*)"', page)
        held = {
            entry.parent.relative_to(out / site).as_posix() + "/"
            for entry in (out / site / FOLDER).rglob("pagefind-entry.json")
        }
        assert sorted(asked.split()) == sorted(held), site


def test_a_central_release_makes_the_shared_index_once_not_each_provinces(
    built: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    root, out = built
    before = index_files(out)
    page = root / "content/releases/komdigi/2026/literasi-digital-desa.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nKata baru: zebrapusat.\n")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_repo(root, NOW, "https://b.example/", out=out)
    made = sorted(line.split(":")[0] for line in caplog.messages if "indeks pencarian" in line)
    assert made == ["nasional", "pusat (kalimantan-timur)"]  # one run for both provinces
    after = index_files(out)
    for site in ("kalimantan-timur", "maluku"):
        own = {n for n in after if n.startswith(f"{site}/{FOLDER}/") and "/pusat/" not in n}
        assert {n: after[n] for n in own} == {n: before.get(n) for n in own}  # untouched
    east = out / "kalimantan-timur" / FOLDER / SHARED_FOLDER / "pagefind-entry.json"
    assert os.path.samefile(east, out / "maluku" / FOLDER / SHARED_FOLDER / "pagefind-entry.json")
    changed = {n for n in after if n.endswith("pagefind-entry.json") and after[n] != before.get(n)}
    assert changed == {
        "nasional/pagefind/pagefind-entry.json",
        "kalimantan-timur/pagefind/pusat/pagefind-entry.json",
        "maluku/pagefind/pusat/pagefind-entry.json",
    }


def test_what_a_release_page_shows_besides_its_article_is_nothing_the_index_reads(
    built: tuple[Path, Path],
) -> None:
    """The index's key takes a release page's article only, not its related releases
    (generator.public.searchkeys.searched_page_key). Sound while Pagefind reads nothing after
    the article: it takes the marked body, its first `h1` as the title and the first
    `img` after that as the image, and every `data-pagefind-*` anywhere."""
    _, out = built
    pages = sorted(out.glob("*/*/*/*/index.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "data-pagefind-body" not in text:
            continue  # a withdrawn release's tombstone: not indexed
        after = text[text.rindex("</article>") :]  # the release's: a body may hold one
        for read in ("<h1", "<img", "data-pagefind"):
            assert read not in after, (page, read)


BASE = "https://b.example/"


def test_a_central_releases_related_list_changing_does_not_make_their_index_again(
    built: tuple[Path, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A new release of the province the central releases are indexed from lists under a
    central release of that province as related: the page changes, its article does not,
    and neither does the index made of those articles (made again, it took 1.3-1.7 s of
    every rebuild after a release of that province at 10,000 releases)."""
    root, out = built
    before = index_files(out)
    central = out / "kalimantan-timur/komdigi/2026/literasi-digital-desa/index.html"
    page_before = central.read_bytes()
    new = root / "content/releases/kaltim/2026/literasi-kaltim.md"
    new.write_text(
        "---\ntitle: Literasi Digital di Kaltim\ndate: 2026-09-01 10:00\ncategory: berita\n"
        "tags: [literasi digital]\n---\nSAMARINDA — Kata baru: zebrakaltim.\n",
        encoding="utf-8",
    )
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_repo(root, NOW, "https://b.example/", out=out)
    assert b"literasi-kaltim" in central.read_bytes() != page_before  # listed as related
    made = sorted(line.split(":")[0] for line in caplog.messages if "indeks pencarian" in line)
    assert made == ["kalimantan-timur"]  # its own releases' index only
    after = index_files(out)
    shared = {n for n in before.keys() | after.keys() if f"/{SHARED_FOLDER}/" in n}
    assert shared and {n: after.get(n) for n in shared} == {n: before[n] for n in shared}
    # What a clean build of the same content makes.
    ignored = shutil.ignore_patterns("site", ".cache")
    clean = build_repo(shutil.copytree(root, tmp_path / "clean", ignore=ignored), NOW, BASE)
    assert index_files(clean) == after


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
    unindexed: tuple[Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from generator.host import searchindex

    out, before = unindexed
    real = searchindex._run_pagefind
    calls: list[str] = []

    async def first_stalls(site_dir: Path, staging: Path, glob: str) -> int:
        calls.append(site_dir.name)
        if len(calls) == 1:  # as Pagefind's service did: waiting, never answering
            await asyncio.sleep(3600)
        return await real(site_dir, staging, glob)

    monkeypatch.setattr(searchindex, "_run_pagefind", first_stalls)
    monkeypatch.setattr(searchindex, "STALL_SECONDS", 2.0)
    monkeypatch.setattr(searchindex, "STALL_SECONDS_A_PAGE", 0.0)
    result = remake_maluku(out)
    assert calls == ["maluku", "maluku"] and result.pages > 0
    assert index_files(out) == before  # the very index a run that answered makes
    assert "maluku: Pagefind tidak selesai dalam 2 dtk; dihentikan" in caplog.text


def _wrapped_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
    """Pagefind's binary run through `script` (a shell script; "$REAL" is the binary,
    "$CALLS" a file counting the runs): a run that fails the way the real one may."""
    from generator.host import searchindex

    real = searchindex._binary()
    wrapper = tmp_path / "pagefind-wrapper"
    wrapper.write_text(f'#!/bin/sh\nREAL="{real}"\nCALLS="{tmp_path}/calls"\n{script}')
    wrapper.chmod(0o755)
    monkeypatch.setattr(searchindex, "_binary", lambda: wrapper)
    return tmp_path / "calls"


def test_a_run_that_leaves_a_file_empty_is_made_again(
    unindexed: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind writes no empty file: one left empty (a write lost, as seen with its
    service) is a broken index, made again from scratch; never published."""
    out, before = unindexed
    # A page's fragment of the first run emptied after the binary wrote it (nothing
    # else reads those before readers do), the second run left alone.
    calls = _wrapped_pagefind(
        tmp_path,
        monkeypatch,
        '"$REAL" "$@" || exit $?\necho run >> "$CALLS"\n'
        '[ "$(wc -l < "$CALLS")" -gt 1 ] || : > "$(ls fragment/* | head -n 1)"\nexit 0\n',
    )
    result = remake_maluku(out)
    assert calls.read_text().count("run") == 2
    assert result.pages > 0 and index_files(out) == before


def test_a_run_that_fails_twice_is_said_and_leaves_no_index_half_made(
    unindexed: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _ = unindexed
    calls = _wrapped_pagefind(
        tmp_path, monkeypatch, 'echo run >> "$CALLS"\necho "Error: no space left" >&2\nexit 3\n'
    )
    with pytest.raises(OSError, match="pagefind exited with 3: Error: no space left"):
        remake_maluku(out)
    assert calls.read_text().count("run") == 2  # made once more before it is said
    # Nothing of its own index; the central releases' index, made before, still linked.
    index = out / "maluku" / FOLDER
    assert {p.relative_to(index).parts[0] for p in index.rglob("*")} == {SHARED_FOLDER}
    assert not list(out.glob(".maluku.pagefind.*.tmp"))


def test_a_run_stopped_from_outside_is_said_not_made_again(
    unindexed: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C reaches Pagefind with the build (one process group): the build is ending,
    so the run is not started again behind it."""
    out, _ = unindexed
    # SIGTERM, not Ctrl+C's SIGINT: a test run started with SIGINT ignored (`&` in a
    # script) passes that on to the shell, which would then go on and exit 0.
    calls = _wrapped_pagefind(tmp_path, monkeypatch, 'echo run >> "$CALLS"\nkill -TERM $$\n')
    with pytest.raises(OSError, match="pagefind exited with -15"):
        remake_maluku(out)
    assert calls.read_text().count("run") == 1
    assert not list(out.glob(".maluku.pagefind.*.tmp"))


def test_no_pagefind_installed_is_said_at_once(
    unindexed: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pagefind.service

    out, _ = unindexed
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    with pytest.raises(FileNotFoundError, match=r"pip install 'pagefind\[bin\]'"):
        remake_maluku(out)
    assert not list(out.glob(".maluku.pagefind.*.tmp"))


def test_a_run_given_up_is_killed_not_left_running(
    unindexed: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.host import searchindex

    out, before = unindexed
    # The first run hangs (its pid noted), the second is Pagefind itself.
    calls = _wrapped_pagefind(
        tmp_path,
        monkeypatch,
        'echo $$ >> "$CALLS"\n[ "$(wc -l < "$CALLS")" -gt 1 ] && exec "$REAL" "$@"\n'
        "exec sleep 3600\n",
    )
    monkeypatch.setattr(searchindex, "STALL_SECONDS", 5.0)  # the real run's limit too
    monkeypatch.setattr(searchindex, "STALL_SECONDS_A_PAGE", 0.0)
    result = remake_maluku(out)
    hung = int(calls.read_text().split()[0])
    assert result.pages > 0 and index_files(out) == before
    with pytest.raises(ProcessLookupError):  # killed and reaped, not a zombie
        os.kill(hung, 0)


def test_the_published_index_is_readable_by_the_web_server_whatever_the_umask(
    unindexed: tuple[Path, dict[str, bytes]],
) -> None:
    """Pagefind's files are moved into place as it made them (no second write): under a
    private umask they are still made readable by all, as every file the build writes
    (folders follow the umask, as the sites' own do)."""
    out, before = unindexed
    old = os.umask(0o077)
    try:
        remake_maluku(out)
    finally:
        os.umask(old)
    files = [p for p in (out / "maluku" / FOLDER).rglob("*") if p.is_file()]
    assert len(files) > 10 and index_files(out) == before
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {oct(0o644)}


def test_a_cancelled_run_removes_its_staging_only_once_the_thread_writing_it_ends(
    tmp_path: Path,
) -> None:
    """A stop cancels the run while the index's files are reshaped in a thread: the
    staging folder is removed after that thread ends, not while it still writes there."""
    staging = tmp_path / "staging"
    staging.mkdir()
    started = threading.Event()
    found_at_end: list[bool] = []

    def reshape(folder: Path) -> None:
        started.set()
        time.sleep(0.3)
        found_at_end.append(folder.is_dir())

    async def run() -> None:
        try:
            await searchindex.to_its_end(reshape, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    async def stop_mid_way() -> None:
        task = asyncio.ensure_future(run())
        await asyncio.to_thread(started.wait, 5)
        task.cancel()
        await asyncio.sleep(0.05)
        task.cancel()  # a second cancel, once the first landed: the thread waited for too
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(stop_mid_way())
    assert found_at_end == [True]
    assert not staging.exists()
