"""A desk page's HTML blocks come out of its Markdown and go back after conversion; the
memo keeps a page as its text only; the search index's twin is stitched from parts."""

from __future__ import annotations

import gzip
import json
import pickle
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.desk.desksite import (
    DeskPage,
    packed_entries,
    remove_stale_pages,
    write_index_twin,
)
from generator.util import gzparts
from tests.conftest import FIXTURES, release_text
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)

TEXT = (
    "# Maret 2026\n\n## Senin\n\n"
    '<table class="nr-releases">\n<tr>\n<td>Rapat *bukan* Markdown</td>\n</tr>\n</table>\n'
    "\nCatatan.\n"
    '<ul class="nr-offices">\n<li>Ambon</li>\n</ul>\n'
)


def test_blocks_are_taken_out_and_put_back() -> None:
    page = DeskPage("hari/2026-03.md", TEXT)
    assert page.blocks[0].startswith('<table class="nr-releases">')
    assert page.blocks[1] == '<ul class="nr-offices">\n<li>Ambon</li>\n</ul>'
    assert "<table" not in page.markdown and "<!--nr-block-0-->" in page.markdown
    converted = "<p><!--nr-block-0--></p><p><!--nr-block-1--></p>"
    assert page.restore(converted) == f"<p>{page.blocks[0]}</p><p>{page.blocks[1]}</p>"


def test_a_kept_page_holds_its_text_and_hash_and_splits_again_alike() -> None:
    page = DeskPage("hari/2026-03.md", TEXT)
    split = (page.markdown, page.blocks)
    data = pickle.dumps(page)
    assert data.count(b"Rapat *bukan* Markdown") == 1  # the text once, not the split too
    kept = pickle.loads(data)
    assert kept == page and kept.digest == page.digest
    assert (kept.markdown, kept.blocks) == split
    assert kept.search_entries("Maret") == page.search_entries("Maret")


def test_the_search_index_twin_is_stitched_and_gunzips_to_the_index(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    desk = build_repo(root, NOW, "https://b.example/", sites=["desk"]) / "desk"
    index = desk / "search" / "search_index.json"
    data, twin = index.read_bytes(), (desk / "search" / "search_index.json.gz").read_bytes()
    assert json.loads(data)["docs"]  # Material's index, with our entries
    assert gzip.decompress(twin) == data
    assert twin != gzparts.gzip_bytes(data)  # stitched from the pages' parts, not whole
    # A release added: the twin follows the new index (from the memo's parts and new ones).
    (root / "content/releases/ambon/2026/pasar-murah.md").write_text(
        release_text(title="Pasar Murah Ramadan", date="2026-11-23 09:00")
    )
    build_repo(root, NOW, "https://b.example/", sites=["desk"])
    data = index.read_bytes()
    assert b"Pasar Murah Ramadan" in data
    assert gzip.decompress((desk / "search" / "search_index.json.gz").read_bytes()) == data


def test_an_index_the_parts_do_not_make_is_left_to_whole_compression(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    entries = [{"location": "", "title": "Desk", "text": "Rapat"}]
    index.write_text('{"config":{"lang":["id"]},"docs":[{"location":"","title":"Lain"}]}')
    assert not write_index_twin(index, [packed_entries(entries)])
    assert not (tmp_path / "search_index.json.gz").exists()
    index.write_text('{"config":{"lang":["id"]},"docs":' + json.dumps(entries) + "}")
    assert not write_index_twin(index, [packed_entries(entries)])  # other separators
    index.write_text(
        '{"config":{"lang":["id"]},"docs":[{"location":"","title":"Desk","text":"Rapat"}]}'
    )
    assert write_index_twin(index, [packed_entries(entries)])
    assert gzip.decompress((tmp_path / "search_index.json.gz").read_bytes()) == index.read_bytes()


def test_the_docs_folder_gets_only_changed_or_missing_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sync_docs writes (compares with its file) only what `changed_pages` names and
    what is missing, and removes the pages no longer made."""
    from generator.desk import desksite
    from generator.desk.desksite import changed_pages, record_built, sync_docs
    from generator.util import fsio

    docs = tmp_path / "docs"
    pages = {f"kantor/k{n}.md": DeskPage(f"kantor/k{n}.md", f"# Kantor {n}\n") for n in range(5)}
    sync_docs(docs, pages, changed_pages(docs, pages, "kunci"))
    record_built(docs, pages, "kunci")
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) == sorted(pages)
    (docs / "kantor/k1.md").unlink()  # removed by hand: written again
    (docs / "kantor/lama.md").write_text("# Kantor yang dihapus\n")  # no longer made
    pages["kantor/k2.md"] = DeskPage("kantor/k2.md", "# Kantor 2, diubah\n")
    written: list[str] = []
    real = fsio.write_if_changed

    def counting(path: Path, data: bytes, durable: bool = True) -> bool:
        written.append(path.relative_to(docs).as_posix())
        return real(path, data, durable=durable)

    monkeypatch.setattr(desksite, "write_if_changed", counting)
    changed = changed_pages(docs, pages, "kunci")
    assert changed == {"kantor/k2.md"}
    sync_docs(docs, pages, changed)
    assert sorted(written) == ["kantor/k1.md", "kantor/k2.md"]
    assert not (docs / "kantor/lama.md").exists()
    assert all((docs / path).read_text() == page.source for path, page in pages.items())


def test_built_pages_no_longer_made_are_removed_with_their_twins(tmp_path: Path) -> None:
    site = tmp_path / "desk"
    for url in ("hari/2026-03/", "hari/2026-04/", "kantor/lama/", "kantor/baru/", "cari/"):
        (site / url).mkdir(parents=True)
        (site / url / "index.html").write_text("<p>halaman</p>")
        (site / url / "index.html.gz").write_bytes(b"gz")
    (site / "kantor/lama/gambar.png").write_bytes(b"bukan milik halaman")
    (site / "kantor/tanpa-halaman").mkdir()
    elsewhere = tmp_path / "luar"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("bukan milik desk")
    (site / "kantor/tautan").symlink_to(elsewhere)  # never followed
    remove_stale_pages(site, {"hari/2026-04/", "kantor/baru/", "cari/"})
    assert (elsewhere / "index.html").read_text() == "bukan milik desk"
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert left == [
        "cari/index.html",
        "cari/index.html.gz",
        "hari/2026-04/index.html",
        "hari/2026-04/index.html.gz",
        "kantor/baru/index.html",
        "kantor/baru/index.html.gz",
        "kantor/lama/gambar.png",  # not a page: the folder stays with it
    ]
    assert not (site / "hari/2026-03").exists(), "an emptied folder goes too"
    assert (site / "kantor/tanpa-halaman").is_dir(), "a folder without a page is not ours"
