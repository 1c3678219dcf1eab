"""Output damaged since it was written (a truncated page, a deleted feed or `.gz` twin)
is found and made again, though nothing it is made from changed.

The writer skips a page whose inputs are unchanged if its file is there, and a site
whose fingerprint is unchanged is not built at all: neither would notice a file cut
short by a full disk or removed by hand. So when a build finishes, the size and mtime
of each file it made are kept in the build cache (`.cache/newsroom/sites/`, beside the
site's fingerprint; never in the published site, whose bytes must not change when
nothing changed). Before the next build of that site, each file that no longer has
them is removed, so that build makes it again (MkDocs' dirty build and our writer
both make whatever is missing); a site with such a file is not skipped.

`newsroom build` looks only once every changed page is out (generator.host.build):
a site nothing changed for is checked then; a site a release changed is built at
once, trusting its files (`trusted`), then checked, and built again with `repair` if
it is damaged. No release waits for a stat of each of 4,000 files of 39 sites.

Size and mtime, not a hash: a stat per file costs microseconds where hashing would
read the whole output (gigabytes at 10,000 releases) at every build; any write to a
file (truncation included) sets its mtime, which is what rsync and make rely on too.
A file set back to its old size and mtime on purpose is not noticed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import stat
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from generator.content.cachedir import unusable
from generator.util.fsio import write_atomic

Stats = dict[str, tuple[int, int]]  # relative path -> (size, mtime_ns)
# Files a build keeps for itself in the site folder, written after the stats are taken.
_OWN = (".newsroom-manifest.json", ".newsroom-building")
STATS_FORMAT = "newsroom file stats 1"  # what a stats file begins with: another is not read


def stats_of(site_dir: Path, relatives: Iterable[str]) -> Stats:
    """The size and mtime of each of `relatives` that is a file in `site_dir` now."""
    stats: Stats = {}
    for relative in relatives:
        found = _stat(site_dir, relative)
        if found is not None and stat.S_ISREG(found.st_mode):
            stats[relative] = (found.st_size, found.st_mtime_ns)
    return stats


def stats_of_tree(site_dir: Path, found: dict[str, os.stat_result] | None = None) -> Stats:
    """`stats_of` every file under `site_dir` (a site another writer made: the desk);
    `found`: those files as `files_under` found them, if walked already."""
    files = files_under(site_dir) if found is None else found
    return {
        relative: (stat_.st_size, stat_.st_mtime_ns)
        for relative, stat_ in sorted(files.items())
        if relative.rpartition("/")[2] not in _OWN
    }


def files_under(folder: Path) -> dict[str, os.stat_result]:
    """Every regular file under `folder` by its path relative to it, with its lstat: one
    walk by scandir (pathlib's rglob, then a stat per file, took twice as long), links
    never followed nor listed."""
    found: dict[str, os.stat_result] = {}
    stack = [("", str(folder))]
    while stack:
        prefix, path = stack.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue  # gone meanwhile, or unreadable: as rglob, not ours to list
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((prefix + entry.name + "/", entry.path))
            elif entry.is_file(follow_symlinks=False):
                try:
                    found[prefix + entry.name] = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
    return found


def save(file: Path | None, stats: Stats) -> None:
    """Keep `stats` in `file` (None: no usable cache, nothing kept)."""
    if file is None:
        return
    # A pickle in the build cache, as its other records (releases.pickle), in the
    # order given: at 100,000 releases a site's stats are 35,000 files, and JSON
    # sorted, written and read again with a check of each value took 0.1 s of every
    # site's build, 39 sites when a central release changes them all.
    data = pickle.dumps((STATS_FORMAT, stats), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        write_atomic(file, data, durable=False)
    except OSError as error:
        unusable(file, error)
        return
    legacy = file.with_suffix(".json")  # an earlier version's, read by none: removed
    if legacy != file:
        with contextlib.suppress(OSError):  # left behind, it is only a stale file
            legacy.unlink(missing_ok=True)


def load(file: Path | None) -> Stats | None:
    """The stats kept in `file`; None when there are none (or they are unreadable)."""
    if file is None:
        return None
    try:
        kind, saved = pickle.loads(file.read_bytes())
    except Exception:  # unreadable, torn, or another's: whatever a damaged pickle raises
        return None
    return saved if kind == STATS_FORMAT and _well_formed(saved) else None


def _well_formed(saved: object) -> bool:
    """Whether `saved` maps paths to (size, mtime) pairs of ints: what `damaged` reads.
    Checked by kind of value, not value by value (35,000 at 100,000 releases)."""
    if type(saved) is not dict:
        return False
    values = saved.values()
    paths = set(map(type, saved)) <= {str}
    pairs = set(map(type, values)) <= {tuple} and set(map(len, values)) <= {2}
    return paths and pairs and set(map(type, chain.from_iterable(values))) <= {int}


def damaged(site_dir: Path, stats: Stats) -> Iterator[str]:
    """The files of `stats` that are missing, or no longer a file of that size and mtime."""
    # One lstat per file of every site at every rebuild (150,000 at 10,000 releases):
    # the loop does nothing else, the path refused or joined with one string operation.
    prefix, lstat, regular = os.path.join(site_dir, ""), os.lstat, stat.S_ISREG
    # One look over every path at once; each path again only if that finds anything.
    suspect = _any_escapes(stats)
    for relative, (size, mtime) in stats.items():
        if suspect and _ESCAPES(relative) is not None:
            yield relative  # could point anywhere else: never looked at
            continue
        try:
            found = lstat(prefix + relative)  # a link in a file's place is damage
        except OSError:
            yield relative
            continue
        if found.st_size != size or found.st_mtime_ns != mtime or not regular(found.st_mode):
            yield relative


def intact(site_dir: Path, file: Path | None) -> bool:
    """Whether every file the last finished build of `site_dir` made is as it left it
    (False when that is not known)."""
    stats = load(file)
    return stats is not None and next(damaged(site_dir, stats), None) is None


@dataclass(frozen=True)
class Checked:
    """What `repair` found before a site's build: the stats the last build kept (None
    if none), the files found damaged and those of them removed. Every other file of
    `stats` was just seen whole, so the writer need not look for it again (a stat per
    page, 4,000 a site)."""

    stats: Stats | None
    damaged: frozenset[str]
    removed: tuple[str, ...]

    def whole_files(self) -> set[str]:
        """The files that were there, as the last build left them, when checked: one
        set, for a writer that asks for each of its pages."""
        return self.stats.keys() - self.damaged if self.stats is not None else set()


def trusted(file: Path | None) -> Checked:
    """What `repair` finds when nothing is damaged, found without a look: for a build
    that checks the site once its pages are out, and builds it again if it is damaged
    (generator.host.build). A file it trusts and leaves alone keeps the stats it had,
    so that check finds it if it was damaged."""
    return Checked(load(file), frozenset(), ())


def repair(site_dir: Path, file: Path | None) -> Checked:
    """Remove the damaged files of `site_dir` (see `damaged`), for this build to make
    them again; returns what was found."""
    stats = load(file)
    found = list(damaged(site_dir, stats or {}))
    return Checked(stats, frozenset(found), _remove(site_dir, found))


def repair_some(site_dir: Path, checked: Checked, relatives: Iterable[str]) -> Checked:
    """`repair` of `relatives` alone, among the files `checked` trusted: for those only
    MkDocs makes again, and only when they are missing or older than their source (a
    theme's or a static page's picture damaged in place would stay so)."""
    kept = checked.stats or {}
    some = {relative: kept[relative] for relative in relatives if relative in kept}
    found = list(damaged(site_dir, some))
    removed = _remove(site_dir, found)
    return Checked(checked.stats, checked.damaged | set(found), checked.removed + removed)


def _remove(site_dir: Path, found: list[str]) -> tuple[str, ...]:
    """Remove the files `found` damaged; those removed (never through a link)."""
    removed = []
    folders: dict[str, bool] = {}  # folder -> a real folder of the site (no link on the way)
    for relative in found:
        path = _path(site_dir, relative)
        if path is None or not _real_folders(site_dir, relative, folders):
            continue  # a link planted on the way: nothing outside the site is removed
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass  # deleted: made again all the same
        except OSError:
            continue  # a folder in its place: not ours to remove
        removed.append(relative)
    return tuple(removed)


# What `_path` refuses, as one pattern: a backslash, a NUL, an empty, "." or ".." part.
_ESCAPE = r"[\\\0]|(?:^|/)\.{0,2}(?:/|$)"
_ESCAPES = re.compile(_ESCAPE).search
# What `_ESCAPES` finds, as plain substrings of a path between slashes ("/a/../b/"):
# an empty, "." or ".." part is a "//", "/./" or "/../" there.
_ESCAPE_MARKS = ("\\", "\0", "//", "/./", "/../")


def _any_escapes(paths: Collection[str]) -> bool:
    """Whether `_ESCAPES` could find anything in any of `paths` (True: look at each).
    Each is put between slashes and joined by newlines ("/a/b/\\n/c/"): no mark can
    span two of them. A path holding a newline (which `_ESCAPES` reads as a line's end)
    counts as suspect. Substring searches, not the pattern: its one search over a site's
    4,000 paths took 10 ms, and every rebuild checks 38 sites."""
    if not paths:
        return False
    joined = "/" + "/\n/".join(paths) + "/"
    if joined.count("\n") > len(paths) - 1:
        return True
    return any(mark in joined for mark in _ESCAPE_MARKS)


def _real_folders(site_dir: Path, relative: str, known: dict[str, bool]) -> bool:
    """Whether every folder on the way to `relative` is a folder, not a link (lstat each
    once, in `known`)."""
    folder = str(site_dir)
    for part in relative.split("/")[:-1]:
        folder = os.path.join(folder, part)
        if folder not in known:
            try:
                known[folder] = stat.S_ISDIR(os.lstat(folder).st_mode)
            except OSError:
                known[folder] = False
        if not known[folder]:
            return False
    return True


def _path(site_dir: Path, relative: str) -> str | None:
    """`relative` inside `site_dir`, or None if it could point anywhere else."""
    parts = relative.split("/")
    if "\\" in relative or "\0" in relative or any(p in ("", ".", "..") for p in parts):
        return None
    return os.path.join(site_dir, *parts)


def _stat(site_dir: Path, relative: str) -> os.stat_result | None:
    path = _path(site_dir, relative)
    if path is None:
        return None
    try:
        return os.lstat(path)  # a link in a file's place is damage, never followed
    except OSError:
        return None
