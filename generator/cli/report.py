"""`newsroom report`: each officer's releases as SKP evidence (`officers`), and each
office's activity for the central desk (`offices`), as text, CSV, JSON, HTML or PDF.

The report is a private document (an officer's report carries their NIP): it is
printed or written where `--output` says, never into a place the build publishes.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

import click

from generator.cli.options import fail, lang_option, layout_or_fail, now_option
from generator.content.builtinto import built_into
from generator.content.layout import CENTRAL, Layout
from generator.content.messages import cli_text
from generator.content.problems import quote
from generator.content.repository import Repository, load_repository
from generator.content.syndication import configured_syndication
from generator.public.bulletinpdf import PdfUnavailable
from generator.report import csvout, htmlout, jsonout, pdfout, textout
from generator.report.addresses import newsroom_addresses
from generator.report.officers import OfficersReport, officers_report
from generator.report.offices import OfficesReport, offices_report
from generator.report.period import Period, ReportError, parse_day
from generator.util.fsio import write_atomic

FORMATS = ("text", "csv", "json", "html", "pdf")
# The folders a build publishes from or into: a report written there could be published.
PUBLISHED_FOLDERS = ("site", "content", "releases", "assets")

OFFICERS: dict[str, Callable[[OfficersReport], str | bytes]] = {
    "text": textout.officers_text,
    "csv": csvout.officers_csv,
    "json": jsonout.officers_json,
    "html": htmlout.officers_html,
    "pdf": pdfout.officers_pdf,
}
OFFICES: dict[str, Callable[[OfficesReport], str | bytes]] = {
    "text": textout.offices_text,
    "csv": csvout.offices_csv,
    "json": jsonout.offices_json,
    "html": htmlout.offices_html,
    "pdf": pdfout.offices_pdf,
}

PRIVATE = 0o600  # a report file: readable by whoever made it, nobody else


@dataclass(frozen=True)
class ReportRequest:
    """What both reports are asked with: the options `_common` adds."""

    office_id: str | None
    first: str | None
    last: str | None
    output_format: str
    output: Path | None
    lang: str
    now: datetime


COMMON = ("office_id", "first", "last", "output_format", "output", "lang", "now")


def _common(command: Callable[..., None]) -> Callable[..., None]:
    """--from, --to, --office, --format, --output, --lang and --now, handed to `command`
    as one `ReportRequest` (its `request` argument)."""

    @functools.wraps(command)
    def with_request(**given: Any) -> None:
        request = ReportRequest(**{name: given.pop(name) for name in COMMON})
        command(request=request, **given)

    wrapped: Callable[..., None] = with_request
    for option in reversed(
        [
            click.option("--office", "office_id", metavar="ID", help="Only this office."),
            click.option("--from", "first", metavar="DATE", help="First day, YYYY-MM-DD."),
            click.option("--to", "last", metavar="DATE", help="Last day, YYYY-MM-DD (included)."),
            click.option(
                "--format",
                "output_format",
                type=click.Choice(FORMATS),
                default="text",
                show_default=True,
                help="html and pdf print on A4.",
            ),
            click.option(
                "--output",
                "-o",
                type=click.Path(dir_okay=False, path_type=Path),
                help="Write to this file instead of the terminal (needed for pdf on a terminal).",
            ),
            lang_option,
            now_option,
        ]
    ):
        wrapped = option(wrapped)
    return wrapped


@click.group("report")
def report_group() -> None:
    """Reports: officers' work (SKP evidence) and offices' activity."""


@report_group.command("officers")
@click.option("--officer", "officer_id", metavar="ID", help="Only this officer.")
@click.option(
    "--base-url",
    metavar="URL",
    help="Public addresses under this URL (default: base_url in mkdocs.yml).",
)
@_common
def officers_command(request: ReportRequest, officer_id: str | None, base_url: str | None) -> None:
    """Each officer's published releases of the period, with totals per activity and a
    signature block for the direct supervisor (A4).

    \b
    Example:
      newsroom report officers --officer lisa --from 2026-11-01 --to 2026-11-30 \\
          --format pdf --output laporan-lisa-2026-11.pdf
    """

    def make(repo: Repository, period: Period) -> Callable[[], str | bytes]:
        addresses = newsroom_addresses(repo, base_url)
        report = officers_report(
            repo, period, request.now, addresses, request.office_id, officer_id
        )
        return lambda: OFFICERS[request.output_format](report)

    _report(request, make)


@report_group.command("offices")
@_common
def offices_command(request: ReportRequest) -> None:
    """Each office's releases of the period by month and category, clarifications,
    regulations, the share shown nationally and the days since its last release.

    \b
    Example:
      newsroom report offices --from 2026-01-01 --to 2026-12-31 --format html -o kantor.html
    """

    def make(repo: Repository, period: Period) -> Callable[[], str | bytes]:
        syndication = configured_syndication(repo.layout)
        report = offices_report(repo, period, request.now, syndication, request.office_id)
        return lambda: OFFICES[request.output_format](report)

    _report(request, make)


def _report(
    request: ReportRequest,
    make: Callable[[Repository, Period], Callable[[], str | bytes]],
) -> None:
    """Check the request, load the repository and write the report `make` gives (a
    refusal of its own, such as an unknown officer, said as the others)."""
    lang = request.lang
    layout = layout_or_fail(lang)
    period = _period(request.first, request.last, lang)
    _refuse_published(layout, request.output, lang)
    repo = _load(layout, request.now, lang)
    try:
        document = make(repo, period)
    except ReportError as error:
        _refuse(error, lang)
    _emit(document, request.output, lang)


def _period(first: str | None, last: str | None, lang: str) -> Period:
    for option, value in (("--from", first), ("--to", last)):
        if value is None:
            fail(lang, "report_missing_date", {"option": option})
    assert first is not None and last is not None
    try:
        return Period.of(parse_day(first, "--from"), parse_day(last, "--to"))
    except ReportError as error:
        _refuse(error, lang)


def _refuse(error: ReportError, lang: str) -> NoReturn:
    params = dict(error.params)
    if "value" in params:
        params["value"] = quote(str(params["value"]))
    fail(lang, error.code, params)


def _refuse_published(layout: Layout, output: Path | None, lang: str) -> None:
    """A report (with NIPs) must not land where a build publishes from or into."""
    if output is None:
        return
    target = output.resolve()
    for name in PUBLISHED_FOLDERS:
        folder = (layout.root / name).resolve()
        if target.is_relative_to(folder):
            fail(lang, "report_output_published", {"value": quote(str(output)), "folder": name})
    for folder in built_into(layout.root):  # a build's own --out: a web server's folder
        if target.is_relative_to(folder):
            params: dict[str, object] = {"value": quote(str(output)), "folder": str(folder)}
            fail(lang, "report_output_published", params)


def _load(layout: Layout, now: datetime, lang: str) -> Repository:
    repo = load_repository(layout, now=now)
    errors = len(repo.report.errors)
    if errors:
        click.echo(cli_text("report_problems", lang, {"count": errors}), err=True)
    if layout.kind != CENTRAL and not repo.offices:
        fail(lang, "report_no_office")
    return repo


def _emit(make: Callable[[], str | bytes], output: Path | None, lang: str) -> None:
    """Make the report and write it to `output`, or to the terminal."""
    try:
        content = make()
    except PdfUnavailable as error:  # WeasyPrint's system libraries: the message names them
        raise click.ClickException(str(error)) from None
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is not None:
        try:
            # Its owner's only: an officer's report carries their NIP.
            write_atomic(output, data, durable=False, mode=PRIVATE)
        except OSError as error:
            params: dict[str, object] = {"value": quote(str(output)), "error": error}
            fail(lang, "report_cannot_write", params)
        click.echo(cli_text("report_written", lang, {"path": str(output)}), err=True)
        return
    if isinstance(content, bytes) and sys.stdout.isatty():
        fail(lang, "report_pdf_needs_output")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
