"""Every photo a build shows, derived once: the lead `image:` and the body pictures of
each release, looked up by office and `assets/...` path.

`newsroom build` prepares the book before the site workers fork (`prepare`): the
photos the cache lacks are derived in forked processes, each taking whole photos, since
encoding is the costly part of a build with photos; a few photos (an office's release
as it arrives), or many where no process can fork (the service, running its hooks'
threads), are derived here one by one, each photo's pictures in threads. Every site
worker then inherits the finished book and only links files. `mkdocs serve` derives on
first use instead.

A photo that cannot be derived (damaged, or not a picture Pillow can decode) is not
published at all, neither resized nor as the original: its release is shown without
it, and the build names the file (see `failed`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import chain
from pathlib import Path

from generator.content.assets import asset_file
from generator.content.messages import cli_text, language
from generator.content.model import Release
from generator.public.photocache import DerivedSet, derive, due, mark_used, prune
from generator.public.photos import PhotoError, recipe
from generator.util.fsio import write_atomic
from generator.util.sameobjects import Rederived
from generator.util.workers import can_fork, forked_chunks

log = logging.getLogger("mkdocs.plugins.newsroom")

PARALLEL_FROM = 4  # photos to derive before it pays to fork: each costs ~0.3 s

PhotoRef = tuple[str, str]  # office id, `assets/...` path
# In the photo cache: each original's stamp and key, so an unchanged photo is found
# without reading and hashing its megabytes again.
INDEX_NAME = "index.json"
# The sets found in this process, by cache folder and key: `newsroom watch` builds again
# and again in one process, and finding 2,000 sets by their records (a JSON file each)
# cost 0.34 s of each build at 10,000 releases. A set is taken from here only while
# its files are all there, at their sizes.
_resident: dict[tuple[str, str], DerivedSet] = {}


@dataclass
class PhotoBook:
    """The derived sets of this build's photos; `assets_dir` gives an office's folder,
    `cache` the photo cache folder (None: pictures are kept in memory)."""

    assets_dir: Callable[[str], Path]
    cache: Path | None
    _sets: dict[PhotoRef, DerivedSet | None] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # file -> why it was not published
    _index: dict[str, list[object]] | None = None  # file -> [*its stamp, key]
    # Sets a site's worker found that this process did not (a picture's bytes under
    # another name, met only while writing the site): used by this build all the same.
    used_elsewhere: set[str] = field(default_factory=set)
    # Threads each photo a lookup derives is made in: `newsroom serve` derives on first
    # use, a writer's new photo while the preview waits for it.
    threads: int = field(default_factory=lambda: os.cpu_count() or 1)

    def set_keys(self) -> set[str]:
        """The keys of the sets this process found."""
        return {found.key for found in self._sets.values() if found is not None}

    def lookup(self, office_id: str, src: str) -> DerivedSet | None:
        """The derived set of an office's photo; None when it cannot be derived."""
        ref = (office_id, src)
        if ref not in self._sets:
            self._sets[ref] = self._derive(ref, self.threads)
        return self._sets[ref]

    def prepare(self, refs: Iterable[PhotoRef], jobs: int) -> None:
        """Derive every photo of `refs` the cache lacks: in up to `jobs` forked processes,
        each taking whole photos; or, for a few photos (or where no process can fork),
        here, one after another, each photo's pictures in `jobs` threads."""
        wanted = sorted(set(refs))
        todo = [ref for ref in wanted if ref not in self._sets]
        before = dict(self._loaded_index())
        costly = [ref for ref in todo if self._known_key(ref) is None]
        if self.cache is None or jobs <= 1 or len(costly) < PARALLEL_FROM or not can_fork():
            for ref in todo:
                self._sets[ref] = self._derive(ref, threads=max(1, jobs))
        else:
            for chunk in forked_chunks(partial(_derive_chunk, self), todo, jobs):
                for ref, found, why in chunk:
                    self._sets[ref] = found
                    self._remember(ref, found)
                    if why is not None:
                        self._failed(ref, why)
        self._save_index(before, wanted)

    def tidy(self, now: datetime) -> None:
        """After a build at `now`: stamp this build's sets as used, and remove from the
        cache the sets no build has used for `photocache.UNUSED_FOR` (logged)."""
        if self.cache is None:
            return
        keys = self.set_keys() | self.used_elsewhere
        mark_used(self.cache, keys, now)
        if not due(self.cache, now):
            return  # pruned within the day: a rebuild lists no folder of 90,000 files
        removed, freed = prune(self.cache, keys, now)
        for kept in [k for k in _resident if k[0] == str(self.cache) and k[1] not in keys]:
            del _resident[kept]  # its files may be pruned just now
        if removed:
            params = {"files": removed, "megabytes": f"{freed / 1e6:.1f}"}
            log.info(cli_text("photo_cache_pruned", language(), params))

    def _derive(self, ref: PhotoRef, threads: int = 1) -> DerivedSet | None:
        found, why = self._attempt(ref, threads)
        if why is not None:
            self._failed(ref, why)
        return found

    def _attempt(self, ref: PhotoRef, threads: int = 1) -> tuple[DerivedSet | None, str | None]:
        path = self._path(ref)
        if _stamp(path) is None:
            return None, None  # a missing file: validation names it, nothing to publish
        known = self._known_key(ref)
        kept = _resident.get((str(self.cache), known)) if known is not None else None
        if kept is not None and _whole(kept):
            return kept, None
        try:
            found = derive(path, self.cache, known, threads)
        except (PhotoError, OSError) as error:
            return None, str(error)
        self._remember(ref, found)
        return found, None

    def _path(self, ref: PhotoRef) -> Path:
        return asset_file(self.assets_dir(ref[0]), ref[1])

    # --- the index: which key an unchanged original has ---------------------------

    def _loaded_index(self) -> dict[str, list[object]]:
        if self._index is None:
            self._index = {}
            if self.cache is not None:
                try:
                    loaded = json.loads((self.cache / INDEX_NAME).read_text())
                    self._index = loaded if isinstance(loaded, dict) else {}
                except (OSError, ValueError):
                    pass  # none yet, or not one we wrote: every photo is hashed once
        return self._index

    def _known_key(self, ref: PhotoRef) -> str | None:
        path = self._path(ref)
        entry = self._loaded_index().get(str(path))
        stamp = _stamp(path)
        # The recipe too: the same photo makes other pictures under another recipe
        # (a new RECIPE_VERSION, another Pillow), and another key.
        if stamp is None or not isinstance(entry, list) or entry[:-1] != [*stamp, _recipe()]:
            return None
        return entry[-1] if isinstance(entry[-1], str) else None

    def _remember(self, ref: PhotoRef, found: DerivedSet | None) -> None:
        stamp = _stamp(self._path(ref))
        if found is not None and stamp is not None:
            self._loaded_index()[str(self._path(ref))] = [*stamp, _recipe(), found.key]
        if found is not None and found.folder is not None:
            _resident[(str(self.cache), found.key)] = found

    def _save_index(self, before: dict[str, list[object]], refs: list[PhotoRef]) -> None:
        """Keep the index of this build's photos (a photo no release shows is dropped)."""
        index = self._loaded_index()
        kept = {where: index[where] for ref in refs if (where := str(self._path(ref))) in index}
        if self.cache is None or kept == before:
            return
        self._index = kept
        try:
            text = json.dumps(kept, sort_keys=True, separators=(",", ":"))
            write_atomic(self.cache / INDEX_NAME, text.encode(), durable=False)
        except OSError:
            pass  # the cache is an optimisation only; photocache has warned of it

    def _failed(self, ref: PhotoRef, why: str) -> None:
        where = str(asset_file(self.assets_dir(ref[0]), ref[1]))
        if where not in self.failed:
            self.failed[where] = why
            log.error(cli_text("photo_not_published", language(), {"reason": why}))


def _derive_chunk(
    book: PhotoBook, refs: Sequence[PhotoRef]
) -> list[tuple[PhotoRef, DerivedSet | None, str | None]]:
    """In a forked worker: derive `refs` into the disk cache; the sets go back small
    (their files stay on disk)."""
    return [(ref, *book._attempt(ref)) for ref in refs]


# An asset so named is published only as a picture without its metadata.
PICTURE_NAMES = (".jpg", ".jpeg", ".png", ".gif", ".webp")


def photo_refs(releases: Sequence[Release]) -> list[PhotoRef]:
    """Every photo the pages of `releases` show, and every other asset named as a
    picture (an attachment, a link), each once: all derived here, in the build's own
    process, so that one the build cannot publish is named by it."""
    named = _refs.of(releases, _refs_of)
    return sorted(set(chain.from_iterable(named)))


def _refs_of(release: Release) -> tuple[PhotoRef, ...]:
    office = release.office.id
    others = (src for src in release.asset_refs if src.lower().endswith(PICTURE_NAMES))
    return tuple((office, src) for src in (*release.pictures, *others))


# Each release's own of the last call: `newsroom watch` asks at every build, for the
# same objects but those of the offices a sync changed (0.03 s at 100,000 releases).
_refs: Rederived[Release, tuple[PhotoRef, ...]] = Rederived()


@functools.cache
def _recipe() -> str:
    """The recipe, short, as each entry of the photo index names it."""
    return hashlib.sha256(recipe().encode()).hexdigest()[:16]


def _whole(found: DerivedSet) -> bool:
    """Whether every file of a set kept in the cache is there, at its size (as
    photocache checks a set it finds by its record)."""
    if found.folder is None:
        return False
    prefix = os.path.join(found.folder, "")  # strings, not Paths: 18,000 files a build
    try:
        return all(
            os.stat(prefix + each.name).st_size == each.size
            for each in (*found.pictures, found.og, found.clean)
        )
    except OSError:
        return False


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    """What tells a plain file changed (not a link, FIFO or device: opening one of those
    could hang a build or read outside the office's folder); None otherwise. As git's
    index: size and mtime, and ctime and inode, which no copy that keeps the mtime
    (`cp -p`, `touch -r`) can keep."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
