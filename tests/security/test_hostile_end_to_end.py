"""Office repo -> sync -> content -> build -> browser, with a hostile office.

Every generated page of that build (public sites and desk) and of the sample is
opened in headless Chromium with JavaScript enabled; any dialog, console error,
page error, canary global or request leaving 127.0.0.1 fails the test. Feed HTML
is checked for surviving script or event-handler attributes."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from generator.repository import CENTRAL, Layout, load_repository
from sync.runner import Options, sync
from tests.conftest import REPO_ROOT, invoke
from tests.security.hostile import TEXT_VECTORS, hostile_files
from tests.security.sinks import sinks
from tests.sitebuild import build_copy, build_repo, serve
from tests.sync.gitrepos import central_repo, office_repo

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI needs Chromium for the browser tests (.ci/run installs it)", pytrace=False)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    work = tmp_path_factory.mktemp("hostile")
    office = office_repo(work / "kantor-jahat", "kutai-timur", hostile_files())
    central = central_repo(work / "pusat", {"kutai-timur": str(office)})
    (result,) = sync(Layout(central, CENTRAL), Options())
    assert result.ok and len(result.new) > 30, result.problems
    headline = invoke(
        [
            "curate",
            "add",
            "kutai-timur/2026/rilis-jahat-01",
            "--pin",
            "--headline",
            TEXT_VECTORS[1],
            "--now",
            "2026-11-24T03:00:00Z",
        ],
        central,
    )
    assert headline.exit_code == 0, headline.output
    with serve(central / "site") as base_url:
        yield base_url, build_repo(central, NOW, base_url, out=central / "site"), central


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("sampel")
    with serve(work / "repo" / "site") as base_url:
        yield base_url, build_copy(REPO_ROOT, work, NOW, base_url)


def test_the_sync_refused_the_bidi_title_and_kept_the_rest(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, _, central = hostile_site
    repo = load_repository(Layout(central, CENTRAL))
    ids = {r.id for r in repo.releases}
    assert "kutai-timur/2026/bidi" not in ids and "kutai-timur/2026/homoglif" in ids
    assert all(release_id.isascii() for release_id in ids)  # the homoglyph slug was refused
    assert repo.release("kutai-timur/2026/homoglif").meta.title == "Pеngumuman Реsmi"  # type: ignore[union-attr]


def test_feed_html_has_no_executable_sink(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = hostile_site
    checked = 0
    for feed in sorted(out.rglob("atom.xml")):
        for entry in feedparser.parse(feed.read_bytes()).entries:
            for content in entry.get("content", []):
                assert sinks(content.value) == [], feed
                checked += 1
    for feed in sorted(out.rglob("feed.json")):
        for item in json.loads(feed.read_text())["items"]:
            assert sinks(item["content_html"]) == [], feed
            checked += 1
    assert checked > 100


def pages_of(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))


def browse(base_url: str, out: Path) -> list[str]:
    """Open every page with JavaScript on; return what went wrong."""
    from playwright.sync_api import sync_playwright

    failures: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(java_script_enabled=True)
        page = context.new_page()
        current = {"path": ""}

        def outside(route) -> None:  # type: ignore[no-untyped-def]
            if route.request.url.startswith(base_url):
                route.continue_()
            else:
                failures.append(f"{current['path']}: request to {route.request.url}")
                route.abort()

        page.route("**/*", outside)
        page.on(
            "dialog",
            lambda d: (failures.append(f"{current['path']}: dialog {d.message}"), d.dismiss()),
        )
        page.on(
            "console",
            lambda m: (
                failures.append(f"{current['path']}: console {m.text}")
                if m.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda e: failures.append(f"{current['path']}: error {e}"))
        for path in pages_of(out):
            current["path"] = path
            page.goto(base_url + path, wait_until="load")
            if page.evaluate("typeof window.__pwned") != "undefined":
                failures.append(f"{path}: the canary was set")
        browser.close()
    return failures


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_no_script_runs_from_hostile_content(hostile_site) -> None:  # type: ignore[no-untyped-def]
    base_url, out, _ = hostile_site
    assert len(pages_of(out)) > 100
    assert browse(base_url, out) == []


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_every_sample_page_is_clean_with_javascript_on(sample_site) -> None:  # type: ignore[no-untyped-def]
    base_url, out = sample_site
    assert browse(base_url, out) == []
