"""`newsroom new`: start a release as a draft and print its path."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime

import click

from generator.cli.options import fail, lang_option, layout_or_fail, now_option
from generator.content.messages import cli_text, describe
from generator.content.problems import ProblemError, Report, quote
from generator.content.repository import CENTRAL, load_offices
from generator.content.scaffold import (
    DEFAULT_CATEGORY,
    create_release,
    pick_office,
    pick_writer,
)
from generator.content.vocabulary import CATEGORIES


@click.command("new")
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
@click.option(
    "--officer",
    "officer_id",
    metavar="ID",
    help="Officer id credited as writer (penulis); by default the office's only officer.",
)
@lang_option
@now_option
def new_command(
    title: str,
    category: str,
    office_id: str | None,
    officer_id: str | None,
    lang: str,
    now: datetime,
) -> None:
    """Start a new release titled TITLE (as a draft) and print its path.

    The date is now on your office's clock; the file name comes from the title. The
    writer credited is the officer `--officer` names, or the office's only officer.

    \b
    Example:
      newsroom new "Pemkab Kutim Sosialisasikan Perbup Jam Layanan" -c produk-hukum
    """
    layout = layout_or_fail(lang)
    registry = Report()
    offices = load_offices(layout, registry)
    office = pick_office(layout, offices, office_id)
    if office is None and layout.kind != CENTRAL and registry.errors:
        # The date needs the office's zone and the path its id: office.yml comes first.
        problems = "\n".join(
            replace(p, path=os.path.relpath(p.path)).format(lang) for p in registry.errors
        )
        fail(lang, "office_yml_first", {"problems": problems})
    if office is None:
        fail(lang, "name_the_office", {"known": ", ".join(sorted(offices)) or "-"})
    try:
        writer = pick_writer(office, officer_id)
    except ProblemError:
        known = ", ".join(office.officer_ids) or "-"
        params: dict[str, object] = {
            "value": quote(officer_id or ""),
            "office": office.id,
            "known": known,
        }
        fail(lang, "unknown_officer_option", params)
    try:
        created = create_release(layout, office, title, category, now, writer)
    except ProblemError as error:
        problem, fix = describe(error.code, lang, dict(error.params))
        got = "" if error.value is None else cli_text("got", lang, {"value": quote(error.value)})
        fail(lang, "title_problem", {"problem": problem, "got": got, "fix": fix})
    click.echo(os.path.relpath(created.path))
    click.echo(cli_text("release_created", lang, {"id": created.release_id}), err=True)
