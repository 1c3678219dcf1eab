"""The desk's page of the offices' report: the last six months' figures, as `newsroom
report offices` counts them, a <meter> bar per office, in the nav and the search index,
and no NIP, no officer's name and no draft or embargoed release counted."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import release_text
from tests.generator.report.newsroom import BASE, NOW, make_newsroom
from tests.sitebuild import build_repo


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_newsroom(tmp_path_factory.mktemp("laporan") / "pusat")
    return build_repo(root, NOW, BASE) / "desk"


def rows(page: str) -> dict[str, list[str]]:
    """The first table's cells by office id."""
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        office = re.search(r"kantor/([a-z-]+)/", cells[0])
        assert office is not None
        found[office[1]] = cells[1:]
    return found


def test_the_page_counts_as_the_report_does(desk: Path) -> None:
    page = (desk / "laporan" / "index.html").read_text()
    # 1 July to 1 December 2026 (six months, WIB), public at 1 December 07.00 WIB.
    assert "1 Juli 2026 sampai 1 Desember 2026" in page
    found = rows(page)
    # kutai-timur: the five of November and awal-desember (1 Dec 00:30 WITA); the draft
    # and the embargoed one not; the withdrawn one apart; berfoto curated (1 of 6).
    assert found["kutai-timur"][0] == "6"
    assert '<meter min="0" max="6" value="6"' in found["kutai-timur"][1]
    assert found["kutai-timur"][2:] == ["1", "1", "1", "1 (17 %, dikurasi ke situs nasional)", "0"]
    assert found["ambon"][0] == "4" and found["kaltim"][0] == "1"
    assert found["komdigi"][5] == "2 (100 %, tayang di situs provinsi)"
    assert "Penulis" not in page and "Lisa Amalia" not in page


def test_the_page_is_in_the_nav_and_the_search_index_without_a_nip(desk: Path) -> None:
    overview = (desk / "index.html").read_text()
    assert 'href="laporan/"' in overview
    index = json.loads((desk / "search" / "search_index.json").read_text())
    assert any(doc["location"].startswith("laporan/") for doc in index["docs"])
    for path in desk.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode(
                "utf-8", "replace"
            )
            assert "19900101" not in text, path


def test_each_day_of_a_month_page_is_a_machine_readable_date(desk: Path) -> None:
    """A day heading names the day on the releases' own office clock: Kutai Timur's
    23:30 WITA on 30 November is 30 November, not the 1 December it is in UTC+9."""
    page = (desk / "hari" / "2026-11" / "index.html").read_text()
    days = re.findall(r'<h2[^>]*><time datetime="([0-9-]+)">([^<]+)</time>', page)
    assert ("2026-11-30", "30 November 2026") in days, days
    assert all(label.startswith(f"{int(iso[8:])} ") for iso, label in days), days


def test_a_rebuild_shows_the_new_counts_as_a_fresh_build_does(tmp_path: Path) -> None:
    """Each row is kept in the desk's memo while it shows the same: after three more
    releases of Ambon its rows change, and so does every row's bar, whose scale is now
    Ambon's 7, not Kutai Timur's 6."""
    root = make_newsroom(tmp_path / "pusat")
    build_repo(root, NOW, BASE)
    for n in range(3):
        text = release_text(title=f"Rilis Ambon {n}", date=f"2026-11-2{n} 09:00")
        (root / f"content/releases/ambon/2026/tambahan-{n}.md").write_text(text)
    page = (build_repo(root, NOW, BASE) / "desk" / "laporan" / "index.html").read_text()
    found = rows(page)
    assert found["ambon"][0] == "7"
    assert '<meter min="0" max="7" value="6"' in found["kutai-timur"][1]
    fresh = tmp_path / "bersih"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("site", ".cache"))
    assert page == (build_repo(fresh, NOW, BASE) / "desk" / "laporan" / "index.html").read_text()
