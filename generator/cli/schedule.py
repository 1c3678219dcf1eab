"""`newsroom schedule`: when the next build must run for an embargo to lift, and
whether one is due (for cron and systemd timers)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from generator.cli.options import lang_option, layout_or_fail, now_option
from generator.content.dates import format_input, format_long, iso
from generator.content.messages import cli_text
from generator.content.provinces import Zone
from generator.content.repository import Repository, load_repository
from generator.public.schedule import last_build, lifted_since, next_lift, systemd_time


@click.command("schedule")
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
@lang_option
@now_option
def schedule_command(output: str, due: bool, lang: str, now: datetime) -> None:
    """Print when the next build must run for an embargo to lift.

    Prints nothing (exit 0) when no embargo is pending. See the README for a
    cron job and a systemd timer built on it.
    """
    layout = layout_or_fail(lang)
    repo = load_repository(layout)
    if due:
        sys.exit(_due(repo, layout.root, lang, now))
    found = next_lift(repo, now)
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


def _due(repo: Repository, root: Path, lang: str, now: datetime) -> int:
    """0 when a build is due (an embargo lifted since the last full build, or none
    was recorded), printing why; 1 when the built sites are still current."""
    built = last_build(root)
    if built is None:
        click.echo(cli_text("no_build_yet", lang))
        return 0
    lifted = lifted_since(repo, built, now)
    for when, release in lifted:
        click.echo(f"{iso(when)} {release.id}")
    return 0 if lifted else 1
