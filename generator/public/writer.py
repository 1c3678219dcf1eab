"""Write a site's files: inside the site folder only, one source per path, bytes
only when they changed, a `.gz` beside every text file (unless the newsroom's hosts
compress on the fly: `precompress: false`), stale files removed.

Writing only changed files keeps rebuilds cheap and lets rsync/CDNs see what
really changed. The manifest remembers what we wrote last time, so we only
ever delete files we made ourselves, and for pages the key they were made
from: a page whose key did not change is not even made again (`page`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.public import damage
from generator.util import gzparts
from generator.util.fsio import FILE_MODE, remove_stale_temps, write_atomic
from generator.util.gzparts import Part

COMPRESSIBLE = (".html", ".xml", ".json", ".css", ".js", ".txt", ".svg")
MANIFEST = ".newsroom-manifest.json"
# Present while a build writes the site: a build that finds it was killed, and only
# then is the whole tree searched for the temp files it left.
UNFINISHED = ".newsroom-building"


@dataclass(frozen=True)
class Pending:
    """A document left for after every site's pages (`SiteWriter(later=True)`): where,
    the key it is made from, and the HTML it is laid out from."""

    relative: str
    key: str
    html: str


class OutputConflict(Exception):
    """Two sources want the same output path."""


class PathEscape(Exception):
    """An output path would land outside the site folder."""


def _holds(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except FileNotFoundError:
        return False


def write_twin(path: Path, packed: bytes) -> bool:
    """Put `packed` (the gzip of the file at `path`) beside it; True if that changed it."""
    twin = str(path) + ".gz"
    if _holds(twin, packed):
        return False
    _replace(twin, packed)
    return True


def compress_tree(folder: Path, found: dict[str, os.stat_result] | None = None) -> int:
    """A `.gz` twin beside every text file under `folder` (a site another writer made,
    like the desk's Material output); returns how many twins changed. `found`: its files
    and their stats (`damage.files_under`), walked once for this and the damage check;
    each twin written is noted there with its new stat."""
    files = damage.files_under(folder) if found is None else found
    changed = 0
    for relative in sorted(files):
        name = relative.rpartition("/")[2]
        if os.path.splitext(name)[1] not in COMPRESSIBLE or name == MANIFEST:
            continue
        twin = files.get(relative + ".gz")
        if twin is not None and twin.st_mtime_ns >= files[relative].st_mtime_ns:
            continue  # compressed after its file was last written
        path = os.path.join(folder, relative)
        with open(path, "rb") as source:
            packed = gzparts.gzip_bytes(source.read())
        if twin is None:  # missing, or not a file (a link): put in place, never followed
            _replace(path + ".gz", packed)
            changed += 1
        elif write_twin(Path(path), packed):
            changed += 1
        files[relative + ".gz"] = os.lstat(path + ".gz")
    return changed


_begun: set[str] = set()


def _same_bytes(path: Path, other: Path) -> bool:
    return path.stat().st_size == other.stat().st_size and path.read_bytes() == other.read_bytes()


def begin_site(site_dir: Path) -> None:
    """Mark `site_dir` as being written (before MkDocs writes its first page there).

    If the mark is already there, the last build was killed: only then is the tree
    searched for the temp files it left. Idempotent until `finish` ends the build.
    """
    key = str(site_dir.resolve())
    if key in _begun:
        return
    marker = site_dir / UNFINISHED
    if marker.exists() or not (site_dir / MANIFEST).exists():
        remove_stale_temps(site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    marker.touch()
    _begun.add(key)


def remove_built(site_dir: Path) -> int:
    """Delete every file the last build of `site_dir` recorded (and their twins), then the
    folders left empty; files it did not record stay. Returns how many were removed."""
    files, _ = read_manifest(site_dir)
    removed = 0
    for relative in sorted(files):
        try:
            os.unlink(os.path.join(site_dir, *_parts(relative)))
            removed += 1
        except (PathEscape, FileNotFoundError, IsADirectoryError):
            continue
    (site_dir / MANIFEST).unlink(missing_ok=True)
    (site_dir / UNFINISHED).unlink(missing_ok=True)
    for folder in sorted(site_dir.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()
    if not any(site_dir.iterdir()):
        site_dir.rmdir()
    return removed


def _parts(relative: str) -> list[str]:
    """The components of one of our output paths: slugs and fixed names joined by "/".
    Anything else (absolute, "..", ".", empty parts, backslashes, NUL) is refused outright,
    not normalised."""
    parts = relative.split("/")
    if (
        not relative
        or "\\" in relative
        or "\0" in relative
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise PathEscape(f"output path {relative!r} would leave the site folder")
    return parts


def read_manifest(site_dir: Path) -> tuple[set[str], dict[str, str]]:
    """The files the last build of `site_dir` wrote, and the keys of its pages."""
    files, keys, _ = _read_manifest(site_dir)
    return set(files), keys


def _read_manifest(site_dir: Path) -> tuple[list[str], dict[str, str], object]:
    """`read_manifest`, its files in the order written, and the ledger the publisher
    kept there (None if none)."""
    try:
        saved = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, TypeError):
        return [], {}, None
    if isinstance(saved, list):  # written before pages had keys
        return [str(name) for name in saved], {}, None
    if not isinstance(saved, dict):
        return [], {}, None
    files = saved.get("files", [])
    keys = saved.get("keys", {})
    return _texts(files), _text_pairs(keys), saved.get("ledger")


def _texts(value: object) -> list[str]:
    """`value` if it is a list of texts, as JSON gives it: checked by kind, not made
    again text by text (34,000 files a province at 100,000 releases); else the texts
    made of what it holds."""
    if type(value) is not list:
        return []
    if set(map(type, value)) <= {str}:
        return value
    return [str(item) for item in value]


def _text_pairs(value: object) -> dict[str, str]:
    """`value` if it maps texts to texts (checked as `_texts`), else made so."""
    if type(value) is not dict:
        return {}
    if set(map(type, value)) <= {str} and set(map(type, value.values())) <= {str}:
        return value
    return {str(k): str(v) for k, v in value.items()}


def _manifest_bytes(files: Iterable[str], keys: dict[str, str], ledger: object) -> bytes:
    # In the order the build claimed them, which the same pages give again (outputs
    # and plan in a fixed order): not sorted, 40 ms of every push to a province at
    # 100,000 releases (34,000 files, 17,000 keys). The keys in the files' order: a
    # PDF made later (`put_documents`) would otherwise have its key put last in a clean
    # build, and where the last build left it in an incremental one.
    files = list(files)
    ordered = {name: keys[name] for name in files if name in keys}
    if len(ordered) < len(keys):  # a key without its file: kept all the same, last
        ordered |= {name: key for name, key in keys.items() if name not in ordered}
    manifest: dict[str, object] = {"files": files, "keys": ordered}
    if ledger is not None:
        manifest["ledger"] = ledger
    # Compact: only then is json's C encoder used (5,500 files a site at 10,000).
    return json.dumps(manifest, separators=(",", ":")).encode("utf-8")


def end_site(site_dir: Path) -> None:
    """The build of `site_dir` finished: drop the mark `begin_site` set."""
    (site_dir / UNFINISHED).unlink(missing_ok=True)
    _begun.discard(str(site_dir.resolve()))


def _replace(path: str, data: bytes) -> None:
    """Atomically put `data` at `path`: a temp file beside it, then a rename.

    Site output needs no fsync (a build regenerates it), only that no reader ever
    sees half a file; the temp name is fixed per process, so no random names.
    """
    folder, name = os.path.split(path)
    temp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # whatever the umask: the web server reads as another user
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)  # a full disk must not leave half a file behind, even hidden
        raise


class SiteWriter:
    """`stats`: where the size and mtime of each file are kept when the build finishes
    (generator.public.damage), None if nowhere. A page's key from the last build is trusted
    only with them: damaged files were removed before this build (`damage.repair`),
    so a page that is still there is whole, or, when the build checks the site after
    its pages are out (`damage.trusted`), a page left alone keeps its old stats, which
    that check compares; without them every page is made, and written only if its
    bytes differ. `checked`: what that repair found, so the files it saw whole are not
    looked for again. `precompress`: a `.gz` twin beside every text
    file; without, the twins a build with them left are stale at `finish`."""

    def __init__(
        self,
        site_dir: Path,
        stats: Path | None = None,
        precompress: bool = True,
        later: bool = False,
        checked: damage.Checked | None = None,
    ) -> None:
        self.site_dir = site_dir.resolve()
        self.precompress = precompress
        # Documents (`document`) left for after every site's pages: `newsroom build`,
        # which makes them then (`put_documents`); `pending` lists them.
        self.later = later
        self.pending: list[Pending] = []
        self._root = str(self.site_dir)
        self.written: dict[str, str] = {}  # relative path -> what produced it
        self.keys: dict[str, str] = {}  # relative path -> the key its page was made from
        self.changed = 0
        self.made = 0  # pages made (not skipped for an unchanged key)
        self._folders: set[str] = set()
        begin_site(self.site_dir)
        self._folder("")
        files, self._previous_keys, ledger = _read_manifest(self.site_dir)
        self._previous_files = set(files)
        self._stats = stats
        # The sizes and mtimes the last build left, every file checked against them just
        # before this build (damage.repair): a file this build does not write keeps them.
        # The files that check saw whole, as one set: a page asks for itself and its twin,
        # 34,000 questions a province at 100,000 releases (None: not checked, looked for).
        self._whole = checked.whole_files() if checked is not None else None
        self._previous_stats = damage.load(stats) if checked is None else checked.stats
        if self._previous_stats is None:
            self._previous_keys, ledger = {}, None
        # What the publisher noted of the build that made those keys (generator.public.
        # ledger): saved with this build's keys, in one file, so the two always agree.
        self.previous_ledger: object = ledger
        self.ledger: object = None
        self._touched: set[str] = set()  # the paths written (or seen right) this build
        self._abandoned: set[str] = set()  # claimed by an attempt given up (`rewind`)
        # When `finish` had every page on disk and every stale file removed: what readers
        # see, before the build's own records (on time.monotonic(); 0.0 until then).
        self.pages_out_at = 0.0

    # --- where -------------------------------------------------------------

    def target(self, relative: str) -> Path:
        """The absolute path for `relative`, refused if it could leave the site folder."""
        return Path(self._path(relative))

    def _path(self, relative: str) -> str:
        parts = _parts(relative)
        self._folder("/".join(parts[:-1]))  # folders are checked once each for symlinks
        return os.path.join(self._root, *parts)

    def _folder(self, relative: str) -> None:
        """Make the folder (once), refusing any symlink on the way: a link planted in
        the site folder must not carry our writes elsewhere."""
        if relative in self._folders:
            return
        if relative:
            parent, _, _ = relative.rpartition("/")
            self._folder(parent)
        path = os.path.join(self._root, relative) if relative else self._root
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            os.makedirs(path, exist_ok=True)
            mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode) or not stat.S_ISDIR(mode):
            raise PathEscape(f"output folder {relative!r} in {self.site_dir} is not a folder")
        self._folders.add(relative)

    def claim(self, relative: str, source: str) -> Path:
        self._claim(relative, source)
        return self.target(relative)

    def _claim(self, relative: str, source: str) -> None:
        previous = self.written.get(relative)
        if previous is not None and previous != source:
            raise OutputConflict(f"{relative!r} is produced by both {previous} and {source}")
        self.written[relative] = source

    # --- what ---------------------------------------------------------------

    def page(
        self, relative: str, key: str, source: str, make: Callable[[], Sequence[Part]]
    ) -> None:
        """The page `make` builds from its parts, unless the last build wrote this path
        from the same `key` (everything the page shows, hashed) and it is still there."""
        self._claim(relative, source)
        self.keys[relative] = key
        twin = relative + ".gz" if self.precompress else None
        if twin is not None:
            self._claim(twin, source)
        if self._previous_keys.get(relative) == key and self._there(relative, twin):
            return  # not even its path is worked out: 2,000 such pages a site a rebuild
        path = self._path(relative)
        self.made += 1
        if not self.precompress:
            self._put_plain(path, b"".join(part.data for part in make()))
            return
        data, packed = gzparts.join(make())
        self._put(path, data, packed)

    def _there(self, relative: str, twin: str | None = None) -> bool:
        """Whether the file the last build wrote at `relative` (and its `twin`, if
        given) is still whole: as the damage check before this build found it, or else
        looked for."""
        whole = self._whole
        if whole is not None:
            return relative in whole and (twin is None or twin in whole)
        paths = (relative,) if twin is None else (relative, twin)
        return all(os.path.isfile(self._path(path)) for path in paths)

    def previous_key(self, relative: str) -> str | None:
        """The key the last build made the page at `relative` from (if it is trusted)."""
        return self._previous_keys.get(relative)

    def keyed(self, relative: str, key: str, source: str, make: Callable[[], bytes]) -> None:
        """A file that is not text (a PDF), made by `make` only when the last build did
        not write this path from the same `key` or the file is gone; no `.gz` twin."""
        self._claim(relative, source)
        self.keys[relative] = key
        path = self._path(relative)
        if self._previous_keys.get(relative) == key and self._there(relative):
            return
        data = make()
        self.made += 1
        if not _holds(path, data):
            self._replace(path, data)
            self.changed += 1

    def document(
        self,
        relative: str,
        key: str,
        source: str,
        html: Callable[[], str],
        lay_out: Callable[[str], bytes],
    ) -> None:
        """A file laid out from HTML (the bulletin's PDF, the slowest file of a site):
        as `keyed`, or, when this writer leaves documents for later, only noted in
        `pending`, the last build's file and key kept until `put_documents` makes it."""
        if not self.later:
            self.keyed(relative, key, source, lambda: lay_out(html()))
            return
        self._claim(relative, source)
        previous = self._previous_keys.get(relative)
        if previous == key and self._there(relative):
            self.keys[relative] = key
            return
        if previous is not None:
            self.keys[relative] = previous  # what the file on disk is, until made
        self.pending.append(Pending(relative, key, html()))

    def write(self, relative: str, data: bytes, source: str) -> None:
        self._claim(relative, source)
        path = self._path(relative)
        if not self.precompress or not relative.endswith(COMPRESSIBLE):
            self._put_plain(path, data)
            return
        self._claim(relative + ".gz", source)
        if _holds(path, data) and os.path.isfile(path + ".gz"):
            self._touched.add(path)  # its bytes seen right: its stat taken anew
            return  # unchanged: its twin is current too, since twins are written first
        self._put(path, data, gzparts.gzip_bytes(data))

    def write_text(self, relative: str, text: str, source: str) -> None:
        self.write(relative, text.encode("utf-8"), source)

    def _put_plain(self, path: str, data: bytes) -> None:
        if not _holds(path, data):
            self._replace(path, data)
            self.changed += 1
        self._touched.add(path)  # written, or its bytes seen right: its stat taken anew

    def _put(self, path: str, data: bytes, packed: bytes) -> None:
        same = _holds(path, data)
        # Its bytes seen right (a killed build had written them, or it was touched): its
        # stat taken anew, or the check after a trusting build would call it damaged.
        self._touched.add(path)
        if same and os.path.isfile(path + ".gz"):
            return
        # The twin before the file: a build killed between the two leaves the old file,
        # which the next build sees as changed, so a stale twin never outlives it.
        if not _holds(path + ".gz", packed):
            self._replace(path + ".gz", packed)
            self.changed += 1
        if not same:  # only its twin was missing: the file itself is left as it is
            self._replace(path, data)
            self.changed += 1

    def _replace(self, path: str, data: bytes) -> None:
        _replace(path, data)
        self._touched.add(path)

    def copy(self, relative: str, source_file: Path, source: str) -> None:
        """Copy a photo or PDF; skipped when size and mtime already match."""
        path = self.claim(relative, source)
        stat_in = source_file.stat()
        try:
            current = path.stat()
            if current.st_size == stat_in.st_size and current.st_mtime_ns == stat_in.st_mtime_ns:
                return
        except FileNotFoundError:
            pass
        temp = path.with_name(f".{path.name}.tmp")
        shutil.copy2(source_file, temp)
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
        self._touched.add(str(path))
        self.changed += 1

    def link(self, relative: str, source_file: Path, source: str) -> None:
        """Make `relative` another name of `source_file`, a file of the build cache (a
        derived photo: shown by 39 sites, its bytes are on the disk once); a copy where
        the file system has no hard links. Skipped when it already is that file."""
        path = self.claim(relative, source)
        with contextlib.suppress(OSError):
            if os.path.samefile(path, source_file) or _same_bytes(path, source_file):
                return  # a set made again (its cache was cleared): the old name still holds
        temp = path.with_name(f".{path.name}.tmp")
        temp.unlink(missing_ok=True)
        try:
            os.link(source_file, temp)
        except OSError:
            shutil.copyfile(source_file, temp)
            os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
        self._touched.add(str(path))
        self.changed += 1

    def adopt(self, relative: str, source: str) -> None:
        """Record a file another writer (MkDocs) made, and compress it."""
        path = self.claim(relative, source)
        self._touched.add(str(path))  # written by MkDocs, not here: its stat is taken anew
        if self.precompress and relative.endswith(COMPRESSIBLE) and path.is_file():
            self._claim(relative + ".gz", source)
            packed = gzparts.gzip_bytes(path.read_bytes())
            if not _holds(str(path) + ".gz", packed):
                self._replace(str(path) + ".gz", packed)
                self.changed += 1

    # --- starting again -------------------------------------------------------------

    def mark(self) -> tuple[dict[str, str], dict[str, str], int]:
        """What was claimed so far, for `rewind`."""
        return dict(self.written), dict(self.keys), len(self.pending)

    def rewind(self, mark: tuple[dict[str, str], dict[str, str], int]) -> None:
        """Forget the claims made since `mark`: the site is written again (without a
        release that failed), and what only that attempt wrote is stale at `finish`."""
        written, keys, pending = mark
        del self.pending[pending:]
        # A page the failed attempt made may show the release left out: made again.
        for relative in self.written.keys() - written.keys():
            self._previous_keys.pop(relative, None)
            self._abandoned.add(relative)
        self.written, self.keys = dict(written), dict(keys)

    # --- the end ------------------------------------------------------------------

    def finish(self) -> list[str]:
        """Delete files we wrote last time but not this time; save the manifest."""
        stale = sorted((self._previous_files | self._abandoned) - set(self.written))
        for relative in stale:
            try:
                os.unlink(self._path(relative))
            except (PathEscape, FileNotFoundError):
                continue
        # The manifest and the stats are ours, read by the next build alone: 0.1 s of a
        # province's build at 100,000 releases that no reader waits for.
        self.pages_out_at = time.monotonic()
        data = _manifest_bytes(self.written, self.keys, self.ledger)
        write_atomic(self.site_dir / MANIFEST, data, durable=False)
        damage.save(self._stats, self._file_stats())
        end_site(self.site_dir)
        return stale

    def _file_stats(self) -> damage.Stats:
        """The size and mtime of every file written: a stat for each this build wrote
        (or found with the right bytes), and for a file it left alone, what the last
        build left (checked before this build to still hold, or after it: see
        `damage.trusted`): a rebuild touching 20 pages stats 20 files, not 5,500."""
        previous = self._previous_stats or {}
        start = len(os.path.join(self._root, ""))
        written = self.written.keys()
        touched = {path[start:] for path in self._touched}
        # By sets, not file by file (34,000 files a province at 100,000 releases, 30 ms):
        # the last build's stats, less the files gone or stated anew. In its order, the
        # fresh ones after it: what the next build compares is each file's pair.
        fresh = (written - previous.keys()) | (touched & written)
        kept = dict(previous)
        for relative in (previous.keys() - written) | fresh:
            kept.pop(relative, None)
        return kept | damage.stats_of(self.site_dir, sorted(fresh))


def put_documents(
    site_dir: Path, stats: Path | None, made: Iterable[tuple[Pending, bytes]]
) -> None:
    """Write the documents a site's build left for later (`SiteWriter.document`), then
    record them as that build would have: their keys in the manifest, their sizes and
    mtimes beside the site's others (generator.public.damage)."""
    files, keys, ledger = _read_manifest(site_dir)
    written = []
    for pending, data in made:
        path = _inside(site_dir, pending.relative)
        if not _holds(path, data):
            _replace(path, data)
        keys[pending.relative] = pending.key
        written.append(pending.relative)
    data = _manifest_bytes(files, keys, ledger)  # the ledger kept: the same build's
    write_atomic(site_dir / MANIFEST, data, durable=False)
    kept = damage.load(stats)
    if kept is not None:
        damage.save(stats, kept | damage.stats_of(site_dir, sorted(written)))


def _inside(site_dir: Path, relative: str) -> str:
    """`relative` in `site_dir`, its folders made by the site's build: refused if any of
    them is no longer a folder (a link planted since must not carry a write elsewhere)."""
    parts = _parts(relative)
    folder = str(site_dir.resolve())
    for part in parts[:-1]:
        folder = os.path.join(folder, part)
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            raise PathEscape(f"output folder {folder!r} is not a folder")
    return os.path.join(folder, parts[-1])
