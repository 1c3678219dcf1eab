"""Whole builds of the sample newsroom: what appears where, what never leaks,
feeds that parse, and every page within the 14 KB budget."""

from __future__ import annotations

import gzip
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from generator.content.repository import CENTRAL, Layout, load_repository
from tests.conftest import REPO_ROOT, invoke, json_feed_problems, release_text
from tests.sitebuild import build_copy

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
BASE_URL = "https://newsroom.example.go.id/"
BUDGET = 14 * 1024


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy(REPO_ROOT, tmp_path_factory.mktemp("sample"), NOW, BASE_URL)


@pytest.fixture(scope="module")
def sample_repo():  # type: ignore[no-untyped-def]
    return load_repository(Layout(REPO_ROOT, CENTRAL))


def all_files(out: Path) -> list[Path]:
    return [p for p in sorted(out.rglob("*")) if p.is_file() and p.suffix != ".gz"]


def public_pages(out: Path) -> list[Path]:
    """HTML of the public sites (the desk is Material's, for editors only)."""
    return [
        p for p in all_files(out) if p.suffix == ".html" and p.relative_to(out).parts[0] != "desk"
    ]


def test_sites_are_national_and_one_per_province(sample_site: Path) -> None:
    folders = sorted(p.name for p in sample_site.iterdir() if p.is_dir() and p.name != "desk")
    assert folders == ["jawa-tengah", "kalimantan-timur", "maluku", "nasional"]
    assert (sample_site / "desk" / "index.html").is_file()  # the editors' site, beside them
    index = (sample_site / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}/"' in index for name in folders)


def test_drafts_and_embargoed_releases_never_appear(sample_site: Path, sample_repo) -> None:  # type: ignore[no-untyped-def]
    hidden = [r for r in sample_repo.releases if not r.is_public(NOW)]
    assert {r.meta.status for r in hidden} >= {"draft"}
    assert any(r.meta.publish_at for r in hidden)
    for release in hidden:
        needles = [release.id, release.meta.title]
        for path in all_files(sample_site):
            text = path.read_text(encoding="utf-8", errors="replace")
            for needle in needles:
                escaped = needle.replace("&", "&amp;").replace('"', "&#34;")
                assert needle not in text and escaped not in text, (needle, path)


def test_withdrawn_release_keeps_its_page_but_leaves_lists_and_feeds(
    sample_site: Path,
    sample_repo,  # type: ignore[no-untyped-def]
) -> None:
    (withdrawn,) = [r for r in sample_repo.releases if r.meta.status == "withdrawn"]
    home = "nasional" if withdrawn.office.is_central else withdrawn.office.province_info.site_id
    page = (sample_site / home / withdrawn.id / "index.html").read_text(encoding="utf-8")
    assert "Rilis ini telah ditarik" in page
    atom = (sample_site / home / "atom.xml").read_text(encoding="utf-8")
    assert "at:deleted-entry" in atom
    feed = feedparser.parse(atom)
    assert all(withdrawn.id not in entry.link for entry in feed.entries)
    listing = (sample_site / home / "index.html").read_text(encoding="utf-8")
    assert withdrawn.id not in listing


def test_syndicated_copies_point_home(sample_site: Path, sample_repo) -> None:  # type: ignore[no-untyped-def]
    central = next(r for r in sample_repo.releases if r.office.is_central and r.is_listed(NOW))
    copy = (sample_site / "maluku" / central.id / "index.html").read_text(encoding="utf-8")
    home_url = f"{BASE_URL}nasional/{central.id}/"
    assert f'<link rel="canonical" href="{home_url}">' in copy
    assert re.search(rf'Sumber: <a href="{re.escape(home_url)}">', copy)
    home = (sample_site / "nasional" / central.id / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{home_url}">' in home


def test_curated_regional_release_is_on_the_national_site(sample_site: Path, sample_repo) -> None:  # type: ignore[no-untyped-def]
    assert sample_repo.curation is not None
    for release_id in sample_repo.curation.ids():
        release = sample_repo.release(release_id)
        if release is not None and release.is_listed(NOW):
            page = sample_site / "nasional" / release_id / "index.html"
            assert page.is_file()
            text = page.read_text(encoding="utf-8")
            assert f"{BASE_URL}{release.office.province_info.site_id}/{release_id}/" in text
    uncurated = next(
        r
        for r in sample_repo.releases
        if not r.office.is_central and r.id not in sample_repo.curation.ids()
    )
    assert not (sample_site / "nasional" / uncurated.id).exists()


@pytest.mark.parametrize("name", ["atom.xml", "rss.xml", "feed.json"])
def test_feeds_parse_without_errors(sample_site: Path, name: str) -> None:
    feeds = sorted(sample_site.rglob(name))
    assert len(feeds) > 10  # site roots, categories and offices
    for path in feeds:
        if name == "feed.json":
            assert json_feed_problems(path.read_bytes()) == [], path
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version in ("atom10", "rss20")


def test_every_page_fits_the_14_kb_budget(sample_site: Path) -> None:
    pages = public_pages(sample_site)
    assert len(pages) > 100
    over = {}
    for page in pages:
        html = page.read_bytes()
        # Everything the page needs to render: HTML with its inline CSS, plus any
        # stylesheet it links (the light theme links none).
        linked = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
        assert linked == [], page
        size = len(gzip.compress(html, 9))
        if size > BUDGET:
            over[str(page.relative_to(sample_site))] = size
    assert over == {}


def test_pages_are_indonesian_with_landmarks_and_no_scripts(sample_site: Path) -> None:
    for page in public_pages(sample_site):
        html = page.read_text(encoding="utf-8")
        if page.parent == sample_site:
            continue  # the list of sites
        assert '<html lang="id">' in html, page
        assert '<main id="isi"' in html and 'href="#isi"' in html, page
        scripts = re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", html)
        if page.parent.name == "cari":  # the search page: our one script, nothing else
            site = page.parent.parent.name
            assert len(scripts) == 1, page
            ours = f'<script type="module" src="[^"]*/{site}/cari/cari.js">'
            assert re.fullmatch(ours, scripts[0]), page
            continue
        assert scripts == [], page
        assert "fonts.googleapis" not in html and "@font-face" not in html


def test_release_page_shows_what_readers_need(sample_site: Path, sample_repo) -> None:  # type: ignore[no-untyped-def]
    claim = next(r for r in sample_repo.releases if r.meta.claim and r.is_listed(NOW))
    home = "nasional" if claim.office.is_central else claim.office.province_info.site_id
    html = (sample_site / home / claim.id / "index.html").read_text(encoding="utf-8")
    assert "Klaim yang beredar" in html and '"@type":"ClaimReview"' in html
    assert re.search(r"\d{1,2} \w+ \d{4} \d\d\.\d\d (WIB|WITA|WIT)</time>", html)
    for label in ("WhatsApp", "Telegram", "Facebook", ">X<", "Surel"):
        assert label in html
    corrected = next(r for r in sample_repo.releases if r.meta.updates and r.is_listed(NOW))
    home = "nasional" if corrected.office.is_central else corrected.office.province_info.site_id
    html = (sample_site / home / corrected.id / "index.html").read_text(encoding="utf-8")
    assert "Koreksi" in html and '"correction":' in html


def test_every_page_is_valid_html(sample_site: Path) -> None:
    import html5lib

    for page in public_pages(sample_site):
        html5lib.HTMLParser(strict=True).parse(page.read_bytes())  # raises on any parse error


def test_each_release_is_rendered_once_for_all_sites(sample_site: Path, sample_repo) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    cache = sample_site.parent / ".cache" / "newsroom" / "render.sqlite"
    with sqlite3.connect(cache) as db:
        (rows,) = db.execute("SELECT count(*) FROM rendered").fetchone()
    # One cached body per release, whatever the number of sites that show it.
    assert rows == len(sample_repo.releases)


def test_security_headers_allow_exactly_our_inline_style(sample_site: Path) -> None:
    import base64
    import hashlib

    page = (sample_site / "nasional" / "index.html").read_text(encoding="utf-8")
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)  # type: ignore[union-attr]
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert meta is not None and f"style-src {digest}" in meta.group(1).replace("&#39;", "'")
    assert "script-src" not in meta.group(1) and "default-src &#39;none&#39;" in meta.group(1)
    # Netlify and Cloudflare Pages read _headers only at the root of what they publish.
    assert not (sample_site / "nasional" / "_headers").exists()
    headers = (sample_site / "_headers").read_text()
    block = headers.split("/nasional/*\n", 1)[1].split("\n/", 1)[0]
    assert f"style-src {digest}" in block and "frame-ancestors 'none'" in block
    assert "X-Content-Type-Options: nosniff" in block
    assert "Referrer-Policy: strict-origin-when-cross-origin" in block
    assert "/maluku/*" in headers and "/desk/" not in headers  # nothing names the desk
    nginx = (sample_site / "nasional" / "nginx-headers.conf").read_text()
    assert "gzip_static on;" in nginx and f"style-src {digest}" in nginx


def test_every_output_file_is_readable_by_the_web_server(sample_site: Path) -> None:
    """nginx runs as another user (www-data): a private file would be a 403."""
    private = [
        p for p in sample_site.rglob("*") if p.is_file() and p.stat().st_mode & 0o044 != 0o044
    ]
    assert private == []


def test_the_host_root_has_robots_naming_every_site_map(sample_site: Path) -> None:
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    for site in ("nasional", "kalimantan-timur", "maluku", "jawa-tengah"):
        assert f"Sitemap: {BASE_URL}{site}/sitemap.xml" in robots
    assert "desk" not in robots  # never advertised to the public
    assert gzip.decompress((sample_site / "robots.txt.gz").read_bytes()) == robots.encode()


def test_desk_text_files_have_gzip_twins(sample_site: Path) -> None:
    desk = sample_site / "desk"
    text = [p for p in desk.rglob("*") if p.suffix in (".html", ".css", ".js", ".json")]
    assert len(text) > 20
    for path in text:
        if path.name != ".newsroom-manifest.json":
            twin = path.with_name(path.name + ".gz")
            assert gzip.decompress(twin.read_bytes()) == path.read_bytes(), path


def test_an_office_repo_builds_its_preview(office_repo) -> None:  # type: ignore[no-untyped-def]
    """A writer runs `newsroom build` in the office's own repo: no mkdocs.yml, no desk."""
    root = office_repo(
        {
            "releases/2026/uji-pratinjau.md": release_text(title="Uji Pratinjau"),
            "releases/2026/masih-draf.md": release_text(title="Masih Draf", status="draft"),
        }
    )
    result = invoke(["build", "--now", "2026-11-24T08:00:00+07:00"], root)
    assert result.exit_code == 0, result.output
    (site,) = [p for p in (root / "site").iterdir() if p.is_dir()]
    page = (site / "kutai-timur/2026/uji-pratinjau/index.html").read_text(encoding="utf-8")
    assert "Uji Pratinjau" in page
    draft = (site / "kutai-timur/2026/masih-draf/index.html").read_text(encoding="utf-8")
    assert "masih draf" in draft  # the preview says it will not be published yet
    assert not (root / "site" / "desk").exists()


def _internal_links(page: Path, out: Path) -> list[tuple[str, Path]]:
    """(address, the file it resolves to) for every link and image source on `page` that
    stays on this host: site-relative (/nasional/...) or relative to the page."""
    html = page.read_text(encoding="utf-8")
    found = []
    for address in re.findall(r'<(?:a|img|link)\b[^>]*?\b(?:href|src)="([^"#?]*)', html):
        if not address or address.startswith(("http://", "https://", "mailto:", "tel:")):
            continue
        if address.startswith("/"):
            target = out / address.lstrip("/")
        else:
            target = (page.parent / address).resolve()
        if address.endswith("/") or target.is_dir():
            target = target / "index.html"
        found.append((address, target))
    return found


def test_no_internal_link_or_image_is_broken(sample_site: Path) -> None:
    broken = []
    for page in sorted(sample_site.rglob("*.html")):
        if page.relative_to(sample_site).parts[0] == "desk":
            continue  # Material's own pages; its links are checked by its tests
        for address, target in _internal_links(page, sample_site):
            if not target.is_file():
                broken.append(f"{page.relative_to(sample_site)}: {address}")
    assert broken == []


def test_a_reader_reaches_every_index_from_the_home_page(sample_site: Path) -> None:
    """Categories, districts, offices, tags and months: all browsable without a release
    page as the way in (and without JavaScript: plain links only)."""
    for site in ("nasional", "kalimantan-timur"):
        home = sample_site / site / "index.html"
        reached = {target for _, target in _internal_links(home, sample_site)}
        for index in ("arsip", "kategori", "wilayah", "kantor", "tag"):
            assert sample_site / site / index / "index.html" in reached, (site, index)


def test_the_national_home_shows_a_featured_release_once(sample_site: Path) -> None:
    home = (sample_site / "nasional" / "index.html").read_text(encoding="utf-8")
    picks, latest = home.split("<h2>Terbaru</h2>", 1)
    featured = re.findall(r'<h2><a href="([^"]+)"', picks)
    assert featured and not [href for href in featured if f'href="{href}"' in latest]


@pytest.mark.parametrize("dirty_option", [False, True])
def test_plain_mkdocs_build_builds_the_national_site(tmp_path: Path, dirty_option: bool) -> None:
    """`mkdocs build` in the central repository: our plugin and theme, the national site.
    `dirty_option`: a `dirty: true` written into the plugin's options by hand, which
    must not make a cleaning build trust what was in the folder before."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(REPO_ROOT / "content", tmp_path / "content")
    config = (REPO_ROOT / "mkdocs.yml").read_text()
    if dirty_option:
        config = config.replace(
            "      syndication: all\n", "      syndication: all\n      dirty: true\n"
        )
        assert "dirty: true" in config
    (tmp_path / "mkdocs.yml").write_text(config)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "-q"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    national = tmp_path / "site" / "nasional"
    assert "<title>Beranda · Newsroom Nasional</title>" in (national / "index.html").read_text()
    releases = [p for p in national.glob("*/*/*/index.html") if p.parts[-3].isdigit()]
    assert len(releases) >= 10 and (national / "atom.xml").is_file()
    assert not (tmp_path / "site" / "desk").exists()
    # Again: MkDocs empties the folder after the damage check (keeping hidden files, our
    # manifest among them), so nothing that check saw may be trusted to be there.
    again = subprocess.run(
        [str(mkdocs), "build", "-q"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert again.returncode == 0, again.stderr[-2000:]
    assert sorted(national.glob("*/*/*/index.html")) == sorted(releases)
    assert (national / "atom.xml").is_file() and (national / "index.html").is_file()


def test_a_build_that_fails_still_keeps_what_it_validated(sample_copy: Path) -> None:
    """The parse cache is saved late (while sites build); a build stopped by an unknown
    site name still saves it, so the next build does not validate every file again."""
    from generator.host import build
    from generator.public.session import forget_sessions

    forget_sessions()
    try:
        with pytest.raises(build.BuildError):
            build.build(Layout(sample_copy, CENTRAL), ["atlantis"], sample_copy / "site", now=NOW)
    finally:
        forget_sessions()
    assert (sample_copy / ".cache/newsroom/releases.pickle").stat().st_size > 1000


def test_newsroom_build_hands_the_damage_check_to_the_writer(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newsroom build` builds dirty, so each site's writer gets what the check before
    it found (and looks for no page again); a rebuild trusts it."""
    from generator.host import build
    from generator.public import writer as writer_module
    from generator.public.session import forget_sessions

    handed: list[bool] = []
    real_init = writer_module.SiteWriter.__init__

    def init(self: writer_module.SiteWriter, *args: object, **kwargs: object) -> None:
        handed.append(kwargs.get("checked") is not None)
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writer_module.SiteWriter, "__init__", init)
    layout = Layout(sample_copy, CENTRAL)
    forget_sessions()
    try:
        build.build(layout, ["nasional"], sample_copy / "site", now=NOW, jobs=1)
    finally:
        forget_sessions()
    assert handed == [True]


def test_a_site_is_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """The manifest lists files and keys in the order the build wrote them, not sorted:
    nothing may come from a set's order, which changes with the process's hash seed."""
    import shutil
    import subprocess
    import sys

    trees = []
    for seed in ("1", "2"):
        root = tmp_path / seed
        shutil.copytree(REPO_ROOT / "content", root / "content")
        shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
        command = [sys.executable, "-c", "from generator.cli.app import run; run()"]
        command += ["build", "--site", "maluku", "--now", NOW.isoformat()]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        site = root / "site" / "maluku"
        trees.append({p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()})
    assert Path(".newsroom-manifest.json") in trees[0]
    assert trees[0] == trees[1]
