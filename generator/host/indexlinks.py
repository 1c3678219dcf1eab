"""One folder's files given to another as hard links: the central releases' search
index, made once, in every provincial site (generator.host.searchindex).

A link costs a directory entry, not the file's bytes written again; and whether a
site's copy is current is a stat per file (the same inode as the made one), not a read.
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
from pathlib import Path

from generator.util.fsio import TEMP_PREFIX, write_if_changed

# Why a link may be refused where a copy would do: another file system, none of links,
# or too many links to one file.
NO_LINK = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP}


def files_of(folder: Path) -> list[str]:
    """Every file below `folder`, by relative name (none when it is not there)."""
    found: list[str] = []
    folders = [folder]
    while folders:
        current = folders.pop()
        with contextlib.suppress(FileNotFoundError, NotADirectoryError), os.scandir(current) as it:
            for entry in it:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    found.append(Path(entry.path).relative_to(folder).as_posix())
    return found


def link_all(made: Path, target: Path, last: str) -> int:
    """`target` made to hold exactly `made`'s files, each a link to the made one (or a
    copy), `last` last; the others removed. Returns the files linked or copied."""
    # The entry and its `.gz` twin (what a server sends for it) after what they name.
    names = sorted(files_of(made), key=lambda name: (name.removesuffix(".gz") == last, name))
    for parent in sorted({(target / name).parent for name in names}):
        parent.mkdir(parents=True, exist_ok=True)
    linked = sum(_link(made / name, target / name) for name in names)
    remove_others(target, set(names))
    return linked


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
    inside = f"{spared}/" if spared else None

    def spare(name: str) -> bool:
        return inside is not None and f"{name}/".startswith(inside)

    for name in files_of(folder):
        if name not in kept and not spare(name):
            (folder / name).unlink(missing_ok=True)
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        empty = path.is_dir() and not path.is_symlink() and not any(path.iterdir())
        if empty and not spare(path.relative_to(folder).as_posix()):
            path.rmdir()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
