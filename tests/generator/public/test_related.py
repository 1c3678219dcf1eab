"""Related releases: older ones only (a new release never rewrites the pages before
it), shared tags ranked above a shared desk, at most RELATED of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.public.related import RELATED, related_index
from tests.conftest import release_text
from tests.generator.public.test_archives import listed


def test_related_are_older_and_ranked_by_shared_tags(central_repo: Callable[..., Path]) -> None:
    files = {
        f"kaltim/2026/rilis-{n:02d}": release_text(
            date=f"2026-03-{1 + n:02d} 10:00", tags="[banjir]" if n % 3 == 0 else "[jalan]"
        )
        for n in range(10)
    }
    shown = listed(central_repo(files))  # newest first
    related = related_index(shown)
    by_id = {p.release.id: p for p in shown}
    newest = by_id["kaltim/2026/rilis-09"]  # banjir, like 0, 3 and 6
    found = [p.release.id for p in related(newest)]
    assert len(found) == RELATED
    assert found[:3] == ["kaltim/2026/rilis-06", "kaltim/2026/rilis-03", "kaltim/2026/rilis-00"]
    assert found[3] == "kaltim/2026/rilis-08"  # then the newest of the same desk
    assert related(by_id["kaltim/2026/rilis-00"]) == []  # the oldest has none older
