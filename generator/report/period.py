"""The period a report covers: calendar dates from and to (both inclusive), each office
reading them on its own clock (WIB, WITA or WIT).

A release dated 23:30 WIT on the last day belongs to the period of a Maluku office,
though it is 14:30 UTC, and one dated 00:30 WIT the day after does not: the bounds are
midnights of the office's zone, never of the machine or of UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from generator.content.dates import FIRST_YEAR, LAST_YEAR, MONTHS
from generator.content.model import Release
from generator.content.provinces import Zone

_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z", re.ASCII)


class ReportError(ValueError):
    """A report asked for something that cannot be: its code names the wording in
    generator.content.messages (CLI), its params fill it in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_day(text: str, option: str) -> date:
    """`2026-11-30` as a date; anything else (a time, another form, a day that does not
    exist, a year out of range) is refused naming the option and the value."""
    match = _DATE.match(text.strip())
    day = None
    if match is not None:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            day = None
    if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ReportError("report_bad_date", option=option, value=text)
    return day


@dataclass(frozen=True)
class Period:
    """From `first` to `last`, both included, as calendar dates."""

    first: date
    last: date

    @classmethod
    def of(cls, first: date, last: date) -> Period:
        if first > last:
            raise ReportError(
                "report_from_after_to", first=first.isoformat(), last=last.isoformat()
            )
        return cls(first, last)

    def bounds(self, zone: Zone) -> tuple[datetime, datetime]:
        """[start, end): midnight opening the first day and midnight closing the last
        one, on `zone`'s clock."""
        start = datetime.combine(self.first, time(0), zone.tz)
        end = datetime.combine(self.last + timedelta(days=1), time(0), zone.tz)
        return start, end

    def holds(self, release: Release) -> bool:
        """Whether the release's date line falls within the period, on its office's clock."""
        start, end = self.bounds(release.office.zone)
        return start <= release.meta.date < end

    def months(self) -> list[str]:
        """Every month the period touches, `yyyy-mm`, oldest first."""
        found, year, month = [], self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            found.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def label(self) -> str:
        """`1 November 2026 – 30 November 2026`."""
        return f"{day_label(self.first)} – {day_label(self.last)}"


def day_label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_label(month: str) -> str:
    """`2026-11` as `November 2026`."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def local_day(instant: datetime, zone: Zone) -> date:
    return instant.astimezone(zone.tz).date()


def recent_months(now: datetime, zone: Zone, count: int = 6) -> Period:
    """The `count` calendar months up to `now` on `zone`'s clock, this one included: from
    the first day of the earliest to today (the desk's page of the offices' report)."""
    today = local_day(now, zone)
    year, month = today.year, today.month - (count - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return Period(date(year, month, 1), today)
