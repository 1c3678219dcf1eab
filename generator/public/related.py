"""Related releases: which older releases a release page lists under "Rilis terkait".

Related releases are *older* ones sharing tags, or category and office, so a new
release never rewrites the pages of the releases before it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable

from generator.public.sites import Placement

RELATED = 4  # how many a release page lists
_POOL = 20  # how many of the newest older ones each shared tag (or desk) offers
_TAG_WEIGHT, _DESK_WEIGHT = 2, 1  # a shared tag says more than a shared desk


def related_index(listed: list[Placement]) -> Callable[[Placement], list[Placement]]:
    """A function giving, for a placement, its related ones among `listed` (newest
    first): ranked by shared tags and desk, then the newest first."""
    position = {p.release.id: i for i, p in enumerate(reversed(listed))}  # 0 = oldest
    by_tag: dict[str, _Pool] = defaultdict(_Pool)
    by_desk: dict[tuple[str, str], _Pool] = defaultdict(_Pool)
    for at, placement in enumerate(reversed(listed)):
        release = placement.release
        for tag in release.meta.tags:
            by_tag[tag].add(placement, at)
        by_desk[(release.office.id, release.meta.category)].add(placement, at)

    def related(placement: Placement) -> list[Placement]:
        release = placement.release
        limit = position.get(release.id, len(listed))
        scores: dict[str, tuple[int, int, Placement]] = {}
        pools = [(_TAG_WEIGHT, by_tag.get(t, _EMPTY)) for t in release.meta.tags]
        desk = by_desk.get((release.office.id, release.meta.category), _EMPTY)
        pools.append((_DESK_WEIGHT, desk))
        for weight, pool in pools:
            for other in pool.older_than(limit, _POOL):
                score, _, _ = scores.get(other.release.id, (0, 0, other))
                scores[other.release.id] = (score + weight, position[other.release.id], other)
        ranked = sorted(scores.values(), key=lambda s: (-s[0], -s[1]))
        return [item for _, _, item in ranked[:RELATED]]

    return related


class _Pool:
    """The placements sharing a tag (or a desk), oldest first, with their positions:
    found by bisection, never by a pass over the pool (each release of a site asks its
    pools once: a pass each was quadratic, minutes of a 100,000-release build)."""

    def __init__(self) -> None:
        self.placements: list[Placement] = []
        self.positions: list[int] = []

    def add(self, placement: Placement, position: int) -> None:
        self.placements.append(placement)
        self.positions.append(position)

    def older_than(self, limit: int, count: int) -> list[Placement]:
        """Up to `count` of the newest placements older than position `limit`."""
        end = bisect_left(self.positions, limit)
        return self.placements[max(0, end - count) : end]


_EMPTY = _Pool()
