"""Atomic file writes: a reader or a crash never sees half a file."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

FILE_MODE = 0o644
TEMP_PREFIX = ".nr-"  # temp files are `.nr-XXXXXXXX.tmp`: hidden, and `.*.tmp` as before


def write_atomic(path: Path, data: bytes, *, durable: bool = True, mode: int = FILE_MODE) -> None:
    """Write `data` to `path` via a temp file in the same folder, then rename.

    `durable` also fsyncs the file and its folder, so the write survives a power
    cut: wanted for content/, not for site output that a build can regenerate
    (there the rename alone keeps readers from ever seeing half a file).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # A short temp name whatever the target's: `.<name>.XXXX.tmp` of a 245-character
    # name would pass NAME_MAX (255 bytes) and fail a write the target itself allows.
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); sites are served by another user
        # (nginx as www-data) and content is shared through git, so readable by all.
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(path.parent)


def link_atomic(source: Path, path: Path) -> None:
    """Make `path` another name of `source`'s file (a hard link: its bytes are on the
    disk once), replacing whatever `path` was in one rename, as `write_atomic` does.
    Where the file system has no hard links, `path` gets a copy."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.parent / f"{TEMP_PREFIX}{secrets.token_hex(8)}.tmp"
    try:
        os.link(source, temp)
    except OSError:
        write_atomic(path, source.read_bytes())
        return
    try:
        os.replace(temp, path)
    finally:
        # Gone once renamed; still there if the rename failed, or did nothing because
        # `path` already was this very file (rename(2) leaves both names then).
        temp.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def write_if_changed(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Atomically write `data` unless `path` already holds exactly it; True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data, durable=durable)
    return True


def _fsync_dir(folder: Path) -> None:
    # The rename itself must reach the disk for the write to survive a power cut.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(folder: Path) -> int:
    """Delete temp files a killed writer left behind (call only while holding the lock
    that keeps other writers out). Returns how many were removed."""
    removed = 0
    if folder.is_dir():
        for temp in folder.rglob(".*.tmp"):
            temp.unlink(missing_ok=True)
            removed += 1
    return removed
