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
    by_tag: dict[str, list[Placement]] = defaultdict(list)
    by_desk: dict[tuple[str, str], list[Placement]] = defaultdict(list)
    for placement in reversed(listed):
        release = placement.release
        for tag in release.meta.tags:
            by_tag[tag].append(placement)
        by_desk[(release.office.id, release.meta.category)].append(placement)

    def related(placement: Placement) -> list[Placement]:
        release = placement.release
        limit = position.get(release.id, len(listed))
        scores: dict[str, tuple[int, int, Placement]] = {}
        pools = [(_TAG_WEIGHT, by_tag[t]) for t in release.meta.tags]
        pools.append((_DESK_WEIGHT, by_desk[(release.office.id, release.meta.category)]))
        for weight, pool in pools:
            for other in _older_than(pool, position, limit, _POOL):
                score, _, _ = scores.get(other.release.id, (0, 0, other))
                scores[other.release.id] = (score + weight, position[other.release.id], other)
        ranked = sorted(scores.values(), key=lambda s: (-s[0], -s[1]))
        return [item for _, _, item in ranked[:RELATED]]

    return related


def _older_than(
    pool: list[Placement], position: dict[str, int], limit: int, count: int
) -> list[Placement]:
    """Up to `count` of the newest placements in `pool` (oldest-first) older than `limit`."""
    keys = [position[p.release.id] for p in pool]
    end = bisect_left(keys, limit)
    return pool[max(0, end - count) : end]
