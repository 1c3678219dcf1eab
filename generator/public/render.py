"""Release bodies rendered once, cached across sites and builds.

The pipeline itself is generator.public.bodyhtml; the disk cache is
generator.public.rendercache; rendering many bodies ahead of the site builds is
generator.public.renderworkers. A body is keyed by its office and its file's digest,
with RENDERER_VERSION: change the version when the pipeline's output changes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.content.model import Release
from generator.content.parsecache import stamp
from generator.public.bodyhtml import Rendered, render_body
from generator.public.rendercache import RenderCache
from generator.public.renderworkers import render_missing
from generator.util.sameobjects import Rederived

RENDERER_VERSION = "3"  # 2: CommonMark (cmark-gfm); 3: the highest heading is h2


# The disk cache's keys as this process last knew them, by the cache file's stamp;
# and the key of each release of the last build, a sha256 (0.12 s at 100,000
# releases): `newsroom watch` loads the same objects again at each build, in the same
# order but for the offices a sync changed, and only theirs are keyed again (looking
# each of 100,000 up by its id took 0.1 s of every push).
_stored: dict[tuple[str, int, int, int], set[str]] = {}
_keys: Rederived[Release, str] = Rederived()


# The set of stored keys that held every key of the last `_missing` call once its
# bodies were stored: while it is the set `_known_stored` gives (read again only when
# another process wrote the file), and it only grows, only new keys can be missing
# (looking each of 100,000 up took 0.04 s of every push).
_held_all: list[set[str]] = []


def _missing(releases: list[Release], known: set[str]) -> tuple[list[Release], list[str]]:
    """The releases whose keys are not in `known`, and those keys."""
    keys = _keys.of(releases, Renderer._key)
    if _held_all and _held_all[0] is known:
        asked: Sequence[int] = _keys.derived
    else:
        asked = range(len(keys))
    _held_all.clear()  # until these are stored (`_stored_all`)
    absent = [index for index in asked if keys[index] not in known]
    return [releases[index] for index in absent], [keys[index] for index in absent]


def _stored_all(known: set[str], keys: list[str], stored: set[str]) -> None:
    """Note whether `known` now holds every key of the last `_missing` call: those it
    found missing (`keys`) were all `stored`."""
    _held_all[:] = [known] if stored.issuperset(keys) else []


class Renderer:
    """Bodies rendered once, kept in memory for this process and on disk across builds
    (`cache_file`; None: in memory only)."""

    def __init__(self, assets_dir: Callable[[str], Path], cache_file: Path | None = None) -> None:
        self._assets_dir = assets_dir
        self._disk = RenderCache(cache_file)
        self._memo: dict[str, Rendered] = {}
        self._pending: list[tuple[str, Rendered, str]] = []
        # Taken into memory by this process since its last `keep` (a forked worker's
        # own, not what it inherited).
        self._fresh: list[tuple[str, Release]] = []
        self._fresh_pid = os.getpid()

    @property
    def disk(self) -> RenderCache:
        """The cache on disk (the bulletins' QR codes are kept there too)."""
        return self._disk

    def render(self, release: Release) -> Rendered:
        """The release body as sanitised HTML, memoised in memory and on disk."""
        key = self._key(release)
        found = self._memo.get(key)
        if found is not None:
            return found
        folder = self._assets_dir(release.office.id)
        rendered = self._disk.lookup(key, folder)
        if rendered is None:
            rendered = render_body(release.body, folder, release.meta.summary)
            self._pending.append((key, rendered, release.office.id))
        self._memo[key] = rendered
        if self._fresh_pid != os.getpid():  # forked: what came before is the parent's
            self._fresh, self._fresh_pid = [], os.getpid()
        self._fresh.append((key, release))
        return rendered

    def render_all(self, releases: list[Release], jobs: int) -> None:
        """Render, spread over `jobs` processes (fork), every release the disk cache lacks,
        so that forked site workers only read it."""
        known = self._known_stored()
        missing, keys = _missing(releases, known)
        render_missing(self, missing, jobs, disk_cache=self._disk.enabled)
        # Stored now, by the workers or here; but a write that failed (a full disk) is
        # not taken for stored: asked again next time.
        stored = self._disk.present(keys)
        known.update(stored)
        _stored_all(known, keys, stored)
        self.close()  # the query's connection: none may cross the workers' fork
        self._keep_known(known)

    def render_text(self, text: str, office_id: str) -> Rendered:
        return render_body(text, self._assets_dir(office_id), None)

    def forget(self) -> None:
        """Drop what this process holds in memory (what was not saved is not kept)."""
        self._memo.clear()
        self._pending.clear()
        self._fresh.clear()

    def keep(self, shared: Callable[[Release], bool]) -> None:
        """Let go of the bodies this process took into memory since its last `keep`,
        but those of releases `shared` (a site worker between its sites: see
        Session.keep_shared). What it inherited through the fork stays: the parent
        holds it, and letting go would free nothing. What was not saved is saved first."""
        self.save()
        if self._fresh_pid == os.getpid():
            for key, release in self._fresh:
                if not shared(release):
                    self._memo.pop(key, None)
        self._fresh, self._fresh_pid = [], os.getpid()

    def save(self) -> None:
        """Write what this process rendered since the last save, in one transaction."""
        if not self._pending:
            return
        entries = [
            (key, rendered, self._assets_dir(office)) for key, rendered, office in self._pending
        ]
        self._pending = []
        self._disk.store(entries)

    def close(self) -> None:
        """Close this process's connection to the disk cache: call before forking workers
        (a connection may not cross a fork); the next lookup opens a new one."""
        self._disk.close()

    def _stored_keys(self) -> set[str]:
        return self._disk.keys()

    def _known_stored(self) -> set[str]:
        """The keys the disk cache holds: read once a process (`newsroom watch` builds
        again and again), then kept up to date by `render_all`, which stores the bodies
        it found missing. Kept by the file's stamp: a file written by another process
        (its mtime) or deleted and made again is read anew. A key kept that the file
        lacks (a body failed to store) only has a site's worker render it itself."""
        file = self._file_stamp()
        if file is None:
            return self._stored_keys()  # no cache, or none yet: this build makes it
        if file not in _stored:
            _stored.clear()
            _stored[file] = self._stored_keys()
        return _stored[file]

    def _keep_known(self, known: set[str]) -> None:
        """`known` as the file now holds it, this process having stored what it lacked
        (its connections closed: SQLite's log is in the file, and its stamp final)."""
        file = self._file_stamp()
        _stored.clear()
        if file is not None:
            _stored[file] = known

    def _file_stamp(self) -> tuple[str, int, int, int] | None:
        path = self._disk.path
        found = stamp(path) if path is not None else None
        return (str(path), *found) if found is not None else None

    @staticmethod
    def _key(release: Release) -> str:
        return hashlib.sha256(
            f"{RENDERER_VERSION}\0{release.office.id}\0{release.digest}".encode()
        ).hexdigest()
