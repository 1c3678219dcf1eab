"""Which pages of a site the last build already made from exactly this build's inputs,
told without working out their keys again.

A site's listed releases, oldest first, each with its release key, are kept in the
site's manifest beside the page keys (with the site key and settings they were listed
under, and each archive's title): the ledger. A release arriving is almost always the
newest, so the listed releases before it are where the last build left them: the
unchanged prefix. What is made only of that prefix has the inputs it had:

- a listed release's page: related releases are *older* listed ones (generator.public.
  related), ranked by their place in the list, all inside the prefix;
- a full numbered archive page with a page after it in both builds (pages count from
  the oldest: generator.public.archives), its archive's title unchanged;
- an archive's front page, when every release of the archive is in the prefix and
  the archive held as many before (none left it), its title unchanged; and its feeds,
  when the site's withdrawn releases (their tombstones) are unchanged too.

Such a page's key is the one the manifest holds for its path, so ReleasePages and
ArchivePages take it from there instead of ranking related releases and hashing a
thousand pages again (a sixth of a province's rebuild when a central release arrives,
39 sites at once). The ledger and the keys are written together in one manifest, so
they always come from the same finished build.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.public.archives import Archive, ArchiveKind
from generator.public.sites import Placement


@dataclass(frozen=True)
class Ledger:
    context: str  # the site key, settings and options the releases were listed under
    listed: tuple[tuple[str, str], ...]  # (release id, release key), oldest first
    archives: dict[str, tuple[str, int]]  # archive folder -> its title, how many it holds
    withdrawn: tuple[tuple[str, str], ...] = ()  # (release id, release key), as shown

    def to_json(self) -> dict[str, object]:
        return {
            "context": self.context,
            "listed": [list(pair) for pair in self.listed],
            "archives": {base: list(about) for base, about in sorted(self.archives.items())},
            "withdrawn": [list(pair) for pair in self.withdrawn],
        }


def from_json(value: object) -> Ledger | None:
    """The ledger a manifest kept; None when it holds none (or not one this code wrote)."""
    if not isinstance(value, dict):
        return None
    context, archives = value.get("context"), value.get("archives")
    listed, withdrawn = _pairs(value.get("listed")), _pairs(value.get("withdrawn"))
    if not isinstance(context, str) or listed is None or withdrawn is None:
        return None
    if not isinstance(archives, dict):
        return None
    about: dict[str, tuple[str, int]] = {}
    for base, pair in archives.items():
        if type(pair) is not list or len(pair) != 2:
            return None
        title, count = pair
        if type(base) is not str or type(title) is not str or type(count) is not int:
            return None
        about[base] = (title, count)
    return Ledger(context, listed, about, withdrawn)


def _pairs(value: object) -> tuple[tuple[str, str], ...] | None:
    if not isinstance(value, list):
        return None
    pairs = []
    for pair in value:  # 7,400 a province at 100,000 releases: no generator each
        if type(pair) is not list or len(pair) != 2:
            return None
        release_id, key = pair
        if type(release_id) is not str or type(key) is not str:
            return None
        pairs.append((release_id, key))
    return tuple(pairs)


def _common_prefix(before: tuple[object, ...], now: tuple[object, ...]) -> int:
    """How many items `before` and `now` share at their start. The lists are oldest
    first, so news (the newest) comes last: most often one compare of the whole of the
    shorter, in C, not a step per release."""
    shorter = min(len(before), len(now))
    if before[:shorter] == now[:shorter]:
        return shorter
    pairs = enumerate(zip(before, now, strict=False))
    return next((i for i, (old, new) in pairs if old != new), shorter)


def ledger_of(
    context: str,
    listed: Sequence[Placement],
    archives: dict[ArchiveKind, list[Archive]],
    withdrawn: Sequence[Placement],
    release_key: Callable[[Placement], str],
) -> Ledger:
    """This build's ledger: `listed` newest first, as a plan has them."""
    pairs = tuple((p.release.id, release_key(p)) for p in reversed(listed))
    about = {a.base: (a.title, len(a.items)) for group in archives.values() for a in group}
    gone = tuple((p.release.id, release_key(p)) for p in withdrawn)
    return Ledger(context, pairs, about, gone)


class Unchanged:
    """What of this build's plan is as the last finished build left it (see above)."""

    def __init__(self, previous: Ledger | None, current: Ledger) -> None:
        self._archives: dict[str, tuple[str, int]] = {}
        prefix = 0
        self._withdrawn_same = False
        if previous is not None and previous.context == current.context:
            self._archives = previous.archives
            self._withdrawn_same = previous.withdrawn == current.withdrawn
            prefix = _common_prefix(previous.listed, current.listed)
        self.prefix = prefix
        self._ids = frozenset(release_id for release_id, _ in current.listed[:prefix])
        self._counts: dict[str, int] = {}

    def release(self, placement: Placement) -> bool:
        """Whether a release page shows what it showed: the release listed, and it and
        every listed release before it unchanged."""
        return placement.release.id in self._ids

    def archive_page(self, archive: Archive, number: int | None, size: int) -> bool:
        """Whether page `number` (of `size` releases; None: the front page) of `archive`
        shows what it showed: its title the same, and no release of the archive new,
        changed or gone; or a numbered page full, with a page after it in both builds."""
        before = self._archives.get(archive.base)
        if before is None or before[0] != archive.title:
            return False
        unchanged = self._unchanged_in(archive)
        if unchanged == len(archive.items) == before[1]:
            return True
        return number is not None and number * size < unchanged

    def archive(self, archive: Archive) -> bool:
        """Whether `archive` holds what it held: its title the same, and none of its
        releases new, changed or gone."""
        before = self._archives.get(archive.base)
        if before is None or before[0] != archive.title:
            return False
        return self._unchanged_in(archive) == len(archive.items) == before[1]

    def feeds(self, archive: Archive) -> bool:
        """Whether the feeds of `archive` carry what they carried: the archive, and the
        site's withdrawn releases (whose tombstones they carry), unchanged."""
        return self._withdrawn_same and self.archive(archive)

    def _unchanged_in(self, archive: Archive) -> int:
        """How many of `archive`'s oldest releases are in the unchanged prefix (they are
        its oldest: an archive keeps the list's order)."""
        found = self._counts.get(archive.base)
        if found is None:
            # The prefix is the oldest of the list, so the archive's releases in it are
            # its oldest, up to the newest one in it: found by halving (a walk over
            # every archive was 35 ms of each push to a province at 100,000 releases).
            items, ids = archive.items, self._ids
            first = bisect_left(items, True, key=lambda p: p.release.id in ids)
            found = self._counts[archive.base] = len(items) - first
        return found


NOTHING_UNCHANGED = Unchanged(None, Ledger("", (), {}))
