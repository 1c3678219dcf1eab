"""`newsroom build`: every site (or those named), then what was left out and why."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import click
from mkdocs.exceptions import Abort, ConfigurationError

from generator.cli import STARTED
from generator.cli.options import (
    configure_logging,
    lang_option,
    layout_or_fail,
    now_option,
    wait_option,
    waiting_note,
)
from generator.content.dates import iso
from generator.content.messages import cli_text
from generator.content.repository import CENTRAL, Layout
from generator.content.runlock import Busy, hold
from generator.host import build
from generator.host.siteresult import PagesOut, PublicOut, SiteResult
from generator.public.isolate import RenderFailure

log = logging.getLogger("mkdocs.plugins.newsroom")


@click.command("build")
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
@wait_option
@lang_option
@now_option
def build_command(
    sites: tuple[str, ...],
    out: Path,
    base_url: str | None,
    jobs: int,
    wait: float,
    lang: str,
    now: datetime,
) -> None:
    """Build the national site and every provincial site (or those named).

    In an office repository: the preview of its site, where each release that cannot
    be published yet shows what to fix. Exit status: 0 built, 1 some release or
    office.yml has errors (everything else was built), 2 usage or configuration error.
    """
    layout = layout_or_fail(lang)
    configure_logging()
    # Said of a central repository's build, whose search indexes follow its pages.
    public_out, pages_out = _moments(lang, now) if layout.kind == CENTRAL else (None, None)
    left_out: list[RenderFailure] = []
    photos: dict[str, str] = {}
    try:
        # A build at a future --now previews that future; cron must not take it for a
        # build that lifted every embargo up to then (see `schedule --due`).
        record = now <= datetime.now(UTC)
        with _run_lock(layout, lang, wait):
            results = build.build(
                layout,
                list(sites),
                out.resolve(),
                now=now,
                base_url=base_url,
                jobs=jobs,
                record=record,
                pages_out=pages_out,
                public_out=public_out,
            )
    except build.ReleasesLeftOut as error:
        results, left_out, photos = error.results, error.failures, error.photos
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
    for reason in photos.values():
        said = {"text": cli_text("photo_not_published", lang, {"reason": reason})}
        click.echo(cli_text("build_says", lang, said), err=True)
    # An office's CI must catch a release that the central newsroom would not publish.
    errors = build.loaded_errors(layout) if layout.kind != CENTRAL else []
    if errors:
        click.echo(cli_text("office_not_built", lang, {"count": len(errors)}), err=True)
    if left_out or photos or errors:
        sys.exit(1)


def _moments(lang: str, now: datetime) -> tuple[PublicOut, PagesOut]:
    """What a cron job's log shows, as the service's does: when readers have the
    changed pages (the desk may still be building), then every page, before the
    search indexes; in seconds since the command began (generator.cli.STARTED)."""

    def said(code: str, results: list[SiteResult], took: float) -> None:
        written = sum(not result.skipped for result in results)
        params = {"now": iso(now), "built": written, "seconds": f"{took:.2f}"}
        log.info(cli_text(code, lang, params))

    def public_out(results: list[SiteResult], ago: float) -> None:
        said("watch_public_pages", results, max(0.0, time.monotonic() - STARTED - ago))

    def pages_out(results: list[SiteResult]) -> None:
        said("watch_pages", results, time.monotonic() - STARTED)

    return public_out, pages_out


@contextlib.contextmanager
def _run_lock(layout: Layout, lang: str, wait: float) -> Iterator[None]:
    """A central repository's build never runs beside a sync or `newsroom watch`'s
    cycle (generator.content.runlock): it waits `wait` seconds, then refuses (exit 2).
    An office's preview has no such neighbours, and no `.newsroom/` to hold a lock in."""
    if layout.kind != CENTRAL:
        yield
        return
    try:
        with hold(layout.root, "newsroom build", wait=wait, waiting=waiting_note(lang, wait)):
            yield
    except Busy as busy:
        holder = busy.holder or cli_text("someone", lang)
        params = {"holder": holder, "seconds": f"{wait:g}"}
        raise click.UsageError(cli_text("run_locked", lang, params)) from None


def _relative_problem(failure: RenderFailure, lang: str) -> str:
    path = failure.path
    with contextlib.suppress(ValueError):
        path = os.path.relpath(path)
    return replace(failure.problem(), path=path).format(lang)
