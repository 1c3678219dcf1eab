"""The service looks again only at the offices whose folders changed
(generator.content.changewatch), yet builds every change: one made by hand in the
central repository, between two syncs, too. Without the watch (inotify refused), it
says so once and looks at every file, with the same result."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content import changewatch
from generator.content.repository import find_layout
from generator.public.session import forget_sessions
from generator.service.clock import Clock
from generator.service.loop import Service, Settings, Work
from generator.util.dirwatch import DirWatch, Unwatchable
from tests.generator.service.watching import make_newsroom, release

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
EDITED = "content/releases/kaltim/2026/pelabuhan-rakyat-mahakam-ulu.md"
PAGE = "kalimantan-timur/kaltim/2026/pelabuhan-rakyat-mahakam-ulu/index.html"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    central, _, _ = make_newsroom(tmp_path)
    layout = find_layout(central)
    assert layout is not None
    settings = Settings(out=central / "site", base_url="http://127.0.0.1:8000/", jobs=2)
    forget_sessions()
    try:
        service = Service(layout, settings, Clock(lambda: NOW, lambda: 0.0))
        try:
            yield service
        finally:
            service.close()
    finally:
        forget_sessions()


def edit_by_hand(service: Service, title: str) -> None:
    """The file written over in place (its inode, its folder's entries unchanged)."""
    path = service.layout.root / EDITED
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(release(title))
        handle.truncate()


def built_title(service: Service) -> str:
    return (service.settings.out / PAGE).read_text(encoding="utf-8")


def test_a_release_edited_by_hand_is_built_at_the_next_cycle(service: Service) -> None:
    service.start()
    assert changewatch.watched(service.layout)
    assert "Diubah Di Tempat" not in built_title(service)
    edit_by_hand(service, "Pelabuhan Rakyat Diubah Di Tempat")
    service.cycle(Work([], ["uji"]))
    assert "Pelabuhan Rakyat Diubah Di Tempat" in built_title(service)
    edit_by_hand(service, "Pelabuhan Rakyat Diubah Lagi")
    service.cycle(Work([], ["uji"]))
    assert "Pelabuhan Rakyat Diubah Lagi" in built_title(service)
    service.close()
    assert not changewatch.watched(service.layout)


def inotify_refused() -> DirWatch:
    """inotify refusing, as when every instance this user may have is taken (the
    kernel's fs.inotify.max_user_instances): not done for real here, which would leave
    the machine's other services without one meanwhile."""
    raise Unwatchable("Too many open files")


def test_without_the_watch_it_says_so_and_builds_every_change(
    service: Service, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changewatch, "DirWatch", inotify_refused)
    with caplog.at_level(logging.WARNING, logger="newsroom"):
        service.start()
    assert not changewatch.watched(service.layout)
    said = [r.getMessage() for r in caplog.records if "tidak dapat dipantau" in r.getMessage()]
    assert len(said) == 1, said
    edit_by_hand(service, "Pelabuhan Rakyat Tanpa Pantauan")
    service.cycle(Work([], ["uji"]))
    assert "Pelabuhan Rakyat Tanpa Pantauan" in built_title(service)
