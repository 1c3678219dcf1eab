from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path

import pytest

from generator.public import writer as writer_module
from generator.public.writer import MANIFEST, OutputConflict, PathEscape, SiteWriter


@pytest.mark.parametrize("bad", ["../luar.html", "a/../../luar.html", "/etc/passwd", ""])
def test_paths_outside_the_site_are_refused(tmp_path: Path, bad: str) -> None:
    writer = SiteWriter(tmp_path / "site")
    with pytest.raises(PathEscape):
        writer.write_text(bad, "x", "uji")
    assert not (tmp_path / "luar.html").exists()


def test_two_sources_for_one_path_is_an_error_naming_both(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path)
    writer.write_text("a/index.html", "satu", "kaltim/2026/satu")
    with pytest.raises(OutputConflict, match=r"kaltim/2026/satu.*kaltim/2026/dua"):
        writer.write_text("a/index.html", "dua", "kaltim/2026/dua")


def test_unchanged_bytes_are_not_rewritten_and_gzip_is_stable(tmp_path: Path) -> None:
    first = SiteWriter(tmp_path)
    first.write_text("index.html", "<p>halo</p>", "home")
    first.finish()
    page = tmp_path / "index.html"
    stamp = page.stat().st_mtime_ns
    packed = (tmp_path / "index.html.gz").read_bytes()
    second = SiteWriter(tmp_path)
    second.write_text("index.html", "<p>halo</p>", "home")
    assert second.changed == 0 and page.stat().st_mtime_ns == stamp
    assert (tmp_path / "index.html.gz").read_bytes() == packed
    assert gzip.decompress(packed) == b"<p>halo</p>"


def test_only_our_stale_files_are_removed(tmp_path: Path) -> None:
    first = SiteWriter(tmp_path)
    first.write_text("lama/index.html", "lama", "lama")
    first.write_text("tetap/index.html", "tetap", "tetap")
    first.finish()
    (tmp_path / "milik-orang-lain.txt").write_text("jangan dihapus")
    second = SiteWriter(tmp_path)
    second.write_text("tetap/index.html", "tetap", "tetap")
    assert second.finish() == ["lama/index.html", "lama/index.html.gz"]
    assert not (tmp_path / "lama" / "index.html").exists()
    assert (tmp_path / "milik-orang-lain.txt").exists()
    assert (tmp_path / MANIFEST).exists()


def test_an_unchanged_page_is_not_compressed_again_and_twins_never_go_stale(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    SiteWriter(site).write_text("a/index.html", "<p>satu</p>", "a")
    twin = site / "a/index.html.gz"
    twin.write_bytes(b"sentinel")  # an unchanged page must not even be recompressed
    again = SiteWriter(site)
    again.write_text("a/index.html", "<p>satu</p>", "a")
    assert twin.read_bytes() == b"sentinel" and again.changed == 0
    assert "a/index.html.gz" in again.written  # still ours: kept by finish()
    # A build killed between the twin and the page leaves the old page: the next
    # build sees the page change and writes both.
    SiteWriter(site).write_text("a/index.html", "<p>dua</p>", "a")
    assert gzip.decompress(twin.read_bytes()) == b"<p>dua</p>"


def test_a_rebuild_stats_only_what_it_wrote_and_keeps_the_true_sizes_and_mtimes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.public import damage
    from generator.util.gzparts import pack_text

    site, stats = tmp_path / "site", tmp_path / "cache" / "stats.json"
    stats.parent.mkdir()

    def build(pages: dict[str, str], texts: dict[str, str]) -> SiteWriter:
        damage.repair(site, stats)  # as every build starts (generator.host.plugins)
        writer = SiteWriter(site, stats)
        for name, text in pages.items():
            writer.page(name, text, name, lambda text=text: [pack_text(text)])  # type: ignore[misc]
        for name, text in texts.items():
            writer.write_text(name, text, name)
        writer.finish()
        return writer

    pages = {f"{n}/index.html": f"<p>{n}</p>" for n in range(50)}
    build(pages, {"feed.xml": "<feed/>"})
    asked: list[str] = []
    real = damage.stats_of

    def counting(folder: Path, relatives: list[str]) -> damage.Stats:
        asked.extend(relatives)
        return real(folder, relatives)

    monkeypatch.setattr(damage, "stats_of", counting)
    (site / "7/index.html").write_text("terpotong")  # damaged by hand: made again
    writer = build(pages | {"3/index.html": "<p>baru</p>"}, {"feed.xml": "<feed>1</feed>"})
    made = ["3/index.html", "3/index.html.gz", "7/index.html", "feed.xml", "feed.xml.gz"]
    assert sorted(asked) == made  # not the other 97 files
    monkeypatch.setattr(damage, "stats_of", real)
    assert damage.load(stats) == real(site, sorted(writer.written))
    del pages["9/index.html"]  # no longer made: removed, and no longer in the stats
    writer = build(pages, {"feed.xml": "<feed>1</feed>"})
    assert not (site / "9/index.html").exists()
    assert damage.load(stats) == real(site, sorted(writer.written))
    assert damage.intact(site, stats)


@pytest.mark.parametrize(
    ("precompress", "damaged"),
    [(True, "7/index.html"), (True, "7/index.html.gz"), (False, "7/index.html")],
)
def test_a_rebuild_after_the_damage_check_looks_for_no_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, precompress: bool, damaged: str
) -> None:
    """The check before the build (damage.repair) saw every file: the writer trusts what
    it found whole instead of a stat per page, and makes what it found damaged."""
    from generator.public import damage
    from generator.util.gzparts import pack_text

    site, stats = tmp_path / "site", tmp_path / "cache" / "stats.json"
    stats.parent.mkdir()
    pages = {f"{n}/index.html": f"<p>{n}</p>" for n in range(30)}

    def build() -> SiteWriter:
        checked = damage.repair(site, stats)
        writer = SiteWriter(site, stats, precompress, checked=checked)
        for name, text in pages.items():
            writer.page(name, text, name, lambda text=text: [pack_text(text)])  # type: ignore[misc]
        writer.finish()
        return writer

    build()
    (site / damaged).write_text("terpotong")  # cut short by hand: the page or its twin
    looked: list[str] = []
    real = os.path.isfile

    def isfile(path: str) -> bool:
        looked.append(path)
        return real(path)

    monkeypatch.setattr(os.path, "isfile", isfile)
    writer = build()
    assert [path for path in looked if not path.startswith(str(site / "7"))] == []
    assert writer.made == 1 and (site / "7/index.html").read_text() == "<p>7</p>"
    if precompress:
        assert gzip.decompress((site / "7/index.html.gz").read_bytes()) == b"<p>7</p>"
    monkeypatch.undo()
    # Without the check's findings, each page is looked for (and all are there).
    writer = SiteWriter(site, stats, precompress)
    writer.page("7/index.html", "<p>7</p>", "7", lambda: [pack_text("<p>7</p>")])
    assert writer.made == 0


def test_what_only_a_given_up_attempt_wrote_is_removed_at_finish(tmp_path: Path) -> None:
    """A site is written again without a release that failed (`rewind`): a page only the
    failed attempt wrote is not left behind, outside the manifest."""
    from generator.util.gzparts import pack_text

    writer = SiteWriter(tmp_path)
    writer.page("tetap/index.html", "k1", "tetap", lambda: [pack_text("<p>tetap</p>")])
    mark = writer.mark()
    writer.page("gagal/index.html", "k2", "gagal", lambda: [pack_text("<p>gagal</p>")])
    assert (tmp_path / "gagal/index.html").exists()
    writer.rewind(mark)
    stale = writer.finish()
    assert stale == ["gagal/index.html", "gagal/index.html.gz"]
    assert not (tmp_path / "gagal/index.html").exists()
    assert (tmp_path / "tetap/index.html").exists()
    assert sorted(json.loads((tmp_path / MANIFEST).read_text())["files"]) == [
        "tetap/index.html",
        "tetap/index.html.gz",
    ]


def test_pages_are_out_once_the_stale_are_removed_before_the_manifest_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = SiteWriter(tmp_path)
    first.write_text("lama/index.html", "<p>lama</p>", "lama")
    first.write_text("index.html", "<p>v1</p>", "home")
    first.finish()
    seen: list[tuple[float, bool]] = []
    really_write = writer_module.write_atomic

    def noting(path: Path, data: bytes, *, durable: bool = True) -> None:
        seen.append((time.monotonic(), (tmp_path / "lama/index.html").exists()))
        really_write(path, data, durable=durable)

    removed_at: list[float] = []
    really_unlink = os.unlink

    def unlinking(path: str) -> None:
        really_unlink(path)
        if "lama" in str(path):  # not the build's own mark, removed once it is done
            removed_at.append(time.monotonic())

    monkeypatch.setattr(writer_module, "write_atomic", noting)
    second = SiteWriter(tmp_path)
    assert second.pages_out_at == 0.0
    second.write_text("index.html", "<p>v2</p>", "home")
    monkeypatch.setattr(os, "unlink", unlinking)
    assert second.finish() == ["lama/index.html", "lama/index.html.gz"]
    monkeypatch.setattr(os, "unlink", really_unlink)
    # Out once both stale files were removed, before the manifest (the first record).
    assert len(removed_at) == 2
    assert max(removed_at) <= second.pages_out_at <= seen[0][0]
    assert seen[0][1] is False
