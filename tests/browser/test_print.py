"""A release printed from a real headless Chromium: every release of the sample
newsroom fits one A4 sheet, names the address it was printed from and its version,
and leaves the navigation, share links and footer off the paper. A bulletin's page
printed the same way is its items and their addresses, without the web's links."""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_browser import NOW
from tests.conftest import REPO_ROOT
from tests.sitebuild import build_copy, serve

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The sample newsroom built and served on 127.0.0.1: (its sites, their base URL)."""
    work = tmp_path_factory.mktemp("cetak")
    with serve(work / "repo" / "site") as base_url:
        yield build_copy(REPO_ROOT, work, NOW, base_url), base_url


def _printer(playwright: Any) -> Any:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    # JavaScript off, as a reader on a cheap phone.
    return browser, browser.new_context(java_script_enabled=False).new_page()


@pytest.fixture(scope="module")
def printed(served: tuple[Path, str]) -> dict[str, tuple[str, bytes]]:
    """Each release of the sample, on its home site, printed to A4 by Chromium:
    {path: (canonical URL, PDF)}."""
    from playwright.sync_api import sync_playwright

    out, base_url = served
    found: dict[str, tuple[str, bytes]] = {}
    with sync_playwright() as playwright:
        browser, page = _printer(playwright)
        for path in sorted(out.glob("*/*/*/*/index.html")):
            html = path.read_text(encoding="utf-8")
            if '"@type":"NewsArticle"' not in html:
                continue  # a month's archive, not a release
            canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
            if canonical is None or not canonical.group(1).startswith(base_url):
                continue
            relative = path.parent.relative_to(out).as_posix() + "/"
            if base_url + relative != canonical.group(1):
                continue  # a copy: its home site's page is printed
            page.goto(base_url + relative)
            found[relative] = (canonical.group(1), page.pdf(format="A4"))
        browser.close()
    return found


@pytest.fixture(scope="module")
def printed_bulletins(served: tuple[Path, str]) -> dict[str, tuple[str, bytes]]:
    """Each site's latest bulletin page (`<site>/buletin/`) printed to A4 by Chromium:
    {site: (the page's HTML, PDF)}."""
    from playwright.sync_api import sync_playwright

    out, base_url = served
    found: dict[str, tuple[str, bytes]] = {}
    with sync_playwright() as playwright:
        browser, page = _printer(playwright)
        for path in sorted(out.glob("*/buletin/index.html")):
            site = path.parent.parent.name
            page.goto(f"{base_url}{site}/buletin/")
            found[site] = (path.read_text(encoding="utf-8"), page.pdf(format="A4"))
        browser.close()
    return found


def _pages(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    # PDFium marks a hyphen that ends a line (an address broken at "-") as U+FFFE.
    return [text.replace("\ufffe", "-") for text in texts]


def test_every_sample_release_prints_on_one_a4_sheet(
    printed: dict[str, tuple[str, bytes]],
) -> None:
    assert len(printed) >= 20  # the sample's releases, each on its home site
    too_long = {path: len(_pages(pdf)) for path, (_, pdf) in printed.items()}
    assert {path: n for path, n in too_long.items() if n != 1} == {}


def test_the_sheet_names_its_address_and_version_and_nothing_of_the_web(
    printed: dict[str, tuple[str, bytes]],
) -> None:
    for path, (canonical, pdf) in printed.items():
        text = " ".join(" ".join(_pages(pdf)).split())  # a long address wraps
        address = text.replace(" ", "")
        assert "Dicetakdari" + canonical in address, path
        assert re.search(r"Versi \w+, \d+ \w+ \d{4} \d\d\.\d\d (WIB|WITA|WIT)", text), path
        # Navigation, share links, the plain-text link and the footer stay on screen.
        for web in (
            "Beranda",
            "Bagikan",
            "Teks untuk WhatsApp",
            "Umpan:",
            "Rilis terkait",
            "Unduh foto asli",
            "Mode hemat data",
        ):
            assert web not in text, (path, web)


def test_a_printed_bulletin_is_its_items_without_the_webs_links(
    printed_bulletins: dict[str, tuple[str, bytes]],
) -> None:
    """A Penyuluh may print the bulletin's page instead of its PDF: the paper carries
    every item, its QR code's address and where it was printed from, and none of the
    links that only work on a screen (the PDF, the WhatsApp text, other editions)."""
    with_items = 0
    for site, (html, pdf) in printed_bulletins.items():
        text = " ".join(" ".join(_pages(pdf)).split())
        titles = re.findall(r'<article class="item">.*?<h2>([^<]+)</h2>', html, re.S)
        with_items += bool(titles)
        for title in titles:
            first_words = " ".join(html_text.unescape(title).split()[:3])
            assert first_words in text, (site, title)
        assert "Dicetak dari" in text, site
        for web in ("Unduh PDF", "Teks untuk WhatsApp", "Edisi lain", "Beranda"):
            assert web not in text, (site, web)
    assert with_items >= 2  # the sample's national and provincial editions
