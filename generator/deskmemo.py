"""What the desk made at its last build, kept for the next one.

After one new release the desk's pages are regenerated in full (a row per
release, 10,000 rows), then each page's search entries, though almost every
row and page is as it was. Each row is kept under everything it shows (the
release file's hash, its office, its curation and decline, whether it is new,
public or embargoed at this build's clock) and each page's search entries
under its text, so a rebuild makes only what changed. The memo is a pickle in
`.cache/newsroom/`, tied to the generator's code: an optimisation only, ignored
when unreadable or written by other code, and it keeps only what the last
build used, so it never grows beyond one desk.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from generator.fsio import write_atomic

RowKey = tuple[object, ...]
Entries = list[dict[str, str]]
MEMO_NAME = "desk-memo.pickle"


@dataclass
class DeskMemo:
    file: Path | None
    code: str
    rows: dict[RowKey, str] = field(default_factory=dict)
    entries: dict[str, Entries] = field(default_factory=dict)
    _used_rows: dict[RowKey, str] = field(default_factory=dict)
    _used_entries: dict[str, Entries] = field(default_factory=dict)
    _new: bool = False

    @classmethod
    def load(cls, file: Path | None, code: str) -> DeskMemo:
        memo = cls(file, code)
        if file is None:
            return memo
        try:
            saved_code, rows, entries = pickle.loads(file.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return memo  # missing or torn: made afresh
        except (AttributeError, ImportError, IndexError):
            return memo  # written by other code
        if saved_code == code and isinstance(rows, dict) and isinstance(entries, dict):
            memo.rows, memo.entries = rows, entries
        return memo

    def row(self, key: RowKey) -> str | None:
        found = self.rows.get(key)
        if found is not None:
            self._used_rows[key] = found
        return found

    def keep_row(self, key: RowKey, html: str) -> None:
        self._used_rows[key] = html
        self._new = True

    def page_entries(self, digest: str) -> Entries | None:
        found = self.entries.get(digest)
        if found is not None:
            self._used_entries[digest] = found
        return found

    def keep_entries(self, digest: str, entries: Entries) -> None:
        self._used_entries[digest] = entries
        self._new = True

    def save(self) -> None:
        """Keep what this build used (and nothing it did not), if anything is new."""
        gone = len(self._used_rows) != len(self.rows) or len(self._used_entries) != len(
            self.entries
        )
        if self.file is None or not (self._new or gone):
            return
        data = (self.code, self._used_rows, self._used_entries)
        write_atomic(self.file, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
