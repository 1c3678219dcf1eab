"""`newsroom sync`: bring every office's releases into the central repository, and
the table of what each office brought (also what a dry run would do)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import click

from generator.cli.options import lang_option, layout_or_fail, now_option, wait_option, waiting_note
from generator.content.messages import CLI, cli_text
from sync.apply import OfficeResult
from sync.limits import MAX_ASSET_BYTES_PER_SYNC, MAX_ASSETS_PER_SYNC, OFFICE_DEADLINE


@click.command("sync")
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
@wait_option
@lang_option
@now_option
def sync_command(
    offices: tuple[str, ...],
    dry_run: bool,
    jobs: int,
    allow_mass_withdraw: bool,
    max_assets: int,
    max_asset_mb: int,
    office_deadline: float,
    wait: float,
    lang: str,
    now: datetime,
) -> None:
    """Bring every office's releases into content/releases/<office>/.

    Exit status: 0 all offices synced, 1 some offices failed (the others were
    applied), 2 usage or configuration error.
    """
    from sync import runner
    from sync.apply import AssetBudget
    from sync.http import DEFAULT_LIMITS

    layout = layout_or_fail(lang)
    options = runner.Options(
        list(offices),
        dry_run,
        jobs,
        allow_mass_withdraw,
        limits=replace(DEFAULT_LIMITS, office_deadline=office_deadline),
        assets=AssetBudget(max_assets, max_asset_mb * 1024 * 1024),
        now=now,
        # Read here, by the command: nothing below it reads the environment.
        git_askpass=os.environ.get("NEWSROOM_GIT_ASKPASS", ""),
        wait=wait,
        waiting=waiting_note(lang, wait),
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
