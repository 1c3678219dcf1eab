"""The desk's page of the offices' report ("Laporan kantor"): the figures of
generator.report.offices for the last six months, as the page shows them, each row
kept in the desk's memo while it shows the same (after one new release, one office's
rows change of 1,600)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from generator.content.provinces import WIB
from generator.content.repository import Repository
from generator.content.syndication import configured_syndication
from generator.content.vocabulary import CATEGORY_LABELS
from generator.desk.deskmemo import DeskMemo
from generator.desk.templates import counts_row, report_row
from generator.desk.views import OfficesReportPage, ReportRow, one_line
from generator.report.offices import CURATED, OfficeRow, offices_report
from generator.report.period import day_label, month_label, recent_months

REPORT_HEADS = (
    "col_office",
    "col_releases",
    "col_bar",
    "col_withdrawn",
    "col_clarifications",
    "col_regulations",
    "col_national",
    "col_days_since",
)


def offices_report_page(
    repo: Repository, now: datetime, memo: DeskMemo, say: Callable[..., str]
) -> OfficesReportPage:
    """The releases public at `now`, as `newsroom report offices` counts them. Only
    public releases: drafts and embargoed ones are in no count, whatever the desk
    shows. `say`: the desk's wording (code, then its values)."""
    period = recent_months(now, WIB)
    # As the build reads it: whether central releases reach every province.
    syndication = configured_syndication(repo.layout)
    report = offices_report(repo, period, now, syndication, kept=memo.report.get)
    most = max(report.most, 1)
    rows: list[str] = []
    month_rows: list[str] = []
    category_rows: list[str] = []
    for office_row in report.rows:
        row = _shown(office_row, say)
        # The row as shown is its key: 1,600 rows were rendered again at every build.
        rows.append(memo.rows.get(("report", row, most), partial(report_row, row, most)))
        for counts, made in ((row.months, month_rows), (row.categories, category_rows)):
            make = partial(counts_row, row.name, counts)
            made.append(memo.rows.get(("counts", row.name, counts), make))
    return OfficesReportPage(
        first=day_label(period.first),
        last=day_label(period.last),
        heads=tuple(say(head) for head in REPORT_HEADS),
        months=tuple(month_label(month) for month in period.months()),
        categories=tuple(CATEGORY_LABELS.values()),
        rows=tuple(rows),
        month_rows=tuple(month_rows),
        category_rows=tuple(category_rows),
    )


def _shown(row: OfficeRow, say: Callable[..., str]) -> ReportRow:
    kind = "national_curated" if row.national_kind == CURATED else "national_syndicated"
    national = say(
        "national_share", count=row.national, percent=row.national_percent, kind=say(kind)
    )
    return ReportRow(
        office_id=row.office_id,
        name=one_line(row.office_name),
        total=row.total,
        withdrawn=row.withdrawn,
        clarifications=row.clarifications,
        regulations=row.regulations,
        national=national,
        days="-" if row.days_since is None else str(row.days_since),
        months=tuple(month.total for month in row.months),
        categories=tuple(count for _, count in row.by_category),
    )
