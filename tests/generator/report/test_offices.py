"""The offices' report, against newsroom.py counted by hand."""

from __future__ import annotations

from datetime import date

from generator.content.repository import Repository
from generator.content.syndication import SYNDICATE_CURATED
from generator.report.offices import offices_report
from generator.report.period import Period
from tests.generator.report.newsroom import NOW

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


def test_offices_counted_by_hand(repo: Repository) -> None:
    report = offices_report(repo, NOVEMBER, NOW)
    rows = {row.office_id: row for row in report.rows}
    assert list(rows) == ["ambon", "kaltim", "komdigi", "kutai-timur"]
    kutim = rows["kutai-timur"]
    # akhir-bulan, berfoto, siaran, klarifikasi, perbup; not the draft, the embargoed,
    # awal-desember (1 Dec WITA); the withdrawn one apart.
    assert (kutim.total, kutim.withdrawn) == (5, 1)
    assert (kutim.clarifications, kutim.regulations) == (1, 1)
    assert (kutim.national, kutim.national_percent) == (1, 20)  # berfoto is curated
    (november,) = kutim.months
    assert november.month == "2026-11" and november.total == 5
    assert dict(november.counts) == {
        "Siaran Pers": 1,
        "Berita": 2,
        "Pengumuman": 0,
        "Klarifikasi Hoaks": 1,
        "Produk Hukum": 1,
        "Agenda": 0,
    }
    # Its last public release is awal-desember, 1 Dec 00:30 WITA: today at 08.00 WITA.
    assert (kutim.days_since, kutim.last_release) == (0, "1 Desember 2026")
    kaltim = rows["kaltim"]
    assert (kaltim.total, kaltim.days_since) == (1, 26)  # 5 November to 1 December
    assert (rows["ambon"].total, rows["komdigi"].total) == (2, 1)
    # A central office's releases are on every provincial site with `syndication: all`.
    assert (rows["komdigi"].national, rows["komdigi"].national_percent) == (1, 100)
    assert report.most == 5


def test_with_curated_syndication_a_central_release_counts_only_if_curated(
    repo: Repository,
) -> None:
    report = offices_report(repo, NOVEMBER, NOW, SYNDICATE_CURATED, office_id="komdigi")
    (komdigi,) = report.rows
    assert (komdigi.total, komdigi.national) == (1, 0)


def test_an_office_without_releases_has_no_last_day(repo: Repository) -> None:
    early = Period(date(2026, 1, 1), date(2026, 1, 31))
    report = offices_report(repo, early, NOW)
    assert all(row.total == 0 for row in report.rows)
    assert report.most == 0
