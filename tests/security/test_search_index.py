"""What the public search index holds: only releases public at the build's `now`.
An embargoed, a draft and a withdrawn release never enter it (their words are in
no file of the index, and the search page finds none of them in Chromium), an
office's preview builds no index, and a hostile title or body comes back from a
search as text, never as markup."""

from __future__ import annotations

import gzip
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.host.searchindex import FOLDER, SHARED
from tests.conftest import FIXTURES, release_text
from tests.security.hostile import CANARY
from tests.sitebuild import build_repo, serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
HOSTILE_TITLE = f"<img src=x onerror={CANARY}> Zebrajahat <b>tebal</b> & co"
HIDDEN = {
    # word: (release file, front matter); each one's body says only its word
    "zebraembargo": ("kaltim/2026/embargo-zebra", {"publish_at": "2026-11-30 09:00"}),
    "zebradraf": ("kaltim/2026/draf-zebra", {"status": "draft"}),
    "zebratarik": (
        "kaltim/2026/tarik-zebra",
        {"status": "withdrawn", "withdrawn_reason": "Salah kirim."},
    ),
    # The same from a central office: the index the provinces share (pagefind/pusat/).
    "zebrapusatembargo": ("komdigi/2026/embargo-zebra", {"publish_at": "2026-11-30 09:00"}),
    "zebrapusatdraf": ("komdigi/2026/draf-zebra", {"status": "draft"}),
    "zebrapusattarik": (
        "komdigi/2026/tarik-zebra",
        {"status": "withdrawn", "withdrawn_reason": "Salah kirim."},
    ),
}
HOSTILE = {"zebrajahat": "kaltim/2026/jahat-zebra", "zebrapusatjahat": "komdigi/2026/jahat-zebra"}


def _release(root: Path, release_id: str, text: str) -> None:
    path = root / "content/releases" / f"{release_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("cari-aman") / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    for word, (release_id, fields) in HIDDEN.items():
        text = release_text(title=f"Rilis {word.title()}", date="2026-11-20 09:00", **fields)
        _release(root, release_id, text.replace("Isi rilis contoh.", f"Kata {word} di sini."))
    for word, release_id in HOSTILE.items():
        hostile = release_text(title=f"'{HOSTILE_TITLE}'", date="2026-11-21 09:00")
        body = f"{word} `<img src=x onerror={CANARY}>` dan &lt;script&gt;{CANARY}&lt;/script&gt;."
        _release(root, release_id, hostile.replace("Isi rilis contoh.", body))
    with serve(root / "site", gzip_static=True) as base_url:
        yield base_url, build_repo(root, NOW, base_url, out=root / "site")


def index_text(folder: Path) -> bytes:
    """Every file of a site's index, decompressed where Pagefind compressed it."""
    data = b""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix != ".gz":
            raw = path.read_bytes()
            data += gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    return data


@pytest.mark.parametrize("site_id", ["nasional", "kalimantan-timur"])
def test_no_index_holds_an_embargoed_a_draft_or_a_withdrawn_release(
    site: tuple[str, Path], site_id: str
) -> None:
    _, out = site
    held = index_text(out / site_id / FOLDER).lower()
    assert b"pagefind_dcd" in held  # the index is there
    if site_id == "kalimantan-timur":  # the province's releases' home
        assert b"zebrajahat" in held  # and holds the public release beside the hidden ones
        assert b"zebrapusatjahat" in index_text(out / site_id / FOLDER / SHARED)
    for word in HIDDEN:
        assert word.encode() not in held, word
        assert word.removeprefix("zebra").encode() not in held, word


def test_the_withdrawn_tombstone_is_published_but_not_marked_for_the_index(
    site: tuple[str, Path],
) -> None:
    _, out = site
    tombstone = out / "kalimantan-timur/kaltim/2026/tarik-zebra/index.html"
    html = tombstone.read_text(encoding="utf-8")
    assert "telah ditarik" in html and "data-pagefind-body" not in html


def test_an_office_preview_builds_no_index(office_repo: Any) -> None:
    text = release_text(title="Draf", status="draft").replace("Isi rilis contoh.", "zebradraf")
    root = office_repo({"releases/2026/draf.md": text, "releases/2026/umum.md": release_text()})
    out = build_repo(root, NOW, "http://127.0.0.1:8000/")
    assert list(out.rglob("cari/index.html"))  # the page is there, saying what it is
    assert not list(out.rglob(f"{FOLDER}/*")), "a preview shows drafts: never indexed"
    assert not [p for p in out.rglob("*.html") if "data-pagefind-body" in p.read_text()]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the browser tests", pytrace=False)
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    from tests.browser.chromium import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def search(browser: Any, url: str, failures: list[str]) -> Any:
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.on("console", lambda message: failures.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: failures.append(f"page error: {error}"))
    page.on("dialog", lambda box: failures.append(f"dialog: {box.message}"))
    page.goto(url)
    status = page.locator("#cari-status")
    expect(status).to_have_text(re_found(), timeout=15_000)
    return page


def re_found() -> Any:
    import re

    return re.compile("ditemukan|Tidak ada|belum")


@pytest.mark.parametrize("word", sorted(HIDDEN))
def test_the_search_page_finds_no_hidden_release(
    site: tuple[str, Path], browser: Any, word: str
) -> None:
    base_url, _ = site
    failures: list[str] = []
    for site_id in ("nasional", "kalimantan-timur"):
        page = search(browser, f"{base_url}{site_id}/cari/?q={word}", failures)
        assert "Tidak ada" in page.locator("#cari-status").inner_text()
        page.context.close()
    assert failures == []


@pytest.mark.parametrize("word", sorted(HOSTILE))  # a province's own index, and the shared
def test_a_hostile_title_and_body_come_back_as_text(
    site: tuple[str, Path], browser: Any, word: str
) -> None:
    base_url, _ = site
    failures: list[str] = []
    page = search(browser, f"{base_url}kalimantan-timur/cari/?q={word}", failures)
    results = page.locator("#cari-hasil")
    assert page.locator("#cari-hasil h2").first.inner_text() == HOSTILE_TITLE
    assert results.locator("img, b, script").count() == 0  # only <mark> is ever markup
    excerpt = results.locator("article > p").last.inner_text()
    assert "<img src=x" in excerpt or "<script>" in excerpt, excerpt
    assert page.evaluate("window.__pwned") is None
    page.context.close()
    assert failures == []
