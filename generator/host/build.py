"""`newsroom build`: every site (or those named) into `<out>/<site id>/`.

The repository is loaded and every release rendered once in this process;
sites are then built as real MkDocs builds in forked worker processes that
inherit that state, so the work shared by sites is never repeated.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import logging
import multiprocessing
import os
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.content.cachedir import unusable, usable
from generator.content.messages import cli_text, language
from generator.content.problems import Problem, Report, quote
from generator.content.repository import CENTRAL, Layout, load_offices
from generator.host.plugin import ROOT_ENV, settings_from
from generator.public import headers, placeholder
from generator.public.fingerprint import SiteFingerprints, desk_fingerprint, record_path, unchanged
from generator.public.isolate import RenderFailure
from generator.public.schedule import record_build
from generator.public.session import CACHE_DIR, Session, loaded, pin_session
from generator.public.sites import DESK, NATIONAL, Site, plan_sites
from generator.public.writer import MANIFEST, begin_site, remove_built
from generator.util import heap
from generator.util.fsio import write_atomic, write_if_changed
from generator.util.workers import start_worker

log = logging.getLogger("mkdocs.plugins.newsroom")


class BuildError(Exception):
    """The build cannot start: unknown site, no config. `code` names its wording in
    `generator.content.messages.CLI`, filled from `params`."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(cli_text(code, "en", params))
        self.code = code
        self.params = params

    def text(self, lang: str) -> str:
        return cli_text(self.code, lang, self.params)


@dataclass(frozen=True)
class SiteResult:
    site_id: str
    seconds: float
    skipped: bool = False  # nothing it shows changed since its last build
    failures: tuple[RenderFailure, ...] = ()  # releases this site left out


class ReleasesLeftOut(Exception):
    """Raised once every site is built: some valid releases could not be rendered and
    were left out (see generator.public.isolate). `results` are the sites' results."""

    def __init__(self, results: list[SiteResult], failures: list[RenderFailure]) -> None:
        super().__init__(", ".join(f.release_id for f in failures))
        self.results = results
        self.failures = failures


@dataclass(frozen=True)
class Target:
    """What to build: the config file and plugin options that select one site."""

    config_file: Path
    site_key: str
    site_dir: Path | None  # None: as the config says (only read, never built)
    base_url: str | None
    preview: bool
    fingerprint: str = ""  # recorded after a successful build; see generator.public.fingerprint
    cache: Path | None = None
    now: datetime | None = None  # the build's clock, for the plugin (None: only read)


def build(
    layout: Layout,
    wanted: list[str],
    out: Path,
    *,
    base_url: str | None = None,
    jobs: int = 0,
    now: datetime,
) -> list[SiteResult]:
    """Build the sites named in `wanted` (all when empty) as they are at `now`; return
    per-site timings."""
    with config_file(layout) as config:
        started = time.monotonic()
        with heap.collector_paused():
            session = pin_session(layout, now)
        count, problems = len(session.repo.releases), len(session.repo.report.problems)
        took = time.monotonic() - started
        params = {"count": count, "problems": problems, "seconds": f"{took:.2f}"}
        log.info(cli_text("releases_loaded", language(), params))
        try:
            with heap.frozen():
                results = _build_sites(layout, session, wanted, out, config, base_url, jobs, now)
        finally:
            session.repo.save_parse_cache()  # a no-op once saved; a failed build saves too
    failures = {f.release_id: f for f in session.failures}
    for result in results:
        failures.update((f.release_id, f) for f in result.failures)
    if failures:
        raise ReleasesLeftOut(results, sorted(failures.values(), key=lambda f: f.release_id))
    return results


def _build_sites(
    layout: Layout,
    session: Session,
    wanted: list[str],
    out: Path,
    config: Path,
    base_url: str | None,
    jobs: int,
    now: datetime,
) -> list[SiteResult]:
    """The sites of `build`, from the loaded session."""
    preview = layout.kind != CENTRAL
    options = _load(Target(config, "", None, base_url, preview)).plugins["newsroom"].config
    sites = plan_sites(session.repo, settings_from(options))
    if layout.kind != CENTRAL and not wanted:
        wanted = [office_site(layout)]  # an office previews the site its releases go to
    with_desk = layout.kind == CENTRAL and (not wanted or DESK in wanted)
    public = [name for name in wanted if name != DESK]
    chosen = _choose(sites, public) if public or not wanted else []
    # Every body rendered once, before the site workers fork and share it.
    session.renderer.render_all(session.repo.releases, jobs or os.cpu_count() or 1)
    cache = _records(layout.root)
    where = (config, base_url, preview, cache)
    results: list[SiteResult] = []
    with contextlib.ExitStack() as stack:
        desk_target = None
        if with_desk:  # an office repo has no desk; its config already points at its site
            desk = stack.enter_context(desk_config(config, base_url, out / DESK, options))
            plan = sorted((s.key, s.id, s.title, s.url) for s in sites.values())
            fingerprint = desk_fingerprint(session.repo, now, (dict(options.desk), base_url, plan))
            if unchanged(cache, out / DESK, fingerprint):
                results.append(SiteResult(DESK, 0.0, skipped=True))
            else:
                desk_target = Target(
                    desk, DESK, out / DESK, base_url, False, fingerprint, cache, now
                )
        with SiteRunner(jobs, len(chosen) + (desk_target is not None)) as runner:
            if desk_target is not None:
                # First, and before the public sites are even weighed: the desk is the
                # longest build, and the other workers share out the rest.
                runner.submit(desk_target)
            targets, skipped = _public_targets(session, sites, chosen, options, where, out, now)
            for target in targets:
                runner.submit(target)
            session.repo.save_parse_cache()  # while the workers build
            results = runner.results() + skipped + results
    if layout.kind == CENTRAL and not wanted:
        write_site_index(out, chosen, "Newsroom")  # public sites only: never the desk
        retire_sites(out, {site.id for site in sites.values()} | {DESK})
        if now <= datetime.now(UTC):
            # A build at a future --now previews that future; cron must not take it for
            # a build that lifted every embargo up to then (see `schedule --due`).
            record_build(layout.root, now)
    return results


def _public_targets(
    session: Session,
    sites: dict[str, Site],
    chosen: list[Site],
    options: Any,
    where: tuple[Path, str | None, bool, Path | None],
    out: Path,
    now: datetime,
) -> tuple[list[Target], list[SiteResult]]:
    """The sites to build, and those whose fingerprint says nothing they show changed."""
    config, base_url, preview, cache = where
    settings = settings_from(options)
    extra: tuple[object, ...] = (preview, options.page_size, options.feed_size, options.syndication)
    if preview and session.repo.layout.kind != CENTRAL:  # its placeholder pages
        extra += placeholder.fingerprint(placeholder.broken_releases(session.repo), language())

    targets, skipped = [], []
    fingerprints = SiteFingerprints(session.repo, sites, settings, now, extra)
    for site in chosen:
        fingerprint = fingerprints.of(site)
        if unchanged(cache, out / site.id, fingerprint):
            skipped.append(SiteResult(site.id, 0.0, skipped=True))
            continue
        targets.append(
            Target(config, site.key, out / site.id, base_url, preview, fingerprint, cache, now)
        )
    return targets, skipped


def _records(root: Path) -> Path | None:
    """The build cache, if the sites' fingerprint records in it can be written; None
    (warned) if not, and then no site is taken for unchanged: all are built."""
    cache = root / CACHE_DIR
    return cache if usable(cache / "sites") is not None else None


def retire_sites(out: Path, current: set[str]) -> list[str]:
    """Remove what we built into folders of sites no longer built (renamed or disabled in
    mkdocs.yml): left there, their stale pages would still be served. Only files a
    build's manifest lists are removed, so nothing else in `out` is ever touched."""
    retired = []
    for manifest in sorted(out.glob(f"*/{MANIFEST}")):
        folder = manifest.parent
        if folder.name in current:
            continue
        removed = remove_built(folder)
        log.info(cli_text("site_retired", language(), {"site": folder.name, "removed": removed}))
        retired.append(folder.name)
    return retired


def _choose(sites: dict[str, Site], wanted: list[str]) -> list[Site]:
    if not wanted:
        return list(sites.values())
    chosen = []
    for name in wanted:
        match = [s for s in sites.values() if name in (s.key, s.id)]
        if not match:
            known = ", ".join(s.id for s in sites.values())
            raise BuildError("unknown_site", name=quote(name), known=known)
        chosen.append(match[0])
    return chosen


def _load(target: Target) -> Any:
    overrides = {"site_dir": str(target.site_dir)} if target.site_dir else {}
    cfg = load_config(config_file=str(target.config_file), **overrides)
    plugin = cfg.plugins["newsroom"]
    plugin.config.site = target.site_key or plugin.config.site
    plugin.config.preview = plugin.config.preview or target.preview
    if target.base_url:
        plugin.config.base_url = target.base_url
    if target.now is not None:
        plugin.config.now = target.now.isoformat()
    return cfg


def _build_one(target: Target) -> SiteResult:
    start = time.monotonic()
    cfg = _load(target)
    # dirty: MkDocs must not wipe the folder; our writer rewrites only what changed
    # and removes stale files itself.
    logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)
    site_dir = Path(cfg.site_dir)
    begin_site(site_dir)  # clears what a killed build of this site left
    record = record_path(target.cache, site_dir) if target.cache else None
    if record is not None:
        try:
            record.unlink(missing_ok=True)  # a killed build must not look finished
        except OSError as error:
            unusable(record, error)  # a folder in its place: never read as a fingerprint
            record = None
    mkdocs_build(cfg, dirty=True)
    failures = tuple(cfg.plugins["newsroom"].failures)
    # A site that left a release out is built again next time, and says so again.
    if record is not None and target.fingerprint and not failures:
        try:
            write_atomic(record, target.fingerprint.encode(), durable=False)
        except OSError as error:
            unusable(record, error)  # the next build builds this site again
    return SiteResult(site_dir.name, time.monotonic() - start, failures=failures)


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    # Builds are always "dirty" for MkDocs (our writer removes stale files itself), so
    # its advice to use --clean would only mislead an editor reading the log.
    message = record.getMessage()
    return "'dirty' build" not in message and "contains stale files" not in message


class SiteRunner:
    """Builds the sites handed to it: in forked workers that inherit the loaded
    repository, the rendered bodies and the build's clock, each starting as soon as
    it is handed over; or here, one after another, when one worker is all there is."""

    def __init__(self, jobs: int, expected: int | None = None) -> None:
        workers = jobs or os.cpu_count() or 1
        self.workers = workers if expected is None else min(workers, expected)
        self._pool: ProcessPoolExecutor | None = None
        self._queued: list[Target | Future[SiteResult]] = []

    def submit(self, target: Target) -> None:
        if self.workers <= 1:
            self._queued.append(target)
            return
        if self._pool is None:
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=start_worker
            )
        self._queued.append(self._pool.submit(_build_one, target))

    def results(self) -> list[SiteResult]:
        """Every site's result, in the order they were handed over."""
        return [
            _build_one(item) if isinstance(item, Target) else item.result() for item in self._queued
        ]

    def __enter__(self) -> SiteRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def loaded_errors(layout: Layout) -> list[Problem]:
    """The errors found while loading the repository `build` just built: each one keeps
    a release (or the office) from being published."""
    session = loaded(layout)
    return session.repo.report.errors if session is not None else []


def office_site(layout: Layout) -> str:
    """The site an office's releases live on: its province's, or the national one."""
    offices = load_offices(layout, Report())
    office = next(iter(offices.values()), None)
    info = office.province_info if office else None
    return info.site_id if info else NATIONAL


@contextmanager
def config_file(layout: Layout) -> Iterator[Path]:
    """The central `mkdocs.yml`, or for an office repo a generated one (it has none)."""
    if layout.kind == CENTRAL:
        path = layout.root / "mkdocs.yml"
        if not path.is_file():
            raise BuildError("no_mkdocs_yml", path=path)
        os.environ.pop(ROOT_ENV, None)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="newsroom-") as temp:
        docs = Path(temp) / "pages"
        docs.mkdir()
        path = Path(temp) / "mkdocs.yml"
        path.write_text(
            "site_name: Pratinjau\n"
            f"docs_dir: {docs}\n"
            "theme: {name: newsroom}\n"
            "plugins:\n  - newsroom:\n      preview: true\n",
            encoding="utf-8",
        )
        os.environ[ROOT_ENV] = str(layout.root)
        try:
            yield path
        finally:
            os.environ.pop(ROOT_ENV, None)


# Words of the desk's search: Material's default separator, and the entities of its
# index's escaped text (see desksite._plain).
DESK_SEARCH_SEPARATOR = r"[\s\-]+|&[lg]t;|&amp;"


@contextmanager
def desk_config(
    central: Path, base_url: str | None, site_dir: Path, options: Any = None
) -> Iterator[Path]:
    """A config for the desk: Material with our overrides, the central plugin options,
    and a docs folder of its own that the plugin fills with the desk's pages. The docs
    folder is kept between builds (one per output folder): a page's file changes only
    with its text, which is how MkDocs' dirty build knows what to render again."""
    if options is None:
        options = _load(Target(central, "", None, base_url, False)).plugins["newsroom"].config
    where = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
    with tempfile.TemporaryDirectory(prefix="newsroom-desk-") as temp:
        # Without a usable cache the desk's pages are written afresh, all rendered.
        docs = usable(central.parent / CACHE_DIR / "desk-docs" / where) or Path(temp) / "docs"
        plugin = {
            "site": DESK,
            "base_url": base_url or options.base_url,
            "syndication": options.syndication,
            "title_prefix": options.title_prefix,
            "sites": {key: dict(value) for key, value in options.sites.items()},
            "desk": dict(options.desk),
        }
        config = {
            "site_name": "Desk Redaksi Newsroom",
            "docs_dir": str(docs),
            # font: false, or Material fetches Roboto from Google: editors get the
            # system font and the desk makes no request to another host.
            "theme": {
                "name": "material",
                "language": "id",
                "font": False,
                "custom_dir": str(resources.files("generator.themes") / "desk"),
                "features": ["search.highlight", "navigation.top"],
            },
            # The search index holds text as escaped HTML (see desksite): `&lt;` and `&gt;`
            # end a word, so a title's "<script>" is found by "script", as it reads.
            "plugins": [{"search": {"separator": DESK_SEARCH_SEPARATOR}}, {"newsroom": plugin}],
            # Only the desk's four main pages in the sidebar: MkDocs' default nav lists
            # every page in every page (O(n²): 290 KB per page at 10,000 releases). The
            # day and office pages are linked from the overview and the health page;
            # not_in_nav keeps MkDocs from logging each of them at every build.
            "not_in_nav": "/hari/\n/kantor/\n",
            "nav": [
                {"Ikhtisar": "index.md"},
                {"Umpan nasional": "nasional.md"},
                {"Peringatan": "peringatan.md"},
                {"Kesehatan kantor": "kesehatan.md"},
            ],
        }
        path = Path(temp) / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
        docs.mkdir(parents=True, exist_ok=True)
        previous = os.environ.get(ROOT_ENV)
        os.environ[ROOT_ENV] = str(central.parent)
        try:
            yield path
        finally:
            if previous is None:
                os.environ.pop(ROOT_ENV, None)
            else:
                os.environ[ROOT_ENV] = previous


def write_site_index(out: Path, sites: list[Site], title: str) -> None:
    """`<out>/index.html`: the list of sites, for a server that hosts them all."""
    items = "\n".join(f'<li><a href="{escape(s.id)}/">{escape(s.title)}</a></li>' for s in sites)
    page = (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n</head>\n<body>\n<main>\n<h1>{escape(title)}</h1>\n"
        f"<ul>\n{items}\n</ul>\n</main>\n</body>\n</html>\n"
    )
    _write_twins(out / "index.html", page.encode("utf-8"))
    # Crawlers read only /robots.txt at the host's root, never a site folder's own. The
    # desk is not named: that would advertise it (its pages say noindex themselves).
    lines = ["User-agent: *", "Allow: /"]
    for site in sites:
        lines += [f"Sitemap: {site.url}sitemap.xml", f"Sitemap: {site.url}news-sitemap.xml"]
    _write_twins(out / "robots.txt", ("\n".join(lines) + "\n").encode("utf-8"))
    css = resources.files("generator.themes").joinpath("lite/partials/style.html").read_text()
    policy = headers.netlify_headers(css, [site.id for site in sites])
    write_if_changed(out / "_headers", policy.encode("utf-8"))


def _write_twins(path: Path, data: bytes) -> None:
    write_if_changed(path, data)
    write_if_changed(path.with_name(path.name + ".gz"), gzip.compress(data, 6, mtime=0))
