"""Each officer's rows and totals, against the releases of newsroom.py counted by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from generator.content.repository import Repository
from generator.content.schema import ActivityName
from generator.report.addresses import newsroom_addresses
from generator.report.officers import OfficersReport, officers_report, word_count
from generator.report.period import Period, ReportError
from tests.generator.report.newsroom import BASE, NOW

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
WRITING_NEWS = "Produksi konten media online: penulisan berita"
WRITING_PRESS = "Produksi konten media online: penulisan siaran pers"


def report_of(repo: Repository, officer: str, now: datetime = NOW, **kw: str) -> OfficersReport:
    addresses = newsroom_addresses(repo)
    return officers_report(repo, NOVEMBER, now, addresses, officer_id=officer, **kw)


def test_lisa_counted_by_hand(repo: Repository) -> None:
    # In November (WITA), public on 1 Dec 08.00 WITA, crediting lisa: akhir-bulan
    # (23:30 on the 30th), berfoto and siaran. Not: awal-desember (00:30 on 1 Dec), the
    # draft, the embargoed one (lifts 5 Dec). Apart: the withdrawn one.
    (lisa,) = report_of(repo, "lisa").officers
    assert [row.release_id for row in lisa.rows] == [
        "kutai-timur/2026/berfoto",
        "kutai-timur/2026/siaran",
        "kutai-timur/2026/akhir-bulan",
    ]
    assert [row.release_id for row in lisa.withdrawn] == ["kutai-timur/2026/ditarik"]
    assert lisa.withdrawn[0].withdrawn_reason == "Data keliru."
    assert lisa.releases == 3
    totals = {t.activity: (t.releases, t.words, t.photos) for t in lisa.totals}
    # berfoto: 4 words (a link's address is no word), 1 photo; akhir-bulan: 5 words.
    assert totals == {WRITING_NEWS: (2, 9, 1), WRITING_PRESS: (1, 5, 0)}
    first = lisa.rows[0]
    assert (first.zone, first.when) == ("WITA", "Minggu, 15 November 2026 10.00 WITA")
    assert (first.category, first.role, first.words, first.photos) == ("berita", "penulis", 4, 1)
    assert first.url == f"{BASE}kalimantan-timur/kutai-timur/2026/berfoto/"


def test_one_row_per_role_and_the_photographer_gets_the_photo(repo: Repository) -> None:
    (ari,) = report_of(repo, "ari").officers
    assert [(r.release_id, r.role) for r in ari.rows] == [("kutai-timur/2026/berfoto", "foto")]
    assert [t.activity for t in ari.totals] == ["Produksi konten media online: foto berita"]
    (budi,) = report_of(repo, "budi").officers
    assert sorted((r.category, r.role) for r in budi.rows) == [
        ("klarifikasi", "penulis"),
        ("produk-hukum", "penulis"),
        ("siaran-pers", "editor"),
    ]


def test_the_embargoed_release_counts_once_its_embargo_lifted(repo: Repository) -> None:
    later = datetime(2026, 12, 5, 0, 0, tzinfo=UTC)  # 08.00 WITA: the embargo lifts
    (lisa,) = report_of(repo, "lisa", now=later).officers
    assert "kutai-timur/2026/embargo" in [row.release_id for row in lisa.rows]
    assert "kutai-timur/2026/draf" not in [row.release_id for row in lisa.rows]
    assert lisa.releases == 4


@pytest.mark.parametrize(
    ("officer", "expected"),
    [
        ("elsa", ["ambon/2026/awal-bulan", "ambon/2026/akhir-bulan"]),  # WIT
        ("rina", ["komdigi/2026/akhir-bulan"]),  # WIB
        ("fitri", ["kaltim/2026/awal-bulan"]),
    ],
)
def test_each_zone_counted_by_hand(repo: Repository, officer: str, expected: list[str]) -> None:
    (one,) = report_of(repo, officer).officers
    assert [row.release_id for row in one.rows] == expected


def test_every_officer_of_every_office_without_a_filter(repo: Repository) -> None:
    addresses = newsroom_addresses(repo)
    report = officers_report(repo, NOVEMBER, NOW, addresses)
    assert [(o.office.id, o.officer.id) for o in report.officers] == [
        ("ambon", "elsa"),
        ("kaltim", "fitri"),
        ("komdigi", "rina"),
        ("kutai-timur", "lisa"),
        ("kutai-timur", "budi"),
        ("kutai-timur", "ari"),
    ]
    only = officers_report(repo, NOVEMBER, NOW, addresses, office_id="kaltim")
    assert [o.officer.id for o in only.officers] == ["fitri"]


def test_an_office_names_its_own_activities(repo: Repository) -> None:
    office = repo.offices["kutai-timur"]
    own = ActivityName(category="berita", role="penulis", activity="Menulis berita daring")
    repo.offices["kutai-timur"] = replace(office, activities=(own,))
    for release in repo.releases:
        if release.office.id == "kutai-timur":
            object.__setattr__(release, "office", repo.offices["kutai-timur"])
    (lisa,) = report_of(repo, "lisa").officers
    assert [t.activity for t in lisa.totals] == ["Menulis berita daring", WRITING_PRESS]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"officer_id": "siapa"}, "report_unknown_officer"),
        ({"office_id": "entah"}, "report_unknown_office"),
        ({"office_id": "ambon", "officer_id": "lisa"}, "report_unknown_officer"),
    ],
)
def test_unknown_ids_are_refused(repo: Repository, kwargs: dict[str, str], code: str) -> None:
    with pytest.raises(ReportError) as caught:
        officers_report(repo, NOVEMBER, NOW, newsroom_addresses(repo), **kwargs)
    assert caught.value.code == code


def test_words_are_what_a_reader_reads() -> None:
    assert word_count("Rapat **koordinasi** <b>humas</b> di https://contoh.go.id/x.") == 4
    assert word_count("Dana Rp1.200.000 untuk Kutai-Timur; ![foto](assets/a.png)") == 5
