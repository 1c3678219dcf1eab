"""`newsroom check`: validate releases, offices and curation, every problem at once."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from generator.cli.options import lang_option, now_option
from generator.content import check


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@lang_option
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json is for CI and editors' tools.",
)
@now_option
def check_command(paths: tuple[Path, ...], lang: str, output: str, now: datetime) -> None:
    """Validate releases, offices and curation; report every problem at once.

    PATHS are the files or folders to check (default: the whole repository you are in).

    Exit status: 0 clean (warnings allowed), 1 content errors, 2 usage.

    \b
    Examples:
      newsroom check
      newsroom check releases/2026/rapat-koordinasi-humas.md --lang en
    """
    result = check.check_paths(list(paths) or [Path.cwd()], now)
    if not isinstance(result, check.CheckResult):
        problem, fix = result.texts(lang)
        click.echo(f"{result.path}: {problem}; {fix}", err=True)
        sys.exit(check.EXIT_USAGE)
    text = check.render_json(result, lang) if output == "json" else check.render_text(result, lang)
    click.echo(text)
    sys.exit(check.exit_code(result))
