"""Public search (/cari/) in a real headless Chromium on the sample newsroom, served as
nginx serves it (`.gz` twins): a word finds its release, with and without a filter,
in the office's zone; the header's box opens the page with the query; without
JavaScript the page explains itself; and the bytes stay within the 2G budget (the
page and a first query ≤ 150 KB on the wire, each further query ≤ 30 KB)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest

from tests.conftest import REPO_ROOT
from tests.sitebuild import build_copy, serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
PHONE = {"width": 360, "height": 640}
FIRST_QUERY_BUDGET = 150_000  # the search page, its script, Pagefind and a first query
FURTHER_QUERY_BUDGET = 30_000

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI needs Chromium for the browser tests (.ci/run installs it)", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("cari")
    with serve(work / "repo" / "site", gzip_static=True) as base_url:
        out = build_copy(REPO_ROOT, work, NOW, base_url)
        yield base_url, out


class Watched:
    """A phone-sized page with JavaScript on: what it fetched (bytes on the wire, headers
    and body as sent) and what went wrong (console errors, a CSP refusal is one)."""

    def __init__(self, browser: Any, *, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.responses: list[Any] = []
        self.errors: list[str] = []
        self.page.on("response", lambda response: self.responses.append(response))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def transferred(self, since: int = 0) -> int:
        total = 0
        for response in self.responses[since:]:
            response.finished()
            sizes = response.request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total

    def results(self) -> list[str]:
        """The titles found, once the status says the search ended (waited for from
        here: the page's policy refuses the eval a string predicate would need)."""
        from playwright.sync_api import expect

        status = self.page.locator("#cari-status")
        expect(status).to_have_text(re.compile("ditemukan|Tidak ada|belum"), timeout=15_000)
        if "ditemukan" in status.inner_text():  # the results' fragments are still coming
            expect(self.page.locator("#cari-hasil li").first).to_be_visible(timeout=15_000)
        return list(self.page.locator("#cari-hasil h2").all_inner_texts())

    def search_again(self, words: str) -> int:
        """`words` typed into the page's own box and searched, the results waited for:
        the bytes that fetched."""
        before = len(self.responses)
        self.page.fill("#q", words)
        self.page.press("#q", "Enter")
        self.wait_for_query(f"q={words}")
        assert self.results()
        self.page.wait_for_load_state("networkidle")
        return self.transferred(before)

    def wait_for_query(self, part: str) -> None:
        self.page.wait_for_url(lambda url: part in unquote_plus(url), timeout=15_000)

    def close(self) -> None:
        self.context.close()


def test_a_word_finds_its_release(served: tuple[str, Path], browser: Any) -> None:
    base_url, _ = served
    watched = Watched(browser)
    watched.page.goto(base_url + "nasional/cari/?q=literasi")
    titles = watched.results()
    assert any("Literasi Digital ke 5.000 Desa" in t for t in titles), titles
    meta = watched.page.locator("#cari-hasil .meta").first.inner_text()
    assert "WIB" in meta or "WITA" in meta or "WIT" in meta, meta  # the date in its zone
    link = watched.page.locator("#cari-hasil h2 a").first.get_attribute("href")
    assert link is not None and link.startswith("/nasional/") and link.endswith("/")
    watched.page.locator("#cari-hasil h2 a").first.click()
    watched.page.wait_for_load_state()
    assert "Literasi" in watched.page.locator("h1").inner_text()
    watched.close()
    assert watched.errors == []


def test_indonesian_stemming_finds_other_forms_of_a_word(
    served: tuple[str, Path], browser: Any
) -> None:
    # The release says "Perluas" and "memperluas": "perluasan" finds it by its stem.
    base_url, _ = served
    watched = Watched(browser)
    watched.page.goto(base_url + "nasional/cari/?q=perluasan")
    titles = watched.results()
    watched.close()
    assert any("Perluas Program Literasi" in t for t in titles), titles


def test_a_filter_keeps_only_its_releases_and_shows_the_verdict(
    served: tuple[str, Path], browser: Any
) -> None:
    base_url, _ = served
    watched = Watched(browser)
    watched.page.goto(base_url + "nasional/cari/?q=hoaks")
    everything = watched.results()
    watched.page.select_option("#f-kategori", "Klarifikasi Hoaks")
    watched.wait_for_query("kategori=Klarifikasi")
    only = watched.results()
    assert only and len(only) <= len(everything)
    lines = watched.page.locator("#cari-hasil .meta").all_inner_texts()
    assert all("Klarifikasi Hoaks" in line for line in lines), lines
    assert any("Status: HOAKS" in line for line in lines), lines
    watched.page.select_option("#f-kategori", "Agenda")
    watched.wait_for_query("kategori=Agenda")
    agenda = watched.results()
    lines = watched.page.locator("#cari-hasil .meta").all_inner_texts()
    assert set(agenda).isdisjoint(only) and all("Agenda" in line for line in lines), lines
    watched.close()
    assert watched.errors == []


def test_a_provincial_site_searches_its_own_releases(
    served: tuple[str, Path], browser: Any
) -> None:
    base_url, _ = served
    watched = Watched(browser)
    watched.page.goto(base_url + "kalimantan-timur/cari/?q=banjir")
    titles = watched.results()
    links = watched.page.locator("#cari-hasil h2 a").evaluate_all("a => a.map(x => x.href)")
    watched.close()
    assert titles
    assert all(link.startswith(base_url + "kalimantan-timur/") for link in links), links


def test_a_provincial_site_finds_central_and_its_own_releases_in_one_list(
    served: tuple[str, Path], browser: Any
) -> None:
    """A province's own index holds its offices' releases; the central releases are in
    the index every province shares (`pagefind/pusat/`), merged in by the page: one
    query finds both, each result the province's own copy, within the same budget."""
    base_url, out = served
    assert (out / "kalimantan-timur" / "pagefind" / "pusat" / "pagefind-entry.json").is_file()
    watched = Watched(browser)
    watched.page.goto(base_url + "kalimantan-timur/cari/?q=literasi", wait_until="networkidle")
    assert watched.results()
    first = watched.transferred()
    links = watched.page.locator("#cari-hasil h2 a").evaluate_all("a => a.map(x => x.href)")
    further = watched.search_again("banjir")
    urls = [r.url for r in watched.responses]
    watched.close()
    assert any("/komdigi/" in link for link in links), links  # central: the shared index
    assert any("/balikpapan/" in link for link in links), links  # the province's own
    assert all(link.startswith(base_url + "kalimantan-timur/") for link in links), links
    assert any("/pagefind/pusat/" in url for url in urls), urls
    assert first <= FIRST_QUERY_BUDGET, (first, urls)
    assert 0 < further <= FURTHER_QUERY_BUDGET, (further, urls)
    assert watched.errors == []


def test_a_filter_changed_while_the_first_search_loads_shows_only_its_results(
    served: tuple[str, Path], browser: Any
) -> None:
    """On 2G the first search waits seconds for the index; a reader who picks a filter
    meanwhile starts a second search. Only the latest one's results show: both used to
    append theirs to the list, every release of the second twice."""
    base_url, _ = served
    page = base_url + "kalimantan-timur/cari/"
    alone = Watched(browser)
    alone.page.goto(page + "?q=banjir&kategori=Berita")
    expected = alone.results()
    count = alone.page.locator("#cari-status").inner_text()
    alone.close()
    assert expected
    watched = Watched(browser)
    watched.page.goto(page, wait_until="networkidle")  # no query: no index loaded yet
    slow = watched.context.new_cdp_session(watched.page)
    latency = {"offline": False, "latency": 400, "downloadThroughput": 30_000}
    slow.send("Network.emulateNetworkConditions", {**latency, "uploadThroughput": 10_000})
    watched.page.fill("#q", "banjir")
    watched.page.press("#q", "Enter")  # the first search: the index takes seconds
    watched.page.select_option("#f-kategori", "Berita")  # the second, meanwhile
    watched.wait_for_query("kategori=Berita")
    assert watched.results()
    watched.page.wait_for_load_state("networkidle")  # the first search's fetches too
    watched.page.wait_for_timeout(500)  # and whatever it would do with them
    titles = watched.page.locator("#cari-hasil h2").all_inner_texts()
    status = watched.page.locator("#cari-status").inner_text()
    watched.close()
    assert titles == expected, (titles, expected)
    assert status == count, (status, count)
    assert watched.errors == []


def test_the_header_box_opens_the_search_page_with_the_query(
    served: tuple[str, Path], browser: Any
) -> None:
    base_url, _ = served
    watched = Watched(browser)
    watched.page.goto(base_url + "nasional/kategori/berita/")
    watched.page.fill("#cari-q", "literasi")
    watched.page.press("#cari-q", "Enter")
    watched.page.wait_for_url("**/nasional/cari/?q=literasi")
    assert watched.results()
    assert watched.page.input_value("#q") == "literasi"
    watched.close()
    assert watched.errors == []


def test_without_javascript_the_page_explains_itself_and_links_the_archives(
    served: tuple[str, Path], browser: Any
) -> None:
    base_url, _ = served
    watched = Watched(browser, javascript=False)
    watched.page.goto(base_url + "nasional/cari/?q=literasi")
    text = watched.page.locator("main").inner_text()
    hrefs = watched.page.locator("main a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    watched.close()
    assert "memerlukan JavaScript" in text
    for archive in ("kategori/", "kantor/", "arsip/"):
        assert f"/nasional/{archive}" in hrefs, hrefs


def test_the_search_page_and_queries_stay_within_the_2g_budget(
    served: tuple[str, Path], browser: Any
) -> None:
    base_url, _ = served
    watched = Watched(browser)
    watched.page.goto(base_url + "nasional/cari/?q=literasi", wait_until="networkidle")
    assert watched.results()
    first = watched.transferred()
    further = watched.search_again("banjir")
    urls = [r.url for r in watched.responses]
    watched.close()
    assert first <= FIRST_QUERY_BUDGET, (first, urls)
    assert 0 < further <= FURTHER_QUERY_BUDGET, (further, urls)
    assert all("pagefind-ui" not in url and "worker" not in url for url in urls), urls


def test_no_other_page_loads_a_script(served: tuple[str, Path]) -> None:
    _, out = served
    pages = [p for p in out.glob("nasional/**/*.html") if "cari" not in p.parts]
    assert pages
    script = re.compile(r'<script(?! type="application/ld\+json">)')
    assert not [p for p in pages if script.search(p.read_text(encoding="utf-8"))]
