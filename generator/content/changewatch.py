"""Which offices' release and asset files changed since the last load, for `newsroom
watch`: the load looks again only at those offices' files and takes the others' as it
last found them (generator.content.releaseload).

At 100,000 releases, looking at every file (its stamp, the parse cache's entry, the
photos it names) made most of each push's 1.6 s load, for the one office that changed
(0.6 s with the watch, and each office's other findings taken whole). The service
watches the central repository's `content/releases/` and `content/assets/`
folders (generator.util.dirwatch); a change anywhere in an office's folders, made by
the sync or by hand, makes that office's files looked at again. When the kernel lost
changes, or a watch was refused, every file is looked at, as without the watch.
"""

from __future__ import annotations

import logging

from generator.content.layout import CENTRAL, Layout
from generator.content.messages import cli_text, language
from generator.util.dirwatch import Change, DirWatch, Unwatchable

log = logging.getLogger("newsroom.watch")

ASSETS = "assets"


class OfficeChanges:
    """The watch over one central repository's release and asset folders."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._roots = (layout.releases_dir, layout.content / ASSETS)
        self._watch = DirWatch()
        self._first = True
        self._watch_all()

    def _watch_all(self) -> None:
        # content/ itself, not its tree: its releases/ or assets/ made, moved or removed.
        self._watch.add(self.layout.content)
        for root in self._roots:
            if root.is_dir():
                self._watch.add_tree(root)

    def offices(self) -> set[str] | None:
        """The ids of the offices whose files may have changed since the last call;
        None when any may have (the first call, lost changes). Raises Unwatchable."""
        if not self._watch.mine:  # a forked worker: the service's events are not its own
            return None
        changes = self._watch.changed()
        first, self._first = self._first, False
        if changes is None:
            self._watch_all()  # lost: folders made meanwhile are watched from now on
            return None
        changed: set[str] = set()
        everything = first
        for change in changes:
            if change.new_folder:  # before its office is looked at: nothing made in it missed
                self._watch.add_tree(change.folder / change.name)
            office = self._office_of(change)
            if office is None:
                everything = True
            elif office:
                changed.add(office)
        if everything:
            self._watch_all()
            return None
        return changed

    def _office_of(self, change: Change) -> str | None:
        """The office the change is in; "" for none (content/'s other files); None
        when any may be (a whole root made, moved or removed)."""
        if change.folder == self.layout.content:
            return None if change.name in (r.name for r in self._roots) else ""
        for root in self._roots:
            if change.folder == root:
                return change.name or None  # the root itself: anything may have changed
            if change.folder.is_relative_to(root):
                return change.folder.relative_to(root).parts[0]
        return ""

    def close(self) -> None:
        self._watch.close()


_watches: dict[Layout, OfficeChanges] = {}


def watch(layout: Layout) -> str | None:
    """Watch `layout`'s offices from now on (a central repository's), and only its: one
    service a process. The reason if that cannot be done (each load then looks at every
    file)."""
    if layout.kind != CENTRAL:
        return "not a central repository"
    for watched in list(_watches):
        unwatch(watched)
    try:
        _watches[layout] = OfficeChanges(layout)
    except (Unwatchable, OSError) as error:
        return str(error)
    return None


def watched(layout: Layout) -> bool:
    return layout in _watches


def changed_offices(layout: Layout) -> set[str] | None:
    """The offices changed since the last call for `layout`; None: any may have (not
    watched, or the watch failed: it is then given up)."""
    watched = _watches.get(layout)
    if watched is None:
        return None
    try:
        return watched.offices()
    except (Unwatchable, OSError) as error:  # a folder made since, refused a watch
        unwatch(layout)
        log.warning(cli_text("watch_files_unwatched", language(), {"reason": error}))
        return None


def unwatch(layout: Layout) -> None:
    watched = _watches.pop(layout, None)
    if watched is not None:
        watched.close()
