"""The render cache on disk (`.cache/newsroom/render.sqlite`): rendered bodies kept
across builds, so a rebuild renders only what changed; and the bulletins' QR codes, by
URL (generator.public.bulletinview), so a cron build that makes a week's edition again
for one new release makes only its code, not the week's dozen (5 ms each, half of a
province's rebuild).

It is read one release at a time, so a rebuild after one new release reads the few
bodies its changed pages show, not all 10,000. Each process (forked site workers too)
opens its own connection, and several may write at once: SQLite serialises them. The
cache is an optimisation only: unreadable, locked for too long or on a full disk,
bodies are rendered again. A cached body also holds the size and time of each asset
it links, and is not used once one of them changed (a photo's size is in the HTML).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from generator.content.cachedir import unusable
from generator.public.assetstamps import asset_stamps
from generator.public.bodyhtml import Rendered

CACHE_NAME = "render.sqlite"


class RenderCache:
    """This process's connection to the cache file (none: `path` is None)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._db_pid = 0

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def keys(self) -> set[str]:
        """The keys of every body stored."""
        db = self._connection()
        if db is None:
            return set()
        try:
            return {row[0] for row in db.execute("SELECT key FROM rendered")}
        except sqlite3.Error:
            return set()

    def present(self, keys: list[str]) -> set[str]:
        """Those of `keys` stored (a few: the bodies a build just rendered)."""
        db = self._connection()
        if db is None or not keys:
            return set()
        found: set[str] = set()
        try:
            for start in range(0, len(keys), 500):  # SQLite's limit on parameters
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key FROM rendered WHERE key IN ({marks})"  # "?" marks only
                found.update(row[0] for row in db.execute(query, chunk))
        except sqlite3.Error:
            return found
        return found

    def lookup(self, key: str, folder: Path) -> Rendered | None:
        """The body stored under `key`, unless an asset it links (in `folder`) changed."""
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT html, summary, words, assets, stamps FROM rendered WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            assets = tuple(str(a) for a in json.loads(row[3]))
            if json.loads(row[4]) != asset_stamps(folder, assets):
                return None  # a referenced photo changed: its size may have too
            return Rendered(str(row[0]), str(row[1]), int(row[2]), assets)
        except (TypeError, ValueError):
            return None

    def store(self, entries: list[tuple[str, Rendered, Path]]) -> None:
        """Write (key, body, its office's assets folder) entries, in one transaction."""
        rows = [
            (
                key,
                rendered.html,
                rendered.summary,
                rendered.words,
                json.dumps(rendered.assets),
                json.dumps(asset_stamps(folder, rendered.assets)),
            )
            for key, rendered, folder in entries
        ]
        db = self._connection()
        if db is None:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO rendered VALUES (?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error:
            self.close()  # full disk, a lock held too long: the next build renders again

    def code(self, url: str, version: str) -> tuple[str, str] | None:
        """The QR code of `url` (its SVG and its PNG's markup), made by `version`."""
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT svg, png FROM codes WHERE url = ? AND version = ?", (url, version)
            ).fetchone()
        except sqlite3.Error:
            return None
        return (str(row[0]), str(row[1])) if row is not None else None

    def store_codes(self, codes: Mapping[str, tuple[str, str]], version: str, keep: int) -> None:
        """Write `codes` (url -> SVG, PNG's markup), made by `version`, in one transaction,
        keeping only the `keep` written last (some 5 KB a code); then close the
        connection: the build may fork a worker after this."""
        if not codes:
            return
        db = self._connection()
        if db is None:
            return
        rows = [(url, version, svg, png) for url, (svg, png) in codes.items()]
        try:
            with db:
                # A row replaced gets the next rowid: the oldest written have the lowest.
                db.executemany("INSERT OR REPLACE INTO codes VALUES (?, ?, ?, ?)", rows)
                db.execute(
                    "DELETE FROM codes WHERE rowid <= (SELECT max(rowid) FROM codes) - ?", (keep,)
                )
        except sqlite3.Error:
            pass  # full disk, a lock held too long: the next build makes them again
        self.close()

    def close(self) -> None:
        """Close this process's connection (a connection may not cross a fork); the next
        lookup opens a new one."""
        if self._db is not None and self._db_pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def _connection(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        if self._db is not None and self._db_pid == os.getpid():
            return self._db
        for attempt in (1, 2):
            try:
                db = _open_cache(self.path)
            except sqlite3.DatabaseError as error:
                if attempt == 2:
                    unusable(self.path, error)
                    return None
                # Not a database (torn by hand, another program): it is only our cache.
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(OSError):  # a folder there: warned next time
                        Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except (sqlite3.Error, OSError) as error:
                unusable(self.path, error)
                return None  # unwritable, locked too long: render without a disk cache
            else:
                self._db, self._db_pid = db, os.getpid()
                return db
        return None


def _open_cache(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        # No fsync at each commit: a crash may lose the last bodies rendered (the next
        # build renders them again), never the database. Writing 10,000 bodies took
        # twice as long with the fsyncs.
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS rendered (key TEXT PRIMARY KEY, html TEXT, "
            "summary TEXT, words INTEGER, assets TEXT, stamps TEXT)"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS codes (url TEXT PRIMARY KEY, version TEXT, "
            "svg TEXT, png TEXT)"
        )
    except BaseException:
        db.close()
        raise
    return db
