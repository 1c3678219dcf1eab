"""Which folders saw a change since the last look: Linux's inotify, read without waiting.

The kernel queues an event as the change is made (a file written, created, removed or
renamed in a watched folder, through that folder), so what `changed` drains is every
such change made before the call. A folder made since the last look is watched only
once added; a change made by another machine (a network file system) or through a
hard link in another folder is not seen. Where inotify is missing (not Linux) or
refuses (its watch limit reached), the watch is not made: callers then look at every
file, as without it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import functools
import os
import struct
from pathlib import Path

IN_MODIFY = 0x002
IN_ATTRIB = 0x004
IN_CLOSE_WRITE = 0x008
IN_MOVED_FROM = 0x040
IN_MOVED_TO = 0x080
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_DELETE_SELF = 0x400
IN_MOVE_SELF = 0x800
IN_Q_OVERFLOW = 0x4000
IN_IGNORED = 0x8000
IN_ONLYDIR = 0x01000000
IN_DONT_FOLLOW = 0x02000000
IN_NONBLOCK = os.O_NONBLOCK
IN_CLOEXEC = os.O_CLOEXEC

# Every change to what a folder holds, or to a file in it; IN_ONLYDIR: a file put where a
# folder was is not watched as one; IN_DONT_FOLLOW: nor a symlink's target.
MASK = (
    IN_MODIFY
    | IN_ATTRIB
    | IN_CLOSE_WRITE
    | IN_MOVED_FROM
    | IN_MOVED_TO
    | IN_CREATE
    | IN_DELETE
    | IN_DELETE_SELF
    | IN_MOVE_SELF
    | IN_ONLYDIR
    | IN_DONT_FOLLOW
)
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then the name, NUL-padded


class Unwatchable(Exception):
    """inotify is missing, or refused a watch (why: the message)."""


class Change:
    """A folder that changed: `folder`, and `name` (what in it, "" for itself)."""

    __slots__ = ("folder", "name")

    def __init__(self, folder: Path, name: str) -> None:
        self.folder, self.name = folder, name


class DirWatch:
    """Folders watched by one inotify descriptor, read by the process that made it only
    (a forked worker shares the descriptor: reading there would take its events)."""

    def __init__(self) -> None:
        self._libc = _libc()
        fd = int(self._libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
        if fd < 0:
            raise Unwatchable(os.strerror(ctypes.get_errno()))
        self._fd = fd
        self._pid = os.getpid()
        self._folders: dict[int, Path] = {}

    @property
    def mine(self) -> bool:
        return self._fd >= 0 and os.getpid() == self._pid

    def add(self, folder: Path) -> None:
        """Watch `folder` (itself, not its subfolders). Raises Unwatchable if refused;
        a folder gone meanwhile is not watched, and not an error."""
        wd = int(self._libc.inotify_add_watch(self._fd, os.fsencode(folder), MASK))
        if wd < 0:
            code = ctypes.get_errno()
            if code in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):  # gone, a file, a symlink
                return
            raise Unwatchable(f"{folder}: {os.strerror(code)}")
        self._folders[wd] = folder

    def add_tree(self, folder: Path) -> list[Path]:
        """Watch `folder` and every folder under it; the symlinks to folders found there
        (`folder` itself one too), neither watched nor followed: what changes behind
        them is never seen."""
        if folder.is_symlink():
            return [folder]
        links = []
        self.add(folder)
        for parent, folders, _files in os.walk(folder):
            for name in folders:
                path = Path(parent) / name
                if path.is_symlink():
                    links.append(path)  # os.walk lists it, does not enter it
                else:
                    self.add(path)
        return links

    def changed(self) -> list[Change] | None:
        """Every change since the last call, in the order made; None if the kernel's
        queue overflowed (some were lost: anything may have changed)."""
        changes: list[Change] = []
        overflowed = False
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                break
            for wd, mask, name in _events(data):
                if mask & IN_Q_OVERFLOW:
                    overflowed = True
                    continue
                folder = self._folders.get(wd)
                if mask & IN_IGNORED:
                    self._folders.pop(wd, None)
                if folder is not None:
                    changes.append(Change(folder, name))
        return None if overflowed else changes

    def close(self) -> None:
        if self.mine:
            os.close(self._fd)
        self._fd = -1
        self._folders.clear()


def _events(data: bytes) -> list[tuple[int, int, str]]:
    found = []
    at = 0
    while at + _EVENT.size <= len(data):
        wd, mask, _cookie, length = _EVENT.unpack_from(data, at)
        at += _EVENT.size
        name = data[at : at + length].rstrip(b"\0")
        at += length
        found.append((wd, mask, os.fsdecode(name)))
    return found


@functools.cache
def _libc() -> ctypes.CDLL:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        libc.inotify_init1.argtypes = [ctypes.c_int]
        libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
    except (OSError, AttributeError) as error:
        raise Unwatchable(str(error)) from error
    return libc
