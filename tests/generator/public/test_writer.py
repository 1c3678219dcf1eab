from __future__ import annotations

import gzip
from pathlib import Path

import pytest

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
