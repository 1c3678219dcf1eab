"""Dates ahead of the clock, judged again at every load of a process that loads again
and again (`newsroom watch`), where the parse cache hands back the same releases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from generator.content import ahead
from generator.content.layout import CENTRAL, Layout
from generator.content.model import Release
from generator.content.problems import Report
from generator.content.repository import load_repository
from tests.conftest import release_text

NOVEMBER = datetime.fromisoformat("2026-11-24T10:30:00+07:00")
DECEMBER = datetime.fromisoformat("2026-12-30T10:30:00+07:00")


def test_a_release_passed_once_is_judged_again_when_the_clock_goes_back(
    central_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = central_repo(
        {
            "ambon/2026/lalu": release_text(date="2026-11-20 09:00"),
            "ambon/2026/akhir-tahun": release_text(date="2026-12-30 09:00"),
        }
    )
    layout, cache = Layout(root, CENTRAL), root / ".cache" / "releases.pickle"
    cache.parent.mkdir()
    checked: list[str] = []  # the releases the real check was run on, at each load
    real_check = ahead.check_ahead

    def check(release: Release, now: datetime, report: Report) -> bool:
        checked.append(release.id)
        return real_check(release, now, report)

    monkeypatch.setattr(ahead, "check_ahead", check)

    def load(now: datetime) -> tuple[list[str], list[str], list[str]]:
        checked.clear()
        repo = load_repository(layout, cache_file=cache, now=now)
        ids, codes = [r.id for r in repo.releases], [p.code for p in repo.report.problems]
        return ids, codes, sorted(checked)

    both = ["ambon/2026/akhir-tahun", "ambon/2026/lalu"]
    assert load(NOVEMBER) == (["ambon/2026/lalu"], ["date_ahead"], both)
    # Now from the parse cache: the objects it keeps, each checked once more.
    assert load(NOVEMBER) == (["ambon/2026/lalu"], ["date_ahead"], both)
    # The same objects again: the one passed in November is not checked again.
    assert load(DECEMBER) == (both, [], ["ambon/2026/akhir-tahun"])
    assert load(DECEMBER) == (both, [], [])
    # Back to November (a rehearsal's --now): the December pass does not hold.
    assert load(NOVEMBER) == (["ambon/2026/lalu"], ["date_ahead"], ["ambon/2026/akhir-tahun"])
