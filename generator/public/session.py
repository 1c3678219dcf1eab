"""One loaded newsroom per build, shared by every site built from it.

`newsroom build` loads the repository and renders every release once, then
builds the sites in forked processes that inherit this state; `mkdocs build`
and `mkdocs serve` load it on first use.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path

from generator.content.cachedir import usable
from generator.content.messages import cli_text, language
from generator.content.model import Release
from generator.content.problems import Problem, as_typed
from generator.content.repository import Layout, Repository, load_repository
from generator.public.isolate import RenderFailure, vet
from generator.public.memo import BuildMemo
from generator.public.photobook import PhotoBook
from generator.public.render import Renderer
from generator.public.rendercache import CACHE_NAME

log = logging.getLogger("mkdocs.plugins.newsroom")

CACHE_DIR = Path(".cache") / "newsroom"
PHOTOS = "photos"  # the photo cache's folder in CACHE_DIR (generator.public.photocache)


@dataclass
class Session:
    repo: Repository
    renderer: Renderer
    photos: PhotoBook
    memo: BuildMemo = field(default_factory=BuildMemo)
    failures: list[RenderFailure] = field(default_factory=list)
    """Valid releases left out: their dates cannot be shown (see generator.public.isolate)."""

    def keep_shared(self) -> None:
        """After a site is written, by a process that builds more: keep in memory only
        what the sites still to come can use again, the central releases' bodies,
        articles, cards and feed entries (a central release is on the national site and
        on every province that carries it). A regional release is on its province's
        site and at most the national one; what it needs there is read from the render
        cache or made again. Kept, each of the two workers of a cold build at 100,000
        releases grew by some 120 MB a site, to 2 GB, the build's peak memory."""
        self.renderer.keep(_is_central)
        self.memo.keep(self._central_ids)

    @cached_property
    def _central_ids(self) -> frozenset[str]:
        return frozenset(release.id for release in self.repo.by_province.get(None, []))


def _is_central(release: Release) -> bool:
    return release.office.province is None


_sessions: dict[Layout, Session] = {}
_pinned: set[Layout] = set()
# The content's problems this process has logged: `newsroom watch` loads the newsroom
# at every build, and 2,000 warnings at each hook would bury the log.
_said: set[Problem] = set()


def open_session(
    layout: Layout, *, now: datetime, save_later: bool = False, say_again: bool = True
) -> Session:
    """The session for `layout`, validated at the build's instant `now`. A pinned one
    (by `newsroom build`, at the same instant) is reused; otherwise the content is read
    afresh, so `mkdocs serve` sees every edit. `save_later`: the caller saves the parse
    cache itself (see load_repository). `say_again`: log every problem of the content,
    also those this process logged before (False: each once, then a count)."""
    if layout not in _pinned or layout not in _sessions:
        folder = usable(layout.root / CACHE_DIR)  # None: built without caches, warned
        cache_file = folder / "releases.pickle" if folder else None
        # The build's instant: a release dated more than a day ahead is left out and
        # named, as `newsroom check` and the sync refuse it (generator.content.ahead).
        loaded = load_repository(layout, cache_file=cache_file, save_later=save_later, now=now)
        _say(loaded.report.sorted(), say_again)
        repo, failures = vet(loaded)
        for failure in failures:
            # Also among the content's problems: the desk lists them with the others.
            repo.report.problems.append(failure.problem())
            log.error(as_typed(failure.problem()).format(language()))
        cache = folder / CACHE_NAME if folder else None
        renderer = Renderer(layout.assets_dir, cache)
        photos = PhotoBook(layout.assets_dir, folder / PHOTOS if folder else None)
        _sessions[layout] = Session(repo, renderer, photos, failures=failures)
    return _sessions[layout]


def _say(problems: list[Problem], again: bool) -> None:
    """Log `problems` as `newsroom check` says them; unless `again`, only those this
    process has not logged before (still on the desk and in `newsroom check`)."""
    repeated = 0
    for problem in problems:
        said = _as_said(problem)
        if not again and said in _said:
            repeated += 1
            continue
        _said.add(said)
        log.warning(as_typed(problem).format(language()))
    if repeated:
        log.info(cli_text("problems_said_before", language(), {"count": repeated}))


def _as_said(problem: Problem) -> Problem:
    """The problem without the build's instant some messages quote ("more than a day
    after now (…)"): the same file's same fault, said again at every build of the
    service because its `now` moved on, was 3,200 lines a push at 100,000 releases."""
    params = tuple(param for param in problem.params if param[0] != "now")
    return replace(problem, params=params) if params != problem.params else problem


def pin_session(layout: Layout, now: datetime, say_again: bool = True) -> Session:
    """Load once, at `now`, and reuse for every site of this build (and its forked
    workers)."""
    _pinned.discard(layout)
    # `newsroom build` saves the parse cache once its first sites are under way.
    session = open_session(layout, now=now, save_later=True, say_again=say_again)
    _pinned.add(layout)
    return session


def loaded(layout: Layout) -> Session | None:
    """The session last opened for `layout`, if any."""
    return _sessions.get(layout)


def photos_failed() -> dict[str, str]:
    """Every photo this process's sessions could not publish: file -> why (before a
    site's build: what was said already, whichever session that site then uses)."""
    return {k: v for session in _sessions.values() for k, v in session.photos.failed.items()}


def photo_keys() -> set[str]:
    """The keys of every photo set this process's sessions found (before a site's
    build: what the parent found; after it, with what the site's worker found too)."""
    return {key for session in _sessions.values() for key in session.photos.set_keys()}


def forget_sessions() -> None:
    _sessions.clear()
    _pinned.clear()
