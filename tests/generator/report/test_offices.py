"""The offices' report, against newsroom.py counted by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from generator.content.layout import CENTRAL, Layout
from generator.content.repository import Repository, load_repository
from generator.content.syndication import SYNDICATE_CURATED
from generator.report.offices import OfficeRow, offices_report
from generator.report.period import Period
from tests.generator.report.newsroom import CURATION, NOW, release

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


def test_rows_kept_between_two_reports_follow_the_clock_and_the_curation(
    newsroom: Path,
) -> None:
    """What the desk keeps of each row from one build to the next (`kept`: its memo) is
    made again when what the row counts changes, though no file did: a release dated
    two hours ahead comes out, and another is curated."""
    ahead = release("Pagi Ini", "2026-12-01 10:00", "{penulis: [fitri]}")  # 02.00 UTC
    (newsroom / "content/releases/kaltim/2026/pagi-ini.md").write_text(ahead)
    memo: dict[tuple[object, ...], OfficeRow] = {}

    def kept(key: tuple[object, ...], make: Callable[[], OfficeRow]) -> OfficeRow:
        return memo[key] if key in memo else memo.setdefault(key, make())

    def both(repo: Repository, now: datetime) -> OfficeRow:
        found = offices_report(repo, NOVEMBER, now, kept=kept)
        assert found == offices_report(repo, NOVEMBER, now)  # as if nothing were kept
        (kaltim,) = [row for row in found.rows if row.office_id == "kaltim"]
        return kaltim

    layout = Layout(newsroom, CENTRAL)
    repo = load_repository(layout, now=NOW)
    assert both(repo, NOW).days_since == 26  # at 08.00 WITA its 10.00 release is not out
    assert both(repo, NOW + timedelta(hours=3)).days_since == 0  # 11.00 WITA, same day
    assert both(repo, NOW).national == 0
    curation = newsroom / "content/national/curation.yml"
    curation.write_text(CURATION + "  - id: kaltim/2026/awal-bulan\n", encoding="utf-8")
    assert both(load_repository(layout, now=NOW), NOW).national == 1
