"""The 2G budget of a release page with photos, measured by a real Chromium on a 360 px
phone against the built site served as nginx serves it (gzip twins): at most 14 KB of
HTML and CSS and 60 KB in all for a page with a lead photo and two body photos, and,
on an emulated slow 3G link, the text painted before any picture has arrived."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.browser.chromium import CHROMIUM
from tests.conftest import FIXTURES
from tests.generator.public.outputs.test_pictures import PAGE, add_release
from tests.generator.public.test_photos import phone_jpeg, phone_photo
from tests.sitebuild import build_repo, serve

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
PHONE = {"width": 360, "height": 640}
HTML_AND_CSS_BUDGET = 14 * 1024
PAGE_BUDGET = 60 * 1024
# Chrome DevTools' "Slow 3G" (download and upload 500 kbit/s x 0.8, 400 ms x 5 latency).
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("budget") / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    # Three 12-megapixel phone photos, as offices upload them (2-4 MB each).
    scene = phone_photo(4000, 3000)
    jpegs = [phone_jpeg(scene.rotate(angle), orientation=1) for angle in (0, 180, 3)]
    names = ["rapat-banjir.jpg", "lumpur.jpg", "posko.jpg"]
    add_release(root, "rapat-banjir", dict(zip(names, jpegs, strict=True)), names[1:])
    with serve(root / "site", gzip_static=True) as base_url:
        build_repo(root, NOW, base_url)
        yield base_url + PAGE


def transfers(browser: Any, url: str) -> dict[str, tuple[str, int]]:
    """Every response of loading `url` on a phone, by URL: its type and bytes on the wire
    (headers and the body as sent, compressed or not)."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    found = {}
    for response in responses:
        sizes = response.request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        found[response.url] = (response.request.resource_type, size)
    context.close()
    return found


def test_a_release_with_three_photos_stays_within_the_2g_budget(served: str, browser: Any) -> None:
    found = transfers(browser, served)
    html_and_css = sum(size for kind, size in found.values() if kind in ("document", "stylesheet"))
    pictures = [url for url, (kind, _) in found.items() if kind == "image" and "/foto/" in url]
    total = sum(size for _, size in found.values())
    assert pictures and all(url.endswith("-360.webp") for url in pictures), pictures
    assert html_and_css <= HTML_AND_CSS_BUDGET, found
    assert total <= PAGE_BUDGET, found


def test_the_low_data_page_loads_no_picture(served: str, browser: Any) -> None:
    found = transfers(browser, served + "hemat.html")
    assert [url for url, (kind, _) in found.items() if "/foto/" in url] == []
    assert sum(size for _, size in found.values()) <= HTML_AND_CSS_BUDGET


def test_on_slow_3g_the_text_is_painted_before_any_picture_arrives(
    served: str, browser: Any
) -> None:
    # Scripts on, for the browser's own timing entries only: the page has none of its own.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", SLOW_3G)
    page.goto(served, wait_until="load")
    timing = page.evaluate(
        """() => ({
            paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
            pictures: performance.getEntriesByType('resource')
                .filter(r => r.initiatorType === 'img').map(r => r.responseEnd),
        })"""
    )
    context.close()
    assert timing["paint"] is not None and timing["pictures"], timing
    assert timing["paint"] < min(timing["pictures"]), timing
