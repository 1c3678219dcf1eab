"""The `newsroom` command. Thin wrappers: the work lives in the modules they call."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import NoReturn

import click
from mkdocs.exceptions import Abort, ConfigurationError

from generator import __version__, clock
from generator.content import check
from generator.content.dates import DateFormatError, format_input, format_long, iso, parse_datetime
from generator.content.initrepo import (
    InitRefused,
    Starter,
    central_starter,
    office_starter,
    write_starter,
)
from generator.content.messages import (
    CLI,
    LANGUAGES,
    cli_text,
    curation_text,
    describe,
    init_text,
    language,
    set_language,
)
from generator.content.problems import ProblemError, Report, quote
from generator.content.provinces import WIB, Zone
from generator.content.repository import (
    CENTRAL,
    Layout,
    Repository,
    find_layout,
    load_offices,
    load_repository,
)
from generator.content.scaffold import DEFAULT_CATEGORY, create_release, pick_office
from generator.content.vocabulary import CATEGORIES, LEVELS
from generator.desk.curate import (
    CurationError,
    Curator,
    Said,
    featured_order,
    inbox,
    not_shown,
    release_id_from,
    say,
)
from generator.host import build
from generator.host.plugin import BASE_URL_ENV, SERVE_ENV, SITE_ENV
from generator.public.isolate import RenderFailure
from generator.public.schedule import last_build, lifted_since, next_lift, systemd_time
from generator.public.sites import NATIONAL
from sync.apply import OfficeResult
from sync.limits import MAX_ASSET_BYTES_PER_SYNC, MAX_ASSETS_PER_SYNC, OFFICE_DEADLINE


def parse_now(value: str | None, lang: str = "id") -> datetime | None:
    """`--now` needs an explicit offset: we never guess a zone for the build clock."""
    if value is None:
        return None
    params = {"value": quote(value), "raw": value}
    try:
        instant = parse_datetime(value, WIB.tz)
    except DateFormatError:
        raise click.BadParameter(cli_text("bad_now", lang, params)) from None
    if not any(mark in value[10:] for mark in ("Z", "+", "-")):
        raise click.BadParameter(cli_text("now_no_offset", lang, params))
    return instant


def _now_option(command: click.decorators.FC) -> click.decorators.FC:
    def pin(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        clock.set_now(parse_now(value, language()))  # --lang is eager: already set

    return click.option(
        "--now",
        metavar="ISO-8601",
        callback=pin,
        expose_value=False,
        help="Pretend the current time is this (with offset), for embargo and 'latest'.",
    )(command)


def _lang_option(command: click.decorators.FC) -> click.decorators.FC:
    """--lang id|en, read before the other options so that their errors (and everything
    the command and the build below it print) are in that language."""

    def remember(ctx: click.Context, param: click.Parameter, value: str) -> str:
        set_language(value)
        return value

    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default="id",
        show_default=True,
        is_eager=True,
        callback=remember,
        help="Language of the messages (Indonesian or English).",
    )(command)


def _fail(lang: str, code: str, params: dict[str, object] | None = None) -> NoReturn:
    """Refuse with exit 2, as click does for usage errors, in `lang`."""
    raise click.UsageError(cli_text(code, lang, params))


@click.group()
@click.version_option(__version__, prog_name="newsroom")
def main() -> None:
    """Newsroom: press releases from many government offices, built into light sites."""


def run() -> NoReturn:
    """The `newsroom` console script: `main`, then an exit that skips the heap's teardown.

    A build of 10,000 releases leaves millions of objects, and freeing them one by one
    as the interpreter shuts down took 0.3 s of a 2 s rebuild, after every page was
    written. By then each file is closed and each worker joined (all of them are
    context managers), so only the streams and the log need flushing. Tests call
    `main` itself, which exits as usual.
    """
    try:
        main()
        code: object = None
    except SystemExit as done:
        code = done.code
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(exit_status(code))


def exit_status(code: object) -> int:
    """The status Python itself exits with for `SystemExit(code)`: None is 0, an int is
    itself, anything else is printed to stderr and gives 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr, flush=True)
    return 1


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_lang_option
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json is for CI and editors' tools.",
)
@_now_option
def check_command(paths: tuple[Path, ...], lang: str, output: str) -> None:
    """Validate releases, offices and curation; report every problem at once.

    PATHS are the files or folders to check (default: the whole repository you are in).

    Exit status: 0 clean (warnings allowed), 1 content errors, 2 usage.

    \b
    Examples:
      newsroom check
      newsroom check releases/2026/rapat-koordinasi-humas.md --lang en
    """
    result = check.check_paths(list(paths) or [Path.cwd()], clock.now())
    if not isinstance(result, check.CheckResult):
        problem, fix = result.texts(lang)
        click.echo(f"{result.path}: {problem}; {fix}", err=True)
        sys.exit(check.EXIT_USAGE)
    text = check.render_json(result, lang) if output == "json" else check.render_text(result, lang)
    click.echo(text)
    sys.exit(check.exit_code(result))


@main.command("new")
@click.argument("title")
@click.option(
    "--category",
    "-c",
    type=click.Choice(CATEGORIES),
    default=DEFAULT_CATEGORY,
    show_default=True,
    help="Category of the release.",
)
@click.option(
    "--office", "office_id", metavar="ID", help="Office id (needed in the central repository)."
)
@_lang_option
@_now_option
def new_command(title: str, category: str, office_id: str | None, lang: str) -> None:
    """Start a new release titled TITLE (as a draft) and print its path.

    The date is now on your office's clock; the file name comes from the title.

    \b
    Example:
      newsroom new "Pemkab Kutim Sosialisasikan Perbup Jam Layanan" -c produk-hukum
    """
    layout = _layout_or_fail(lang)
    registry = Report()
    offices = load_offices(layout, registry)
    office = pick_office(layout, offices, office_id)
    if office is None and layout.kind != CENTRAL and registry.errors:
        # The date needs the office's zone and the path its id: office.yml comes first.
        problems = "\n".join(
            replace(p, path=os.path.relpath(p.path)).format(lang) for p in registry.errors
        )
        _fail(lang, "office_yml_first", {"problems": problems})
    if office is None:
        _fail(lang, "name_the_office", {"known": ", ".join(sorted(offices)) or "-"})
    try:
        created = create_release(layout, office, title, category, clock.now())
    except ProblemError as error:
        problem, fix = describe(error.code, lang, dict(error.params))
        got = "" if error.value is None else cli_text("got", lang, {"value": quote(error.value)})
        _fail(lang, "title_problem", {"problem": problem, "got": got, "fix": fix})
    click.echo(os.path.relpath(created.path))
    click.echo(cli_text("release_created", lang, {"id": created.release_id}), err=True)


def _layout_or_fail(lang: str) -> Layout:
    layout = find_layout(Path.cwd())
    if layout is None:
        problem, fix = describe("no_repository", lang, {})
        raise click.UsageError(f"{problem}; {fix}")
    return layout


@main.command("build")
@click.option(
    "--site",
    "sites",
    multiple=True,
    metavar="ID",
    help="Build only this site (repeatable). Default: every site.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Sites go to OUT/<site id>/.",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Where the sites are served, e.g. "
    "http://127.0.0.1:8000/ (default: base_url in mkdocs.yml).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0),
    default=0,
    help="Sites built in parallel (0: one per core).",
)
@_lang_option
@_now_option
def build_command(
    sites: tuple[str, ...], out: Path, base_url: str | None, jobs: int, lang: str
) -> None:
    """Build the national site and every provincial site (or those named).

    In an office repository: the preview of its site, where each release that cannot
    be published yet shows what to fix. Exit status: 0 built, 1 some release or
    office.yml has errors (everything else was built), 2 usage or configuration error.
    """
    layout = _layout_or_fail(lang)
    configure_logging()
    left_out: list[RenderFailure] = []
    try:
        results = build.build(layout, list(sites), out.resolve(), base_url=base_url, jobs=jobs)
    except build.ReleasesLeftOut as error:
        results, left_out = error.results, error.failures
    except build.BuildError as error:
        raise click.UsageError(error.text(lang)) from None
    except (ConfigurationError, Abort) as error:  # MkDocs logged each `Config value` error
        click.echo(cli_text("mkdocs_config", lang, {"message": error.format_message()}), err=True)
        sys.exit(2)
    except OSError as error:  # a full disk, a read-only folder: say so, not a traceback
        where = f" ({error.filename})" if error.filename else ""
        reason = error.strerror or error
        click.echo(cli_text("build_os_error", lang, {"reason": reason, "where": where}), err=True)
        sys.exit(1)
    for result in results:
        code = "site_unchanged" if result.skipped else "site_built"
        params = {"site": result.site_id, "seconds": f"{result.seconds:.2f}"}
        click.echo(cli_text(code, lang, {**params, "path": out / result.site_id}))
    # After the sites: every other page is written; these are what is missing.
    for failure in left_out:
        said = {"text": _relative_problem(failure, lang)}
        click.echo(cli_text("build_says", lang, said), err=True)
    if left_out:
        count = {"count": len(left_out)}
        click.echo(
            cli_text("build_says", lang, {"text": cli_text("left_out", lang, count)}), err=True
        )
    # An office's CI must catch a release that the central newsroom would not publish.
    errors = build.loaded_errors(layout) if layout.kind != CENTRAL else []
    if errors:
        click.echo(cli_text("office_not_built", lang, {"count": len(errors)}), err=True)
    if left_out or errors:
        sys.exit(1)


def _relative_problem(failure: RenderFailure, lang: str) -> str:
    path = failure.path
    with contextlib.suppress(ValueError):
        path = os.path.relpath(path)
    return replace(failure.problem(), path=path).format(lang)


@main.command("serve")
@click.option(
    "--site",
    metavar="ID",
    default=None,
    help="Site to preview (default: nasional; an office repo: its province).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@_lang_option
def serve_command(site: str | None, port: int, lang: str) -> None:
    """Preview a site at http://127.0.0.1:PORT/<site>/, reloading as you edit.

    In an office repository each release that cannot be published yet shows, at its
    address, what to fix; the problems are also printed at every rebuild.
    """
    from mkdocs.commands.serve import serve

    layout = _layout_or_fail(lang)
    configure_logging()
    with build.config_file(layout) as config:
        base_url = f"http://127.0.0.1:{port}/"
        os.environ[BASE_URL_ENV] = base_url
        chosen = site or (build.office_site(layout) if layout.kind != CENTRAL else NATIONAL)
        os.environ[SITE_ENV] = chosen
        os.environ[SERVE_ENV] = "1"  # the preview's pages let the live-reload script run
        if layout.kind == CENTRAL:
            watched = [layout.content]
        else:  # an office: its releases, photos and files, and office.yml
            watched = [layout.releases_dir, layout.root / "assets", layout.registry_file]
        click.echo(cli_text("preview_at", lang, {"url": f"{base_url}{chosen}/"}), err=True)
        # MkDocs mounts the site at the path of site_url, known before plugins run.
        serve(
            config_file=str(config),
            livereload=True,
            dev_addr=f"127.0.0.1:{port}",
            site_url=f"{base_url}{chosen}/",
            watch=[str(path) for path in watched if path.exists()],
        )


def configure_logging() -> None:
    """MkDocs' messages on stderr, as `mkdocs build` shows them."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    root = logging.getLogger("mkdocs")
    if not root.handlers:
        root.addHandler(handler)
    root.setLevel(logging.INFO)


@main.command("sync")
@click.option(
    "--office",
    "offices",
    multiple=True,
    metavar="ID",
    help="Sync only this office (repeatable). Default: every office with a source.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Offices fetched in parallel.",
)
@click.option(
    "--allow-mass-withdraw",
    is_flag=True,
    help="Confirm that an office may withdraw more than half of its releases.",
)
@click.option(
    "--max-assets",
    type=click.IntRange(1),
    default=MAX_ASSETS_PER_SYNC,
    show_default=True,
    help="Assets one sync writes per office; the rest wait for the next sync.",
)
@click.option(
    "--max-asset-mb",
    type=click.IntRange(1),
    default=MAX_ASSET_BYTES_PER_SYNC // (1024 * 1024),
    show_default=True,
    help="Megabytes of assets one sync writes per office (at least one file, however large);"
    " the rest wait for the next sync.",
)
@click.option(
    "--office-deadline",
    type=click.FloatRange(1),
    default=OFFICE_DEADLINE,
    show_default=True,
    help="Seconds for one office's feed and all its assets; past it the office fails.",
)
@_lang_option
@_now_option
def sync_command(
    offices: tuple[str, ...],
    dry_run: bool,
    jobs: int,
    allow_mass_withdraw: bool,
    max_assets: int,
    max_asset_mb: int,
    office_deadline: float,
    lang: str,
) -> None:
    """Bring every office's releases into content/releases/<office>/.

    Exit status: 0 all offices synced, 1 some offices failed (the others were
    applied), 2 usage or configuration error.
    """
    from sync import runner
    from sync.apply import AssetBudget
    from sync.http import DEFAULT_LIMITS

    layout = _layout_or_fail(lang)
    options = runner.Options(
        list(offices),
        dry_run,
        jobs,
        allow_mass_withdraw,
        limits=replace(DEFAULT_LIMITS, office_deadline=office_deadline),
        assets=AssetBudget(max_assets, max_asset_mb * 1024 * 1024),
        now=clock.now(),
        git_askpass=os.environ.get("NEWSROOM_GIT_ASKPASS", ""),
    )
    try:
        results = runner.sync(layout, options, progress=_sync_progress(lang))
    except runner.SyncUsageError as error:
        raise click.UsageError(error.text(lang)) from None
    click.echo(sync_table(results, lang, dry_run))
    sys.exit(0 if all(r.ok for r in results) else 1)


def _sync_progress(lang: str) -> Callable[[OfficeResult], None]:
    done = [0]

    def show(result: OfficeResult) -> None:
        done[0] += 1
        state = cli_text("sync_ok" if result.ok else "sync_failed", lang)
        params = {"done": done[0], "office": result.office, "state": state}
        line = cli_text("sync_progress", lang, {**params, "seconds": f"{result.seconds:.2f}"})
        click.echo(line, err=True)

    return show


def sync_table(results: list[OfficeResult], lang: str, dry_run: bool) -> str:
    """One line per office, then every problem in the usual format."""
    columns = ("office", "new", "updated", "withdrawn", "rejected", "error")
    heads = tuple(cli_text(f"col_{column}", lang) for column in columns)
    rows = [heads] + [
        (
            r.office,
            str(len(r.new)),
            str(len(r.updated)),
            str(len(r.withdrawn)),
            str(len(r.rejected)),
            _error_text(r, lang),
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(heads))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    changes = [line for result in results for line in would_change(result)] if dry_run else []
    if changes:
        lines.append(cli_text("would_change", lang))
        lines += changes
    for result in results:
        lines += [problem.format(lang) for problem in result.problems]
    if dry_run:
        lines.append(cli_text("dry_run", lang))
    return "\n".join(lines)


def would_change(result: OfficeResult) -> list[str]:
    """What a dry run would do to an office, id by id: `+` new, `~` updated, `-` withdrawn."""
    marks = (("+", result.new), ("~", result.updated), ("-", result.withdrawn))
    return [f"    {mark} {release_id}" for mark, ids in marks for release_id in sorted(ids)]


def _error_text(result: OfficeResult, lang: str) -> str:
    if result.error is None:
        return "-"
    if f"error_{result.error}" in CLI:  # a code: its problem is listed below the table
        return cli_text(f"error_{result.error}", lang)
    if any(problem.format("en").endswith(result.error) for problem in result.problems):
        return cli_text("error_below", lang)  # a source failure, listed with its fix
    return result.error_in(lang) or "-"


@main.group("curate")
def curate_group() -> None:
    """The national desk's curation: which regional releases the national site features.

    RELEASE_ID is `<office>/<yyyy>/<slug>`; a release's URL on any site works too.
    """


def _refuse(error: CurationError, lang: str) -> NoReturn:
    click.echo(curation_text("error", lang, {"message": error.text(lang)}), err=True)
    sys.exit(1)


def _curator(lang: str) -> Curator:
    layout = _layout_or_fail(lang)
    if layout.kind != CENTRAL:
        _refuse(CurationError("central_only"), lang)
    return Curator(load_repository(layout), clock.now())


def _curate(action: Callable[[Curator], list[Said]], lang: str) -> None:
    curator = _curator(lang)
    try:
        said = action(curator)
    except CurationError as error:
        _refuse(error, lang)
    for item in said:
        click.echo(say(item, lang))


@curate_group.command("add")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@click.option("--pin", is_flag=True, help="Show it first, above the latest news.")
@click.option("--headline", help="National headline instead of the office's title.")
@click.option("--note", help="Editors' note (not public).")
@_lang_option
@_now_option
def curate_add(
    release_id: str, pin: bool, headline: str | None, note: str | None, lang: str
) -> None:
    """Feature RELEASE_ID on the national site."""
    _curate(lambda c: c.add(release_id, pin, headline, note), lang)


@curate_group.command("edit")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@click.option("--headline", help="New national headline; an empty text removes it.")
@click.option("--note", help="New editors' note; an empty text removes it.")
@_lang_option
def curate_edit(release_id: str, headline: str | None, note: str | None, lang: str) -> None:
    """Change the headline or note of a curated RELEASE_ID."""
    _curate(lambda c: c.edit(release_id, headline, note), lang)


@curate_group.command("remove")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@_lang_option
def curate_remove(release_id: str, lang: str) -> None:
    """Stop featuring RELEASE_ID (its own page on its home site stays)."""
    _curate(lambda c: c.remove(release_id), lang)


@curate_group.command("pin")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@_lang_option
def curate_pin(release_id: str, lang: str) -> None:
    """Pin RELEASE_ID above the latest news."""
    _curate(lambda c: c.pin(release_id, True), lang)


@curate_group.command("unpin")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@_lang_option
def curate_unpin(release_id: str, lang: str) -> None:
    """Unpin RELEASE_ID."""
    _curate(lambda c: c.pin(release_id, False), lang)


@curate_group.command("move")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@click.option(
    "--before",
    "other",
    required=True,
    metavar="OTHER_ID",
    callback=lambda ctx, param, value: release_id_from(value),
    help="Put RELEASE_ID just before this curated release.",
)
@_lang_option
def curate_move(release_id: str, other: str, lang: str) -> None:
    """Change the order of the national feed."""
    _curate(lambda c: c.move(release_id, other), lang)


@curate_group.command("decline")
@click.argument("release_id", callback=lambda ctx, param, value: release_id_from(value))
@click.option("--note", help="Why, for the other editors (not public).")
@_lang_option
@_now_option
def curate_decline(release_id: str, note: str | None, lang: str) -> None:
    """Decide against featuring RELEASE_ID: it leaves the inbox for good."""
    _curate(lambda c: c.decline(release_id, note), lang)


@curate_group.command("list")
@_lang_option
@_now_option
def curate_list(lang: str) -> None:
    """The national feed as it will appear (pinned first, then in order), then the
    curated releases it leaves out, with why."""
    curator = _curator(lang)
    repo, now = curator.repo, curator.now
    if not repo.layout.curation_file.exists():
        path = repo.layout.curation_file.relative_to(repo.layout.root).as_posix()
        click.echo(curation_text("no_curation_file", lang, {"path": path}))
        return
    listed = [
        (item, release)
        for item in featured_order(repo)
        if (release := repo.release(item.entry.id)) is not None and release.is_listed(now)
    ]
    for number, (item, release) in enumerate(listed, start=1):
        mark = "*" if item.entry.pinned else " "
        click.echo(
            f"{number:3d}{mark} {item.entry.id}  {item.entry.headline or release.meta.title}"
        )
    hidden = not_shown(repo, now)
    if not listed and not hidden:
        click.echo(curation_text("nothing_curated", lang))
    if hidden:
        click.echo(curation_text("not_shown", lang))
    for entry in hidden:
        title = f"  {entry.release.meta.title}" if entry.release else ""
        click.echo(f"    - {entry.release_id}{title}  ({entry.reason(lang)})")


@curate_group.command("inbox")
@_lang_option
@_now_option
def curate_inbox(lang: str) -> None:
    """Regional releases proposed by their office or arrived in a sync (in the last
    week), not yet curated or declined."""
    curator = _curator(lang)
    for entry in inbox(curator.repo, curator.now):
        reasons = ", ".join(curation_text(f"reason_{r}", lang) for r in entry.reasons)
        release = entry.release
        click.echo(f"{release.id}  {release.meta.title}  ({release.office.name}; {reasons})")


@main.command("schedule")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "iso", "epoch", "systemd"]),
    default="text",
    show_default=True,
    help="iso/epoch/systemd print only the time, for scripts "
    "(systemd: as `systemd-run --on-calendar` wants it).",
)
@click.option(
    "--due",
    is_flag=True,
    help="Exit 0 (printing what lifted) if an embargo lifted since the last full build, "
    "else 1: for `newsroom schedule --due && newsroom build` in cron.",
)
@_lang_option
@_now_option
def schedule_command(output: str, due: bool, lang: str) -> None:
    """Print when the next build must run for an embargo to lift.

    Prints nothing (exit 0) when no embargo is pending. See the README for a
    cron job and a systemd timer built on it.
    """
    layout = _layout_or_fail(lang)
    repo = load_repository(layout)
    if due:
        sys.exit(_due(repo, layout.root, lang))
    found = next_lift(repo, clock.now())
    if found is None:
        if output == "text":
            click.echo(cli_text("no_embargo", lang), err=True)
        return
    when, releases = found
    if output == "iso":
        click.echo(iso(when))
    elif output == "epoch":
        click.echo(str(int(when.timestamp())))
    elif output == "systemd":
        click.echo(systemd_time(when))
    else:
        click.echo(iso(when))
        for release in releases:
            zone = release.office.zone
            local = format_long(when, zone) if lang == "id" else _english_time(when, zone)
            click.echo(cli_text("embargo_lifts", lang, {"id": release.id, "when": local}), err=True)


def _english_time(when: datetime, zone: Zone) -> str:
    """`2026-11-25 09:00 WITA`: the office's clock without Indonesian day and month names."""
    return f"{format_input(when, zone)} {zone.abbreviation}"


def _due(repo: Repository, root: Path, lang: str) -> int:
    """0 when a build is due (an embargo lifted since the last full build, or none
    was recorded), printing why; 1 when the built sites are still current."""
    built = last_build(root)
    if built is None:
        click.echo(cli_text("no_build_yet", lang))
        return 0
    lifted = lifted_since(repo, built, clock.now())
    for when, release in lifted:
        click.echo(f"{iso(when)} {release.id}")
    return 0 if lifted else 1


@main.group("init")
def init_group() -> None:
    """Start a repository from nothing: the central newsroom or an office's.

    Writes the smallest repository that `newsroom check` passes, with a .gitignore;
    never overwrites a file (exit 2 naming it, nothing written).
    """


def _write_starter(folder: Path, make: Callable[[], Starter], lang: str) -> list[Path]:
    """Write `make()`'s starter into `folder`, or say why not and exit 2."""
    try:
        written = write_starter(folder, make())
    except InitRefused as refused:
        if refused.problems:
            click.echo(init_text("bad_office", lang), err=True)
        for problem in refused.problems:
            click.echo(f"  {problem.format(lang)}", err=True)
        for path in refused.existing:
            click.echo(init_text("exists", lang, {"path": os.path.relpath(path)}), err=True)
        click.echo(init_text("nothing_written", lang), err=True)
        sys.exit(2)
    for path in written:
        click.echo(init_text("created", lang, {"path": os.path.relpath(path)}))
    return written


@init_group.command("central")
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@_lang_option
def init_central(folder: Path, lang: str) -> None:
    """Start a central repository in FOLDER (default: here): mkdocs.yml,
    content/offices.yml, content/national/curation.yml, content/pages/, .gitignore.

    \b
    Example:
      newsroom init central pusat
    """
    _write_starter(folder, central_starter, lang)
    click.echo(init_text("central_next", lang, {"dir": os.path.relpath(folder)}), err=True)


@init_group.command("office")
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--id", "office_id", required=True, help="The office's id, e.g. kutai-timur.")
@click.option("--name", required=True, help="Its full name.")
@click.option(
    "--level", required=True, type=click.Choice(LEVELS), help="pusat, provinsi, kabupaten, kota."
)
@click.option("--province", metavar="CODE", help='Kemendagri code, e.g. 64 (not for "pusat").')
@_lang_option
def init_office(
    folder: Path, office_id: str, name: str, level: str, province: str | None, lang: str
) -> None:
    """Start an office repository in FOLDER (default: here): office.yml, releases/,
    assets/, .gitignore.

    \b
    Example:
      newsroom init office rilis --id kutai-timur \\
        --name "Diskominfo Staper Kabupaten Kutai Timur" --level kabupaten --province 64
    """
    _write_starter(folder, lambda: office_starter(office_id, name, level, province), lang)
    params = {"id": office_id, "dir": os.path.relpath(folder)}
    click.echo(init_text("office_next", lang, params), err=True)
