"""Whether two sequences hold the very same objects, in the same order.

`newsroom watch` loads the repository at every build and gets the same release
objects back from the parse cache: what a build derived from a sequence of them
(an office's provenance, a province's sort, a group's digest) holds while the next
load gives the same objects. Told by identity, in C, never by comparing values.

`common_ends` is the same question for a list that changed in one place (a sync
brings one office's releases): what was derived from its unchanged ends is taken
as it was, and only the middle is worked out again.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, Generic, TypeVar

_Item = TypeVar("_Item")
_Value = TypeVar("_Value")


def same_objects(before: Sequence[object], now: Sequence[object]) -> bool:
    """Whether `now` holds exactly the objects `before` holds, in its order."""
    return len(before) == len(now) and all(map(operator.is_, before, now))


def common_ends(before: Sequence[object], now: Sequence[object]) -> tuple[int, int]:
    """How many of the first items, and then of the last ones, `now` and `before` share
    as the very same objects, in order: (prefix, suffix), never overlapping in either
    (`now[prefix:len(now) - suffix]` is what is new, `before[prefix:len(before) -
    suffix]` what it stands in for)."""
    shorter = min(len(before), len(now))
    prefix = _run_length(map(operator.is_, before, now), shorter)
    suffix = _run_length(map(operator.is_, reversed(before), reversed(now)), shorter - prefix)
    return prefix, suffix


def _run_length(same: Iterator[bool], limit: int) -> int:
    """How many of the first `limit` flags of `same` are True, before the first False."""
    flags = list(islice(same, limit))
    try:
        return flags.index(False)
    except ValueError:
        return len(flags)


class Rederived(Generic[_Item, _Value]):
    """A value derived from each item of a list, kept for the next list: the values of
    its unchanged ends (`common_ends`) are taken as they were, only the middle's are
    derived again. A pass over 100,000 releases at every push of `newsroom watch` that
    brought one office's news becomes a pass over that office's."""

    def __init__(self) -> None:
        self._items: list[_Item] = []
        self._values: list[_Value] = []
        self.derived: Sequence[int] = ()  # the indexes the last call derived, in order

    def of(
        self, items: Sequence[_Item], derive: Callable[[_Item], _Value], again: object = ...
    ) -> list[_Value]:
        """`[derive(item) for item in items]`, derived in that order; a kept value equal
        to `again` (a verdict the next call must give anew) derived again too."""
        kept = self._values
        prefix, suffix = common_ends(self._items, items)
        end = len(items) - suffix
        middle: list[Any] = [None] * (end - prefix)  # each derived below
        values = kept[:prefix] + middle + kept[len(kept) - suffix :]
        stale: Sequence[int] = range(prefix, end)
        if again is not ...:
            stale = [*_equal(values, again, 0, prefix), *stale, *_equal(values, again, end)]
        for index in stale:
            values[index] = derive(items[index])
        self._items, self._values = list(items), values
        self.derived = stale
        return values

    def revise(self, revised: Callable[[_Value], _Value]) -> None:
        """Each kept value as `revised` makes it (a rare event's work: a call a value)."""
        self._values = [revised(value) for value in self._values]


def _equal(values: list[_Value], wanted: object, start: int, stop: int | None = None) -> list[int]:
    """The indexes of `values` from `start` to `stop` holding what equals `wanted`."""
    found: list[int] = []
    stop = len(values) if stop is None else stop
    while True:
        try:
            start = values.index(wanted, start, stop)  # type: ignore[arg-type]
        except ValueError:
            return found
        found.append(start)
        start += 1
