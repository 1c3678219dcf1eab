"""Related releases: which older releases a release page lists under "Rilis terkait".

Related releases are *older* ones sharing tags, or category and office, so a new
release never rewrites the pages of the releases before it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from generator.public.sites import Placement

RELATED = 4  # how many a release page lists
_POOL = 20  # how many of the newest older ones each shared tag (or desk) offers
_TAG_WEIGHT, _DESK_WEIGHT = 2, 1  # a shared tag says more than a shared desk
_WALKS = 8  # how many pages' related releases are found by walking, before the pools

_Desk = tuple[str, str]  # office id, category
_Found = tuple[dict[str, list[Placement]], list[Placement]]  # by tag; the desk's


def related_index(
    listed: list[Placement], walks: int | None = None
) -> Callable[[Placement], list[Placement]]:
    """A function giving, for a placement, its related ones among `listed` (newest
    first, as a plan lists them: by `chronological`): ranked by shared tags and desk,
    then the newest first.

    A rebuild after one release asks for one or two pages' related releases, where a
    province at 100,000 releases lists 7,000: the first few are found by walking down
    the list from the release until each of its tags and its desk has offered enough
    (a few hundred steps; the whole list for a tag no older release has, or an
    office's first release), not from pools of every tag and desk built for them
    (60 ms of every push there). The pools are built once more than `walks` are
    asked for; both ways give the same releases (a test compares them on every
    release of a site)."""
    walks = _WALKS if walks is None else walks
    pools: _Pools | None = None
    walked = 0

    def related(placement: Placement) -> list[Placement]:
        nonlocal pools, walked
        if pools is None and walked < walks:
            walked += 1
            tags, desk = _walk(listed, placement)
        else:
            pools = pools or _Pools(listed)
            tags, desk = pools.offered(placement)
        scores: dict[str, tuple[int, tuple[datetime, str], Placement]] = {}
        offers = [(_TAG_WEIGHT, tags[tag]) for tag in placement.release.meta.tags]
        for weight, offered in [*offers, (_DESK_WEIGHT, desk)]:
            for other in offered:
                before = scores.get(other.release.id)
                score = weight + (before[0] if before else 0)
                scores[other.release.id] = (score, other.release.chronological, other)
        ranked = sorted(scores.values(), key=lambda s: (s[0], s[1]), reverse=True)
        return [item for _, _, item in ranked[:RELATED]]

    return related


def _desk(placement: Placement) -> _Desk:
    release = placement.release
    return release.office.id, release.meta.category


def _older_from(listed: list[Placement], placement: Placement) -> int:
    """The index in `listed` (newest first) of the first placement older than
    `placement`, found by halving; 0 when `listed` does not hold it (a withdrawn
    release's page): all it lists is taken for older, as by the pools."""
    release = placement.release
    at = bisect_left(listed, True, key=lambda p: p.release.chronological < release.chronological)
    return at if at and listed[at - 1].release.id == release.id else 0


def _walk(listed: list[Placement], placement: Placement) -> _Found:
    """What each tag of `placement` and its desk offer it: the up to _POOL newest
    listed placements older than it sharing that tag (or desk), oldest first, as the
    pools give them; found by walking down the list from it."""
    by_tag: dict[str, list[Placement]] = {tag: [] for tag in placement.release.meta.tags}
    desk: list[Placement] = []
    office, category = _desk(placement)
    full, wanted = 0, len(by_tag) + 1
    for other in listed[_older_from(listed, placement) :]:
        release = other.release
        meta = release.meta
        if len(desk) < _POOL and meta.category == category and release.office.id == office:
            desk.append(other)
            full += len(desk) == _POOL
        for tag in meta.tags:
            offered = by_tag.get(tag)
            if offered is not None and len(offered) < _POOL:
                offered.append(other)
                full += len(offered) == _POOL
        if full == wanted:
            break
    return {tag: found[::-1] for tag, found in by_tag.items()}, desk[::-1]


class _Pools:
    """Every tag's and every desk's listed placements, oldest first, for a build that
    asks many pages' related releases."""

    def __init__(self, listed: list[Placement]) -> None:
        self.position = {p.release.id: i for i, p in enumerate(reversed(listed))}  # 0 = oldest
        self.by_tag: dict[str, _Pool] = defaultdict(_Pool)
        self.by_desk: dict[_Desk, _Pool] = defaultdict(_Pool)
        for at, placement in enumerate(reversed(listed)):
            for tag in placement.release.meta.tags:
                self.by_tag[tag].add(placement, at)
            self.by_desk[_desk(placement)].add(placement, at)

    def offered(self, placement: Placement) -> _Found:
        limit = self.position.get(placement.release.id, len(self.position))
        tags = placement.release.meta.tags
        by_tag = {tag: self.by_tag.get(tag, _EMPTY).older_than(limit, _POOL) for tag in tags}
        return by_tag, self.by_desk.get(_desk(placement), _EMPTY).older_than(limit, _POOL)


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
