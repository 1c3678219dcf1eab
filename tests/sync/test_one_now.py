"""One `now` per sync run (issue 15): the command's, passed in `Options.now`; the sync
itself never reads the clock."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from generator.content.repository import CENTRAL, Layout
from generator.content.runrecords import latest_run
from generator.content.syncstate import load_state
from sync.runner import Options, sync
from tests.conftest import release_text
from tests.sync.gitrepos import central_repo, commit, git, office_repo

ROOT = Path(__file__).resolve().parents[2]
THEIRS = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)  # the run's, given by the command


def test_no_module_of_the_sync_reads_the_clock() -> None:
    for module in sorted((ROOT / "sync").rglob("*.py")):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"\bclock\.now\(|from generator import clock|datetime\.now\(", text), (
            module
        )


def test_the_run_dates_what_it_writes_with_the_now_it_was_given(tmp_path: Path) -> None:
    office = office_repo(
        tmp_path / "kantor",
        "kutai-timur",
        {
            "releases/2026/tetap.md": release_text(title="Tetap"),
            "releases/2026/hapus.md": release_text(title="Hapus"),
        },
    )
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})
    # The clock reads another day than THEIRS: what the run writes must be THEIRS.
    sync(Layout(central, CENTRAL), Options(now=THEIRS))
    git(office, "rm", "-q", "releases/2026/hapus.md")
    commit(office, "hapus")
    (result,) = sync(Layout(central, CENTRAL), Options(now=THEIRS, allow_mass_withdraw=True))
    assert result.withdrawn == ["kutai-timur/2026/hapus"]
    withdrawn = central / "content/releases/kutai-timur/2026/hapus.md"
    # Kutai Timur's wall clock (WITA, UTC+8) at the run's now.
    assert "withdrawn_at: 2026-11-24 10:30:00" in withdrawn.read_text(encoding="utf-8")
    state = load_state(central / "content", "kutai-timur")
    assert state.releases["releases/2026/tetap.md"].copied == "2026-11-24T10:30:00+08:00"
    assert latest_run(central)["finished"] == "2026-11-24T02:30:00Z"
