"""Write a site's files: inside the site folder only, one source per path, bytes
only when they changed, a `.gz` beside every text file, stale files removed.

Writing only changed files keeps rebuilds cheap and lets rsync/CDNs see what
really changed. The manifest remembers what we wrote last time, so we only
ever delete files we made ourselves.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

from generator.fsio import remove_stale_temps, write_atomic, write_if_changed

COMPRESSIBLE = (".html", ".xml", ".json", ".css", ".js", ".txt", ".svg")
MANIFEST = ".newsroom-manifest.json"


class OutputConflict(Exception):
    """Two sources want the same output path."""


class PathEscape(Exception):
    """An output path would land outside the site folder."""


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


def compress_tree(folder: Path) -> int:
    """A `.gz` twin beside every text file under `folder` (a site another writer made,
    like the desk's Material output); returns how many twins changed."""
    changed = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.name != MANIFEST:
            packed = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            changed += write_if_changed(path.with_name(path.name + ".gz"), packed, durable=False)
    return changed


class SiteWriter:
    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir.resolve()
        self.written: dict[str, str] = {}  # relative path -> what produced it
        self.changed = 0
        # A build killed mid-write leaves temp files; a new build of this site owns the folder.
        remove_stale_temps(self.site_dir)

    def target(self, relative: str) -> Path:
        """The absolute path for `relative`, refused if it leaves the site folder."""
        path = (self.site_dir / relative).resolve()
        if path == self.site_dir or self.site_dir not in path.parents:
            raise PathEscape(f"output path {relative!r} is outside {self.site_dir}")
        return path

    def claim(self, relative: str, source: str) -> Path:
        previous = self.written.get(relative)
        if previous is not None and previous != source:
            raise OutputConflict(f"{relative!r} is produced by both {previous} and {source}")
        self.written[relative] = source
        return self.target(relative)

    def write(self, relative: str, data: bytes, source: str) -> None:
        path = self.claim(relative, source)
        if not relative.endswith(COMPRESSIBLE):
            if write_if_changed(path, data, durable=False):
                self.changed += 1
            return
        if _holds(path, data) and self.target(relative + ".gz").is_file():
            # Unchanged: its twin is current too, since twins are written first (below).
            self.claim(relative + ".gz", source)
            return
        # The twin before the file: a build killed between the two leaves the old file,
        # which the next build sees as changed, so a stale twin never outlives it.
        self._write_gzip(relative, data, source)
        write_atomic(path, data, durable=False)
        self.changed += 1

    def write_text(self, relative: str, text: str, source: str) -> None:
        self.write(relative, text.encode("utf-8"), source)

    def copy(self, relative: str, source_file: Path, source: str) -> None:
        """Copy a photo or PDF; skipped when size and mtime already match."""
        path = self.claim(relative, source)
        stat = source_file.stat()
        try:
            current = path.stat()
            if current.st_size == stat.st_size and current.st_mtime_ns == stat.st_mtime_ns:
                return
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.tmp")
        shutil.copy2(source_file, temp)
        os.replace(temp, path)
        self.changed += 1

    def adopt(self, relative: str, source: str) -> None:
        """Record a file another writer (MkDocs) made, and compress it."""
        path = self.claim(relative, source)
        if relative.endswith(COMPRESSIBLE) and path.is_file():
            self._write_gzip(relative, path.read_bytes(), source)

    def _write_gzip(self, relative: str, data: bytes, source: str) -> None:
        # mtime=0 keeps the .gz bytes identical from build to build; level 6 is
        # within a few bytes of 9 on our pages at a fraction of the time.
        packed = gzip.compress(data, compresslevel=6, mtime=0)
        path = self.claim(relative + ".gz", source)
        if write_if_changed(path, packed, durable=False):
            self.changed += 1

    def finish(self) -> list[str]:
        """Delete files we wrote last time but not this time; save the manifest."""
        manifest = self.site_dir / MANIFEST
        try:
            previous = set(json.loads(manifest.read_text(encoding="utf-8")))
        except (FileNotFoundError, ValueError, TypeError):
            previous = set()
        stale = sorted(previous - set(self.written))
        for relative in stale:
            try:
                self.target(relative).unlink(missing_ok=True)
            except PathEscape:
                continue
        write_atomic(
            manifest, json.dumps(sorted(self.written), indent=0).encode("utf-8"), durable=False
        )
        return stale
