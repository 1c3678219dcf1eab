"""Same objects in the same order, told by identity: an equal copy is not the same."""

from __future__ import annotations

from generator.util.sameobjects import Rederived, common_ends, same_objects


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


def _releases(count: int) -> list[list[str]]:
    return [[f"kantor-{n:03d}/2026/rilis"] for n in range(count)]


def test_common_ends_find_the_one_place_a_list_changed() -> None:
    loaded = _releases(6)
    new = [["ambon/2026/baru"]]
    assert common_ends(loaded, list(loaded)) == (6, 0)
    assert common_ends(loaded, loaded[:2] + new + loaded[2:]) == (2, 4)  # one arrived
    assert common_ends(loaded, loaded[:2] + loaded[3:]) == (2, 3)  # one gone
    assert common_ends(loaded, loaded[:2] + new + loaded[3:]) == (2, 3)  # one replaced
    equal_copy = [*loaded[:2], list(loaded[2]), *loaded[3:]]
    assert common_ends(loaded, equal_copy) == (2, 3)  # equal but read anew: changed
    assert common_ends(loaded, loaded + new) == (6, 0)
    assert common_ends(loaded, new + loaded) == (0, 6)
    # Never overlapping: a repeated object counts once, at the front.
    twice = [loaded[0], loaded[0]]
    assert common_ends(twice, [loaded[0]]) == (1, 0)
    assert common_ends([loaded[0]], twice) == (1, 0)
    assert common_ends([], loaded) == (0, 0)


def test_rederived_derives_only_what_is_new_and_what_must_be_said_again() -> None:
    loaded = _releases(8)
    asked: list[str] = []

    def verdict(release: list[str]) -> bool:
        asked.append(release[0])
        return release[0] != "kantor-005/2026/rilis"  # refused, asked again each time

    memo: Rederived[list[str], bool] = Rederived()
    first = memo.of(loaded, verdict, again=False)
    assert first == [True] * 5 + [False, True, True] and len(asked) == 8
    asked.clear()
    arrived = [["kantor-002/2026/baru"]]
    now = loaded[:3] + arrived + loaded[3:]
    assert memo.of(now, verdict, again=False) == [True] * 6 + [False, True, True]
    # Asked in the list's order: a refusal's report comes where a full pass puts it.
    assert asked == ["kantor-002/2026/baru", "kantor-005/2026/rilis"]
    asked.clear()
    assert memo.of(list(now), verdict) == [*first[:3], True, *first[3:]]
    assert asked == [], "without `again`, a kept refusal holds too"
    # A release appended: the refusal now lies in the unchanged front, asked all the same.
    appended = [*now, ["kantor-009/2026/baru"]]
    assert memo.of(appended, verdict, again=False)[-1] is True
    assert asked == ["kantor-005/2026/rilis", "kantor-009/2026/baru"]
    assert list(memo.derived) == [6, 9]  # what this call derived, in order
    memo.of(now, verdict)  # back to `now`, its last item taken away: nothing derived
    assert list(memo.derived) == []
    asked.clear()
    memo.revise(lambda kept: not kept)
    assert memo.of(now, verdict)[0] is False
    fresh = [list(release) for release in now]  # equal, every one read anew
    assert memo.of(fresh, verdict) == [True] * 6 + [False, True, True]
    assert len(asked) == 9
