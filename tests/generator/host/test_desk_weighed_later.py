"""A sync's news, or a release file the load finds new, changed or gone, changes the
desk for sure: its pages are built at once, and it is weighed for the next build only
once they are out (generator.host.build). Otherwise it is weighed first."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.content.repository import Repository
from generator.host import build
from generator.public import fingerprint
from tests.conftest import FIXTURES, release_text
from tests.sitebuild import built_sites

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
TITLE = "Pasar Murah Jelang Natal"


def built(root: Path, first: list[str], now: datetime = NOW) -> list[str]:
    """The sites a build at `now` in two forked workers wrote (not skipped)."""
    return built_sites(root, first, now)


def watch_weighing(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file with a line at each weighing of the desk: whether its pages showed the
    new release by then (written by the desk's worker, a forked process)."""
    seen = tmp_path / "seen.txt"
    weigh = build.desk_fingerprint

    def weighed(repo: Repository, now: datetime, extra: object) -> str:
        pages = (root / "site" / "desk").rglob("*.html")
        shown = any(TITLE in page.read_text(encoding="utf-8") for page in pages)
        with seen.open("a", encoding="utf-8") as out:
            out.write(f"{shown}\n")
        return weigh(repo, now, extra)

    monkeypatch.setattr(build, "desk_fingerprint", weighed)
    monkeypatch.setattr(fingerprint, "desk_fingerprint", weighed)
    return seen


def test_news_builds_the_desk_before_weighing_it_and_records_its_weight_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    assert "desk" in built(root, [])
    (root / "content/releases/ambon/2026/pasar-murah.md").write_text(
        release_text(title=TITLE, date="2026-11-23 09:00")
    )
    seen = watch_weighing(root, tmp_path, monkeypatch)
    assert built(root, ["ambon"]) == ["desk", "maluku"]
    assert seen.read_text(encoding="utf-8") == "True\n", "weighed once, its pages out"
    # Recorded as weighed: the next build, with no news, finds the desk as it is.
    assert built(root, []) == []
    assert seen.read_text(encoding="utf-8") == "True\nTrue\n"


def test_a_cron_build_that_finds_a_new_release_file_builds_the_desk_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    built(root, [])
    (root / "content/releases/ambon/2026/pasar-murah.md").write_text(
        release_text(title=TITLE, date="2026-11-23 09:00")
    )
    seen = watch_weighing(root, tmp_path, monkeypatch)
    assert built(root, []) == ["desk", "maluku"]  # no sync told it: its load found the file
    assert seen.read_text(encoding="utf-8") == "True\n", "weighed once, its pages out"


def test_without_a_changed_file_the_desk_is_weighed_before_it_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    # Embargoed until 12:30 in Ambon (03:30 UTC): hidden from the desk until then.
    (root / "content/releases/ambon/2026/pasar-murah.md").write_text(
        release_text(title=TITLE, date="2026-11-23 09:00", publish_at="2026-11-24 12:30")
    )
    built(root, [])
    seen = watch_weighing(root, tmp_path, monkeypatch)
    # Two hours later no file changed, but the lifted release shows on the desk now.
    assert "desk" in built(root, [], NOW + timedelta(hours=2))
    assert seen.read_text(encoding="utf-8") == "False\n", "weighed before its pages"
