"""Dates datetime holds but cannot convert reach no build: the sync refuses them by name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.repository import CENTRAL, Layout, load_repository
from sync.runner import Options, sync
from tests.conftest import release_text
from tests.sync.gitrepos import central_repo, office_repo


@pytest.mark.parametrize(
    "fields",
    [
        {"date": "9999-12-31 23:59+00:00"},
        {"date": "0001-01-01 00:00+14:00"},
        {"updates": "[{date: '9999-12-31 23:59+00:00', note: koreksi}]"},
        {"publish_at": "٢٠٢٦-12-01 10:00"},
    ],
)
def test_an_unconvertible_date_is_refused_and_the_office_syncs(
    tmp_path: Path, fields: dict[str, str]
) -> None:
    bad = release_text(title="Jauh", category="opini", **fields)
    office = office_repo(
        tmp_path / "kantor",
        "kutai-timur",
        {
            "releases/2026/baik.md": release_text(title="Baik"),
            "releases/2026/jauh.md": bad,
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC)))
    assert result.ok, result.error
    assert result.new == ["kutai-timur/2026/baik"]
    assert result.rejected == ["releases/2026/jauh.md"]
    said = {(p.field, p.code) for p in result.problems}
    field = next(iter(fields)).replace("updates", "updates[1].date")
    code = "date_digits" if "٢" in bad else "date_out_of_range"
    # The date by name, and the file's other mistake too.
    assert {(field, code), ("category", "bad_choice")} <= said, said
    repo = load_repository(Layout(central, CENTRAL))
    assert [r.id for r in repo.releases] == ["kutai-timur/2026/baik"]
