"""One folder's files given to another as hard links: the central releases' search
index, made once, in every provincial site (generator.host.searchindex).

A link costs a directory entry, not the file's bytes written again; and whether a
site's copy is current is told by the inode its folder's listing gives (the made
file's), not by a read, nor by a stat but for the files whose names are not their
bytes' hash.
The made index is replaced file by file, each changed file by a new one (a rename),
never written in place: a site's link to the old file keeps the old bytes until it is
linked again. Where links cannot be made (another file system, one without them) the
bytes are copied. The entry file, which names the others, is linked last: a reader
mid-search keeps finding the pieces the entry they read names.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.util.fsio import TEMP_PREFIX, write_if_changed

# Why a link may be refused where a copy would do: another file system, none of links,
# or too many links to one file.
NO_LINK = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP}


def files_of(folder: Path) -> list[str]:
    """Every file below `folder`, by relative name (none when it is not there)."""
    return list(_scan(folder)[0])


@dataclass(frozen=True, eq=False)
class Made:
    """A made folder's files, read once for every folder they are linked into (38
    provinces): their names, `last` last, and each one's inode, on `device`."""

    folder: Path
    last: str
    names: tuple[str, ...]
    inodes: Mapping[str, int]
    device: int

    @classmethod
    def read(cls, folder: Path, last: str) -> Made:
        inodes, _ = _scan(folder)
        # The entry and its `.gz` twin (what a server sends for it) after what they name.
        names = sorted(inodes, key=lambda name: (name.removesuffix(".gz") == last, name))
        try:
            device = os.stat(folder).st_dev
        except FileNotFoundError:
            device = -1
        return cls(folder, last, tuple(names), inodes, device)


def link_all(made: Path | Made, target: Path, last: str) -> int:
    """`target` made to hold exactly `made`'s files, each a link to the made one (or a
    copy), `last` last; the others removed. Returns the files linked or copied."""
    source = made if isinstance(made, Made) else Made.read(made, last)
    if source.last != last:
        raise ValueError(f"{source.folder} was read with {source.last} last, not {last}")
    present, folders = _scan(target)
    same_device = bool(present) and os.stat(target).st_dev == source.device
    # Linked already: the same inode, read from the folder's listing (no stat a file:
    # 38 provinces' 600 files each took 0.85 s of stats when one index changed). The
    # files at the top (the entry, the script, the metadata) are stat'ed all the same:
    # their names are not their bytes' hash, and on an overlay file system a listing's
    # inode may be another layer's (then a file taken as linked would not be the made
    # one); the others, in index/, fragment/ and filter/, are named by their bytes.
    stale = [
        name
        for name in source.names
        if "/" not in name or not (same_device and present.get(name) == source.inodes[name])
    ]
    for parent in sorted({(target / name).parent for name in stale}):
        parent.mkdir(parents=True, exist_ok=True)
    linked = sum(_link(source.folder / name, target / name) for name in stale)
    _remove_listed(target, set(source.names), present, folders)
    return linked


def _scan(folder: Path) -> tuple[dict[str, int], list[str]]:
    """Every file below `folder` by relative name, with its inode as the listing gives
    it, and every folder below it; nothing when it is not there."""
    files: dict[str, int] = {}
    folders: list[str] = []
    pending = [""]
    while pending:
        relative = pending.pop()
        with (
            contextlib.suppress(FileNotFoundError, NotADirectoryError),
            os.scandir(folder / relative) as entries,
        ):
            for entry in entries:
                name = f"{relative}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    folders.append(name)
                    pending.append(f"{name}/")
                elif entry.is_file(follow_symlinks=False):
                    files[name] = entry.inode()
    return files, folders


def _remove_listed(folder: Path, kept: set[str], files: dict[str, int], folders: list[str]) -> None:
    """`remove_others` from a listing already read: the files not kept, then the folders
    holding none of them, the deepest first, `folder` too."""
    for name in files:
        if name not in kept:
            (folder / name).unlink(missing_ok=True)
    holding = {parent for name in kept for parent in _parents(name)}
    for name in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        if name not in holding:
            with contextlib.suppress(OSError):  # not empty: a file put there meanwhile
                (folder / name).rmdir()
    if not kept:
        with contextlib.suppress(OSError):
            folder.rmdir()


def _parents(name: str) -> list[str]:
    """The folders `name` (relative) lies in: `a/b/c` is in `a/b` and `a`."""
    parts = name.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _link(source: Path, target: Path) -> bool:
    """`target` made the file `source` is, in one rename; False when it is already."""
    wanted = source.stat()
    try:
        if os.path.samestat(wanted, target.stat()):
            return False
    except FileNotFoundError:
        pass
    # Named as the build's own temporary files: one a killed run left is cleared with them.
    temporary = target.with_name(f"{TEMP_PREFIX}link.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    try:
        os.link(source, temporary)
    except OSError as error:
        if error.errno not in NO_LINK:
            raise
        return write_if_changed(target, source.read_bytes(), durable=False)
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def remove_others(folder: Path, kept: set[str], spared: str | None = None) -> None:
    """What `folder` holds besides `kept` (and the folder `spared`, relative) removed,
    and the folders left empty, `folder` too."""
    files, folders = _scan(folder)
    if spared:
        inside = f"{spared}/"
        files = {name: inode for name, inode in files.items() if not name.startswith(inside)}
        folders = [name for name in folders if not f"{name}/".startswith(inside)]
    _remove_listed(folder, kept, files, folders)
