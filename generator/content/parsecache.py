"""Validated releases kept between builds, so a rebuild re-reads only changed files.

Reading and validating 10,000 release files takes seconds on a small server, and
a rebuild after one new release would pay it in full. A file whose size, mtime
and inode are unchanged, for the same office and the same generator code, gives
the same release and the same problems, so the previous result is reused. The
asset files a release names are looked up again on every build (a photo added
or removed changes whether the release is valid).

The cache is a pickle in `.cache/newsroom/` of the central repository: written
only by this program, never by `newsroom sync` or an office. It is an
optimisation only: unreadable or from other code, it is ignored and rebuilt.
What changed since it was last written whole goes to `releases.pickle-changes`
beside it, read with it, until those changes outgrow a twentieth of it.

A process that builds again and again (`newsroom watch`) keeps what it last read or
wrote in memory, and reads the files again only when their stamps differ: unpickling
10,000 entries took 0.06 s of every build, before any site could start.
"""

from __future__ import annotations

import operator
import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.content.cachedir import unusable
from generator.content.model import Release
from generator.content.parseworkers import Seen
from generator.content.problems import Problem
from generator.content.schema import Office
from generator.util.fsio import write_atomic

FileKey = tuple[int, int, int]  # size, mtime_ns, inode


@dataclass(frozen=True)
class Parsed:
    key: FileKey
    office: Office
    release: Release | None
    problems: tuple[Problem, ...]
    assets: tuple[tuple[str, Seen], ...]  # (src or probe, what it was) as validation saw


def _bodiless(entry: Parsed) -> Parsed:
    release = entry.release
    if release is None or not release.has_body:
        return entry
    return replace(entry, release=release.without_body())


def file_key(path: str | Path) -> FileKey:
    stat = os.stat(path)
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


# A rebuild after one new release must not pickle 10,000 entries again (0.3 s of
# CPU beside the site workers): the entries that changed since the whole cache was
# last written go to a small file of changes instead, until they are this share of it.
CHANGES_SHARE = 20  # rewrite the whole cache when changes exceed 1/20 of its entries
MIN_CHANGES = 50


class Generation:
    """Stands for one dict of entries, never changed once read or saved: an office's
    entries checked against it are still the cache's while the cache is that dict."""


@dataclass(frozen=True)
class _Known:
    """The cache as this process last read or wrote it: while its two files keep these
    stamps (the run lock lets one process write them), they hold exactly this."""

    stamps: tuple[FileKey | None, FileKey | None]  # the whole file, the changes file
    code: str
    base: dict[str, Parsed]
    base_key: FileKey
    entries: dict[str, Parsed]
    generation: Generation
    # The generation the load that saved these entries had read, and the offices whose
    # files that load parsed again or found gone: every other office's entries it
    # looked up or took are here as the very same objects (see `ParseCache.reuse`).
    saved_from: Generation | None = None
    replaced: frozenset[str] = frozenset()


_known: dict[Path, _Known] = {}


def stamp(path: Path) -> FileKey | None:
    """`file_key`, or None for a file that cannot be stat'ed (missing)."""
    try:
        return file_key(path)
    except OSError:
        return None


class ParseCache:
    """`file` holds every entry as of some build; `<file>-changes` what changed since
    (entries new or different, paths gone), valid only for that exact `file`."""

    def __init__(self, file: Path | None, code: str) -> None:
        self._file = file
        self._code = code
        self._base: dict[str, Parsed] = {}
        self._base_key: FileKey | None = None
        self.generation = Generation()
        self._saved_from: Generation | None = None
        self._replaced: frozenset[str] = frozenset()
        self._entries: dict[str, Parsed] = self._read()
        # Nothing cached (a first build, new code): every file is new, none is news.
        self.cold = not self._entries
        self._used: dict[str, Parsed] = {}  # looked up or stored, one by one
        # Offices' entries taken whole (`reuse`): kept as the dicts they are, not copied
        # into `_used` (100,000 entries at every push: 0.08 s of each).
        self._taken: list[dict[str, Parsed]] = []
        self._taken_count = 0
        self._dirty = False
        self._stored_for: set[str] = set()  # the offices of the files parsed again
        self._new = 0  # of those, how many the cache did not hold

    @property
    def _changes_file(self) -> Path:
        assert self._file is not None
        return self._file.with_name(self._file.name + "-changes")

    def lookup(self, path: str, key: FileKey, office: Office, exists: object) -> Parsed | None:
        """The cached result for `path`, if nothing it depended on changed."""
        entry = self._entries.get(path)
        if entry is None or entry.key != key:
            return None
        # The same object while the registry is: comparing field by field is the rest.
        if entry.office is not office and entry.office != office:
            return None
        check = exists if callable(exists) else None
        if check is None:
            return None
        if entry.assets and any(check(src) != seen for src, seen in entry.assets):
            return None
        self._used[path] = entry
        return entry

    def reuse(self, entries: dict[str, Parsed], office_id: str, checked: Generation) -> bool:
        """Take `entries`, the office's as a load found them in generation `checked`,
        as looked up again, if the cache still holds exactly these (the same objects).
        Known without looking at them while the cache is that generation, or the one
        saved from it by a load that did not parse that office's files again."""
        known = checked is self.generation or (
            checked is self._saved_from and office_id not in self._replaced
        )
        if not known:
            held = map(self._entries.get, entries)
            if not all(map(operator.is_, held, entries.values())):
                return False
        self._taken.append(entries)
        self._taken_count += len(entries)
        return True

    def _all_used(self) -> dict[str, Parsed]:
        """Every entry this load used (a new dict): those of offices taken whole, then
        the others."""
        used: dict[str, Parsed] = {}
        for entries in self._taken:
            used.update(entries)
        used.update(self._used)
        return used

    def _used_count(self) -> int:
        return len(self._used) + self._taken_count  # (an office's paths are its own)

    def store(self, path: str, entry: Parsed) -> None:
        # Kept without its body, which is read again from the file when needed.
        release = entry.release.without_body() if entry.release is not None else None
        if path not in self._entries and path not in self._used:
            self._new += 1  # (what `offices_changed` counts on)
        self._used[path] = replace(entry, release=release)
        self._dirty = True
        self._stored_for.add(entry.office.id)

    @property
    def changed(self) -> bool:
        """Whether this load parsed a file again (new or changed) or found one the cache
        held gone: True from the load until the cache is saved."""
        return self._dirty or self._used_count() != len(self._entries)

    def offices_changed(self) -> set[str]:
        """The offices of the files this load parsed again (new or changed) or found the
        cache held gone: from the load until the cache is saved."""
        return self._offices_changed(None)

    def _offices_changed(self, used: dict[str, Parsed] | None) -> set[str]:
        """`offices_changed`, given every entry used if already merged (`_all_used`)."""
        if self._used_count() - self._new == len(self._entries):  # every file cached is still there
            return set(self._stored_for)
        used = self._all_used() if used is None else used
        gone = {entry.office.id for path, entry in self._entries.items() if path not in used}
        return self._stored_for | gone

    def save(self) -> None:
        """Keep exactly the files this load saw (deleted files drop out)."""
        if self._file is None or not self.changed:
            return
        used = self._all_used()  # merged once: a file gone needs it twice
        replaced = frozenset(self._offices_changed(used))
        base = self._base
        changed = {p: e for p, e in used.items() if base.get(p) is not e}
        removed = sorted(path for path in base if path not in used)
        limit = max(MIN_CHANGES, len(used) // CHANGES_SHARE)
        # A cached release handed out by `lookup` may have read its body since (the
        # build saves late, after rendering): never pickle that text. In memory, the
        # entries stay the objects the load used (the next load drops such bodies).
        try:
            if self._base_key is not None and len(changed) + len(removed) <= limit:
                bodiless = {path: _bodiless(entry) for path, entry in changed.items()}
                self._write(self._changes_file, (self._code, self._base_key, bodiless, removed))
            else:
                kept = {path: _bodiless(entry) for path, entry in used.items()}
                self._write(self._file, (self._code, kept))
                self._changes_file.unlink(missing_ok=True)
                self._base, self._base_key = used, file_key(self._file)
            self._remember(used, replaced)
        except OSError as error:
            unusable(self._file, error)
            self._forget()
            self._file = None  # only an optimisation: this build goes on without it
            return
        self._entries, self._dirty = used, False
        self._stored_for, self.cold, self._new = set(), not self._entries, 0

    @staticmethod
    def _write(file: Path, data: object) -> None:
        write_atomic(file, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), durable=False)

    def _remember(self, entries: dict[str, Parsed], replaced: frozenset[str]) -> None:
        """Keep what was just written for this process's next build (an entry carried
        over may hold a body read since: the next load drops it first, see
        `model.forget_bodies_read`); `replaced`: the offices whose entries are not all
        the ones this load read (parsed again, or a file gone)."""
        assert self._file is not None and self._base_key is not None
        stamps = (stamp(self._file), stamp(self._changes_file))
        self._forget()
        _known[self._file] = _Known(
            stamps,
            self._code,
            self._base,
            self._base_key,
            entries,
            Generation(),
            saved_from=self.generation,
            replaced=replaced,
        )

    def _forget(self) -> None:
        if self._file is not None:
            _known.pop(self._file, None)

    def _read(self) -> dict[str, Parsed]:
        if self._file is None:
            return {}
        # Stamped before reading: a file replaced meanwhile differs from them next time.
        stamps = (stamp(self._file), stamp(self._changes_file))
        known = _known.get(self._file)
        if known is not None and known.stamps == stamps and known.code == self._code:
            self._base, self._base_key = known.base, known.base_key
            self.generation = known.generation
            self._saved_from, self._replaced = known.saved_from, known.replaced
            return known.entries
        self._forget()
        entries = self._read_files()
        if self._base_key is not None:
            known = _Known(stamps, self._code, self._base, self._base_key, entries, self.generation)
            _known[self._file] = known
        return entries

    def _read_files(self) -> dict[str, Parsed]:
        assert self._file is not None
        whole = _unpickle(self._file, 2)
        if whole is None:
            return {}  # missing, torn, foreign or from other code: validate afresh
        (code, entries), key = whole
        if code != self._code or not isinstance(entries, dict):
            return {}
        self._base, self._base_key = entries, key
        changes = _unpickle(self._changes_file, 4)
        if changes is None:
            return entries
        code, base_key, changed, removed = changes[0]
        if code != self._code or base_key != key or not isinstance(changed, dict):
            return entries  # changes to another version of the whole cache
        gone = set(removed)
        merged = {path: entry for path, entry in entries.items() if path not in gone}
        merged.update(changed)
        return merged


def _unpickle(file: Path, size: int) -> tuple[tuple[Any, ...], FileKey] | None:
    """The tuple of `size` items pickled in `file`, and the key of the file it was read
    from; None if there is none."""
    try:
        with open(file, "rb") as handle:
            stat = os.fstat(handle.fileno())
            data = pickle.loads(handle.read())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return None  # missing, torn or foreign
    except (AttributeError, ImportError, IndexError):
        return None  # written by other code: its classes no longer match
    if not (isinstance(data, tuple) and len(data) == size):
        return None
    return data, (stat.st_size, stat.st_mtime_ns, stat.st_ino)
