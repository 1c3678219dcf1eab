"""`newsroom watch` builds again and again in one process: each problem of the content is
logged once, then only counted; a new one is logged when it appears. `newsroom build`
(one build a process) says every problem every time, as `newsroom check` does."""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.content.repository import find_layout
from generator.host import build
from generator.public.session import forget_sessions
from tests.conftest import FIXTURES, release_text

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
URL = "https://b.example/"
BROKEN = "content/releases/kutai-timur/2026/kategori-salah.md"


def logged(
    root: Path, caplog: pytest.LogCaptureFixture, say_again: bool, now: datetime = NOW
) -> list[str]:
    layout = find_layout(root)
    assert layout is not None
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.newsroom"):
        build.build(layout, [], root / "site", base_url=URL, now=now, jobs=1, say_again=say_again)
    return [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize("say_again", [False, True])
def test_a_problem_is_logged_once_a_process_when_the_service_asks(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, say_again: bool
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    (root / BROKEN).write_text(release_text(category="gosip"))
    forget_sessions()
    try:
        first = logged(root, caplog, say_again)
        said = [m for m in first if "kategori-salah.md" in m]
        assert len(said) == 1 and "gosip" in said[0]
        second = logged(root, caplog, say_again)
        again = [m for m in second if "kategori-salah.md" in m]
        counted = [m for m in second if "masalah lain sama dengan" in m]
        if say_again:
            assert again == said and not counted
        else:
            assert again == [] and counted and counted[0].startswith("1 masalah")
            other = root / "content/releases/kutai-timur/2026/tanggal-salah.md"
            other.write_text(release_text(date="2026-13-40 10:00"))
            third = logged(root, caplog, say_again)
            assert [m for m in third if "tanggal-salah.md" in m]  # a new one is said
            assert not [m for m in third if "kategori-salah.md" in m]
    finally:
        forget_sessions()


def test_a_date_ahead_is_not_said_again_because_the_clock_moved_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Its message quotes the build's instant, which moves at every build of the
    service: the same fault is still the same problem (3,200 lines a push before, at
    100,000 releases whose dates run into next month)."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    ahead = root / "content/releases/kutai-timur/2026/tahun-depan.md"
    ahead.write_text(release_text(date="2026-12-20 10:00"))
    forget_sessions()
    try:
        first = logged(root, caplog, False)
        said = [m for m in first if "tahun-depan.md" in m]
        assert len(said) == 1 and "2026-12-20" in said[0]
        later = logged(root, caplog, False, NOW + timedelta(minutes=1))
        assert not [m for m in later if "tahun-depan.md" in m]
        assert [m for m in later if m.startswith("1 masalah")]
        again = logged(root, caplog, True, NOW + timedelta(minutes=2))
        assert [m for m in again if "tahun-depan.md" in m] != said  # the new instant quoted
    finally:
        forget_sessions()
