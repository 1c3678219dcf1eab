"""The bench's search rows: per site, the index's size and the time to make it; in
Chromium, the bytes of the search page plus a first query, and of a further query,
on the national site and the largest provincial one, beside the size of Material's
whole search index on the desk (downloaded before its first result); and the delay
by which the indexes trail the pages when a central release touches every site.

Not part of `make test`: it measures, it does not judge (tests/browser/test_search.py
holds the sample to the budget)."""

from __future__ import annotations

import gzip
import re
import shutil
import time
from pathlib import Path
from typing import Any

from generator.host.searchindex import refresh_indexes
from generator.public.sites import NATIONAL
from tests.sitebuild import serve

FIRST_WORD, FURTHER_WORD = "banjir", "pelabuhan"  # corpus words (tests/bench/corpus.py)


def search_report(out: Path, sites: list[str]) -> dict[str, Any]:
    """Every figure of the search rows, for the sites built in `out`."""
    province = max(
        (s for s in sites if s != NATIONAL), key=lambda s: len(list((out / s).glob("*/*/*/")))
    )
    report: dict[str, Any] = {"sites": {}}
    for site in (NATIONAL, province):
        started = time.monotonic()
        (result,) = refresh_indexes(out, [site], None, jobs=1)  # made again, alone
        report["sites"][site] = {
            "pages": result.pages,
            "index_bytes": result.size,
            "index_seconds": round(time.monotonic() - started, 2),
        }
    # A central release is shown on every site: every index is made again after its pages.
    started = time.monotonic()
    refresh_indexes(out, sites, None)
    report["all_sites_reindex_seconds"] = round(time.monotonic() - started, 2)
    desk_index = out / "desk" / "search" / "search_index.json"
    if desk_index.is_file():  # the bytes the server sends: its gzip twin, or ours of it
        twin = desk_index.with_name(desk_index.name + ".gz")
        packed = twin.read_bytes() if twin.is_file() else gzip.compress(desk_index.read_bytes())
        report["material_desk_index_gzip_bytes"] = len(packed)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is not None:
        with serve(out, gzip_static=True) as base_url:
            for site in (NATIONAL, province):
                if report["sites"][site]["pages"]:  # a tiny corpus may leave a site empty
                    report["sites"][site] |= query_bytes(chromium, base_url + f"{site}/cari/")
    return report


def query_bytes(chromium: str, page_url: str) -> dict[str, int]:
    """Bytes on the wire (headers and bodies) of the search page with a first query, and
    of a further query typed into it."""
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.test_browser import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 360, "height": 640}).new_page()
        responses: list[Any] = []
        page.on("response", lambda response: responses.append(response))

        def settled() -> None:
            status = page.locator("#cari-status")
            expect(status).to_have_text(re.compile("ditemukan|Tidak ada|belum"), timeout=60_000)
            if "ditemukan" in status.inner_text():  # then the results' fragments
                expect(page.locator("#cari-hasil li").first).to_be_visible(timeout=60_000)
            page.wait_for_load_state("networkidle")

        page.goto(f"{page_url}?q={FIRST_WORD}")
        settled()
        first = _wire(responses)
        before = len(responses)
        page.fill("#q", FURTHER_WORD)
        page.press("#q", "Enter")
        page.wait_for_url(lambda url: FURTHER_WORD in url)
        settled()
        further = _wire(responses[before:])
        browser.close()
    return {"page_and_first_query_bytes": first, "further_query_bytes": further}


def _wire(responses: list[Any]) -> int:
    total = 0
    for response in responses:
        response.finished()
        sizes = response.request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def print_search(report: dict[str, Any]) -> None:
    print()
    for site, row in report["sites"].items():
        line = (
            f"search {site:<18}{row['pages']} releases, index {row['index_bytes'] // 1024} KB,"
            f" made in {row['index_seconds']:.2f} s"
        )
        if "page_and_first_query_bytes" in row:
            line += (
                f"; page + first query {row['page_and_first_query_bytes'] // 1024} KB,"
                f" further query {row['further_query_bytes'] // 1024} KB"
            )
        print(line)
    print(
        f"search: every site's index made again after the pages: "
        f"{report['all_sites_reindex_seconds']:.2f} s (the most the indexes trail)"
    )
    if "material_desk_index_gzip_bytes" in report:
        size = report["material_desk_index_gzip_bytes"] // 1024
        print(f"search: Material's whole index on the desk, before any result: {size} KB gzip")
