"""The bench's search rows: per site, the index's size and the time to make it; in
Chromium, the bytes of the search page plus a first query, and of a further query,
on the national site and the largest provincial one, beside the size of Material's
whole search index on the desk (downloaded before its first result); and the delay
by which the indexes trail the pages when a central release touches every site.

`make bench` prints these rows; alone, on a corpus of its own (no photos by default):

    nice -n 10 .venv/bin/python -m tests.bench.searchbench --releases 10000

builds the corpus once, prints the rows, then adds a central release (shown on every
site) `--runs` times and rebuilds: how long after a site's new page was written its
index named it (from the files' times), for every site. `--work DIR` keeps the corpus
and its build there, to measure again without making them anew.

Not part of `make test`: it measures, it does not judge (tests/browser/test_search.py
holds the sample to the budget)."""

from __future__ import annotations

import argparse
import compileall
import gzip
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generator.content.problems import Report
from generator.content.provinces import PROVINCES
from generator.content.repository import find_layout, load_offices
from generator.host.indexparts import Shared, shared_index
from generator.host.searchindex import ENTRY, FOLDER, SHARED, refresh_indexes
from generator.public.sites import NATIONAL, Settings, sites_of
from generator.public.writer import MANIFEST
from tests.bench.corpus import generate
from tests.bench.measure import measure
from tests.sitebuild import serve

FIRST_WORD, FURTHER_WORD = "banjir", "pelabuhan"  # corpus words (tests/bench/corpus.py)


def search_report(out: Path, sites: list[str]) -> dict[str, Any]:
    """Every figure of the search rows, for the sites built in `out`."""
    province = max(
        (s for s in sites if s != NATIONAL), key=lambda s: len(list((out / s).glob("*/*/*/")))
    )
    shared = shared_of(out.parent)
    report: dict[str, Any] = {"sites": {}}
    for site in (NATIONAL, province):
        started = time.monotonic()
        # Made again, alone: a province's own index and the central releases' it shares.
        results = refresh_indexes(out, [site], None, jobs=1, shared=shared)
        own = next(r for r in results if r.site_id == site)
        report["sites"][site] = {
            "pages": own.pages,
            "index_bytes": own.size,
            "index_seconds": round(time.monotonic() - started, 2),
        }
        for central in (r for r in results if r is not own):
            report["sites"][site] |= {"shared_pages": central.pages, "shared_bytes": central.size}
    # A central release is shown on every site: every index is made again after its pages.
    started = time.monotonic()
    refresh_indexes(out, sites, None, shared=shared)
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


def shared_of(root: Path) -> Shared | None:
    """The provinces' shared index of central releases, as a build of every site of the
    newsroom at `root` makes it."""
    layout = find_layout(root)
    assert layout is not None
    offices = load_offices(layout, Report())
    sites = list(sites_of(offices, Settings()).values())
    return shared_index(sites, sites, offices)


def query_bytes(chromium: str, page_url: str) -> dict[str, int]:
    """Bytes on the wire (headers and bodies) of the search page with a first query, and
    of a further query typed into it."""
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.chromium import CHROMIUM_ARGS

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
        line = f"search {site:<18}{row['pages']} releases, index {row['index_bytes'] // 1024} KB"
        if "shared_pages" in row:
            line += (
                f" + the central releases' (shared by the provinces) {row['shared_pages']},"
                f" {row['shared_bytes'] // 1024} KB"
            )
        line += f", made in {row['index_seconds']:.2f} s"
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


NOW = "2026-11-24T00:00:00Z"
BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]


def index_delay(root: Path, sites: list[str], n: int) -> dict[str, Any]:
    """Add a central release (every site shows it) to the built newsroom at `root` and
    rebuild it: for each site, the seconds from its new page written to its index's
    entry written (the index names the page from then on), from the files' times."""
    page = add_central_release(root, n)
    run = measure([str(BIN / "newsroom"), "build", "--now", NOW], root)
    out = root / "site"
    delays: dict[str, float] = {}
    for site in sites:
        written = out / site / page
        if not written.is_file():  # a site that does not show it (a syndication setting)
            continue
        delays[site] = named_at(out / site) - written.stat().st_mtime
    last_page = max((out / s / page).stat().st_mtime for s in delays)
    last_site = max((out / s / MANIFEST).stat().st_mtime for s in delays)
    last_index = max(
        max(named_at(out / s), *(p.stat().st_mtime for p in (out / s / FOLDER).glob(ENTRY)))
        for s in delays
    )
    return {
        "rebuild_seconds": round(run.seconds, 2),
        "sites": len(delays),
        "sites_behind": sum(1 for d in delays.values() if d <= 0),  # never refreshed
        "worst_site_seconds": round(max(delays.values()), 2),
        "last_page_to_last_index_seconds": round(last_index - max(last_page, last_site), 2),
    }


def named_at(site_dir: Path) -> float:
    """When the index of `site_dir` that holds a central release was last put in place:
    a province's copy of the shared index, else the site's own."""
    shared = site_dir / FOLDER / SHARED / ENTRY
    if not shared.is_file():
        return (site_dir / FOLDER / ENTRY).stat().st_mtime
    # The shared entry is a hard link: its own time is when the index was made, before
    # it was linked into this site. Renamed into its folder last but for its `.gz` twin
    # (generator.host.indexlinks), it set the folder's time then; the old files removed
    # after it set it again, so the folder's time is when this site's readers could find
    # the release, or a little later: an upper bound.
    return max(shared.stat().st_mtime, shared.parent.stat().st_mtime)


def add_central_release(root: Path, n: int) -> str:
    """A copy of a ministry's release under a new name and title; the address of its
    page in every site, relative to the site's folder."""
    releases = root / "content" / "releases"
    model = sorted(releases.glob("kementerian-*/*/rilis-0*.md"))[0]
    front, body = model.read_text().split("\n---\n", 1)
    name = f"rilis-pusat-baru-{n}"
    while (model.parent / f"{name}.md").exists():  # a kept corpus measured again
        n += 1
        name = f"rilis-pusat-baru-{n}"
    front = front.replace("title: ", f"title: Pengumuman pusat {n} ", 1)
    (model.parent / f"{name}.md").write_text(f"{front}\n---\n{body}")
    office, year = model.parent.parent.name, model.parent.name
    return f"{office}/{year}/{name}/index.html"


def public_sites() -> list[str]:
    return ["nasional", *(p.site_id for p in sorted(PROVINCES.values(), key=lambda p: p.code))]


def print_delay(runs: list[dict[str, Any]]) -> None:
    worst = statistics.median(r["worst_site_seconds"] for r in runs)
    tail = statistics.median(r["last_page_to_last_index_seconds"] for r in runs)
    rebuild = statistics.median(r["rebuild_seconds"] for r in runs)
    behind = max(r["sites_behind"] for r in runs)
    print(
        f"search: a central release on {runs[0]['sites']} sites, rebuild {rebuild:.2f} s;"
        f" a site's index names its new page {worst:.2f} s after the page at most"
        f" ({tail:.2f} s after the last site's pages); sites left behind: {behind}"
        f" (median of {len(runs)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--photo-every", type=int, default=0, help="one release in N (0: none)")
    parser.add_argument("--runs", type=int, default=3, help="rebuilds after a central release")
    parser.add_argument("--work", type=Path, help="keep the corpus and its build here")
    parser.add_argument("--json", type=Path, default=Path("search-bench.json"))
    args = parser.parse_args()
    for package in ("generator", "sync"):  # as a regular install leaves them
        compileall.compile_dir(REPO / package, quiet=1)
    with tempfile.TemporaryDirectory(prefix="newsroom-searchbench-") as temp:
        root = (args.work or Path(temp)) / "newsroom"
        report: dict[str, Any] = {"releases": args.releases}
        if not (root / "site").is_dir():
            print(f"generating {args.releases} releases ...", file=sys.stderr)
            generate(root, args.releases, photo_every=args.photo_every)
            cold = measure([str(BIN / "newsroom"), "build", "--now", NOW], root)
            report["cold_build_seconds"] = round(cold.seconds, 2)
            print(f"cold build, every site and the desk: {cold.seconds:.2f} s", file=sys.stderr)
        report["search"] = search_report(root / "site", public_sites())
        print_search(report["search"])
        report["index_delay"] = [index_delay(root, public_sites(), n) for n in range(args.runs)]
        if report["index_delay"]:
            print_delay(report["index_delay"])
    args.json.write_text(json.dumps(report, indent=1))
    print(f"\nwritten to {args.json}")


if __name__ == "__main__":
    main()
