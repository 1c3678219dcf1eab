"""Parse release dates in the office's zone and format them in Indonesian.

A date without a UTC offset is wall-clock time in the office's zone
(WIB/WITA/WIT), never the machine's zone and never silently UTC.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from generator.content.provinces import Zone

# 2026-04-11, 2026-04-11 10:00, 2026-04-11T10:00:30, with optional +08:00 / Z.
# ASCII digits only: `\d` would also take Arabic-Indic or fullwidth digits, which int()
# reads as numbers, so `٢٠٢٦-04-11` would be a date nobody sees in the file as written.
_DATE_RE = re.compile(
    r"""\A(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})
        (?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?
           \s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?\Z""",
    re.VERBOSE | re.ASCII,
)

# Years a release date may be written in. The first: no office of the Republic
# published before 1945. The last: far beyond any embargo or correction a writer
# means, yet far enough from datetime's year 9999 that any UTC offset (at most
# ±14:59) or zone conversion stays in range: `9999-12-31 23:59+00:00` is year 10000
# in WIT, and `0001-01-01 00:00+14:00` year 0 in UTC, and both crashed builds. Fixed,
# not relative to the clock, so a file's validity never changes with the day it is
# checked on.
FIRST_YEAR = 1945
LAST_YEAR = 2199

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


class DateFormatError(ValueError):
    """The text is not a date we accept."""


class DateRangeError(DateFormatError):
    """A date written in a year outside FIRST_YEAR..LAST_YEAR."""


class DateDigitsError(DateFormatError):
    """A date written with digits other than ASCII 0-9 (Arabic-Indic, fullwidth...)."""


def parse_datetime(text: str, zone: tzinfo) -> datetime:
    """Parse `text` to an aware datetime; no offset means wall-clock time in `zone`."""
    match = _DATE_RE.match(text.strip())
    if match is None:
        if any(char.isdigit() and not char.isascii() for char in text):
            raise DateDigitsError(text)
        raise DateFormatError(text)
    parts = match.groupdict()
    try:
        naive = datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts["H"] or 0),
            int(parts["M"] or 0),
            int(parts["S"] or 0),
        )
    except ValueError as error:  # 2026-02-30, 25:00 ...
        raise DateFormatError(text) from error
    if not FIRST_YEAR <= naive.year <= LAST_YEAR:
        raise DateRangeError(text)
    offset = parts["tz"]
    if offset is None:
        return naive.replace(tzinfo=zone)
    return naive.replace(tzinfo=_parse_offset(offset))


def _parse_offset(text: str) -> tzinfo:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:
        raise DateFormatError(text)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


@functools.lru_cache(maxsize=1 << 16)  # the same dates, on every site of a build
def format_long(instant: datetime, zone: Zone) -> str:
    """`Selasa, 11 April 2023 10.00 WITA`: the office's wall clock, its zone named."""
    local = instant.astimezone(zone.tz)
    return (
        f"{DAYS[local.weekday()]}, {local.day} {MONTHS[local.month - 1]} {local.year} "
        f"{local.hour:02d}.{local.minute:02d} {zone.abbreviation}"
    )


@functools.lru_cache(maxsize=1 << 16)  # the same dates, on every site of a build
def format_day(instant: datetime, zone: Zone) -> str:
    """`11 April 2023` in the office's zone."""
    local = instant.astimezone(zone.tz)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def format_input(instant: datetime, zone: Zone) -> str:
    """The front-matter form a writer types: `2026-04-11 10:00`, in the office's zone."""
    return instant.astimezone(zone.tz).strftime("%Y-%m-%d %H:%M")


@functools.lru_cache(maxsize=1 << 16)  # the same dates, on every site of a build
def iso(instant: datetime) -> str:
    """RFC 3339 in UTC, second precision: the machine-readable form for feeds and JSON-LD."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
