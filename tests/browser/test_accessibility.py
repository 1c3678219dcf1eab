"""WCAG 2.2 AA on the sample newsroom, in headless Chromium: axe-core's WCAG 2.0/2.1/2.2
A and AA rules and its best practices over every page of every site, the desk and the
index of the sites at 360 px (a reader's phone), and over every kind of page of every
site at desktop width in dark mode; the search page after a query at both widths. Any
violation fails, listed as `rule (impact) page target: what is wrong`.

axe-core comes inside the PyPI package axe-playwright-python (its `axe.min.js`,
injected here): nothing is downloaded when the tests run.

Beyond what axe checks: the skip link ("Langsung ke isi") is the first stop of the
keyboard on every kind of page, and a keyboard-only walk of a release page and of the
desk (its curation inbox, its search, its warnings) reaches every action, each with a
focus that shows (its outline or shadow differs from the element's unfocused one)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import CHROMIUM
from tests.browser.parallel import deal, in_browsers
from tests.browser.test_browser import NOW
from tests.conftest import REPO_ROOT
from tests.generator.cli.test_cli import SCRIPT
from tests.sitebuild import build_copy, serve

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI needs Chromium for the browser tests (.ci/run installs it)", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (heading order,
# landmarks, one h1...). axe tags each rule with the levels it belongs to.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            *("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"),
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}
# Path parts that name a kind of page; any other part (an office, a slug, a year, a
# tag) varies within a kind. The largest page of a kind stands for it at desktop width.
KIND_WORDS = frozenset(
    {
        *("kategori", "tag", "wilayah", "kantor", "arsip", "buletin", "produk-hukum"),
        *("klarifikasi", "cari", "halaman", "hari", "kesehatan", "peringatan"),
        *("index.html", "hemat.html", "404.html"),
    }
)


def axe_script() -> str:
    from axe_playwright_python.base import AXE_FILE_PATH

    return Path(AXE_FILE_PATH).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("a11y")
    with serve(work / "repo" / "site") as base_url:
        out = build_copy(REPO_ROOT, work, NOW, base_url)
        yield base_url, out


def every_page(out: Path) -> list[str]:
    """Every HTML page of the build: the sites, the desk, the index of the sites."""
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))


def kind_of(page: str) -> tuple[str, ...]:
    site, *rest = page.split("/")
    return (site, *(part if part in KIND_WORDS else "*" for part in rest))


def one_of_each_kind(out: Path, pages: list[str]) -> list[str]:
    chosen: dict[tuple[str, ...], str] = {}
    for page in pages:
        kind = kind_of(page)
        if kind not in chosen or (out / page).stat().st_size > (out / chosen[kind]).stat().st_size:
            chosen[kind] = page
    return sorted(chosen.values())


class Axe:
    """One browser context at a given size, JavaScript on (axe is a script; the desk
    and the search page run theirs), checking pages with axe-core."""

    def __init__(self, browser: Any, viewport: dict[str, int], scheme: str = "light") -> None:
        self.script = axe_script()
        self.context = browser.new_context(viewport=viewport, color_scheme=scheme)
        # In every document as it opens: Chromium compiles it there, where sending its
        # 500 KB over the wire for each page took an eighth of the test's time.
        self.context.add_init_script(self.script)
        self.page = self.context.new_page()

    def violations(self, name: str) -> list[str]:
        """What axe finds on the page open now, one line per element; `name` says where."""
        if not self.page.evaluate("() => typeof axe === 'object'"):
            self.page.evaluate(self.script)  # a document the init script missed
        results = self.page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        return [
            f"{v['id']} ({v['impact']}) {name} {' '.join(map(str, node['target']))}: {v['help']}"
            for v in results["violations"]
            for node in v["nodes"]
        ]

    def check(self, base_url: str, pages: list[str]) -> list[str]:
        found: list[str] = []
        for name in pages:
            response = self.page.goto(base_url + name)
            assert response is not None and response.status == 200, name
            found += self.violations(name)
        return found

    def close(self) -> None:
        self.context.close()


def axe_check(
    browser: Any, viewport: dict[str, int], base_url: str, pages: list[str], scheme: str = "light"
) -> list[str]:
    """What axe finds on `pages` in a new context of `browser`."""
    axe = Axe(browser, viewport, scheme)
    try:
        return axe.check(base_url, pages)
    finally:
        axe.close()


def report(found: list[str], checked: int) -> str:
    return f"{len(found)} axe-core violation(s) on {checked} page(s):\n" + "\n".join(found)


def test_every_page_passes_axe_at_360_px(served: tuple[str, Path]) -> None:
    base_url, out = served
    pages = every_page(out)
    assert len(pages) > 300  # every site, the desk and the index of the sites
    assert any(p.startswith("desk/") for p in pages) and "index.html" in pages
    found = in_browsers(pages, lambda chromium, share: axe_check(chromium, PHONE, base_url, share))
    assert found == [], report(found, len(pages))


def test_the_check_finds_what_is_wrong_in_each_browsers_share(tmp_path: Path) -> None:
    """The check can fail: a picture without its text is reported on each page that has
    one, whichever browser it was dealt to, and a whole page is not."""
    head = '<!doctype html><html lang="id"><title>Uji</title><main><h1>Uji</h1>'
    (tmp_path / "utuh.html").write_text(head + "<p>Isi.</p></main>", encoding="utf-8")
    broken = ["tanpa-alt-1.html", "tanpa-alt-2.html"]
    for name in broken:
        (tmp_path / name).write_text(head + '<img src="foto.png"></main>', encoding="utf-8")
    pages = ["utuh.html", *broken]
    assert [set(share) & set(broken) for share in deal(pages)] == [{broken[1]}, {broken[0]}]
    with serve(tmp_path) as base_url:
        found = in_browsers(pages, lambda browser, some: axe_check(browser, PHONE, base_url, some))
    assert len(found) == 2 and all(line.startswith("image-alt (critical) ") for line in found)
    assert sorted(line.split()[2] for line in found) == broken, found


def test_every_kind_of_page_passes_axe_at_desktop_width_in_dark_mode(
    served: tuple[str, Path],
) -> None:
    """Dark here, light at 360 px: the themes' colours are checked in both schemes."""
    base_url, out = served
    pages = one_of_each_kind(out, every_page(out))
    for kind in ("produk-hukum", "klarifikasi", "buletin", "cari", "hemat.html"):
        assert any(f"/{kind}" in page for page in pages), kind
    found = in_browsers(
        pages, lambda browser, some: axe_check(browser, DESKTOP, base_url, some, "dark")
    )
    assert found == [], report(found, len(pages))


@pytest.mark.parametrize("kind", ["officers", "offices"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_the_reports_in_html_pass_axe(
    served: tuple[str, Path], browser: Any, kind: str, viewport: dict[str, int]
) -> None:
    """`newsroom report ... --format html` on the sample: the document an officer or a
    desk opens, prints or hands on; never part of a site, so opened as a file."""
    _, out = served
    target = out.parent.parent / f"laporan-{kind}.html"
    period = ["--from", "2026-10-01", "--to", "2026-11-24", "--now", NOW.isoformat()]
    command = [str(SCRIPT), "report", kind, *period, "--format", "html", "--output", str(target)]
    done = subprocess.run(command, cwd=out.parent, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "<table" in target.read_text()  # rows to check: the sample credits its officers
    axe = Axe(browser, viewport)
    axe.page.goto(target.as_uri())
    found = axe.violations(target.name)
    axe.close()
    assert found == [], report(found, 1)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_search_results_pass_axe(
    served: tuple[str, Path], browser: Any, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    base_url, _ = served
    axe = Axe(browser, viewport)
    axe.page.goto(base_url + "nasional/cari/?q=literasi")
    expect(axe.page.locator("#cari-hasil li").first).to_be_visible(timeout=15_000)
    found = axe.violations("nasional/cari/?q=literasi")
    axe.close()
    assert found == [], report(found, 1)


# What the keyboard walk reads of the element in focus: what it is, and how it looks.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  if (!e.dataset.nrWalk) {  // shown only once focused (the skip link), or by the walk
    e.dataset.nrWalk = "new" + document.querySelectorAll("[data-nr-walk]").length;
  }
  const s = getComputedStyle(e);
  return {id: e.dataset.nrWalk, tag: e.tagName.toLowerCase(),
          text: (e.innerText || e.value || e.getAttribute("aria-label") || "").trim(),
          href: e.getAttribute("href") || "",
          look: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | ")};
}"""
# Every element a keyboard should reach (visible, not taken out of the tab order), each
# marked with a number, and how each looks unfocused.
REACHABLE = """() => {
  const all = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]");
  const found = [];
  for (const e of all) {
    const shown = e.checkVisibility({visibilityProperty: true, opacityProperty: true});
    if (e.tabIndex < 0 || e.disabled || !shown) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    e.dataset.nrWalk = String(found.length);
    const s = getComputedStyle(e);
    found.push({id: e.dataset.nrWalk, tag: e.tagName.toLowerCase(),
                text: (e.innerText || e.getAttribute("aria-label") || "").trim(),
                look: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | ")});
  }
  return found;
}"""


def keyboard_walk(page: Any) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Tab from the top of the page until the focus leaves it or comes round again:
    what should be reachable, and what was reached (in order)."""
    reachable = page.evaluate(REACHABLE)
    reached: list[dict[str, str]] = []
    for _ in range(len(reachable) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (reached and focused["id"] == reached[0]["id"]):
            break
        reached.append(focused)
    return reachable, reached


def assert_every_action_reached_visibly(page: Any, where: str) -> list[dict[str, str]]:
    reachable, reached = keyboard_walk(page)
    assert reachable, where
    unfocused = {item["id"]: item["look"] for item in reachable}
    missed = [i for i in reachable if i["id"] not in {r["id"] for r in reached}]
    assert missed == [], f"{where}: not reachable by keyboard: {missed}"
    unseen = [r for r in reached if r["id"] in unfocused and r["look"] == unfocused[r["id"]]]
    assert unseen == [], f"{where}: focus does not show on {unseen}"
    return reached


def tab_to(page: Any, selector: str, limit: int) -> None:
    """Press Tab until the element `selector` has the focus (within `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{page.url}: {selector} is not reachable by keyboard")


def first_stop_is_the_skip_link(page: Any, where: str) -> None:
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert skip is not None and skip["text"] == "Langsung ke isi", (where, skip)
    box = page.evaluate("() => document.activeElement.getBoundingClientRect().toJSON()")
    assert box["width"] > 0 and box["left"] >= 0 and box["top"] >= 0, (where, box)  # shown
    page.keyboard.press("Enter")
    target = page.evaluate("() => location.hash")
    assert target and page.locator(target).count() == 1, (where, target)


def test_the_skip_link_comes_first_and_leads_to_the_content(
    served: tuple[str, Path], browser: Any
) -> None:
    base_url, out = served
    # Every kind but the index of the sites (one list, no header): the desk's 404 too,
    # which Material leaves without one (themes/desk/404.html gives it its own).
    pages = [p for p in one_of_each_kind(out, every_page(out)) if p != "index.html"]
    assert "desk/404.html" in pages
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for name in pages:
        page.goto(base_url + name)
        first_stop_is_the_skip_link(page, name)
    context.close()


def test_a_release_page_by_keyboard_alone(served: tuple[str, Path], browser: Any) -> None:
    base_url, out = served
    release = max(
        (p for p in every_page(out) if kind_of(p) == ("nasional", "*", "*", "*", "index.html")),
        key=lambda p: (out / p).stat().st_size,
    )
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + release)
    reached = assert_every_action_reached_visibly(page, release)
    context.close()
    assert reached[0]["text"] == "Langsung ke isi"
    assert any(r["tag"] == "input" for r in reached)  # the search box of the header


def test_the_desk_by_keyboard_alone(served: tuple[str, Path], browser: Any) -> None:
    """The curation inbox (the overview's table of releases waiting for a decision), the
    desk's search and its warnings, reached and used with the keyboard only."""
    from playwright.sync_api import expect

    base_url, _ = served
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + "desk/")
    reached = assert_every_action_reached_visibly(page, "desk/")
    assert reached[0]["text"] == "Langsung ke isi"
    inbox = page.locator("table").last.locator("a[href]")
    assert inbox.count() > 0  # releases waiting: each a link the walk reached
    links = inbox.evaluate_all("a => a.map(x => x.getAttribute('href'))")
    assert set(links) <= {r["href"] for r in reached}

    # Search: Tab to the box, type, and go down into the results with the arrow keys.
    page.goto(base_url + "desk/")
    tab_to(page, ".md-search__input", len(reached))
    page.keyboard.type("banjir")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate(FOCUSED)
    assert focused is not None and focused["tag"] == "a" and "banjir" in focused["text"].lower()
    page.keyboard.press("Enter")  # opens the result: a day or office page of the desk
    page.wait_for_url(lambda url: url.split("#")[0] != base_url + "desk/", timeout=15_000)
    assert page.url.startswith(base_url + "desk/")

    # Warnings: from the overview's "lihat" link, by Enter, then a walk of that page.
    page.goto(base_url + "desk/")
    tab_to(page, "main a[href='peringatan/']", len(reached))
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/peringatan/")
    assert_every_action_reached_visibly(page, "desk/peringatan/")
    context.close()
