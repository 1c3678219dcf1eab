"""Dates ahead of the clock, judged again at every load of a process that loads again
and again (`newsroom watch`), where the parse cache hands back the same releases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from generator.content import ahead
from generator.content.layout import CENTRAL, Layout
from generator.content.repository import load_repository
from tests.conftest import release_text

NOVEMBER = datetime.fromisoformat("2026-11-24T10:30:00+07:00")
DECEMBER = datetime.fromisoformat("2026-12-30T10:30:00+07:00")


def test_a_release_passed_once_is_judged_again_when_the_clock_goes_back(
    central_repo: Callable[..., Path],
) -> None:
    root = central_repo(
        {
            "ambon/2026/lalu": release_text(date="2026-11-20 09:00"),
            "ambon/2026/akhir-tahun": release_text(date="2026-12-30 09:00"),
        }
    )
    layout, cache = Layout(root, CENTRAL), root / ".cache" / "releases.pickle"
    cache.parent.mkdir()

    def load(now: datetime) -> tuple[list[str], list[str]]:
        repo = load_repository(layout, cache_file=cache, now=now)
        return [r.id for r in repo.releases], [p.code for p in repo.report.problems]

    assert load(NOVEMBER) == (["ambon/2026/lalu"], ["date_ahead"])
    assert load(NOVEMBER) == (["ambon/2026/lalu"], ["date_ahead"])  # now from the cache
    passed_in_november = {id(release) for release, _ in ahead._passed.values()}
    both = ["ambon/2026/akhir-tahun", "ambon/2026/lalu"]
    assert load(DECEMBER) == (both, [])
    # The same objects again (what the memo is for): one passed in November is kept.
    assert passed_in_november <= set(ahead._passed)
    assert load(DECEMBER) == (both, [])
    # Back to November (a rehearsal's --now): the December pass does not hold.
    assert load(NOVEMBER) == (["ambon/2026/lalu"], ["date_ahead"])
