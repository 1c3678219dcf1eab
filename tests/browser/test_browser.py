"""The sample newsroom in a real headless Chromium at 360x640, JavaScript off:
content readable, nothing requested from another host, no console errors."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.content.images import image_size
from tests.browser.chromium import CHROMIUM
from tests.browser.parallel import in_browsers
from tests.conftest import REPO_ROOT
from tests.sitebuild import build_copy, serve

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI needs Chromium for the browser tests (.ci/run installs it)", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("browser")
    with serve(work / "repo" / "site") as base_url:
        out = build_copy(REPO_ROOT, work, NOW, base_url)
        yield base_url, out


def pick_pages(out: Path) -> dict[str, str]:
    """Home, a release with an image, and a category archive of the national site."""
    national = out / "nasional"
    release = next(
        p
        for p in sorted(national.glob("*/*/*/index.html"))
        if "<figure>" in p.read_text(encoding="utf-8")
    )
    return {
        "home": "nasional/",
        "release": release.parent.relative_to(out).as_posix() + "/",
        "archive": "nasional/kategori/berita/",
        "province": "kalimantan-timur/",
    }


@pytest.mark.parametrize("kind", ["home", "release", "archive", "province"])
def test_page_reads_without_javascript_on_a_small_phone(
    kind: str, served: tuple[str, Path], browser: object, tmp_path: Path
) -> None:
    base_url, out = served
    path = pick_pages(out)[kind]
    context = browser.new_context(  # type: ignore[attr-defined]
        java_script_enabled=False, viewport={"width": 360, "height": 640}
    )
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(base_url + path)
    assert response is not None and response.status == 200
    heading = page.locator("h1").first.inner_text()
    assert heading.strip()
    assert page.locator("main").inner_text().strip()
    shot = tmp_path / f"{kind}.png"
    page.screenshot(path=str(shot), full_page=True)
    context.close()
    assert errors == []
    assert all(url.startswith("http://127.0.0.1:") for url in requests), requests
    # A full-page screenshot is as wide as the content: nothing may overflow 360 px.
    size = image_size(shot)
    assert size is not None and size[0] == 360


def test_the_writers_preview_reloads_itself_after_an_edit(
    browser: object, office_repo: object, tmp_path: Path
) -> None:
    """`newsroom serve`: the page open in the writer's browser follows the edit, so the
    page's own security policy must let MkDocs' live-reload script run (there only)."""
    import subprocess
    import sys

    from tests.conftest import release_text
    from tests.generator.cli.test_serve import fetch_until, free_port

    release = "releases/2026/rapat.md"
    root = office_repo({release: release_text(title="Judul Pertama")})  # type: ignore[operator]
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "newsroom"), "serve", "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/kalimantan-timur/kutai-timur/2026/rapat/"
        fetch_until(url, "Judul Pertama")
        page = browser.new_page()  # type: ignore[attr-defined]
        refused: list[str] = []
        page.on("console", lambda message: refused.append(message.text))
        page.goto(url)
        assert page.locator("h1").inner_text() == "Judul Pertama"
        (root / release).write_text(release_text(title="Judul Kedua"))
        from playwright.sync_api import expect

        # The page reloads by itself: nobody navigates it again.
        expect(page.locator("h1")).to_have_text("Judul Kedua", timeout=30_000)
        assert not [text for text in refused if "Content Security Policy" in text], refused
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    # A built site never allows script.
    built = (root / "site").glob("**/index.html") if (root / "site").exists() else []
    for path in built:
        assert "unsafe-inline" not in path.read_text()


LONG_WORD = "Pengarusutamaanperlindunganhakhakpenyandangdisabilitaskabupatenkutaitimur" * 2
LONG_URL = (
    "https://ppid.kutaitimurkab.go.id/informasi-publik/berkala/"
    + "peraturan-bupati-kutai-timur-nomor-12-tahun-2026-tentang-jam-layanan-publik-" * 3
    + "lampiran.pdf"
)
NARROW_RELEASE = f"""---
title: Sosialisasi {LONG_WORD[:60]} di Sangatta
date: 2026-11-20 10:00
category: berita
tags: [{LONG_WORD[:48]}]
updates: [{{date: '2026-11-21 09:00', note: 'Tautan diganti: {LONG_URL}'}}]
---
SANGATTA — {LONG_WORD} dibahas bersama warga.

Dokumen lengkap: {LONG_URL}

Juga di [{LONG_URL}]({LONG_URL}) dan `{LONG_WORD}`.

| Dokumen | Alamat |
|---|---|
| Perbup | {LONG_URL} |
"""


def narrow_sample(work: Path) -> Path:
    """The sample's content, plus what stretches a narrow screen most: a synced release
    (its "Asal berkas" and "Sumber" lines name long addresses) with a very long word
    and URL in its title, tag, body, table and correction."""
    import json

    root = work / "repo"
    shutil.copytree(REPO_ROOT / "content", root / "content")
    shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    path = "releases/2026/sosialisasi-disabilitas.md"
    (root / "content/releases/kutai-timur" / path.removeprefix("releases/")).write_text(
        NARROW_RELEASE, encoding="utf-8"
    )
    entry = {"oid": "0" * 40, "commit": "1" * 40, "origin": LONG_URL.removesuffix(".pdf") + "/"}
    entry["copied"] = "2026-11-21T09:30:00+08:00"
    state = {"source": LONG_URL.removesuffix(".pdf") + ".git", "releases": {path: entry}}
    (root / "content/sync").mkdir()
    (root / "content/sync/kutai-timur.json").write_text(json.dumps(state), encoding="utf-8")
    return root


def test_no_public_page_scrolls_sideways_at_320_px(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from tests.sitebuild import build_repo

    work = tmp_path_factory.mktemp("sempit")
    root = narrow_sample(work)
    with serve(root / "site") as base_url:
        out = build_repo(root, NOW, base_url)
        pages = sorted(
            p.relative_to(out).as_posix()
            for p in out.rglob("*.html")
            if p.relative_to(out).parts[0] != "desk"  # the editors' own site, not public
        )
        assert any("sosialisasi-disabilitas" in p for p in pages)
        assert len(pages) > 300  # every site: national and provincial
        wide = in_browsers(pages, lambda browser, some: wider_than_320(browser, base_url, some))
    assert wide == []


def wider_than_320(browser: Any, base_url: str, pages: list[str]) -> list[tuple[str, int]]:
    """The pages of `pages` wider than a 320 px screen, with their width."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for name in pages:
        page.goto(base_url + name)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append((name, width))
    context.close()
    return wide
