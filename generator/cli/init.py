"""`newsroom init central|office`: the smallest repository `newsroom check` passes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from generator.cli.options import lang_option
from generator.content.initrepo import (
    InitRefused,
    Starter,
    central_starter,
    office_starter,
    write_starter,
)
from generator.content.messages import init_text
from generator.content.vocabulary import LEVELS


@click.group("init")
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
@lang_option
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
@lang_option
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
