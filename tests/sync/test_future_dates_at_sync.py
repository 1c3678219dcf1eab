"""A date more than a day ahead of the sync's clock is refused by the sync (issue 14):
a mistyped year would otherwise publish at once and stay on top of every list."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from generator.content.repository import CENTRAL, Layout, load_repository
from sync.runner import Options, sync
from tests.conftest import invoke, release_text
from tests.sync.gitrepos import central_repo, office_repo


def test_a_mistyped_year_is_refused_by_the_sync_at_its_clock(tmp_path: Path) -> None:
    office = office_repo(
        tmp_path / "kantor",
        "kutai-timur",
        {
            "releases/2026/baik.md": release_text(title="Baik", date="2026-11-20 10:00"),
            "releases/2062/tahun-salah.md": release_text(title="Salah", date="2062-11-20 10:00"),
            "releases/2026/terjadwal.md": release_text(
                title="Terjadwal", date="2026-12-01 10:00", publish_at="2026-12-01 10:00"
            ),
            "releases/2026/desember.md": release_text(title="Desember", date="2026-12-10 10:00"),
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    first = invoke(["sync", "--now", "2026-11-24T10:30:00+08:00"], central)
    assert first.exit_code == 0, first.output
    repo = load_repository(Layout(central, CENTRAL))
    assert [r.id for r in repo.releases] == [
        "kutai-timur/2026/baik",
        "kutai-timur/2026/terjadwal",
    ]
    assert not (central / "content/releases/kutai-timur/2062").exists()
    record = json.loads((central / "content/sync/kutai-timur.json").read_text())
    assert not [path for path in record["releases"] if "tahun-salah" in path]
    # The sync's clock is the command's: on the 10th of December the release is due,
    # and arrives though the office committed nothing since.
    later = invoke(["sync", "--now", "2026-12-10T08:00:00+08:00"], central)
    assert later.exit_code == 0, later.output
    ids = [r.id for r in load_repository(Layout(central, CENTRAL)).releases]
    assert "kutai-timur/2026/desember" in ids and "kutai-timur/2062/tahun-salah" not in ids


def test_the_sync_names_the_date_and_the_fix(tmp_path: Path) -> None:
    office = office_repo(
        tmp_path / "kantor",
        "kutai-timur",
        {"releases/2062/tahun-salah.md": release_text(date="2062-11-20 10:00")},
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    now = datetime.fromisoformat("2026-11-24T10:30:00+08:00")
    (result,) = sync(Layout(central, CENTRAL), Options(now=now))
    assert result.ok and result.new == [], result.error
    assert result.rejected == ["releases/2062/tahun-salah.md"]
    (problem,) = result.problems
    assert (problem.field, problem.code, problem.value) == (
        "date",
        "date_ahead",
        "2062-11-20 10:00",
    )
    indonesian, english = problem.format("id"), problem.format("en")
    assert "tahun salah ketik?" in indonesian and "a mistyped year?" in english
