"""A search index made in a staging folder, put in its site's folder: each file moved
into place (a `.gz` twin beside each text file, if the site has them), the entry last,
then what it no longer names removed (generator.host.searchindex makes the index)."""

from __future__ import annotations

import errno
import fnmatch
import os
from pathlib import Path

from generator.host import indexlinks
from generator.public.searchkeys import SHARED
from generator.public.writer import COMPRESSIBLE
from generator.util import gzparts
from generator.util.fsio import FILE_MODE, write_if_changed

LANGUAGE = "id"  # every page is Indonesian (`lang="id"`): Pagefind's Indonesian stemmer
# What the search page loads; Pagefind's own UIs, its worker (the page runs without
# one) and its other languages' WebAssembly are not published.
PUBLISHED = (
    "pagefind.js",
    "pagefind-entry.json",
    "pagefind.*.pf_meta",
    f"wasm.{LANGUAGE}.pagefind",
    "index/*",
    "fragment/*",
    "filter/*",
)
ENTRY = "pagefind-entry.json"  # names every other file: written last


def publish(staging: Path, folder: Path, precompress: bool = True) -> None:
    """Put the published files of `staging` in `folder` (a `.gz` twin beside each text
    file, with `precompress`), the entry last, then remove what it no longer names.
    Each staged file is moved into place, not written again: a site's 800 fragments are
    800 new files on a cold build, and making a file costs this VM's disk 0.1-1 ms."""
    wanted = sorted(
        (p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()),
        key=lambda name: (name == ENTRY, name),
    )
    wanted = [name for name in wanted if any(fnmatch.fnmatch(name, g) for g in PUBLISHED)]
    kept: set[str] = set()
    for parent in sorted({(folder / name).parent for name in wanted}):
        parent.mkdir(parents=True, exist_ok=True)
    for name in wanted:
        source, target = staging / name, folder / name
        if precompress and name.endswith(COMPRESSIBLE):
            twin = target.with_name(target.name + ".gz")
            write_if_changed(twin, gzparts.gzip_bytes(source.read_bytes()), durable=False)
            kept.add(name + ".gz")
        _move_if_changed(source, target)
        kept.add(name)
    indexlinks.remove_others(folder, kept, spared=SHARED)  # the central releases' index: its own


def _move_if_changed(source: Path, target: Path) -> None:
    """`target` made the staged file `source` in one rename (a reader never sees half of
    it), unless it holds the same bytes already (then it is left untouched)."""
    try:
        size = target.stat().st_size
    except FileNotFoundError:
        size = None
    if size == source.stat().st_size and target.read_bytes() == source.read_bytes():
        return
    os.chmod(source, FILE_MODE)  # as every file the build writes, whatever the umask
    try:
        os.replace(source, target)
    except OSError as error:  # the site on a file system of its own: written there
        if error.errno != errno.EXDEV:
            raise
        write_if_changed(target, source.read_bytes(), durable=False)
