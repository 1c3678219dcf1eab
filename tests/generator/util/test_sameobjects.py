"""Same objects in the same order, told by identity: an equal copy is not the same."""

from __future__ import annotations

from generator.util.sameobjects import same_objects


def test_only_the_very_objects_in_their_order_are_the_same() -> None:
    first, second = ["kutai-timur/2026/banjir"], ["ambon/2026/festival"]
    loaded = [first, second]
    assert same_objects(loaded, list(loaded))  # another list, the same objects
    assert not same_objects(loaded, [list(first), second])  # equal, but read anew
    assert [list(first), second] == loaded
    assert not same_objects(loaded, [second, first])  # reordered
    assert not same_objects(loaded, [first])  # one gone
    assert not same_objects(loaded, [first, second, first])  # one more
    assert same_objects([], ())
