"""What the desk made at its last build, kept for the next one.

After one new release the desk's pages are regenerated in full (a row per
release, 10,000 rows), then each page's search entries, though almost every
row and page is as it was. Each row is kept under everything it shows (the
release file's hash, its office, its curation and decline, whether it is new,
public or embargoed at this build's clock), each day and office page under its
rows' keys and its facts, and each page's search entries (and those deflated,
for the search index's gzip twin) under its text, so a rebuild makes only what
changed. The memo is a pickle in
`.cache/newsroom/`, tied to the generator's code: an optimisation only, ignored
when unreadable or written by other code, and it keeps only what the last
build used, so it never grows beyond one desk.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from generator.content.cachedir import unusable
from generator.desk.desksite import DeskPage
from generator.desk.templates import pages_digest
from generator.util.fsio import write_atomic
from generator.util.gzparts import Part

RowKey = tuple[object, ...]
Entries = list[dict[str, str]]
MEMO_NAME = "desk-memo.pickle"
K = TypeVar("K")
V = TypeVar("V")


@dataclass
class Kept(Generic[K, V]):
    """Values made at the last build, and those this build uses (kept for the next)."""

    saved: dict[K, V] = field(default_factory=dict)
    used: dict[K, V] = field(default_factory=dict)
    made: int = 0  # values this build had to make

    def get(self, key: K, make: Callable[[], V]) -> V:
        found = self.saved.get(key)
        if found is None:
            found = make()
            self.made += 1
        self.used[key] = found
        return found

    @property
    def changed(self) -> bool:
        return self.made > 0 or len(self.used) != len(self.saved)


@dataclass
class DeskMemo:
    file: Path | None
    code: str
    rows: Kept[RowKey, str] = field(default_factory=Kept)
    pages: Kept[RowKey, DeskPage] = field(default_factory=Kept)  # by path, facts, row keys
    entries: Kept[str, Entries] = field(default_factory=Kept)  # by page text hash
    packed: Kept[str, Part] = field(default_factory=Kept)  # those entries deflated, likewise

    @classmethod
    def load(cls, file: Path | None, code: str) -> DeskMemo:
        memo = cls(file, f"{code} {pages_digest()}")  # the templates made them too
        if file is None:
            return memo
        try:
            saved_code, rows, pages, entries, packed = _read(file)
        except _TORN:
            return memo  # missing or torn: made afresh
        except _FOREIGN:
            return memo  # written by other code
        saved = (rows, pages, entries, packed)
        if saved_code == memo.code and all(isinstance(kept, dict) for kept in saved):
            memo.rows.saved, memo.pages.saved, memo.entries.saved, memo.packed.saved = saved
        return memo

    def save(self) -> None:
        """Keep what this build used (and nothing it did not), if anything changed."""
        kept = (self.rows, self.pages, self.entries, self.packed)
        if self.file is None or not any(part.changed for part in kept):
            return
        data = (self.code, *(part.used for part in kept))
        try:
            write_atomic(
                self.file, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), durable=False
            )
        except OSError as error:
            unusable(self.file, error)  # only an optimisation: the desk is built all the same


_TORN = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError)
_FOREIGN = (AttributeError, ImportError, IndexError)
Signature = tuple[int, int, int]

# The memo as `newsroom watch` read it after its last build (`keep_resident`): the
# desk's worker forks with it and unpickles no file, 0.09 s of each rebuild at 10,000
# releases. Its values are content-keyed, so even a stale copy builds the same desk.
_resident: dict[Path, tuple[Signature, Any]] = {}


def keep_resident(file: Path) -> None:
    """Read the memo at `file` into this process, for the desk workers it forks next;
    nothing is kept when it cannot be read, or was written to as it was read. A memo
    already kept as it is on disk (the desk was not rebuilt) is not read again."""
    try:
        before = _signature(file)
        if file in _resident and _resident[file][0] == before:
            return
        data = pickle.loads(file.read_bytes())
        same = before == _signature(file)
    except Exception:  # whatever a damaged pickle raises: only an optimisation
        same = False
    if same:
        _resident[file] = (before, data)
    else:
        _resident.pop(file, None)


def _read(file: Path) -> Any:
    kept = _resident.get(file)
    if kept is not None and kept[0] == _signature(file):
        return kept[1]
    return pickle.loads(file.read_bytes())


def _signature(file: Path) -> Signature:
    """A new one at each save: the memo is written whole, to a new file renamed in."""
    stat = file.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
