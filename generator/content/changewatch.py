"""Which offices' release and asset files changed since the last load, for `newsroom
watch`: the load looks again only at those offices' files and takes the others' as it
last found them (generator.content.releaseload).

At 100,000 releases, looking at every file (its stamp, the parse cache's entry, the
photos it names) made most of each push's 1.6 s load, for the one office that changed
(0.6 s with the watch, and each office's other findings taken whole). The service
watches the central repository's `content/releases/` and `content/assets/` folders
(generator.util.dirwatch); a change anywhere in an office's folders, made by the sync
or by hand, makes that office's files looked at again. Every file is looked at when
the kernel lost changes, when `content/` or those two folders were replaced or moved,
and at least every `whole_every` seconds: what inotify cannot see (an edit from
another machine on a network file system) waits no longer than that. An office whose
folders hold a symlink to a folder is looked at every time: what changes behind the
link is not seen. When a watch is refused, every file is looked at, as without it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from generator.content.layout import CENTRAL, Layout
from generator.content.messages import cli_text, language
from generator.util.dirwatch import Change, DirWatch, Unwatchable

log = logging.getLogger("newsroom.watch")

ASSETS = "assets"
Identity = tuple[tuple[int, int] | None, ...]


class OfficeChanges:
    """The watch over one central repository's release and asset folders."""

    def __init__(self, layout: Layout, ticks: Callable[[], float], whole_every: float) -> None:
        self.layout = layout
        self._ticks, self._whole_every = ticks, whole_every
        self._roots = (layout.releases_dir, layout.content / ASSETS)
        self._whole_at: float | None = None  # when every office was last looked at
        self._linked: set[str] = set()  # offices whose folders hold a symlinked folder
        self._root_linked = False
        self._watch = DirWatch()
        try:
            self._identity = self._watch_all()
        except BaseException:
            self._watch.close()
            raise

    def _watch_all(self) -> Identity:
        """Watch every folder (again: those made since too); what they are, by inode."""
        # content/ itself, not its tree: its releases/ or assets/ made, moved or removed.
        self._watch.add(self.layout.content)
        self._linked.clear()
        self._root_linked = False  # releases/ or assets/ a symlink: nothing can be trusted
        for root in self._roots:
            if root.is_dir():
                for link in self._watch.add_tree(root):
                    if link == root:
                        self._root_linked = True
                    else:
                        self._linked.add(link.relative_to(root).parts[0])
        return self._identities()

    def _identities(self) -> Identity:
        found: list[tuple[int, int] | None] = []
        for folder in (self.layout.content, *self._roots):
            try:
                stat = os.stat(folder)
            except OSError:
                found.append(None)
            else:
                found.append((stat.st_dev, stat.st_ino))
        return tuple(found)

    def offices(self) -> set[str] | None:
        """The ids of the offices whose files may have changed since the last call;
        None when any may have. Raises Unwatchable."""
        if not self._watch.mine:  # a forked worker: the service's events are not its own
            return None
        changes = self._watch.changed()
        now = self._ticks()
        due = self._whole_at is None or now - self._whole_at >= self._whole_every
        changed = _offices_in(changes, self._roots, self.layout.content)
        if changed is None or due or self._root_linked or self._identities() != self._identity:
            self._identity = self._watch_all()
            self._whole_at = now
            return None
        for office in changed:  # its folders made since watched, its symlinks known
            self._watch_office(office)
        return changed | self._linked

    def _watch_office(self, office: str) -> None:
        linked = False
        for root in self._roots:
            folder = root / office
            if folder.is_dir() or folder.is_symlink():
                linked |= bool(self._watch.add_tree(folder))
        if linked:
            self._linked.add(office)
        else:
            self._linked.discard(office)

    def close(self) -> None:
        self._watch.close()


def _offices_in(
    changes: list[Change] | None, roots: tuple[Path, ...], content: Path
) -> set[str] | None:
    """The offices `changes` are in; None when any may be: changes lost, or a root (or
    content/ itself) made, moved or removed."""
    if changes is None:
        return None
    found = set()
    for change in changes:
        if change.folder == content:
            if not change.name or change.name in (root.name for root in roots):
                return None
            continue  # content/'s other files: not an office's
        for root in roots:
            if change.folder == root:
                if not change.name:
                    return None
                found.add(change.name)
            elif change.folder.is_relative_to(root):
                found.add(change.folder.relative_to(root).parts[0])
    return found


_watches: dict[Layout, OfficeChanges] = {}


def watch(layout: Layout, ticks: Callable[[], float], whole_every: float) -> str | None:
    """Watch `layout`'s offices from now on (a central repository's), and only its: one
    service a process. `ticks`: the service's clock for intervals; every office is
    looked at least every `whole_every` of its seconds. The reason if the watch cannot
    be made (each load then looks at every file)."""
    if layout.kind != CENTRAL:
        return "not a central repository"
    for other in list(_watches):
        unwatch(other)
    try:
        _watches[layout] = OfficeChanges(layout, ticks, whole_every)
    except (Unwatchable, OSError) as error:
        return str(error)
    return None


def watched(layout: Layout) -> bool:
    return layout in _watches


def changed_offices(layout: Layout) -> set[str] | None:
    """The offices changed since the last call for `layout`; None: any may have (not
    watched, or the watch failed: it is then given up, and said)."""
    watching = _watches.get(layout)
    if watching is None:
        return None
    try:
        return watching.offices()
    except (Unwatchable, OSError) as error:  # a folder made since, refused a watch
        unwatch(layout)
        log.warning(cli_text("watch_files_unwatched", language(), {"reason": error}))
        return None


def unwatch(layout: Layout) -> None:
    watching = _watches.pop(layout, None)
    if watching is not None:
        watching.close()
