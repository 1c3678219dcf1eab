"""What the desk made at its last build, kept for the next one.

After one new release the desk's pages are regenerated in full (a row per
release, 10,000 rows), then each page's search entries, though almost every
row and page is as it was. Each row is kept under everything it shows (the
release file's hash, its office, its curation and decline, whether it is new,
public or embargoed at this build's clock), each day and office page under its
releases' files, the offices, what the curation and the clock decide of the few
rows they concern (generator.desk.pages) and its facts, and each page's search
entries (and those deflated, for the search index's gzip twin) under its text, so
a rebuild makes only what changed; each office's row of the offices' report is
kept under all it counts, and each row as shown (the report's, health's, the
inbox's) under what it shows. The memo is a pickle in `.cache/newsroom/`, tied to the
generator's code: an optimisation only, ignored when unreadable or written by other
code, and it keeps only what the last build used, so it never grows beyond one desk.

At 10,000 releases the memo is some 18 MB: pickling it whole took 0.05 s of
every desk build, before its pages. What changed since it was last written
whole goes to `desk-memo.pickle-changes` instead (as `releases.pickle` does,
generator.content.parsecache), until the changes outgrow a twentieth of it.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

from generator.content.cachedir import unusable
from generator.desk.desksite import DeskPage, packed_entries
from generator.desk.templates import pages_digest
from generator.report.offices import OfficeRow
from generator.util import afterwards
from generator.util.fsio import write_atomic
from generator.util.gzparts import Part

RowKey = tuple[object, ...]
Entries = list[dict[str, str]]
MEMO_NAME = "desk-memo.pickle"
CHANGES_SHARE = 20  # write the memo whole when its changes exceed 1/20 of its values
MIN_CHANGES = 50
K = TypeVar("K")
V = TypeVar("V")
Signature = tuple[int, int, int]


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


@dataclass(frozen=True)
class _Whole:
    """The memo as last written whole: what a changes file is written against."""

    signature: Signature
    parts: tuple[dict[Any, Any], ...]


@dataclass
class DeskMemo:
    file: Path | None
    code: str
    rows: Kept[RowKey, str] = field(default_factory=Kept)
    pages: Kept[RowKey, DeskPage] = field(default_factory=Kept)  # by path, facts, row keys
    entries: Kept[str, Entries] = field(default_factory=Kept)  # by page path and text hash
    packed: Kept[str, Part] = field(default_factory=Kept)  # those entries deflated, likewise
    report: Kept[RowKey, OfficeRow] = field(default_factory=Kept)  # by all a row counts
    whole: _Whole | None = None

    def search_parts(self, pages: Iterable[DeskPage]) -> tuple[Entries, list[Part]]:
        """The search entries of `pages`, and each page's deflated, as kept when a page
        is as it was: under its path and its text (an entry links to its page)."""
        entries: Entries = []
        parts = []
        for page in pages:
            key = f"{page.path}\n{page.digest}"
            found = self.entries.get(key, partial(page.search_entries, ""))
            entries += found
            parts.append(self.packed.get(key, partial(packed_entries, found)))
        return entries, parts

    @property
    def kept(self) -> tuple[Kept[Any, Any], ...]:
        return (self.rows, self.pages, self.entries, self.packed, self.report)

    @classmethod
    def load(cls, file: Path | None, code: str) -> DeskMemo:
        afterwards.finish()  # a build in this process before: its memo is on disk first
        memo = cls(file, f"{code} {pages_digest()}")  # the templates made them too
        if file is None:
            return memo
        whole = _whole(file, memo.code)
        if whole is None:
            return memo  # missing, torn or written by other code: made afresh
        memo.whole = whole
        parts = _with_changes(whole, changes_file(file), memo.code)
        for kept, saved in zip(memo.kept, parts, strict=True):
            kept.saved = saved
        return memo

    def save(self) -> None:
        """Keep what this build used (and nothing it did not), if anything changed:
        what changed since the memo was written whole, or the memo whole again."""
        if self.file is None or not any(part.changed for part in self.kept):
            return
        try:
            if not self._save_changes():
                data = (self.code, *(part.used for part in self.kept))
                write_atomic(self.file, _dumps(data), durable=False)
                changes_file(self.file).unlink(missing_ok=True)  # it names the old file
        except OSError as error:
            unusable(self.file, error)  # only an optimisation: the desk is built all the same

    def save_later(self) -> None:
        """`save` once the desk's pages are out, while the process goes on
        (generator.util.afterwards): the memo written whole (every few builds) took
        0.1 s at 10,000 releases, and nobody waits for it."""
        if self.file is not None and any(part.changed for part in self.kept):
            afterwards.start(self.save, "desk memo")

    def _save_changes(self) -> bool:
        """Write what changed since the whole memo this build read, if it is little."""
        whole = self.whole
        assert self.file is not None
        if whole is None:
            return False
        made, gone = [], []
        for part, base in zip(self.kept, whole.parts, strict=True):
            made.append(_new_in(part.used, base))
            gone.append(list(_new_in(base, part.used)))
        count = sum(map(len, made)) + sum(map(len, gone))
        if count > max(MIN_CHANGES, sum(len(part.used) for part in self.kept) // CHANGES_SHARE):
            return False
        data = (self.code, whole.signature, tuple(made), tuple(gone))
        write_atomic(changes_file(self.file), _dumps(data), durable=False)
        return True


def _new_in(these: dict[Any, Any], those: dict[Any, Any]) -> dict[Any, Any]:
    """The entries of `these` whose value is none of `those`'s: what a build made, or
    what it no longer used. Told apart by the values' identity, not by their keys: a
    key is a tuple of every row key of a page, and hashing and comparing them all
    again took 0.45 s of each desk build at 100,000 releases. A value reused comes
    from the memo read (`Kept.get`), the same object; one made is a new object. (A
    value shared by two keys, one of them no longer used, would keep that key: one
    memo entry more, never a wrong page, the memo being keyed by what it shows.)"""
    known = {id(value) for value in those.values()}
    return {key: value for key, value in these.items() if id(value) not in known}


def changes_file(file: Path) -> Path:
    return file.with_name(file.name + "-changes")


def _dumps(data: object) -> bytes:
    return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


def _whole(file: Path, code: str) -> _Whole | None:
    try:
        signature = _signature(file)
        saved_code, *parts = _read(file)
    except _TORN:
        return None
    except _FOREIGN:
        return None
    if saved_code != code or len(parts) != _PARTS or not all(isinstance(p, dict) for p in parts):
        return None
    return _Whole(signature, tuple(parts))


def _with_changes(whole: _Whole, file: Path, code: str) -> tuple[dict[Any, Any], ...]:
    """The whole memo's values with those of the changes file written against it (never
    the whole memo's own dicts, which the service keeps for its next desk build)."""
    try:
        saved_code, base, made, gone = _read(file)
        usable = saved_code == code and base == whole.signature
        usable = usable and len(made) == len(gone) == len(whole.parts)
    except (*_TORN, *_FOREIGN):
        usable = False
    if not usable:
        return whole.parts  # a memo only: its values still hold, fewer of them reused
    try:
        return tuple(_merged(*part) for part in zip(whole.parts, made, gone, strict=True))
    except (*_TORN, *_FOREIGN):  # the right code, yet not the shape it writes
        return whole.parts


def _merged(saved: dict[Any, Any], new: dict[Any, Any], old: list[Any]) -> dict[Any, Any]:
    merged = dict(saved)
    for key in old:
        merged.pop(key, None)
    merged.update(new)
    return merged


_PARTS = len(DeskMemo(None, "").kept)
_TORN = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError)
_FOREIGN = (AttributeError, ImportError, IndexError)

# The memo as `newsroom watch` read it after its last build (`keep_resident`): the
# desk's worker forks with it and unpickles no file, 0.09 s of each rebuild at 10,000
# releases. Its values are content-keyed, so even a stale copy builds the same desk.
_resident: dict[Path, tuple[Signature, Any]] = {}


def keep_resident(file: Path) -> None:
    """Read the memo at `file` and its changes into this process, for the desk workers
    it forks next; nothing is kept of a file that cannot be read, or was written to as
    it was read. A file already kept as it is on disk (the desk was not rebuilt, or
    only its changes were written) is not read again."""
    afterwards.finish()  # a desk built in this process (one worker): its memo saved first
    for path in (file, changes_file(file)):
        _keep(path)


def _keep(file: Path) -> None:
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
