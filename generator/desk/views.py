"""What each desk page shows, as small frozen records of text already formatted
(dates in the office's zone, wording in the desk's language), for the templates of
`themes/desk/pages/` to lay out and escape. Nothing here is HTML: a view can be made
by hand in a test and rendered without a repository or a Material build."""

from __future__ import annotations

from dataclasses import dataclass


def one_line(value: object) -> str:
    """Text from a file or a record on one line: a blank line in the desk's Markdown
    would end an HTML block and let Markdown read the rest."""
    return " ".join(str(value).split())


@dataclass(frozen=True)
class Badge:
    label: str
    kind: str  # its CSS class is `nr-<kind>`


@dataclass(frozen=True)
class Moment:
    """A run record's time: `utc` as recorded and `shown` as the office's wall clock,
    or only `shown` (the record's text, or a word for none) when it is no time."""

    shown: str
    utc: str | None = None


@dataclass(frozen=True)
class ReleaseRow:
    """A release's cells: when, what (a link to its public page, if it has one yet),
    whose, and what an editor must know before deciding."""

    date: str
    title: str
    href: str | None  # None: a draft or embargoed release, no public page yet
    unpublished: str  # why there is no link, shown under the title
    release_id: str
    category: str
    notes: tuple[str, ...]
    office_id: str
    office_name: str
    up: str  # the way from the page to the desk's root
    badges: tuple[Badge, ...]
    iso: str = ""  # the date, machine-readable (<time datetime>)


@dataclass(frozen=True)
class Table:
    """Column heads and rows (each already rendered), or `empty` when there are none."""

    heads: tuple[str, ...]
    rows: tuple[str, ...]
    empty: str | None  # None: the table with its heads all the same
    kind: str = "nr-releases"


@dataclass(frozen=True)
class OfficeLink:
    office_id: str
    name: str
    releases: int
    errors: Badge | None


@dataclass(frozen=True)
class Overview:
    shown: int  # releases shown on the desk
    offices: int
    waiting: int  # for the national desk's decision
    errors: int
    warnings: int
    last_sync: Moment
    months: tuple[tuple[str, str], ...]  # (yyyy-mm, label), newest first
    office_links: tuple[OfficeLink, ...]
    waiting_table: Table


@dataclass(frozen=True)
class Day:
    label: str
    table: Table
    iso: str  # the day, yyyy-mm-dd: the heading's machine-readable date


@dataclass(frozen=True)
class Month:
    label: str
    days: tuple[Day, ...]


@dataclass(frozen=True)
class OfficeFacts:
    """What an office page says of the office above its releases (also part of the key
    the page is kept under between builds, so it is compared, not only shown)."""

    office_id: str
    level: str
    zone: str
    source: str
    last_run: Moment
    last_success: Moment
    last_error: str
    errors: int
    rejected: int


@dataclass(frozen=True)
class OfficePage:
    name: str
    facts: OfficeFacts
    said: tuple[str, ...]  # what its last sync said of its files
    table: Table


@dataclass(frozen=True)
class National:
    """The national home as the desk shows it; no tables when the site is turned off."""

    picks: Table | None = None
    latest: Table | None = None
    shown: int = 0
    listed: int = 0
    hidden: Table | None = None


@dataclass(frozen=True)
class Refusals:
    """What one office's last sync refused (or noted) of its files."""

    office: str
    when: Moment
    old_record: bool  # written before records kept the Indonesian wording
    said: tuple[str, ...]


@dataclass(frozen=True)
class Warnings:
    problems: tuple[str, ...]
    offices: tuple[Refusals, ...]


@dataclass(frozen=True)
class HealthRow:
    office_id: str
    name: str
    last_run: Moment
    last_success: Moment
    last_release: str
    errors: Badge | None
    refused: Badge | None
    error: str | None  # the last sync error, if the last sync failed
    error_badge: Badge


@dataclass(frozen=True)
class Health:
    table: Table


@dataclass(frozen=True)
class ReportRow:
    """One office on the desk's page of the offices' report (generator.report.offices)."""

    office_id: str
    name: str
    total: int
    withdrawn: int
    clarifications: int
    regulations: int
    national: str
    days: str
    months: tuple[int, ...]
    categories: tuple[int, ...]


@dataclass(frozen=True)
class OfficesReportPage:
    """Its rows as HTML (`templates.report_row`, `templates.counts_row`): kept in the
    desk's memo while each shows the same, not 1,600 rows rendered at every build."""

    first: str
    last: str
    heads: tuple[str, ...]
    months: tuple[str, ...]
    categories: tuple[str, ...]
    rows: tuple[str, ...]
    month_rows: tuple[str, ...]
    category_rows: tuple[str, ...]
