"""The sync checks `regulation:` as `newsroom check` does (issue 19): a release whose
regulation is wrong is refused with the same message, a good one arrives whole."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from generator.content.repository import CENTRAL, Layout, load_repository
from sync.runner import Options, sync
from tests.conftest import release_text
from tests.sync.gitrepos import central_repo, office_repo

NOW = datetime.fromisoformat("2026-11-24T10:30:00+08:00")
PDF = "[{title: Naskah, src: assets/perbup-12.pdf}]"


def _law(rule: str) -> str:
    return release_text(
        title="Perbup Jam Layanan",
        date="2026-11-17 10:00",
        category="produk-hukum",
        attachments=PDF,
        regulation=rule,
    )


def test_the_sync_refuses_a_wrong_regulation_and_keeps_a_good_one(tmp_path: Path) -> None:
    good = (
        "{type: Perbup, number: '12', year: 2026, about: Jam Layanan, "
        "document: assets/perbup-12.pdf}"
    )
    office = office_repo(
        tmp_path / "kantor",
        "kutai-timur",
        {
            "releases/2026/baik.md": _law(good),
            "releases/2026/salah.md": _law(good.replace("perbup-12.pdf}", "perbup-13.pdf}")),
            "releases/2026/tahun.md": _law(good.replace("year: 2026", "year: 2062")),
            "assets/perbup-12.pdf": "%PDF-1.4\n",
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    (result,) = sync(Layout(central, CENTRAL), Options(now=NOW))
    assert sorted(result.rejected) == ["releases/2026/salah.md", "releases/2026/tahun.md"]
    codes = sorted((p.field, p.code) for p in result.problems)
    assert codes == [
        ("regulation.document", "regulation_document_unknown"),
        ("regulation.year", "regulation_year_ahead"),
    ]
    english = [p.format("en") for p in result.problems]
    assert any("is not among the `attachments`" in text for text in english)
    repo = load_repository(Layout(central, CENTRAL))
    (release,) = repo.releases
    assert release.meta.regulation is not None
    assert (release.meta.regulation.type, release.meta.regulation.number) == ("Perbup", "12")
