"""The build's caches are an optimisation: one that cannot be used is warned about, in
the build's language, and the build makes the very bytes of a clean build without it."""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.messages import describe
from generator.public.session import CACHE_DIR
from tests.conftest import FIXTURES
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
URL = "https://b.example/"


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def swap_every_entry(cache: Path) -> None:
    """A folder where each cache file was, a file where each folder was: what stops root
    too (tests run as root in CI, where a read-only mode stops nothing)."""
    for entry in sorted(cache.iterdir()):
        if entry.is_dir():
            shutil.rmtree(entry)
            entry.write_text("kini berkas")
        else:
            entry.unlink()
            (entry / "isi").mkdir(parents=True)


@pytest.mark.parametrize("damage", ["cache-is-a-file", "every-entry-swapped", "read-only"])
def test_a_cache_that_cannot_be_used_leaves_the_build_as_a_clean_one(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    cache = root / CACHE_DIR
    if damage == "cache-is-a-file":
        (root / ".cache").write_text("bukan folder")
    else:
        build_repo(root, NOW, URL, out=root / "site")  # a cache full of what it keeps
        if damage == "every-entry-swapped":
            swap_every_entry(cache)
        else:
            for folder in [cache, *cache.rglob("*")]:
                if folder.is_dir():
                    folder.chmod(0o500)  # stops a user; root writes on, and may
    try:
        with caplog.at_level(logging.WARNING):
            out = build_repo(root, NOW, URL, out=root / "site")
    finally:
        for folder in cache.rglob("*") if cache.is_dir() else ():
            if folder.is_dir():
                folder.chmod(0o700)
    fresh = tmp_path / "bersih"
    shutil.copytree(FIXTURES / "golden", fresh)
    clean = build_repo(fresh, NOW, URL, out=fresh / "site")
    assert files(out) == files(clean)
    if damage != "read-only":
        said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        problem, _ = describe("cache_unusable", "id", {})  # the build's language (--lang)
        assert any(problem in message for message in said), said
