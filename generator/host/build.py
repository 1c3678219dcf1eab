"""`newsroom build`: every site (or those named) into `<out>/<site id>/`.

The repository is loaded and every release rendered once in this process; sites are
then built as real MkDocs builds in forked worker processes that inherit that state,
so the work shared by sites is never repeated.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.content.builtinto import remember_built_into
from generator.content.cachedir import unusable, usable
from generator.content.messages import cli_text, language
from generator.content.problems import Problem, Report, quote
from generator.content.repository import CENTRAL, Layout, load_offices
from generator.host import atomic_mkdocs
from generator.host.configs import DESK_PLUGIN, PUBLIC_PLUGIN, build_config, desk_config
from generator.host.configs import BuildError as BuildError  # raised by build(), as before
from generator.host.indexparts import shared_index
from generator.host.options import settings_from
from generator.host.retire import retire_sites
from generator.host.searchindex import IndexJob, made_meanwhile
from generator.host.siteindex import write_site_index
from generator.host.siterecord import record as record_fingerprint
from generator.host.siterecord import record_weighed, recorded_later
from generator.host.siteresult import (
    Documents,
    PagesOut,
    PublicOut,
    SiteResult,
)

# Named here too: what callers of `build` catch and build.
from generator.host.siteresult import ReleasesLeftOut as ReleasesLeftOut
from generator.host.siteresult import Target as Target
from generator.host.siterunner import SiteRunner
from generator.public import placeholder
from generator.public.bulletinpdf import pdf_bytes
from generator.public.bulletinview import (
    keep_codes,
    new_codes,
    premake_shared,
    save_codes,
    use_disk,
)
from generator.public.fingerprint import (
    DeskWeighing,
    SiteFingerprints,
    desk_fingerprint,
    recorded_as,
    untouched,
    untouched_within,
    weigh_desk,
)
from generator.public.photobook import photo_refs
from generator.public.schedule import record_build
from generator.public.session import (
    CACHE_DIR,
    Session,
    loaded,
    photo_keys,
    photos_failed,
    pin_session,
)
from generator.public.siterecords import record_path
from generator.public.sites import (
    DESK,
    NATIONAL,
    ROOT,
    Site,
    news_first,
    office_home,
    plan_sites,
    sites_of,
)
from generator.public.writer import begin_site, put_documents
from generator.util import afterwards, heap

log = logging.getLogger("mkdocs.plugins.newsroom")


IndexLater = Callable[[IndexJob], object]


Runner = SiteRunner[Target, SiteResult]


def build(
    layout: Layout,
    wanted: list[str],
    out: Path,
    *,
    now: datetime,
    base_url: str | None = None,
    jobs: int = 0,
    record: bool = True,
    pages_out: PagesOut | None = None,
    public_out: PublicOut | None = None,
    say_again: bool = True,
    index_later: IndexLater | None = None,
    first: Collection[str] = (),
    check_every: timedelta | None = None,
) -> list[SiteResult]:
    """Build the sites named in `wanted` (all when empty) as they are at `now`, the one
    instant of this build (aware); return per-site timings. `record`: a build of every
    site is recorded as the last build at `now` (see `schedule --due`); the command
    passes False for a build at a future `--now`, which only previews that future.
    `pages_out` is told the sites' results once every page is on disk, before the
    search indexes follow (what `newsroom watch` logs as the moment a release is out);
    `public_out` before, once the public sites' pages are, the desk's maybe not yet
    (told only when the desk builds in a worker beside them), and how long ago the last
    of them was.
    `say_again`: False logs each problem of the content once per process (the service
    builds again and again), then how many were said before. `index_later` is handed
    the search indexes to make instead of making them before returning (the service
    makes them in a process of its own: the next hook's pages never wait for them).
    `first`: offices whose news this build brings; their sites are handed to a worker
    first (a province's unweighed, weighed once the others are; a central office's
    changes every site, which are weighed first then). By
    default, those with a release file the load found new, changed or gone (none on a
    first build: all weighed ahead, keeping the workers fed): a cron build after one
    regional release hands its province to a worker first, as the service does.
    `check_every`: a site nothing changed for is checked for damage only if this
    process has not found it whole within this long (None: checked at every build)."""
    remember_built_into(layout.root, out)  # a report is never written there
    with build_config(layout) as config, contextlib.ExitStack() as frozen:
        started = time.monotonic()
        with heap.collector_paused():
            session = pin_session(layout, now, say_again)
            # Frozen before the collector wakes: its first pass walked all that (70 ms).
            frozen.enter_context(heap.frozen())
        count, problems = len(session.repo.releases), len(session.repo.report.problems)
        took = time.monotonic() - started
        params = {"count": count, "problems": problems, "seconds": f"{took:.2f}"}
        log.info(cli_text("releases_loaded", language(), params))
        try:
            results = _build_sites(
                layout,
                session,
                wanted,
                out,
                config,
                base_url,
                now,
                jobs,
                pages_out,
                public_out,
                index_later,
                first or session.repo.offices_changed,
                check_every,
            )
        finally:
            session.repo.save_parse_cache()  # a no-op once saved; a failed build saves too
    if record and layout.kind == CENTRAL and not wanted:
        record_build(layout.root, now)  # every site built at `now`: see `schedule --due`
    if record:  # a preview of the future uses the photos of then, not of now
        session.photos.tidy(now)
    failures = {f.release_id: f for f in session.failures}
    photos = dict(session.photos.failed)
    for result in results:
        failures.update((f.release_id, f) for f in result.failures)
        photos.update(result.photos_failed)
    if failures or photos:
        left_out = sorted(failures.values(), key=lambda f: f.release_id)
        raise ReleasesLeftOut(results, left_out, dict(sorted(photos.items())))
    return results


def _build_sites(
    layout: Layout,
    session: Session,
    wanted: list[str],
    out: Path,
    config: Path,
    base_url: str | None,
    now: datetime,
    jobs: int,
    pages_out: PagesOut | None,
    public_out: PublicOut | None,
    index_later: IndexLater | None,
    first: Collection[str],
    check_every: timedelta | None,
) -> list[SiteResult]:
    """The sites of `build`, from the loaded session; the search indexes of those it
    changed handed over once their pages are out (the public sites', when the desk
    builds beside them in a worker), every site's once every page is out."""
    options = _public_options(config, base_url)
    sites = plan_sites(session.repo, settings_from(options))
    if layout.kind != CENTRAL and not wanted:
        wanted = [office_site(layout)]  # an office previews the site its releases go to
    with_desk = layout.kind == CENTRAL and (not wanted or DESK in wanted)
    # The root files (list of sites, robots.txt, _headers): with every site, or alone
    # as `--site root` when each site is built apart (a CI job each: `newsroom sites`).
    with_root = layout.kind == CENTRAL and (not wanted or ROOT in wanted)
    public = [name for name in wanted if name not in (DESK, ROOT)]
    chosen = _choose(sites, public) if public or not wanted else []
    cache = _records(layout.root)
    news = [office for key, office in session.repo.offices.items() if key in first]
    chosen = news_first(chosen, news)
    shared = shared_index(sites.values(), chosen, session.repo.offices)  # made once for all
    # News for a province or two: the sites after theirs wait for a free worker to be
    # weighed (SiteRunner.until_one_is_free). Not when a central office's news changes
    # every site, nor in a build of every site: weighed ahead, they keep workers fed.
    paced = bool(news) and all(office.province for office in news)
    # A province's news builds its site at once, weighed once its pages are out.
    homes = frozenset(office_home(office) for office in news) if paced else frozenset()
    where = _Where(config, base_url, layout.kind != CENTRAL, cache, paced, check_every, homes)
    with contextlib.ExitStack() as stack:
        # A desk built here, not in a worker: what it keeps is on disk when the build
        # ends, whether it ends well or not (generator.util.afterwards).
        stack.callback(afterwards.finish)
        desk_target = None
        if with_desk:  # an office repo has no desk; its config already points at its site
            desk = stack.enter_context(desk_config(config, base_url, out / DESK, options))
            plan = sorted((s.key, s.id, s.title, s.url) for s in sites.values())
            extra = (dict(options.desk), base_url, plan)
            # A release file new, changed or gone changes the desk for sure (before the
            # parse cache is saved below): so for `newsroom build` too, not only a sync.
            desk_news = bool(first) or session.repo.files_changed
            weighing = DeskWeighing(layout, now, extra, news=desk_news)
            at_now = {"now": now}
            desk_target = Target(desk, DESK_PLUGIN, out / DESK, at_now, cache=cache, desk=weighing)
        if chosen or with_desk:
            _make_shared(session, sites, now, jobs)
        expected = len(chosen) + (desk_target is not None)
        runner = stack.enter_context(SiteRunner(_build_one, jobs, expected))
        if desk_target is not None:
            # First, and before the public sites are even weighed: the desk is the
            # longest build, and the other workers share out the rest.
            runner.submit(desk_target)
        targets, recorded, weighed_later = _public_targets(
            session, sites, chosen, options, where, out, now, runner
        )

        def index_ahead(built: list[SiteResult]) -> set[str]:
            """`newsroom build` indexes the sites it changed meanwhile, not after the
            checks; the service's process of its own starts on them now, not after their
            PDFs. The sites the caller builds again meanwhile go in the set returned."""
            changed = tuple(r.site_id for r in built if not r.skipped and r.site_id != DESK)
            ahead = not where.preview and bool(changed) and bool(recorded or index_later)
            settings = (cache, jobs, options.precompress, shared)
            job = IndexJob(out, changed, *settings) if ahead else None
            if index_later is not None and job is not None:
                index_later(job)  # a site the checks below build again: indexed again after
            return stack.enter_context(made_meanwhile(None if index_later else job))

        readers = runner.results_but_first() if desk_target and public_out else None
        out_at = max((r.out_at for r in readers or () if not r.skipped), default=0.0)
        if public_out is not None and readers is not None and out_at:
            # What readers see is out (none written: nothing to tell); the desk's worker
            # may build on.
            public_out(readers, max(0.0, time.monotonic() - out_at))
        # Their indexes start now, while the desk's worker builds on (it has none): after
        # a regional release, the desk's 0.3 s no longer comes before its province's index.
        # Should the desk's build fail below, leaving waits for them: they index the
        # public pages on disk, which are whole.
        remade = index_ahead(readers) if readers is not None else None
        # Saved once readers' pages are out (or the workers build, without a desk), while
        # the desk's worker builds on: 0.2 s at 100,000 releases, which took a share of
        # the two cores from the province's worker.
        session.repo.save_parse_cache()
        results = recorded_later(runner.results(), weighed_later, where.cache, out)
        targets = [_weighed(target, weighed_later) for target in targets]
        if pages_out is not None:
            pages_out(list(results))  # every page that changed is out, the desk's too
        _keep_learned(session, results)  # then what they learned (QR codes written down)
        if remade is None:
            remade = index_ahead(results)
        # Then the week's PDFs (a second or more a site), laid out in the workers while
        # this process checks the files of the sites nothing changed for (a stat each, a
        # second at 10,000 releases) for damage by hand: a damaged one is built again.
        documents_done = runner.start_each(
            make_documents, [r.documents for r in results if r.documents]
        )
        for target in recorded:
            assert target.site_dir is not None
            if untouched_within(where.cache, target.site_dir, now, where.check_every):
                results.append(SiteResult(target.site_dir.name, 0.0, skipped=True))
            else:
                runner.submit(target)
        repaired = runner.results()
        documents_done()
        _keep_learned(session, repaired)
        runner.start_each(make_documents, [r.documents for r in repaired if r.documents])()
        results += repaired
        checked = [t for t in targets if t.check_later]
        results = _check_built(runner, session, checked, results, remade)
    if not where.preview:  # an office's preview shows drafts: it is never indexed
        # Every page is out: the indexes follow (those made meanwhile are found made).
        indexed = tuple(r.site_id for r in results if r.site_id != DESK)
        again = tuple(sorted(remade))
        index = IndexJob(out, indexed, cache, jobs, options.precompress, shared, again)
        (index_later or IndexJob.run)(index)
    if with_root:
        # Public sites only; with .gz twins as the sites have theirs.
        write_site_index(out, list(sites.values()), "Newsroom", options.precompress)
    if layout.kind == CENTRAL and not wanted:
        retire_sites(out, {site.id for site in sites.values()} | {DESK})
    return results


def _make_shared(session: Session, sites: dict[str, Site], now: datetime, jobs: int) -> None:
    """What every public site's worker inherits, made once before they fork."""
    workers = jobs or os.cpu_count() or 1
    # Every body rendered once, and every photo derived once.
    session.renderer.render_all(session.repo.releases, workers)
    session.photos.prepare(photo_refs(session.repo.releases), workers)
    # And the QR code of a new central release, which every site's bulletin prints,
    # written down now (the connection closed before the workers fork).
    premake_shared(session.repo, sites, now)
    save_codes(session.renderer.disk, new_codes())


def _keep_learned(session: Session, results: list[SiteResult]) -> None:
    """What the sites' workers found that this process keeps: the QR codes they made,
    and the photo sets only they met (stamped used after the build, see `build`)."""
    codes: dict[str, tuple[str, str]] = {}
    for result in results:
        keep_codes(result.codes)
        codes.update(result.codes)
        session.photos.used_elsewhere.update(result.photo_keys)
    codes.update(new_codes())  # those this process made itself are kept already
    save_codes(session.renderer.disk, codes)  # those read from it too: pruned last


def _public_targets(
    session: Session,
    sites: dict[str, Site],
    chosen: list[Site],
    options: Any,
    where: _Where,
    out: Path,
    now: datetime,
    runner: Runner,
) -> tuple[list[Target], list[Target], dict[str, str]]:
    """The sites to build, each handed to `runner` as soon as its fingerprint is known
    (the first after 30 ms at 10,000 releases, not all 39 after 0.17 s: a worker the
    desk does not keep waits no longer), and those whose fingerprint says nothing they
    show changed: built only if a file of theirs was damaged since (`untouched`).

    The home site of a province's news (`where.homes`) is handed over first, before it
    is weighed, and weighed once the others are, its worker building meanwhile: the
    news changes it for sure, as it does the desk, and weighing it came before its
    pages (0.05-0.1 s at 100,000 releases). The fingerprints of those sites, by site
    id, come third: recorded once they are built (`recorded_later`)."""
    preview = where.preview
    settings = settings_from(options)
    extra: tuple[object, ...] = (preview, options.page_size, options.feed_size, options.syndication)
    if preview and session.repo.layout.kind != CENTRAL:  # its placeholder pages
        extra += placeholder.fingerprint(placeholder.broken_releases(session.repo), language())

    targets: list[Target] = []
    recorded: list[Target] = []
    unweighed: list[Site] = []
    fingerprints = SiteFingerprints(session.repo, sites, settings, now, extra)
    for site in chosen:
        if where.paced:
            runner.until_one_is_free()
        given = {"site": site.key, "preview": options.preview or preview, "now": now}
        given["documents_later"] = True  # laid out after every site's pages, below
        given |= {"base_url": where.base_url} if where.base_url else {}
        folder = out / site.id
        if site.key in where.homes:  # no fingerprint: its worker records none
            target = Target(where.config, PUBLIC_PLUGIN, folder, given, "", where.cache)
            targets.append(replace(target, check_later=where.cache is not None))
            runner.submit(targets[-1])
            unweighed.append(site)
            continue
        fingerprint = fingerprints.of(site)
        same = recorded_as(where.cache, folder, fingerprint)
        later = not same and where.cache is not None  # without stats, nothing to check
        target = Target(where.config, PUBLIC_PLUGIN, folder, given, fingerprint, where.cache, later)
        (recorded if same else targets).append(target)
        if not same:
            runner.submit(target)
    if unweighed and where.paced:
        runner.until_one_is_free()  # as the others: not beside the workers on every core
    return targets, recorded, {site.id: fingerprints.of(site) for site in unweighed}


def _weighed(target: Target, weighed_later: dict[str, str]) -> Target:
    """`target` with its fingerprint, if it was weighed after it was handed over: built
    again (found damaged), it records it as the others do."""
    if target.site_dir is None or target.site_dir.name not in weighed_later:
        return target
    return replace(target, fingerprint=weighed_later[target.site_dir.name])


@dataclass(frozen=True)
class _Where:
    """What every site of one build shares: its config, the base URL it was given,
    whether it previews an office, the cache its fingerprints go to, whether a site
    is weighed only while a worker is free, and how often an unchanged one is checked."""

    config: Path
    base_url: str | None
    preview: bool
    cache: Path | None
    paced: bool = False
    check_every: timedelta | None = None
    homes: frozenset[str] = frozenset()  # the keys of the sites a province's news is for


def _public_options(config: Path, base_url: str | None) -> Any:
    """The public plugin's options in the build's config, with the base URL given."""
    given = {"base_url": base_url} if base_url else {}
    return _load(Target(config, PUBLIC_PLUGIN, None, given)).plugins[PUBLIC_PLUGIN].config


def site_settings(layout: Layout, base_url: str | None = None) -> tuple[list[Site], bool]:
    """The public sites `build` makes of the central repository `layout` (`newsroom
    sites`), from its offices and mkdocs.yml alone: no release is read; and whether
    their pages have .gz twins (`precompress`)."""
    with build_config(layout) as config:
        options = _public_options(config, base_url)
    sites = sites_of(load_offices(layout, Report()), settings_from(options))
    return list(sites.values()), bool(options.precompress)


def _records(root: Path) -> Path | None:
    """The build cache, if the sites' records in it can be written; None (warned) if
    not: then no site is taken for unchanged, all are built."""
    cache = root / CACHE_DIR
    return cache if usable(cache / "sites") is not None else None


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
    """The target's config, its plugin given the target's options (in this process:
    the site workers fork from it)."""
    atomic_mkdocs.keep_installed_themes()
    overrides = {"site_dir": str(target.site_dir)} if target.site_dir else {}
    cfg = load_config(config_file=str(target.config_file), **overrides)
    options = cfg.plugins[target.plugin].config
    for key, value in target.options.items():
        options[key] = value
    return cfg


def _build_one(target: Target) -> SiteResult:
    start = time.monotonic()
    weigh_later: Callable[[], str] | None = None
    if target.desk is not None:
        desk, weigh_later = _desk_target(target, target.desk)
        if desk is None:
            return SiteResult(DESK, 0.0, skipped=True)
        target = desk
    cfg = _load(target)
    # dirty: MkDocs must not wipe the folder (our writer removes stale files itself).
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
    known = photos_failed()  # what the parent said before the fork: said once
    found_before = photo_keys()
    new_codes()  # what the parent made before the fork is the parent's: not handed back
    plugin = cfg.plugins[target.plugin]
    plugin.builds_dirty = True  # as it is built: MkDocs never empties the folder
    plugin.checks_later = target.check_later
    try:
        mkdocs_build(cfg, dirty=True)
    finally:
        use_disk(None)  # built here (one worker, tests): no site's cache outlives its build
    failures = tuple(plugin.failures)
    # Only this site's newsroom: a process that loaded several (tests) keeps each apart.
    photos = tuple(sorted(plugin.session.photos.failed.items() - known.items()))
    # A site that left a release or a photo out is built again next time (says so again).
    whole = target.fingerprint if not failures and not photos else ""
    pending = tuple(getattr(plugin, "pending", ()))
    documents = None
    if pending:  # recorded once they are made (make_documents)
        documents = Documents(site_dir, pending, plugin.stats_file(site_dir), record, whole)
    elif record is not None and whole:
        record_fingerprint(record, whole)
    elif record is not None and weigh_later is not None and not failures and not photos:
        afterwards.start(partial(record_weighed, record, weigh_later), "desk fingerprint")
    took = time.monotonic() - start
    return SiteResult(
        site_dir.name,
        took,
        failures=failures,
        photos_failed=photos,
        documents=documents,
        codes=new_codes(),
        photo_keys=tuple(sorted(plugin.session.photos.set_keys() - found_before)),
        out_at=plugin.pages_out_at or start + took,
    )


def _desk_target(
    target: Target, weighing: DeskWeighing
) -> tuple[Target | None, Callable[[], str] | None]:
    """The desk to build (None: it is as its fingerprint says), and how to weigh it
    once its pages are out, if not before. A sync's news changes the desk for sure (its
    fingerprint holds every release's digest, its rows show them): the desk is then
    built at once and weighed for the next build afterwards, the 0.07 s (0.46 s at
    100,000 releases) of weighing no longer before the pages of each regional push.
    What weighing reads in .newsroom/ (sync health, run records) is then as the desk
    read it: the run lock keeps every sync out until the build is done."""
    session = loaded(weighing.layout)
    assert session is not None and target.site_dir is not None  # loaded before any site
    if weighing.news:
        later = partial(desk_fingerprint, session.repo, weighing.now, weighing.extra)
        return replace(target, desk=None), later
    fingerprint = weigh_desk(weighing, session.repo, target.cache, target.site_dir)
    if fingerprint is None:
        return None, None
    return replace(target, fingerprint=fingerprint, desk=None), None


def _check_built(
    runner: Runner,
    session: Session,
    built: list[Target],
    results: list[SiteResult],
    remade: set[str],
) -> list[SiteResult]:
    """The sites built before their files were checked (`Target.check_later`), checked
    now, in the workers, their PDFs in place; a damaged one is built again (its damaged
    files removed first), its result in place of the first, its id added to `remade`."""
    wholes = runner.start_each(_untouched_target, built)()
    for target, whole in zip(built, wholes, strict=True):
        if not whole:
            runner.submit(replace(target, check_later=False))
    again = runner.results()
    if not again:
        return results
    _keep_learned(session, again)
    runner.start_each(make_documents, [r.documents for r in again if r.documents])()
    remade.update(r.site_id for r in again)
    return [r for r in results if r.site_id not in remade] + again


def _untouched_target(target: Target) -> bool:
    assert target.site_dir is not None
    return untouched(target.cache, target.site_dir)


def make_documents(documents: Documents) -> None:
    """Lay out the PDFs a site's build left for later, put them in place and finish
    that site: its manifest and file stats, then its fingerprint."""
    made = [(each, pdf_bytes(each.html)) for each in documents.pending]
    put_documents(documents.site_dir, documents.stats, made)
    if documents.record is not None and documents.fingerprint:
        record_fingerprint(documents.record, documents.fingerprint)


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    # Builds are always "dirty" for MkDocs (our writer removes stale files itself), so
    # its advice to use --clean would only mislead an editor reading the log.
    message = record.getMessage()
    return "'dirty' build" not in message and "contains stale files" not in message


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
