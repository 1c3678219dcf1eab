"""Search under `newsroom serve`: the previewed site's /cari/ finds its releases in a
real headless Chromium, through MkDocs' own live-reload server on 127.0.0.1 (the
served site's index is made after its pages at every rebuild), with no error on the
console (the search page's policy must allow the live-reload script too), and a word
saved into a release while serving is found after the rebuild."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_search import CHROMIUM, Watched
from tests.conftest import REPO_ROOT
from tests.generator.cli.test_serve import fetch_until, free_port

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
RELEASE = Path("content/releases/komdigi/2026/literasi-digital-5000-desa.md")
NEW_WORD = "kunangkunang"  # in no release of the sample


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("serve") / "repo"
    shutil.copytree(REPO_ROOT / "content", root / "content")
    shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    port = free_port()
    newsroom = Path(sys.executable).parent / "newsroom"
    server = subprocess.Popen(
        [str(newsroom), "serve", "--site", "nasional", "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base_url = f"http://127.0.0.1:{port}/nasional/"
        fetch_until(base_url + "pagefind/pagefind-entry.json", '"languages"', seconds=120)
        yield base_url, root
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_search_works_under_serve(served: tuple[str, Path], browser: Any) -> None:
    base_url, _ = served
    watched = Watched(browser)
    watched.page.goto(base_url + "cari/?q=literasi")
    titles = watched.results()
    watched.close()
    assert any("Literasi Digital ke 5.000 Desa" in t for t in titles), titles
    assert watched.errors == []


def test_a_word_saved_while_serving_is_found_after_the_rebuild(
    served: tuple[str, Path], browser: Any
) -> None:
    base_url, root = served
    release = root / RELEASE
    release.write_text(release.read_text(encoding="utf-8") + f"\n\nAda {NEW_WORD}.\n")
    fetch_until(base_url + "komdigi/2026/literasi-digital-5000-desa/", NEW_WORD, seconds=120)
    watched = Watched(browser)
    # The page is out before its index: the rebuild's index follows it, so ask again
    # until the word is found (the rebuild's end is not announced to this test).
    titles: list[str] = []
    for _ in range(20):
        watched.page.goto(base_url + f"cari/?q={NEW_WORD}")
        titles = watched.results()
        if titles:
            break
        watched.page.wait_for_timeout(1000)
    watched.close()
    assert any("Literasi Digital ke 5.000 Desa" in t for t in titles), titles
