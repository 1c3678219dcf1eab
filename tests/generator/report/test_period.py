"""The period is calendar days on each office's own clock: the bounds are its midnights."""

from __future__ import annotations

from datetime import date

import pytest

from generator.content.repository import Repository
from generator.report.period import Period, ReportError, parse_day

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.mark.parametrize(
    ("release_id", "inside"),
    [
        ("ambon/2026/akhir-bulan", True),  # 23:30 WIT on the last day (14:30 UTC)
        ("ambon/2026/awal-desember", False),  # 00:30 WIT the day after
        ("ambon/2026/awal-bulan", True),  # 00:00 WIT on the first day
        ("ambon/2026/oktober", False),  # 23:59 WIT the day before
        ("kutai-timur/2026/akhir-bulan", True),  # 23:30 WITA
        ("kutai-timur/2026/awal-desember", False),  # 00:30 WITA
        ("komdigi/2026/akhir-bulan", True),  # 23:30 WIB
        ("komdigi/2026/awal-desember", False),  # 00:30 WIB
    ],
)
def test_each_office_reads_the_period_on_its_own_clock(
    repo: Repository, release_id: str, inside: bool
) -> None:
    release = repo.by_id[release_id]
    assert NOVEMBER.holds(release) is inside


def test_bounds_are_the_zone_midnights() -> None:
    from generator.content.provinces import WIT

    start, end = NOVEMBER.bounds(WIT)
    assert start.isoformat() == "2026-11-01T00:00:00+09:00"
    assert end.isoformat() == "2026-12-01T00:00:00+09:00"


@pytest.mark.parametrize(
    "text",
    ["2026-02-30", "30-11-2026", "2026-11-30 10:00", "kemarin", "1800-01-01", "２０２６-11-01"],
)
def test_a_bad_date_is_refused_naming_the_option(text: str) -> None:
    with pytest.raises(ReportError) as caught:
        parse_day(text, "--to")
    assert caught.value.code == "report_bad_date"
    assert caught.value.params == {"option": "--to", "value": text}


def test_from_after_to_is_refused() -> None:
    with pytest.raises(ReportError) as caught:
        Period.of(date(2026, 12, 1), date(2026, 11, 30))
    assert caught.value.code == "report_from_after_to"
    assert Period.of(date(2026, 11, 30), date(2026, 11, 30)).months() == ["2026-11"]


def test_months_cross_a_year() -> None:
    period = Period(date(2026, 11, 15), date(2027, 2, 1))
    assert period.months() == ["2026-11", "2026-12", "2027-01", "2027-02"]
