"""Office repo -> sync -> content -> build -> browser, with a hostile office.

The sync must keep every vector release (so each vector reaches a page) and refuse,
by name, every file with a bad name or a bidi control or hostile asset path. Every
built page (public sites and desk) is scanned for executable sinks by parsing it,
every feed's HTML too; then every page of that build and of the sample is opened
in headless Chromium with JavaScript on, and any dialog, console message, page
error, canary global, sink in the live DOM or request leaving 127.0.0.1 fails."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.content.problems import quote
from generator.content.repository import CENTRAL, Layout, load_repository
from sync.apply import OfficeResult
from sync.runner import Options, sync
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.browser.parallel import in_browsers
from tests.conftest import REPO_ROOT, invoke
from tests.security.hostile import (
    BODY_VECTORS,
    DECLINED_RELEASES,
    HEADLINE_RELEASES,
    HOMOGLYPH_TITLE,
    MARKUP_IN_REFUSAL,
    OFFICE_NAME,
    OFFICER_NIP,
    TEXT_VECTORS,
    accepted_ids,
    hostile_files,
    quoted,
    refused_files,
    vector_slug,
)
from tests.security.sinks import feed_sinks, json_feed_sinks, page_sinks
from tests.sitebuild import build_copy, build_repo, serve
from tests.sync.gitrepos import central_repo, commit, office_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
# After `load`, late effects (timers, promise jobs, lazy images) get this long to show
# up while the page is still the current one, so they are blamed on the right page.
SETTLE_MS = 60
PROVINCE = "kalimantan-timur"
BIDI_AND_CONTROLS = {
    chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cc", "Cf")
} - {"\t", "\n"}

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI needs Chromium for the browser tests (.ci/run installs it)", pytrace=False)


@pytest.fixture(scope="module")
def hostile_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Path, Path, OfficeResult]]:
    work = tmp_path_factory.mktemp("hostile")
    office = office_repo(work / "kantor-jahat", "kutai-timur", hostile_files())
    central = central_repo(work / "pusat", {"kutai-timur": str(office)})
    registry = central / "content/offices.yml"
    named = registry.read_text().replace("Kantor kutai-timur", quoted(OFFICE_NAME))
    registry.write_text(named)
    config = central / "mkdocs.yml"  # bylines on: every page names hostile officers
    config.write_text(
        config.read_text().replace("  - newsroom\n", "  - newsroom: {bylines: true}\n")
    )
    commit(central, "nama kantor")
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert result.ok, result.error
    when = ["--now", "2026-11-24T03:00:00Z"]
    for n, text in zip(HEADLINE_RELEASES, TEXT_VECTORS, strict=False):
        release_id = f"kutai-timur/2026/{vector_slug(n)}"
        add = ["curate", "add", release_id, "--pin", "--headline", text, "--note", text]
        curated = invoke([*add, *when], central)
        assert curated.exit_code == 0, curated.output
    for n, text in zip(DECLINED_RELEASES, reversed(TEXT_VECTORS), strict=False):
        release_id = f"kutai-timur/2026/{vector_slug(n)}"
        declined = invoke(["curate", "decline", release_id, "--note", text, *when], central)
        assert declined.exit_code == 0, declined.output
    with serve(central / "site") as base_url:
        yield base_url, build_repo(central, NOW, base_url, out=central / "site"), central, result


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("sampel")
    with serve(work / "repo" / "site") as base_url:
        yield base_url, build_copy(REPO_ROOT, work, NOW, base_url)


def pages_of(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))


# --- what the sync kept and refused ---------------------------------------------------------


def test_every_vector_release_was_kept_and_has_a_page_the_browser_opens(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, out, central, _ = hostile_site
    repo = load_repository(Layout(central, CENTRAL))
    assert {r.id for r in repo.releases} == accepted_ids()
    pages = set(pages_of(out))
    for n in range(len(BODY_VECTORS)):
        assert f"{PROVINCE}/kutai-timur/2026/{vector_slug(n)}/index.html" in pages, n
        # Each has a photo with a hostile alt: its low-data page is scanned and opened too.
        assert f"{PROVINCE}/kutai-timur/2026/{vector_slug(n)}/hemat.html" in pages, n
    for n in HEADLINE_RELEASES:  # the curated ones are on the national site too
        assert f"nasional/kutai-timur/2026/{vector_slug(n)}/index.html" in pages, n
    home = (out / "nasional" / "index.html").read_text(encoding="utf-8")
    for n, _ in zip(HEADLINE_RELEASES, TEXT_VECTORS, strict=False):
        assert f"kutai-timur/2026/{vector_slug(n)}/" in home  # headlines shown, as text


def test_the_sync_refused_each_bad_file_by_name_and_kept_the_rest(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, _, central, result = hostile_site
    refused = refused_files()
    assert sorted(result.rejected) == sorted(refused)
    for name, field in refused.items():
        named = [p for p in result.problems if p.path == f"kutai-timur:{name}"]
        assert [p.field for p in named if p.severity == "error"] == [field], name
        message = named[0].format("en")
        assert field != "slug" or quote(Path(name).name) in message, message
        assert not (central / "content/releases/kutai-timur/2026" / Path(name).name).exists()
    on_disk = {p.name for p in (central / "content/releases/kutai-timur/2026").iterdir()}
    assert all(name.isascii() for name in on_disk)


def test_homoglyph_title_stays_text(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, out, central, _ = hostile_site
    repo = load_repository(Layout(central, CENTRAL))
    assert repo.release("kutai-timur/2026/homoglif").meta.title == HOMOGLYPH_TITLE  # type: ignore[union-attr]
    page = out / PROVINCE / "kutai-timur/2026/homoglif/index.html"
    assert f"<h1>{HOMOGLYPH_TITLE}</h1>" in page.read_text(encoding="utf-8")


def test_refusal_messages_carry_no_bidi_or_control_characters(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, _, _, result = hostile_site
    for problem in result.problems:
        for lang in ("id", "en"):
            message = problem.format(lang)
            assert not set(message) & BIDI_AND_CONTROLS, repr(message)


# --- static scans of the output ---------------------------------------------------------------


def test_every_built_page_has_no_executable_sink(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = hostile_site
    pages = pages_of(out)
    assert len(pages) > 250
    found = {
        path: sinks
        for path in pages
        if (sinks := page_sinks((out / path).read_text("utf-8"), desk=path.startswith("desk/")))
    }
    assert found == {}


def test_hostile_officer_names_are_printed_as_text_and_no_nip_anywhere(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = hostile_site
    page = (out / f"{PROVINCE}/kutai-timur/2026/{vector_slug(0)}/index.html").read_text("utf-8")
    byline = page.split('<p class="byline">', 1)[1].split("</p>", 1)[0]
    assert byline == "Penulis: &lt;script&gt;window.__pwned=1&lt;/script&gt; · Foto: " + (
        "&#34;&gt;&lt;img src=x onerror=window.__pwned=1&gt;"
    )
    nips = [OFFICER_NIP.format(i + 1) for i in range(len(TEXT_VECTORS))]
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8", "replace")
        assert not [nip for nip in nips if nip in text], path


def test_every_sample_page_has_no_executable_sink(sample_site) -> None:  # type: ignore[no-untyped-def]
    _, out = sample_site
    found = {
        path: sinks
        for path in pages_of(out)
        if (sinks := page_sinks((out / path).read_text("utf-8"), desk=path.startswith("desk/")))
    }
    assert found == {}


def feeds(out: Path, name: str) -> list[Path]:
    found = sorted(out.rglob(name))
    assert len(found) >= 5, name
    return found


def test_atom_feed_html_has_no_executable_sink(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = hostile_site
    found = {f: s for f in feeds(out, "atom.xml") if (s := feed_sinks(f.read_bytes()))}
    assert found == {}


def test_rss_feed_html_has_no_executable_sink(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = hostile_site
    found = {f: s for f in feeds(out, "rss.xml") if (s := feed_sinks(f.read_bytes()))}
    assert found == {}


def test_json_feed_html_has_no_executable_sink(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = hostile_site
    found = {f: s for f in feeds(out, "feed.json") if (s := json_feed_sinks(f.read_bytes()))}
    assert found == {}
    ids = {i["id"] for f in feeds(out, "feed.json") for i in json.loads(f.read_bytes())["items"]}
    assert len(ids) >= 30  # vector releases really are in the feeds (the newest of each)


# --- the plain texts and the clarification index ----------------------------------------------

WA_QUERY = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%-._~")


def vector_text(n: int) -> str:
    return TEXT_VECTORS[n % len(TEXT_VECTORS)]


def test_plain_texts_carry_hostile_text_as_text(hostile_site) -> None:  # type: ignore[no-untyped-def]
    """Each vector release's `.txt` holds the office's words as written (never escaped
    into HTML), no control or bidi character, and its page's WhatsApp link carries
    them percent-encoded, nothing else."""
    from urllib.parse import unquote

    from generator.public.sharetext import WA_LINK_MAX, WA_PREFIX, one_line

    _, out, _, _ = hostile_site
    folder = out / PROVINCE / "kutai-timur/2026"
    checked = 0
    for n in range(len(BODY_VECTORS)):
        text = (folder / f"{vector_slug(n)}.txt").read_text(encoding="utf-8")
        assert text.startswith("\ufeff"), n
        assert not set(text[1:]) & BIDI_AND_CONTROLS, n
        page = (folder / vector_slug(n) / "index.html").read_text(encoding="utf-8")
        links = [html.unescape(h) for h in re.findall(r'href="(https://wa\.me/[^"]*)"', page)]
        if n % 10 == 7:  # withdrawn: it says so, and its page offers no sharing
            assert "Mohon tidak disebarkan lagi." in text and links == [], n
            continue
        (link,) = links
        query = link.removeprefix(WA_PREFIX)
        assert set(query) <= WA_QUERY and len(link) <= WA_LINK_MAX, n
        assert unquote(query) == text[1:].rstrip("\n"), n
        if n % 3 == 0:  # a clarification: its claim, as the office wrote it
            assert f"\nKlaim: {one_line(vector_text(n))}\n" in text, n
            checked += 1
    assert checked > 10


def test_plain_texts_open_as_text_in_chromium(browser, hostile_site) -> None:  # type: ignore[no-untyped-def]
    base_url, _, _, _ = hostile_site
    failures: list[str] = []
    page = watched_page(browser, base_url, failures)
    try:
        for n in range(0, len(BODY_VECTORS), 3):
            path = f"{PROVINCE}/kutai-timur/2026/{vector_slug(n)}.txt"
            response = page.goto(base_url + path, wait_until="load")
            assert response is not None and response.status == 200
            assert page.evaluate("document.contentType") == "text/plain", path
            page.wait_for_timeout(SETTLE_MS)
            failures += [f"{path}: {p}" for p in page.evaluate(DOM_CHECK, False)]
    finally:
        page.context.close()
    assert failures == []


def _newest_first(n: int) -> tuple[int, int]:
    """The order of the vector releases on a list: their date (day 1 + n % 20), newest
    first, then their id, last first."""
    return -(n % 20), -n


def test_the_clarification_index_lists_hostile_claims_as_text(hostile_site) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = hostile_site
    page = (out / PROVINCE / "klarifikasi/index.html").read_text(encoding="utf-8")
    assert page_sinks(page) == []
    shown = html.unescape(page)
    clarifications = [n for n in range(0, len(BODY_VECTORS), 3) if n % 10 != 7]
    for n in clarifications:
        assert f'href="/{PROVINCE}/kutai-timur/2026/{vector_slug(n)}/"' in page, n
        assert vector_text(n) in shown, n
    listed = re.findall(rf'<h2><a href="/{PROVINCE}/kutai-timur/2026/(rilis-jahat-\d+)/">', page)
    assert listed == [vector_slug(n) for n in sorted(clarifications, key=_newest_first)]


# --- the browser ------------------------------------------------------------------------------

# Runs in each page after it settled: what the browser itself made of the markup.
DOM_CHECK = """(desk) => {
  const bad = [];
  if (typeof window.__pwned !== "undefined") bad.push("the canary was set");
  if (document.querySelector("base")) bad.push("a <base> element");
  const safe = new Set(["http:", "https:", "mailto:", "tel:"]);
  const urls = ["href", "src", "action", "formaction", "data", "background", "poster",
                "cite", "xlink:href", "srcdoc"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`<${el.localName} ${name}>`);
      if (name === "srcdoc") bad.push(`<${el.localName} srcdoc>`);
      if (urls.includes(name)) {
        let protocol;
        try { protocol = new URL(attr.value, document.baseURI).protocol; } catch (e) { continue; }
        if (!safe.has(protocol)) bad.push(`<${el.localName} ${name}=${attr.value}>`);
      }
    }
    const ns = el.namespaceURI;
    // The bulletin's QR codes (tests/security/sinks.py `_is_qr_code`): shapes only, their
    // attributes checked above as every element's are.
    const qr = el.closest("svg.segno") !== null && ["svg", "g", "path"].includes(el.localName);
    const html = ns === "http://www.w3.org/1999/xhtml";
    if (!desk && !html && !qr) bad.push(`<${el.localName}> in ${ns}`);
    const frames = ["iframe", "frame", "object", "embed"];
    if (frames.includes(el.localName)) bad.push(`<${el.localName}>`);
  }
  // A public page runs no script; the search page (/cari/) runs our one module only.
  const here = location.pathname;
  const search = here.endsWith("/cari/") || here.endsWith("/cari/index.html");
  for (const script of document.scripts) {
    const src = script.src ? new URL(script.src) : null;
    const ours = search && script.type === "module" && !script.text && src !== null
      && src.origin === location.origin && src.pathname.endsWith("/cari/cari.js");
    const data = script.type === "application/ld+json";
    if (!desk && !data && !ours) bad.push("a <script> in a public page");
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def watched_page(browser: Any, base_url: str, failures: list[str], **options: Any) -> Any:
    """A new page in a context of its own, every effect of script reported to `failures`:
    a dialog, a console message (a CSP violation is one), a page error, a popup, a
    request leaving `base_url`. Close its context when done."""
    context = browser.new_context(java_script_enabled=True, service_workers="block", **options)
    page = context.new_page()

    def outside(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            failures.append(f"{page.url}: request to {route.request.url}")
            route.abort()

    def console(message: Any) -> None:
        where = message.location.get("url") or page.url
        failures.append(f"{where}: console {message.type}: {message.text}")

    def dialog(box: Any) -> None:
        failures.append(f"{page.url}: {box.type} dialog {box.message!r}")
        box.dismiss()

    context.route("**/*", outside)
    page.on("dialog", dialog)
    page.on("console", console)
    page.on("pageerror", lambda error: failures.append(f"{page.url}: page error {error}"))
    page.on("popup", lambda popup: failures.append(f"{page.url}: popup {popup.url}"))
    return page


def browse(base_url: str, out: Path) -> list[str]:
    """Open every page with JavaScript on; return what went wrong, page by page (the
    pages shared between two Chromiums: tests.browser.parallel)."""
    pages = pages_of(out)
    assert pages, f"no page in {out}"  # nothing opened is nothing proved
    return in_browsers(pages, lambda chromium, some: browse_pages(chromium, base_url, some))


def browse_pages(browser: Any, base_url: str, paths: list[str]) -> list[str]:
    """`browse` of `paths` in `browser`."""
    failures: list[str] = []
    page = watched_page(browser, base_url, failures)
    context = page.context
    try:
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            page.wait_for_timeout(SETTLE_MS)
            failures += [f"{path}: {p}" for p in page.evaluate(DOM_CHECK, path.startswith("desk/"))]
    finally:
        context.close()
    return failures


def test_no_script_runs_from_hostile_content(hostile_site) -> None:  # type: ignore[no-untyped-def]
    base_url, out, _, _ = hostile_site
    assert browse(base_url, out) == []


def test_every_sample_page_is_clean_with_javascript_on(sample_site) -> None:  # type: ignore[no-untyped-def]
    base_url, out = sample_site
    assert browse(base_url, out) == []


def test_the_browser_check_catches_a_payload_that_runs(tmp_path: Path) -> None:
    """The check can fail: a page that runs script is reported, for each way it shows."""
    (tmp_path / "jahat.html").write_text(
        "<!doctype html><title>x</title><p>"
        "<img src=x onerror=window.__pwned=1>"
        "<script>console.log('halo'); setTimeout(() => alert(1), 10)</script>"
        "<a href='javascript:void(0)'>x</a>"
        '<svg><path d="M0 0h9"/></svg><svg class="segno"><a href="javascript:x()">q</a></svg>',
        encoding="utf-8",
    )
    with serve(tmp_path) as base_url:
        failures = browse(base_url, tmp_path)
    text = "\n".join(failures)
    for expected in ("the canary was set", "console log: halo", "alert dialog", "onerror"):
        assert expected in text, text
    assert "javascript:void(0)" in text and "a <script> in a public page" in text
    # An svg is reported, except the shapes of the theme's QR codes (svg.segno); a link
    # inside one still is.
    assert "<svg> in http://www.w3.org/2000/svg" in text
    assert "<a> in http://www.w3.org/2000/svg" in text and "href=javascript:x()" in text


# --- the desk's search and toggles: what only runs when an editor uses them ------------------

# Words of the vectors and of every desk field that shows them: titles, notes, withdrawal
# reasons, curation headlines and notes, decline notes, the office's name, refusals.
DESK_QUERIES = [
    "Rilis",
    "script",
    "img",
    "onerror",
    "window",
    "svg",
    "iframe",
    "javascript",
    "style",
    "jahat",
    "Ditarik",
    "Koreksi",
    "Catatan",
    "Ditolak",
    "gambar",
]


def test_the_desk_search_index_holds_text_not_markup(hostile_site) -> None:  # type: ignore[no-untyped-def]
    """Material's search inserts an entry's title and text as HTML: they must parse to
    text alone, with the office's markup there as visible characters."""
    import html5lib

    _, out, _, _ = hostile_site
    index = json.loads((out / "desk/search/search_index.json").read_bytes())
    shown = []
    for doc in index["docs"]:
        for field in ("title", "text"):
            fragment = html5lib.parseFragment(doc[field], treebuilder="etree")
            elements = [e.tag for e in fragment.iter() if e is not fragment]
            assert elements == [], (doc["location"], field, doc[field][:200])
            shown.append(html.unescape(doc[field]))
    words = "\n".join(shown)
    assert OFFICE_NAME in words and MARKUP_IN_REFUSAL in words
    assert all(text.split()[0] in words for text in TEXT_VECTORS)
    compressed = (out / "desk/search/search_index.json.gz").read_bytes()
    assert gzip.decompress(compressed) == (out / "desk/search/search_index.json").read_bytes()


# Material's result count ("12 dokumen ditemukan"), or its "no match" line, once searched.
# Material writes the count, then the results, in separate renders: a count of results
# is done once the first of them is in the list too (a CI run read "3 dokumen" and none).
SEARCH_DONE = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  const said = meta === null ? "" : meta.textContent.trim();
  if (/^Tidak/.test(said)) return true;
  return /^\\d+ /.test(said) && document.querySelector(".md-search-result__item") !== null;
}"""


def search_desk(page: Any, query: str) -> int:
    """Type `query` into Material's search box as an editor would, bring every result
    out (the list grows as it scrolls) and open each "more on this page"."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.press_sequentially(query, delay=10)
    page.wait_for_function(SEARCH_DONE)
    count, shown = 0, page.locator(".md-search-result__item").count()
    while shown != count:
        count = shown
        page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTop = el.scrollHeight")
        page.wait_for_timeout(SETTLE_MS)
        shown = page.locator(".md-search-result__item").count()
    for more in page.locator(".md-search-result__more > summary").all():
        more.click()
    page.wait_for_timeout(SETTLE_MS)
    return count


def test_typing_hostile_words_into_the_desk_search_runs_nothing(browser, hostile_site) -> None:  # type: ignore[no-untyped-def]
    base_url, _, _, _ = hostile_site
    failures: list[str] = []
    page = watched_page(browser, base_url, failures)
    try:
        for query in DESK_QUERIES:
            page.goto(base_url + "desk/", wait_until="load")
            meta = page.locator(".md-search-result__meta")
            assert search_desk(page, query) > 0, (query, meta.text_content(), failures)
            failures += [f"search {query!r}: {p}" for p in page.evaluate(DOM_CHECK, True)]
            # The first result opens its page, the query's words highlighted there.
            page.locator(".md-search-result__link").first.click()
            page.wait_for_load_state("load")
            page.wait_for_timeout(SETTLE_MS)
            found = page.evaluate(DOM_CHECK, True)
            failures += [f"search {query!r}, then {page.url}: {p}" for p in found]
    finally:
        page.context.close()
    assert failures == []


def test_the_desk_toggles_open_nothing_hostile(browser, hostile_site) -> None:  # type: ignore[no-untyped-def]
    """On a phone's width: the navigation drawer, the search toggle, back-to-top."""
    base_url, _, _, _ = hostile_site
    failures: list[str] = []
    page = watched_page(browser, base_url, failures, viewport={"width": 400, "height": 800})
    drawer_open = "document.getElementById('__drawer').checked"
    went_up = 0
    try:
        for path in ("desk/", "desk/peringatan/", "desk/kesehatan/", "desk/kantor/kutai-timur/"):
            page.goto(base_url + path, wait_until="load")
            page.locator("label.md-header__button[for=__drawer]").click()
            page.wait_for_function(drawer_open)
            page.locator("label.md-overlay").click(position={"x": 390, "y": 400})
            page.wait_for_function(f"!{drawer_open}")
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            page.wait_for_timeout(SETTLE_MS)
            page.evaluate("window.scrollBy(0, -200)")  # Material offers back-to-top then
            page.wait_for_timeout(SETTLE_MS * 3)
            top = page.locator(".md-top:not([hidden])")
            if top.count():
                top.click()
                went_up += 1
            page.locator("label.md-header__button[for=__search]").click()
            assert search_desk(page, "Kantor") > 0
            failures += [f"{path}: {p}" for p in page.evaluate(DOM_CHECK, True)]
    finally:
        page.context.close()
    assert failures == []
    assert went_up > 0  # the long pages offered it


def test_the_desk_policy_is_in_force_in_chromium(browser, hostile_site) -> None:  # type: ignore[no-untyped-def]
    """Were markup ever to reach a desk page's DOM, its handler would not run."""
    base_url, _, _, _ = hostile_site
    failures: list[str] = []
    page = watched_page(browser, base_url, failures)
    try:
        page.goto(base_url + "desk/", wait_until="load")
        page.evaluate(f"document.body.insertAdjacentHTML('beforeend', {MARKUP_IN_REFUSAL!r})")
        page.wait_for_timeout(SETTLE_MS * 5)
        assert page.evaluate("typeof window.__pwned") == "undefined"
    finally:
        page.context.close()
    assert any("Content Security Policy" in failure for failure in failures), failures
