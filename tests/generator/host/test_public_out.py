"""`build` tells when the public sites' pages are out, the desk's maybe not yet: the
moment readers see a release, which `newsroom watch` logs apart from the moment every
page, the desk's too, is out (issue 20)."""

from __future__ import annotations

import gzip
import shutil
import time
from pathlib import Path

import pytest

from generator.content.repository import find_layout
from generator.host import build, searchindex, siteresult
from generator.public import writer
from generator.public.session import forget_sessions
from tests.conftest import FIXTURES, release_text
from tests.generator.host.test_documents_later import NOW, URL
from tests.sitebuild import build_repo

NEW = "content/releases/kutai-timur/2026/banjir-sangatta.md"
PAGE = "kalimantan-timur/kutai-timur/2026/banjir-sangatta/index.html"


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    build_repo(root, NOW, URL, out=root / "site")
    text = release_text(title="Banjir Sangatta Surut", date="2026-11-24 09:00")
    (root / NEW).write_text(text, encoding="utf-8")
    return root


# Where the desk's worker waits: set before the build, inherited by its forked workers.
HELD: dict[str, Path] = {}
REAL_BUILD_ONE = build._build_one
# When the public pages were told out, on time.monotonic(): each build's, in order.
TOLD_OUT_AT: list[float] = []


def _desk_held(target: build.Target) -> siteresult.SiteResult:
    """The desk's build, once the file `HELD["go"]` is there (in its worker, so at
    module level: handed over by name); 30 s at most, then it says it waited in vain."""
    if target.desk is not None:
        deadline = time.monotonic() + 30
        while not HELD["go"].exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        HELD["desk"].write_text("told first" if HELD["go"].exists() else "never told")
    return REAL_BUILD_ONE(target)


def build_telling(root: Path, jobs: int) -> list[tuple[str, list[str], bool]]:
    """(which moment, the sites written, whether the new page was on disk then)."""
    told: list[tuple[str, list[str], bool]] = []
    page = root / "site" / PAGE

    def every_page(results: list[siteresult.SiteResult]) -> None:
        written = sorted(r.site_id for r in results if not r.skipped)
        told.append(("every page", written, page.is_file()))

    def public_pages(results: list[siteresult.SiteResult], ago: float) -> None:
        written = sorted(r.site_id for r in results if not r.skipped)
        # The last of them out `ago` seconds ago: the new page's file no later.
        on_disk = page.is_file() and page.stat().st_mtime_ns / 1e9 <= time.time() - ago + 0.05
        assert 0.0 <= ago < 60
        TOLD_OUT_AT.append(time.monotonic() - ago)
        told.append(("public pages", written, on_disk))
        if "told" in HELD:
            HELD["told"].touch()  # the desk's worker may go on

    layout = find_layout(root)
    assert layout is not None
    forget_sessions()
    try:
        build.build(
            layout,
            [],
            root / "site",
            base_url=URL,
            now=NOW,
            jobs=jobs,
            pages_out=every_page,
            public_out=public_pages,
        )
    finally:
        forget_sessions()
    return told


def build_with_desk_held(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, list[str], bool]]:
    """`build_telling` on two workers, the desk's build held until `HELD["go"]` is
    there: it must have come, and both moments been told."""
    monkeypatch.setattr(build, "_build_one", _desk_held)
    try:
        told = build_telling(root, jobs=2)
    finally:
        desk = HELD["desk"]
        HELD.clear()
    assert desk.read_text() == "told first"
    assert [moment for moment, _, _ in told] == ["public pages", "every page"]
    return told


def test_the_public_pages_are_told_out_while_the_desk_is_still_building(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    HELD.update(go=tmp_path / "told", told=tmp_path / "told", desk=tmp_path / "desk")
    told = build_with_desk_held(built, monkeypatch)
    public, every = told[0][1], told[1][1]
    assert "kalimantan-timur" in public and "desk" not in public
    assert told[0][2] is True
    assert every == sorted([*public, "desk"])


def test_built_one_after_another_only_every_page_is_told(built: Path) -> None:
    told = build_telling(built, jobs=1)
    assert [moment for moment, _, _ in told] == ["every page"]
    assert told[0][2] is True


def test_the_changed_provinces_index_is_made_while_the_desk_is_still_building(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk has no index: its worker building on (0.3 s at 10,000 releases) no
    longer comes before the index of the province of a new release."""
    HELD.update(go=tmp_path / "indexed", desk=tmp_path / "desk")  # the desk waits for it
    published = searchindex.publish

    def publish_telling(staging: Path, folder: Path, precompress: bool) -> None:
        published(staging, folder, precompress)
        if folder.parent.name == "kalimantan-timur":  # its own releases' index, in place
            HELD["go"].touch()

    monkeypatch.setattr(searchindex, "publish", publish_telling)
    build_with_desk_held(built, monkeypatch)
    fragments = built / "site/kalimantan-timur/pagefind/fragment"
    assert any(b"Banjir Sangatta" in gzip.decompress(f.read_bytes()) for f in fragments.iterdir())


def test_the_pages_are_told_out_when_written_not_after_the_sites_own_records(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manifest and the file stats are the build's own, read by its next build
    alone: the moment told is the last page's (0.1 s sooner at 100,000 releases)."""
    recorded_at = tmp_path / "recorded-at"
    really_write = writer.write_atomic

    def noting(path: Path, data: bytes, *, durable: bool = True) -> None:
        # The first: the site's build (its PDFs, made later, record themselves again).
        province = path.parent.name == "kalimantan-timur"
        if path.name == writer.MANIFEST and province and not recorded_at.exists():
            recorded_at.write_text(repr(time.monotonic()))  # in the site's worker
        really_write(path, data, durable=durable)

    monkeypatch.setattr(writer, "write_atomic", noting)
    TOLD_OUT_AT.clear()
    HELD.update(go=tmp_path / "told", told=tmp_path / "told", desk=tmp_path / "desk")
    told = build_with_desk_held(built, monkeypatch)
    assert told[0][2] is True  # the new page was on disk by then
    assert TOLD_OUT_AT and TOLD_OUT_AT[0] < float(recorded_at.read_text())
