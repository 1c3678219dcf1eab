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
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

from generator.fsio import write_atomic
from generator.model import Release
from generator.problems import Problem
from generator.schema import Office

FileKey = tuple[int, int, int]  # size, mtime_ns, inode


@dataclass(frozen=True)
class Parsed:
    key: FileKey
    office: Office
    release: Release | None
    problems: tuple[Problem, ...]
    assets: tuple[tuple[str, bool], ...]  # (src, existed) as validation saw them


def _bodiless(entry: Parsed) -> Parsed:
    release = entry.release
    if release is None or not release.has_body:
        return entry
    return replace(entry, release=release.without_body())


def file_key(path: str | Path) -> FileKey:
    stat = os.stat(path)
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


class ParseCache:
    def __init__(self, file: Path | None, code: str) -> None:
        self._file = file
        self._code = code
        self._entries: dict[str, Parsed] = self._read()
        self._used: dict[str, Parsed] = {}
        self._dirty = False

    def lookup(self, path: str, key: FileKey, office: Office, exists: object) -> Parsed | None:
        """The cached result for `path`, if nothing it depended on changed."""
        entry = self._entries.get(path)
        if entry is None or entry.key != key or entry.office != office:
            return None
        check = exists if callable(exists) else None
        if check is None or any(check(src) != seen for src, seen in entry.assets):
            return None
        self._used[path] = entry
        return entry

    def store(self, path: str, entry: Parsed) -> None:
        # Kept without its body, which is read again from the file when needed.
        release = entry.release.without_body() if entry.release is not None else None
        self._used[path] = replace(entry, release=release)
        self._dirty = True

    def save(self) -> None:
        """Keep exactly the files this load saw (deleted files drop out)."""
        if self._file is None or not (self._dirty or len(self._used) != len(self._entries)):
            return
        # A cached release handed out by `lookup` may have read its body since (the
        # build saves late, after rendering): never pickle that text.
        kept = {path: _bodiless(entry) for path, entry in self._used.items()}
        data = pickle.dumps((self._code, kept), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(self._file, data, durable=False)
        self._entries, self._dirty = dict(self._used), False

    def _read(self) -> dict[str, Parsed]:
        if self._file is None:
            return {}
        try:
            code, entries = pickle.loads(self._file.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return {}  # missing, torn or foreign: validate afresh
        except (AttributeError, ImportError, IndexError):
            return {}  # written by other code: its classes no longer match
        return entries if code == self._code and isinstance(entries, dict) else {}
