"""What the desk asks of the loaded newsroom, checked on the golden one."""

from __future__ import annotations

from datetime import UTC, datetime

from generator.content.problems import Severity
from generator.content.repository import find_layout, load_repository
from generator.desk.queries import errors_by_office
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def test_errors_are_counted_by_the_office_whose_folder_holds_them() -> None:
    layout = find_layout(FIXTURES / "golden")
    assert layout is not None
    repo = load_repository(layout, now=NOW)
    assert repo.report.errors == []
    releases, assets = layout.releases_dir, layout.content / "assets"
    report = repo.report
    report.add(releases / "kaltim/2026/rusak.md", 4, "category", "bad_category", "x")
    report.add(releases / "kaltim/2026/lain.md", 2, "date", "bad_date", "x")
    report.add(releases / "ambon", 1, "office", "unknown_office", "ambon")  # the folder itself
    report.add(assets / "kutai-timur/2026/foto.jpg", 1, "file", "bad_photo", "x")
    report.add(assets / "kutai-timur", 1, "file", "bad_photo", "x")  # not inside it
    report.add(releases, 1, "file", "wrong_place", "x")  # no office's
    report.add(layout.curation_file, 3, "featured[0].id", "unknown_release", "x")
    stray = releases / "kaltim/2026/catatan.txt"
    report.add(stray, 1, "file", "wrong_place", "x", severity=Severity.WARNING)
    assert dict(errors_by_office(repo)) == {"kaltim": 2, "ambon": 1, "kutai-timur": 1}
