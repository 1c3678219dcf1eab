"""What every `newsroom` command shares: its --lang and --now options, the refusal
helper, finding the repository it runs in, and MkDocs' log on stderr."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click

from generator.content.dates import DateFormatError, parse_datetime
from generator.content.layout import no_repository_text
from generator.content.messages import LANGUAGES, cli_text, set_language
from generator.content.problems import quote
from generator.content.provinces import WIB
from generator.content.repository import Layout, find_layout


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


def now_option(command: click.decorators.FC) -> click.decorators.FC:
    """--now, given to the command as `now`: the one instant (UTC) the whole command
    runs on, passed down to everything it calls. Without the option, the time the
    command starts."""

    def take(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime:
        pinned = parse_now(value, ctx.params.get("lang", "id"))  # --lang is eager: read
        return (pinned or datetime.now(UTC)).astimezone(UTC)

    return click.option(
        "--now",
        metavar="ISO-8601",
        callback=take,
        help="Pretend the current time is this (with offset), for embargo and 'latest'.",
    )(command)


LOCK_WAIT = 120.0  # seconds a manual sync or build waits for `newsroom watch`'s cycle


def wait_option(command: click.decorators.FC) -> click.decorators.FC:
    """--wait SECONDS: how long to wait for the repository's run lock (another sync or
    build, or `newsroom watch` in the middle of one) before refusing."""
    return click.option(
        "--wait",
        type=click.FloatRange(0),
        default=LOCK_WAIT,
        show_default=True,
        metavar="SECONDS",
        help="Wait this long for another sync, build or newsroom watch to finish.",
    )(command)


def waiting_note(lang: str, seconds: float) -> Callable[[str], None]:
    """What a command kept waiting for the run lock says, once, on stderr."""

    def say(holder: str) -> None:
        params = {"holder": holder or cli_text("someone", lang), "seconds": f"{seconds:g}"}
        click.echo(cli_text("run_waiting", lang, params), err=True)

    return say


def lang_option(command: click.decorators.FC) -> click.decorators.FC:
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


def fail(lang: str, code: str, params: dict[str, object] | None = None) -> NoReturn:
    """Refuse with exit 2, as click does for usage errors, in `lang`."""
    raise click.UsageError(cli_text(code, lang, params))


def layout_or_fail(lang: str) -> Layout:
    """The repository the command runs in, or a refusal (exit 2) naming what is wrong."""
    layout = find_layout(Path.cwd())
    if layout is None:
        raise click.UsageError(no_repository_text(lang))
    return layout


def configure_logging() -> None:
    """MkDocs' messages on stderr, as `mkdocs build` shows them."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    root = logging.getLogger("mkdocs")
    if not root.handlers:
        root.addHandler(handler)
    root.setLevel(logging.INFO)
