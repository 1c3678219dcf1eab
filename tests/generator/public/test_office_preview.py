"""An office's own preview (`newsroom build` / `serve` in an office repository) shows a
release that cannot be published as a page at its address saying what to fix, in the
writer's language, and `build` exits 1 for the writer's CI; the central build never
writes such a page."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import invoke, release_text
from tests.generator.cli.test_serve import fetch_until, free_port
from tests.security.sinks import page_sinks

SCRIPT = Path(sys.executable).parent / "newsroom"
NOW = "--now=2026-11-24T10:30:00+08:00"
SITE = Path("site/kalimantan-timur/kutai-timur/2026")
# A bad value with markup in it: it must come out as text, never as HTML.
BROKEN = release_text(title="Rilis Rusak", category="'<b>bukan</b>'", status="published")
GOOD = release_text(title="Rilis Bagus", status="published")


def newsroom(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A real office repository from `newsroom init office`: one good release, one broken."""
    made = invoke(
        [
            "init",
            "office",
            "kantor",
            "--id",
            "kutai-timur",
            "--name",
            "Diskominfo Kutim",
            "--level",
            "kabupaten",
            "--province",
            "64",
        ],
        tmp_path,
    )
    assert made.exit_code == 0, made.output
    root = tmp_path / "kantor"
    (root / "releases/2026").mkdir(parents=True)
    (root / "releases/2026/rilis-bagus.md").write_text(GOOD, encoding="utf-8")
    (root / "releases/2026/rilis-rusak.md").write_text(BROKEN, encoding="utf-8")
    return root


def checked(root: Path, lang: str) -> list[str]:
    """The problem lines `newsroom check` prints (its summary left out)."""
    done = newsroom("check", "--lang", lang, cwd=root)
    assert done.returncode == 1, done.stdout
    return done.stdout.splitlines()[:-1]


@pytest.mark.parametrize(
    ("args", "lang", "title", "summary"),
    [
        ((), "id", "Pratinjau: rilis ini belum bisa terbit", "masalah membuat rilis"),
        (("--lang", "en"), "en", "Preview: this release cannot be published yet", "problem(s)"),
    ],
)
def test_build_shows_a_broken_release_at_its_address_and_exits_1(
    office: Path, args: tuple[str, ...], lang: str, title: str, summary: str
) -> None:
    done = newsroom("build", NOW, *args, cwd=office)
    assert done.returncode == 1, done.stderr
    problems = checked(office, lang)
    assert problems and all(line in done.stderr for line in problems)  # in its language
    assert summary in done.stderr
    assert "Rilis Bagus" in (office / SITE / "rilis-bagus/index.html").read_text()
    page = (office / SITE / "rilis-rusak/index.html").read_text()
    assert title in page
    assert '<meta name="robots" content="noindex,nofollow">' in page
    assert "&lt;b&gt;bukan&lt;/b&gt;" in page and "<b>bukan" not in page
    for line in problems:  # the same lines, escaped
        shown = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert shown.replace("'", "&#39;") in page
    assert "Rilis Rusak" not in (office / "site/kalimantan-timur/index.html").read_text()


def test_a_placeholder_page_carries_no_executable_sink(office: Path) -> None:
    """The placeholder quotes what the writer typed: hostile text stays text there too."""
    hostile = release_text(
        title="<img src=x onerror=alert(1)>",
        category="'<script>alert(1)</script>'",
        status="published",
    )
    (office / "releases/2026/rilis-rusak.md").write_text(hostile, encoding="utf-8")
    assert newsroom("build", NOW, cwd=office).returncode == 1
    page = (office / SITE / "rilis-rusak/index.html").read_text()
    assert "belum bisa terbit" in page
    assert page_sinks(page) == []


def test_a_fixed_release_replaces_its_placeholder(office: Path) -> None:
    assert newsroom("build", NOW, cwd=office).returncode == 1
    (office / "releases/2026/rilis-rusak.md").write_text(
        release_text(title="Rilis Diperbaiki", status="published"), encoding="utf-8"
    )
    done = newsroom("build", NOW, cwd=office)
    assert done.returncode == 0, done.stderr
    page = (office / SITE / "rilis-rusak/index.html").read_text()
    assert "Rilis Diperbaiki" in page and "belum bisa terbit" not in page


def test_a_clean_office_builds_with_exit_0(office: Path) -> None:
    (office / "releases/2026/rilis-rusak.md").unlink()
    done = newsroom("build", NOW, cwd=office)
    assert done.returncode == 0, done.stderr
    assert not (office / SITE / "rilis-rusak").exists()


def test_the_central_build_never_writes_a_placeholder(
    central_repo: Callable[..., Path],
) -> None:
    root = central_repo(
        {"kutai-timur/2026/rilis-bagus": GOOD, "kutai-timur/2026/rilis-rusak": BROKEN}
    )
    done = newsroom("build", NOW, cwd=root)
    assert done.returncode == 0, done.stderr  # the desk reports it; other sites go on
    site = root / "site"
    assert (site / "kalimantan-timur/kutai-timur/2026/rilis-bagus/index.html").is_file()
    assert not list(site.rglob("rilis-rusak"))
    for page in site.rglob("*.html"):
        assert "belum bisa terbit" not in page.read_text(encoding="utf-8"), page


def test_serve_keeps_running_and_shows_the_placeholder(office: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [str(SCRIPT), "serve", "--port", str(port), "--lang", "en"],
        cwd=office,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/kalimantan-timur/kutai-timur/2026/rilis-rusak/"
        page = fetch_until(url, "Preview: this release cannot be published yet")
        assert "is not one of the allowed values" in page
        (office / "releases/2026/rilis-rusak.md").write_text(GOOD.replace("Bagus", "Baru"))
        fetch_until(url, "Rilis Baru")
        assert server.poll() is None
    finally:
        server.terminate()
        _, said = server.communicate(timeout=10)
    assert "is not one of the allowed values" in said  # printed in English too
