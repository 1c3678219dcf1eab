"""`newsroom build` lays out the bulletins' PDFs after every site's pages (the slowest
file of a site, made again with every release of the week): the pages are out first,
the PDFs follow in the same build, and a build stopped in between is made whole by the
next one, to the bytes of a clean build."""

from __future__ import annotations

import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.repository import find_layout
from generator.host import build, siteresult
from generator.public import fingerprint
from generator.public.session import forget_sessions
from tests.conftest import FIXTURES, release_text
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
URL = "https://b.example/"
WEEK = "kalimantan-timur/buletin/2026-w48/"
NEW = "content/releases/kutai-timur/2026/banjir-sangatta.md"


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def clean_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    fresh = tmp_path / "bersih"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("site", ".cache"))
    return files(build_repo(fresh, NOW, URL, out=fresh / "site"))


def a_release_this_week(root: Path) -> None:
    text = release_text(title="Banjir Sangatta Surut", date="2026-11-24 09:00")
    (root / NEW).write_text(text)


def build_with(root: Path, pages_out: siteresult.PagesOut | None = None) -> None:
    layout = find_layout(root)
    assert layout is not None
    forget_sessions()
    try:
        build.build(layout, [], root / "site", base_url=URL, now=NOW, jobs=2, pages_out=pages_out)
    finally:
        forget_sessions()


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    build_repo(root, NOW, URL, out=root / "site")
    return root


def pdf(out: Path) -> bytes | None:
    found = sorted((out / WEEK).glob("*.pdf"))
    return found[0].read_bytes() if found else None


def test_the_pages_are_out_before_the_pdf_and_the_build_ends_as_a_clean_one(
    built: Path, tmp_path: Path
) -> None:
    out = built / "site"
    before = pdf(out)
    a_release_this_week(built)
    at_pages: list[tuple[bool, bytes | None]] = []

    def pages_out(results: list[siteresult.SiteResult]) -> None:
        page = (out / WEEK / "index.html").read_text(encoding="utf-8")
        at_pages.append(("Banjir Sangatta Surut" in page, pdf(out)))

    build_with(built, pages_out)
    assert at_pages == [(True, before)]  # the week's page shows it; its PDF not yet
    after = pdf(out)
    assert after is not None and after != before
    assert files(out) == clean_build(built, tmp_path)


def _stopped(documents: siteresult.Documents) -> None:
    """In place of make_documents, in the worker it is handed to (so at module level:
    handed over by name)."""
    raise KeyboardInterrupt  # SIGTERM's cousin: the build ends here


def test_a_build_stopped_before_the_pdfs_is_made_whole_by_the_next(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = built / "site"
    before = pdf(out)
    a_release_this_week(built)

    with monkeypatch.context() as patched:
        patched.setattr(build, "make_documents", _stopped)
        with pytest.raises(KeyboardInterrupt):
            build_with(built)
    assert pdf(out) == before  # the old week's PDF, while its page is new
    build_with(built)  # the site is not taken for finished: built again, PDF made
    assert files(out) == clean_build(built, tmp_path)


# Where `_after_the_check` waits: set before the build, inherited by its forked workers.
CHECKED_FLAG: list[Path] = []
MAKE_DOCUMENTS = build.make_documents  # the real one, for the stand-in to call


def _after_the_check(documents: siteresult.Documents) -> None:
    """make_documents, once the build's process has checked an unchanged site: it waits
    for that (a file the check leaves), so a build that waited for the PDFs before its
    check would stall here (and fail after 30 s)."""
    for _ in range(300):
        if CHECKED_FLAG[0].exists():
            MAKE_DOCUMENTS(documents)
            return
        time.sleep(0.1)
    raise AssertionError("the damage check never ran while the PDF waited")


def test_the_pdfs_are_laid_out_while_the_unchanged_sites_are_checked(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_release_this_week(built)
    CHECKED_FLAG[:] = [tmp_path / "diperiksa"]
    real_untouched = fingerprint.untouched_within

    def untouched(cache: Path | None, site_dir: Path, now: datetime, every: object) -> bool:
        CHECKED_FLAG[0].touch()
        return real_untouched(cache, site_dir, now, None)

    with monkeypatch.context() as patched:
        patched.setattr(build, "untouched_within", untouched)
        patched.setattr(build, "make_documents", _after_the_check)
        build_with(built)
    assert CHECKED_FLAG[0].exists()
    assert files(built / "site") == clean_build(built, tmp_path)
