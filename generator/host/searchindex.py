"""Each public site's search index: Pagefind run over the site's release pages after
the site is written, its files published in `<site>/pagefind/`. A province's holds its
own offices' releases; the central releases, the same text on every province, are
indexed once into the build cache and linked into each province's `pagefind/pusat/`
(generator.host.indexparts says which pages each index takes, indexlinks links).

Pages never wait for the index: `newsroom build` writes the sites first, then
refreshes the index of each site whose release pages changed (`refresh_indexes`),
so the index may trail the pages by the time this step takes (the README states
it; the bench measures it). Only what a public release page marks with
`data-pagefind-body` is indexed (themes/lite/partials/article.html): a withdrawn
release's tombstone, and every page of an office's preview, are never marked, and
an office preview builds no index at all. Under `newsroom serve`, which builds
through MkDocs' own serve loop, the public plugin makes the served site's index
after each rebuild's pages (generator.host.publicplugin).

A site's index is made again only when the keys of what it reads of its release
pages (their articles, not their related releases, in the writer's manifest:
generator.public.searchkeys.searched_page_key) or Pagefind's version changed since the
index was last made (its key kept in the build cache, as the sites' fingerprints).
Pagefind names its files by content hash and writes the same bytes for the same
pages, once its filters are in one order (generator.host.steadyindex), so an
incremental build gives the index of a clean one. The new files are put beside the
old ones, `pagefind-entry.json` (which names the rest) last, and only then are the
old ones removed: a reader mid-search keeps finding the pieces its index names.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.content.messages import cli_text, language
from generator.host import indexchunks, indexlinks
from generator.host.indexparts import RELEASE_PAGES, WHOLE, Part, Shared
from generator.host.indexpublish import ENTRY, LANGUAGE, PUBLISHED, publish
from generator.host.steadyindex import UnexpectedIndex, steady
from generator.public.searchkeys import INDEX, SHARED, searched_part
from generator.public.siterecords import record_path
from generator.public.writer import MANIFEST, read_manifest
from generator.util.fsio import write_if_changed

log = logging.getLogger("mkdocs.plugins.newsroom")

MARK = b"data-pagefind-body"
# Each site's index; SHARED, within it in a provincial site, the central releases'
# index made once for every province (see `Shared`), under the same rules.
FOLDER = INDEX
# Pagefind's run for one site is given up after this long (its process killed, and the
# index made once more): run through Pagefind's API, it once waited for a request while
# we waited for its answer. A run takes 0.6-3 s for 800 pages on two busy cores.
STALL_SECONDS = 60.0
STALL_SECONDS_A_PAGE = 0.1
KILLED_SECONDS = 10.0  # how long a killed run may take to be gone


@dataclass(frozen=True)
class IndexResult:
    """One site's index after `refresh_indexes`: its pages and bytes; `skipped` when
    its release pages had not changed since it was made."""

    site_id: str
    seconds: float
    pages: int
    size: int  # bytes of the published index files
    skipped: bool = False


@dataclass(frozen=True)
class IndexJob:
    """The indexes a build leaves to be made (`refresh_indexes`' arguments): made at
    once by `newsroom build`, handed to a process of their own by `newsroom watch`."""

    out: Path
    site_ids: tuple[str, ...]
    cache: Path | None
    jobs: int = 0
    precompress: bool = True
    shared: Shared | None = None
    # Sites whose indexes are made again whatever their records say: built again after
    # an index of theirs was handed over (a damaged file repaired), perhaps made without it.
    again: tuple[str, ...] = ()

    def run(self) -> list[IndexResult]:
        return refresh_indexes(
            self.out,
            list(self.site_ids),
            self.cache,
            self.jobs,
            self.precompress,
            self.shared,
            self.again,
        )

    def joined(self, later: IndexJob) -> IndexJob:
        """This job's sites and a later build's, on the later build's settings."""
        sites = tuple(dict.fromkeys(self.site_ids + later.site_ids))
        again = tuple(sorted(set(self.again) | set(later.again)))
        settings = (later.cache, later.jobs, later.precompress, later.shared)
        return IndexJob(later.out, sites, *settings, again)


@contextlib.contextmanager
def made_meanwhile(job: IndexJob | None) -> Iterator[set[str]]:
    """`job`'s indexes made in a thread while the caller goes on (Pagefind runs in
    processes of its own; the thread waits for them, then reshapes what they wrote);
    waited for on leaving. The caller adds to the set it is
    given the sites it rebuilt meanwhile (a damaged file repaired under Pagefind's
    eyes): their records are forgotten, so the next run indexes them again. What the
    thread raised is only logged: a site whose refresh failed has no record (see
    `_refresh`), and the next run makes it again, or says what fails. None: nothing."""
    again: set[str] = set()
    if job is None:
        yield again
        return
    with ThreadPoolExecutor(1, thread_name_prefix="search-index") as thread:
        made = thread.submit(job.run)
        yield again
    if made.exception() is not None:
        log.debug("search indexes made meanwhile: %s", made.exception())
    for site_id in again & set(job.site_ids):
        forget_index(job.out / site_id, job.cache)
        if job.shared is not None and site_id == job.shared.source and job.cache is not None:
            with contextlib.suppress(OSError):  # the central releases' index: made again
                _shared_record(job.out, job.cache).unlink(missing_ok=True)


def forget_index(site_dir: Path, cache: Path | None) -> None:
    """The records of the site's indexes removed: the next refresh makes them again."""
    if cache is not None:
        for record in (_record_of(site_dir, cache), _linked_record(site_dir, cache)):
            with contextlib.suppress(OSError):
                record.unlink(missing_ok=True)


def _record_of(site_dir: Path, cache: Path) -> Path:
    return record_path(cache, site_dir).with_suffix(".search.txt")


def _linked_record(site_dir: Path, cache: Path) -> Path:
    """The key of the central releases' index last linked into the site."""
    return record_path(cache, site_dir).with_suffix(".pusat.search.txt")


def _shared_record(out: Path, cache: Path) -> Path:
    return record_path(cache, out).with_suffix(".pusat.txt")


def _shared_made(out: Path, cache: Path | None, shared: Shared) -> Path:
    """Where the central releases' index is made: in the build cache (each province's
    is a link to it), or without one in the source province's own folder."""
    if cache is None:
        return out / shared.source / FOLDER / SHARED
    return record_path(cache, out).with_suffix(".pusat")


def refresh_indexes(
    out: Path,
    site_ids: list[str],
    cache: Path | None,
    jobs: int = 0,
    precompress: bool = True,
    shared: Shared | None = None,
    again: Collection[str] = (),
) -> list[IndexResult]:
    """Make again the index of each site in `out/<site id>` whose release pages changed,
    `jobs` at a time (0: one per core); `precompress`: with `.gz` twins, as the sites;
    `shared`: the provinces' central releases indexed once (None: each site whole);
    `again`: sites whose indexes are made again even if their records say made."""
    limit = jobs or os.cpu_count() or 1
    refresh = _Refresh(out, cache, precompress, shared, frozenset(again))
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case: no event loop in this thread
        return asyncio.run(refresh.all(site_ids, limit))
    # Called from code that runs a loop of its own (a test driving a browser): in a
    # thread of its own, where asyncio.run may start one.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, refresh.all(site_ids, limit)).result()


@dataclass(frozen=True)
class _Refresh:
    out: Path
    cache: Path | None
    precompress: bool
    shared: Shared | None
    again: frozenset[str]

    async def all(self, site_ids: list[str], limit: int) -> list[IndexResult]:
        gate = asyncio.Semaphore(limit)
        shared = self.shared
        split = [s for s in site_ids if shared is not None and s in shared.provinces]

        async def one(site_id: str) -> IndexResult:
            async with gate:
                site_dir = self.out / site_id
                if site_id not in split:  # its central releases indexed with the rest
                    _remove_tree(site_dir / FOLDER / SHARED)
                part = shared.own_part() if shared is not None and site_id in split else WHOLE
                folder = site_dir / FOLDER
                record = _record_of(site_dir, self.cache) if self.cache else None
                return await self.one(site_dir, part, folder, record, site_id)

        async def central() -> IndexResult:
            assert shared is not None
            async with gate:
                made = _shared_made(self.out, self.cache, shared)
                record = _shared_record(self.out, self.cache) if self.cache else None
                label = f"{SHARED} ({shared.source})"
                source = self.out / shared.source
                return await self.one(source, shared.part(), made, record, label)

        runs = [one(site_id) for site_id in site_ids]
        if shared is not None and split and (self.out / shared.source / MANIFEST).is_file():
            runs.append(central())
        # Every run to its end, and the central releases' index linked, even when one
        # site's run failed: then the first failure is raised.
        done = await asyncio.gather(*runs, return_exceptions=True)
        if shared is not None and split:
            await asyncio.to_thread(self.link, shared, split)
        for outcome in done:
            if isinstance(outcome, BaseException):
                raise outcome
        return [outcome for outcome in done if isinstance(outcome, IndexResult)]

    def link(self, shared: Shared, provinces: list[str]) -> None:
        """The central releases' index, as made, in each of `provinces`."""
        made = _shared_made(self.out, self.cache, shared)
        key = _recorded(_shared_record(self.out, self.cache)) if self.cache else None
        listed: indexlinks.Made | None = None  # the made files, read once if any is linked
        for site_id in provinces:
            site_dir = self.out / site_id
            target = site_dir / FOLDER / SHARED
            if target == made or not (site_dir / MANIFEST).is_file():
                continue
            record = _linked_record(site_dir, self.cache) if self.cache else None
            # The source's index made again whatever its record said (see IndexJob.again):
            # perhaps other bytes under the same key, so every province linked again.
            again = shared.source in self.again
            recorded = _recorded(record) if record is not None and not again else None
            if (
                key is not None
                and recorded == key
                and (target / ENTRY).is_file() == (made / ENTRY).is_file()
            ):
                continue
            if record is not None:
                record.unlink(missing_ok=True)
            if (made / ENTRY).is_file():
                listed = listed or indexlinks.Made.read(made, ENTRY)
                indexlinks.link_all(listed, target, ENTRY)
            else:  # no central release to find: none shown, or the index not made
                _remove_tree(target)
            if record is not None and key is not None:
                with contextlib.suppress(OSError):  # linked again next time
                    write_if_changed(record, f"{key[0]}\n{key[1] or 0}".encode(), durable=False)

    async def one(
        self, site_dir: Path, part: Part, folder: Path, record: Path | None, label: str
    ) -> IndexResult:
        started = time.monotonic()
        # A site in `again` (its source's, for the central releases'): made whatever its
        # record says, and recorded anew.
        again = site_dir.name in self.again
        kept = _read_record(record) if record is not None and not again else None
        # Taken before the manifest is read for the key: a manifest replaced meanwhile
        # then has another stamp than the one recorded, and its key is worked out again.
        stamp = manifest_stamp(site_dir, part, self.precompress) if record else None
        # An index with no page to find (none recorded, size 0) has no entry: current too.
        made = (folder / ENTRY).is_file() or (kept is not None and kept[1] == 0)
        if kept and made and kept[1] is not None and stamp is not None and kept[2] == stamp:
            # The manifest the index was made from, unchanged: the key too (reading
            # 39 manifests for their keys took a third of a second of every rebuild).
            return IndexResult(label, 0.0, 0, kept[1], skipped=True)
        key = index_key(site_dir, part) + ("" if self.precompress else " plain")
        if record and kept and kept[0] == key and made:
            # Its size as recorded when it was made: walking 800 files per site to count
            # bytes took longer than the rest of a rebuild's index step.
            size = kept[1]
            if size is None:  # recorded before sizes were: recorded with it from now on
                size = _size(folder)
            _write_record(record, key, size, stamp)  # the manifest's new stamp, kept
            return IndexResult(label, 0.0, 0, size, skipped=True)
        if record is not None:
            record.unlink(missing_ok=True)  # a killed refresh must not look finished
        # Pagefind's process may outlive a killed build and still write where that build
        # staged: each run stages in a folder of its own, and clears those of dead runs.
        name = f".{site_dir.name}.{folder.name}"
        for stale in site_dir.parent.glob(f"{name}.*.tmp"):
            shutil.rmtree(stale, ignore_errors=True)
        staging = site_dir.parent / f"{name}.{os.getpid()}.tmp"
        try:
            pages = await _index(site_dir, staging, part)
            if (site_dir / MANIFEST).is_file():  # not retired meanwhile (the service's runs)
                publish(staging, folder, self.precompress)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        size = _size(folder)
        if record is not None:
            _write_record(record, key, size, stamp)
        result = IndexResult(label, time.monotonic() - started, pages, size)
        params = {"site": result.site_id, "pages": pages, "seconds": f"{result.seconds:.2f}"}
        log.info(cli_text("search_indexed", language(), params))
        return result


def _remove_tree(folder: Path) -> None:
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def index_key(site_dir: Path, part: Part = WHOLE) -> str:
    """What the index is made from: the keys of the site's release pages it takes
    (what of each page the index reads, hashed by the writer: not its related
    releases) and Pagefind's version."""
    _, keys = read_manifest(site_dir)
    pages = sorted((p, searched_part(k)) for p, k in keys.items() if part.takes(p))
    text = repr((*_made_with(part), pages))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _made_with(part: Part) -> tuple[object, ...]:
    """What an index is made with besides its pages: Pagefind's version and our settings
    (its part by name: the pages taken are listed, which offices' matters no more). In
    `index_key` and `manifest_stamp` alike, so a stamp always changes with the key."""
    return (_binary_version(), LANGUAGE, PUBLISHED, indexchunks.TARGET, part.name)


@functools.cache  # a millisecond a look: once per process (an index run is one)
def _binary_version() -> str:
    """The version of the Pagefind binary installed (standard or extended build)."""
    for package in ("pagefind_bin", "pagefind_bin_extended", "pagefind"):
        try:
            return f"{package} {metadata.version(package)}"
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def _recorded(record: Path) -> tuple[str, int | None] | None:
    """The key an index was made from, and its size if recorded with it."""
    kept = _read_record(record)
    return kept[:2] if kept is not None else None


def _read_record(record: Path) -> tuple[str, int | None, str | None] | None:
    """`_recorded`, and the stamp of the manifest the key came from (`manifest_stamp`;
    None in a record written before stamps were)."""
    try:
        key, size, stamp, *_ = [*record.read_text(encoding="utf-8").split("\n"), "", ""]
    except (OSError, UnicodeDecodeError):
        return None
    return key, int(size) if size.isdigit() else None, stamp or None


def _write_record(record: Path, key: str, size: int, stamp: str | None) -> None:
    text = f"{key}\n{size}" + (f"\n{stamp}" if stamp else "")
    with contextlib.suppress(OSError):  # the next build makes it again
        write_if_changed(record, text.encode(), durable=False)


def manifest_stamp(site_dir: Path, part: Part, precompress: bool) -> str | None:
    """The site's manifest as a file, with everything else `index_key` hashes but its
    pages' keys: the same stamp, the same key. None without a manifest.

    The writer replaces the manifest whole (a new file renamed over it), so a new
    manifest has another inode than the one it replaces, which exists until then; only
    a third write could take the first one's inode back, within one tick of the clock
    (a few ms) and at the same size: never, at a site build's pace."""
    try:
        found = os.stat(site_dir / MANIFEST)
    except OSError:
        return None
    offices = None if part.offices is None else tuple(sorted(part.offices))
    settings = repr((_made_with(part), offices, precompress))
    digest = hashlib.blake2b(settings.encode("utf-8"), digest_size=8)
    file = f"{found.st_dev}:{found.st_ino}:{found.st_size}:{found.st_mtime_ns}"
    return f"{file}:{digest.hexdigest()}"


def has_searchable(site_dir: Path, pages: list[str] | None = None) -> bool:
    """Whether any release page (of `pages`, if given) is marked for the index (usually
    the first one read). Pagefind indexes every page whole when none is: then no index."""
    found = (site_dir / page for page in pages) if pages is not None else None
    for page in found or site_dir.glob(RELEASE_PAGES):
        with contextlib.suppress(OSError), page.open("rb") as handle:
            if MARK in handle.read():
                return True
    return False


async def _index(site_dir: Path, staging: Path, part: Part = WHOLE) -> int:
    """Pagefind over the site's release pages that `part` takes (those marked: once one
    page is, Pagefind leaves out the others), its files written to `staging`; nothing
    without a mark."""
    _, keys = read_manifest(site_dir)
    pages = sorted(p for p in keys if part.takes(p))
    if not has_searchable(site_dir, pages):
        return 0
    _binary()  # none installed: said at once, not tried twice
    limit = STALL_SECONDS + STALL_SECONDS_A_PAGE * len(pages)
    glob = part.glob(pages)
    try:
        pages_made = await asyncio.wait_for(_run_pagefind(site_dir, staging, glob), limit)
        await to_its_end(_reshape, staging)  # other sites' Pagefind runs go on
    except PagefindStopped:
        raise  # a signal from outside (Ctrl+C reaches its process group): not made again
    except (OSError, UnexpectedIndex) as error:  # TimeoutError is an OSError
        # A run that never ended, failed, or left a file empty or short: made once more
        # from scratch; a second failure is raised.
        if isinstance(error, TimeoutError):
            params = {"site": site_dir.name, "seconds": f"{limit:.0f}"}
            log.warning(cli_text("search_index_stalled", language(), params))
        shutil.rmtree(staging, ignore_errors=True)
        pages_made = await asyncio.wait_for(_run_pagefind(site_dir, staging, glob), limit)
        await to_its_end(_reshape, staging)
    return pages_made


async def to_its_end(work: Callable[[Path], None], folder: Path) -> None:
    """`work(folder)` in a thread, awaited to its end even when the run is cancelled (a
    stop): a thread cannot be stopped, and the caller removes `folder` once cancelled.
    Awaited as `asyncio.to_thread` alone, the thread went on writing into the staging
    folder being removed, and a stop left part of it behind (one CI run in five)."""
    # A future, not a task: what `asyncio.run` cancels as it ends (a second Ctrl+C) is
    # its tasks, and a task of `to_thread` cancelled is done while its thread runs on.
    running = asyncio.get_running_loop().run_in_executor(None, work, folder)
    try:
        await asyncio.shield(running)
    except asyncio.CancelledError:
        while not running.done():
            with contextlib.suppress(asyncio.CancelledError):  # a second cancel: still
                await asyncio.wait([running])
        raise


def _reshape(staging: Path) -> None:
    """Pagefind's index as it is published: its word index in smaller chunks (a query
    fetches less), its filters in one order (the same pages, the same bytes)."""
    indexchunks.rechunk(staging)
    steady(staging)


class PagefindFailed(OSError):
    """Pagefind's run ended in failure: its exit status and last words, or what it left."""


class PagefindStopped(PagefindFailed):
    """Pagefind's run was ended by a signal we did not send."""


async def _run_pagefind(site_dir: Path, staging: Path, glob: str = RELEASE_PAGES) -> int:
    """Pagefind's command over the site's release pages, its files written to `staging`;
    the pages it indexed. One process a site, which reads, writes and exits. Its Python
    API runs the same binary as a service and polls for each answer every 0.1 s, and it
    answers "written" while its files are still being written (ending it then lost
    them): the command took half the API's time, 0.6 s a site against 1.1-1.6 s."""
    staging.mkdir(parents=True)
    arguments = ["--site", str(site_dir), "--glob", glob, "--force-language", LANGUAGE]
    # What it says goes to a file, not a pipe: a process it left behind holding the
    # pipe would keep the wait for its end from ever returning.
    with tempfile.TemporaryFile() as said:
        process = await asyncio.create_subprocess_exec(
            str(_binary()),
            *arguments,
            "--output-path",
            str(staging),
            cwd=staging,  # the command reads a pagefind.yml in its folder: none here
            env=_environment(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=said,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            await process.wait()
        finally:
            if process.returncode is None:  # given up (see _index): not left running
                process.kill()
                await asyncio.wait_for(process.wait(), KILLED_SECONDS)
        code = process.returncode
        if code != 0:
            said.seek(max(0, os.fstat(said.fileno()).st_size - 500))
            last = said.read().decode("utf-8", "replace").strip()
            failed = PagefindStopped if code is not None and code < 0 else PagefindFailed
            raise failed(f"pagefind exited with {code}: {last}")
    return _written(staging)


def _binary() -> Path:
    from pagefind.service import get_executable  # the pagefind_bin package's, or on PATH

    binary = get_executable()
    if binary is None:
        raise FileNotFoundError(errno.ENOENT, "pip install 'pagefind[bin]'", "pagefind")
    return binary


def _environment() -> dict[str, str]:
    """Ours, less Pagefind's settings (PAGEFIND_*, but the one naming its binary): the
    index is made from the pages and our arguments alone."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.upper().startswith("PAGEFIND_") or name == "PAGEFIND_BINARY_PATH"
    }


def _written(staging: Path) -> int:
    """The pages a finished run indexed (a fragment file each). Pagefind writes no empty
    file: one left empty (a write lost) or no entry is a broken index, made again."""
    sizes = _sizes(staging)
    empty = sorted(name for name, size in sizes.items() if not size)
    if empty or ENTRY not in sizes:
        raise PagefindFailed(f"pagefind left {', '.join(empty[:5]) or 'no ' + ENTRY}")
    return sum(1 for name in sizes if name.startswith("fragment/"))


def _sizes(folder: Path) -> dict[str, int]:
    """Every file below `folder` (relative name) and its size: one scan, one stat each."""
    found: dict[str, int] = {}
    folders = [folder]
    while folders:
        current = folders.pop()
        with contextlib.suppress(OSError), os.scandir(current) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):  # gone meanwhile
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(Path(entry.path))
                    elif entry.is_file(follow_symlinks=False):
                        name = Path(entry.path).relative_to(folder).as_posix()
                        found[name] = entry.stat(follow_symlinks=False).st_size
    return found


def _in_shared(name: str) -> bool:
    return name.startswith(SHARED + "/")


def _size(folder: Path) -> int:
    """The bytes of the index's files (not their `.gz` twins, nor the central releases'
    index within it)."""
    return sum(
        (folder / name).stat().st_size
        for name in indexlinks.files_of(folder)
        if not name.endswith(".gz") and not _in_shared(name)
    )
