"""A release printed from a real headless Chromium: every release of the sample
newsroom fits one A4 sheet, names the address it was printed from and its version,
and leaves the navigation, share links and footer off the paper."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS, NOW
from tests.conftest import REPO_ROOT
from tests.sitebuild import build_copy, serve

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, bytes]]]:
    """Each release of the sample, on its home site, printed to A4 by Chromium
    (JavaScript off, as a reader on a cheap phone): {path: (canonical URL, PDF)}."""
    from playwright.sync_api import sync_playwright

    work = tmp_path_factory.mktemp("cetak")
    with serve(work / "repo" / "site") as base_url:
        out = build_copy(REPO_ROOT, work, NOW, base_url)
        found: dict[str, tuple[str, bytes]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(java_script_enabled=False).new_page()
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
        yield found


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
