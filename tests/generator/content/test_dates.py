from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from generator.content.dates import DateFormatError, format_day, format_input, format_long, iso
from generator.content.dates import parse_datetime as parse
from generator.content.provinces import PROVINCES, WIB, WIT, WITA, zone_for


@pytest.mark.parametrize(
    ("zone", "utc_hour"),
    [(WIB, 3), (WITA, 2), (WIT, 1)],
)
def test_time_without_offset_is_the_office_wall_clock(zone, utc_hour) -> None:  # type: ignore[no-untyped-def]
    instant = parse("2023-04-11 10:00", zone.tz)
    assert instant.astimezone(UTC) == datetime(2023, 4, 11, utc_hour, 0, tzinfo=UTC)


def test_explicit_offset_wins_over_the_office_zone() -> None:
    instant = parse("2023-04-11T10:00:00+07:00", WIT.tz)
    assert instant.astimezone(UTC) == datetime(2023, 4, 11, 3, 0, tzinfo=UTC)
    assert parse("2023-04-11T03:00:00Z", WIT.tz) == instant


def test_date_only_is_midnight_in_the_office_zone() -> None:
    assert parse("2023-04-11", WITA.tz).utcoffset() == timedelta(hours=8)


def test_machine_zone_is_never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert parse("2023-04-11 10:00", WITA.tz).astimezone(UTC).hour == 2
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.mark.parametrize(
    "text",
    [
        "11/04/2023",
        "2023-02-30 10:00",
        "2023-04-11 25:00",
        "besok",
        "2023-04-11 10:00 WITA",
        "2023-04-11T10:00:00+15:00",
        "",
    ],
)
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse(text, WIB.tz)


def test_indonesian_long_format_names_the_office_zone() -> None:
    instant = parse("2023-04-11 10:00", WITA.tz)
    assert format_long(instant, WITA) == "Selasa, 11 April 2023 10.00 WITA"
    assert format_long(instant, WIB) == "Selasa, 11 April 2023 09.00 WIB"
    assert format_day(instant, WIT) == "11 April 2023"
    assert format_input(instant, WITA) == "2023-04-11 10:00"
    assert iso(instant) == "2023-04-11T02:00:00Z"


def test_every_province_has_a_zone_and_a_site_id() -> None:
    assert len(PROVINCES) == 38
    assert {p.zone for p in PROVINCES.values()} == {WIB, WITA, WIT}
    assert len({p.site_id for p in PROVINCES.values()}) == 38
    assert zone_for(None) == WIB
    assert zone_for("64") == WITA and zone_for("81") == WIT and zone_for("33") == WIB
