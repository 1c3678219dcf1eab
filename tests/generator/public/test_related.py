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


def test_walking_down_the_list_finds_what_the_pools_find(
    central_repo: Callable[..., Path],
) -> None:
    """A rebuild finds its few pages' related releases by walking down the list; a
    build of every page, from pools of every tag and desk: the same releases, for each
    release of a site, and for those the list does not hold (all it lists is older). Two
    releases share a tag no other has: the walk from the newer goes down to the older."""
    tags = ["banjir", "jalan", "sekolah", "pasar", "stunting"]
    files = {}
    for n in range(90):
        office = "kaltim" if n % 4 else "kutai-timur"
        own = [tags[n % 5], tags[n * 7 % 5]] + (["langka"] if n in (3, 61) else [])
        files[f"{office}/2026/rilis-{n:02d}"] = release_text(
            date=f"2026-{1 + n // 28:02d}-{1 + n % 28:02d} 10:00",
            tags="[" + ", ".join(own) + "]",
            category="pengumuman" if n % 3 == 0 else "berita",
        )
    shown = listed(central_repo(files))
    assert len(shown) == 90
    # Every seventh left out of the second: a page that is not listed (withdrawn).
    for listed_here in (shown, [p for n, p in enumerate(shown) if n % 7]):
        walking = related_index(listed_here, walks=len(shown))
        pooled = related_index(listed_here, walks=0)
        found = [walking(p) for p in shown]
        assert found == [pooled(p) for p in shown]
        assert sum(len(f) for f in found) > 3 * len(shown)  # most have RELATED of them
