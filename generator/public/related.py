"""Related releases: which older releases a release page lists under "Rilis terkait".

Related releases are *older* ones sharing tags, or category and office, so a new
release never rewrites the pages of the releases before it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable

from generator.content.model import Release
from generator.public.sites import Placement

RELATED = 4  # how many a release page lists
_POOL = 20  # how many of the newest older ones each shared tag (or desk) offers
_TAG_WEIGHT, _DESK_WEIGHT = 2, 1  # a shared tag says more than a shared desk


def related_index(
    listed: list[Placement], walks: int | None = None
) -> Callable[[Placement], list[Placement]]:
    """A function giving, for a placement, its related ones among `listed` (newest
    first): ranked by shared tags and desk, then the newest first.

    A rebuild after one release asks for one or two pages' related releases, where a
    province at 100,000 releases lists 7,000: the first few are found by walking down
    the list from the release (until each of its tags and its desk has offered enough:
    a few hundred steps, the whole list for a tag no older release has), not from a
    pool of every tag and desk, 60 ms of every push there. The pools are made once
    more than `walks` are asked for; both ways give the same releases (a test compares
    them on every release of a site)."""
    walks = _WALKS if walks is None else walks
    position = {p.release.id: i for i, p in enumerate(reversed(listed))}  # 0 = oldest
    pools: _Pools | None = None
    walked = 0

    def related(placement: Placement) -> list[Placement]:
        nonlocal pools, walked
        release = placement.release
        limit = position.get(release.id, len(listed))
        keys = _keys_of(release)
        if pools is None and walked < walks:
            walked += 1
            found = _walk(listed, len(listed) - limit, keys)
        else:
            pools = pools or _pools(listed)
            found = {key: pools.get(key, _EMPTY).older_than(limit, _POOL) for key in keys}
        scores: dict[str, tuple[int, int, Placement]] = {}
        for key in keys:
            weight = _TAG_WEIGHT if key[0] == _TAG else _DESK_WEIGHT
            for other in found[key]:
                score, _, _ = scores.get(other.release.id, (0, 0, other))
                scores[other.release.id] = (score + weight, position[other.release.id], other)
        ranked = sorted(scores.values(), key=lambda s: (-s[0], -s[1]))
        return [item for _, _, item in ranked[:RELATED]]

    return related


_WALKS = 8  # how many pages' related releases are found by walking, before the pools
_TAG, _DESK = "tag", "desk"
_Key = tuple[str, str, str]  # ("tag", tag, "") or ("desk", office id, category)
_Pools = dict[_Key, "_Pool"]


def _tag(tag: str) -> _Key:
    return (_TAG, tag, "")


def _desk(release: Release) -> _Key:
    return (_DESK, release.office.id, release.meta.category)


def _keys_of(release: Release) -> list[_Key]:
    """A release's place in each pool, once per tag as written (a tag written twice
    is in its pool twice) and once in its desk's."""
    return [*(_tag(t) for t in release.meta.tags), _desk(release)]


def _pools(listed: list[Placement]) -> _Pools:
    """Every tag's and desk's placements, oldest first, with their positions."""
    pools: _Pools = defaultdict(_Pool)
    for at, placement in enumerate(reversed(listed)):
        for key in _keys_of(placement.release):
            pools[key].add(placement, at)
    return pools


def _walk(listed: list[Placement], start: int, keys: list[_Key]) -> dict[_Key, list[Placement]]:
    """What each pool of `keys` offers a release whose older releases start at index
    `start` of `listed` (newest first): the up to _POOL newest entries older than it,
    oldest first, as `_Pool.older_than` gives them, found by walking down from there."""
    found: dict[_Key, list[Placement]] = {key: [] for key in keys}
    open_pools = len(found)
    for other in listed[start:]:
        for key in _keys_of(other.release):
            entries = found.get(key)
            if entries is not None and len(entries) < _POOL:
                entries.append(other)
                open_pools -= len(entries) == _POOL
        if not open_pools:
            break
    return {key: entries[::-1] for key, entries in found.items()}


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
