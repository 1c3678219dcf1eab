"""Shared fixtures: paths to fixture repos, a fixed instant, throwaway office repos."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.content import changewatch, parsecache, registry, releaseload, runrecords

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

OFFICE_YML = """id: kutai-timur
name: Diskominfo Staper Kabupaten Kutai Timur
level: kabupaten
province: "64"
"""


@pytest.fixture
def pinned_now() -> datetime:
    """One instant for a test to run its commands at (passed as their `now`)."""
    return datetime(2026, 11, 24, 2, 30, tzinfo=UTC)  # 10.30 WITA


@pytest.fixture
def office_repo(tmp_path: Path) -> Callable[..., Path]:
    """Make an office repo (office.yml + releases/<yyyy>/<slug>.md) from a dict of files."""

    def make(files: dict[str, str] | None = None, office_yml: str = OFFICE_YML) -> Path:
        root = tmp_path / "kantor"
        root.mkdir(exist_ok=True)
        (root / "office.yml").write_text(office_yml, encoding="utf-8")
        for name, text in (files or {}).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the sample newsroom (content/ + mkdocs.yml) to change freely."""
    target = tmp_path / "central"
    shutil.copytree(REPO_ROOT / "content", target / "content")
    if (REPO_ROOT / "mkdocs.yml").exists():
        shutil.copy(REPO_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def invoke(args: list[str], cwd: Path) -> Result:
    """Run the `newsroom` CLI in `cwd` as a user would, in-process."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def release_text(**fields: str) -> str:
    """A release file with the given front-matter lines (values written as is)."""
    base = {"title": "Rilis contoh", "date": "2026-04-11 10:00", "category": "berita"}
    base.update(fields)
    lines = [f"{key}: {value}" for key, value in base.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\nIsi rilis contoh.\n"


CENTRAL_OFFICES = """- id: komdigi
  name: Kementerian Komunikasi dan Digital
  level: pusat
- id: kaltim
  name: Diskominfo Provinsi Kalimantan Timur
  level: provinsi
  province: "64"
- id: kutai-timur
  name: Diskominfo Staper Kabupaten Kutai Timur
  level: kabupaten
  province: "64"
- id: ambon
  name: Diskominfo Kota Ambon
  level: kota
  province: "81"
"""

MKDOCS_YML = """site_name: Uji
docs_dir: content/pages
theme: {name: newsroom}
plugins:
  - newsroom:
      base_url: https://berita.example.go.id/
"""


@pytest.fixture
def central_repo(tmp_path: Path) -> Callable[..., Path]:
    """Make a small central repository: four offices in two provinces, given releases."""

    def make(
        releases: dict[str, str],
        curation: str = "featured: []\n",
        mkdocs_yml: str = MKDOCS_YML,
    ) -> Path:
        root = tmp_path / "pusat"
        (root / "content" / "national").mkdir(parents=True, exist_ok=True)
        (root / "content" / "pages").mkdir(exist_ok=True)
        (root / "content" / "offices.yml").write_text(CENTRAL_OFFICES, encoding="utf-8")
        (root / "content" / "national" / "curation.yml").write_text(curation, encoding="utf-8")
        (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        for release_id, text in releases.items():
            path = root / "content" / "releases" / f"{release_id}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make


def json_feed_problems(data: bytes) -> list[str]:
    """JSON Feed 1.1 checks (feedparser 6 reads only XML feeds): required members,
    an id and content on every item, absolute URLs, RFC 3339 dates."""
    import json
    import re

    problems: list[str] = []
    feed = json.loads(data)
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("version")
    if not isinstance(feed.get("title"), str) or not isinstance(feed.get("items"), list):
        problems.append("title/items")
    date = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
    for index, item in enumerate(feed.get("items", [])):
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"items[{index}].id")
        if not isinstance(item.get("content_html", item.get("content_text")), str):
            problems.append(f"items[{index}].content")
        for key in ("url", "external_url", "image"):
            if key in item and not str(item[key]).startswith(("https://", "http://")):
                problems.append(f"items[{index}].{key}")
        for key in ("date_published", "date_modified"):
            if key in item and not date.match(item[key]):
                problems.append(f"items[{index}].{key}")
    return problems


def make_png(width: int, height: int) -> bytes:
    """A real, tiny PNG (one colour) for tests that need images."""
    import struct
    import zlib

    raw = b"".join(b"\x00" + b"\x10\x20\x30" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


@pytest.fixture(autouse=True)
def _forget_kept_parse_caches() -> Iterator[None]:
    """A process keeps the parse cache it last read (generator.content.parsecache): each
    test's are dropped after it, so the suite's memory does not grow test by test."""
    yield
    parsecache._known.clear()
    registry._KEPT.clear()
    # And what each process keeps of its last load and of the run records it read.
    releaseload._jobs.clear()
    releaseload._slug_of.clear()
    releaseload._office_checks.clear()
    releaseload._office_files.clear()
    for layout in list(changewatch._watches):  # a service's watch never closed by its test
        changewatch.unwatch(layout)
    runrecords._entries.clear()
    runrecords._unsaved.clear()
