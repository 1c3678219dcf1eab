"""The site workers: this process weighs the next site only while one of them is free."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from generator.host.siterunner import SiteRunner


def _build_when_told(folder: Path) -> str:
    """A site's build that lasts until the test says `go` (the file appears)."""
    while not (folder / "go").exists():
        time.sleep(0.01)
    (folder / "built").write_text("ja", encoding="utf-8")
    return folder.name


def _folders(tmp_path: Path, *names: str) -> list[Path]:
    for name in names:
        (tmp_path / name).mkdir()
    return [tmp_path / name for name in names]


def test_with_a_worker_free_weighing_goes_on_at_once(tmp_path: Path) -> None:
    desk, maluku = _folders(tmp_path, "desk", "maluku")
    with SiteRunner(_build_when_told, jobs=2, cores=2) as runner:
        runner.submit(desk)
        runner.until_one_is_free()  # the desk builds; one worker is free
        assert not (desk / "built").exists()
        runner.submit(maluku)
        (desk / "go").touch()
        (maluku / "go").touch()
        assert runner.results() == ["desk", "maluku"]


def test_with_every_worker_busy_weighing_waits_for_one(tmp_path: Path) -> None:
    desk, maluku = _folders(tmp_path, "desk", "maluku")
    with SiteRunner(_build_when_told, jobs=2, cores=2) as runner:
        runner.submit(desk)
        runner.submit(maluku)
        waiting = threading.Thread(target=runner.until_one_is_free)
        waiting.start()
        waiting.join(timeout=1.0)
        assert waiting.is_alive()  # both build: the next site is not weighed
        (maluku / "go").touch()
        waiting.join(timeout=60)
        assert not waiting.is_alive() and (maluku / "built").exists()
        assert not (desk / "built").exists()  # the desk still builds
        (desk / "go").touch()
        assert runner.results() == ["desk", "maluku"]


def test_one_worker_builds_here_and_never_waits(tmp_path: Path) -> None:
    (site,) = _folders(tmp_path, "papua")
    with SiteRunner(_build_when_told, jobs=1) as runner:
        runner.submit(site)
        runner.until_one_is_free()
        (site / "go").touch()
        assert runner.results() == ["papua"]


def test_with_a_core_to_spare_weighing_never_waits(tmp_path: Path) -> None:
    desk, maluku = _folders(tmp_path, "desk", "maluku")
    with SiteRunner(_build_when_told, jobs=2, cores=4) as runner:
        runner.submit(desk)
        runner.submit(maluku)
        runner.until_one_is_free()  # both build, but two cores are idle: no wait
        assert not (desk / "built").exists() and not (maluku / "built").exists()
        (desk / "go").touch()
        (maluku / "go").touch()
        assert runner.results() == ["desk", "maluku"]
