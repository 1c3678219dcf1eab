"""The registry is made again whenever a byte it was made of changes, and only then:
`newsroom watch` loads it four times a cycle, and each time must see an office an
editor just added, officers a sync just brought, and the problems as a fresh load."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content import registry as registry_module
from generator.content.layout import CENTRAL, Layout
from generator.content.problems import Report
from generator.content.registry import load_registry
from tests.conftest import CENTRAL_OFFICES

NOVEMBER = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
DECEMBER = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
AHEAD_NIP = "199001012026122001"  # appointed 2026-12: ahead in November, not in December


def load(root: Path, now: datetime | None = None) -> tuple[list[str], list[str]]:
    report = Report()
    registry = load_registry(Layout(root, CENTRAL), report, now)
    return sorted(registry.offices), [p.format("en") for p in report.problems]


@pytest.fixture
def central(central_repo: Callable[..., Path]) -> Path:
    return central_repo({})


def test_a_second_load_gives_the_same_offices_and_reports_the_same_problems(
    central: Path,
) -> None:
    registry_file = central / "content" / "offices.yml"
    registry_file.write_text(CENTRAL_OFFICES + "- id: tanpa-nama\n  level: pusat\n")
    first = load(central)
    assert first[1], "the entry without a name is reported"
    assert registry_module._KEPT, "the load was kept"
    assert load(central) == first  # from what was kept: the problems reported again


def test_a_copy_is_handed_out_so_a_caller_cannot_change_what_is_kept(central: Path) -> None:
    layout = Layout(central, CENTRAL)
    for _ in range(2):  # the first made, the second handed out from what was kept
        load_registry(layout, Report()).offices.clear()
    assert "komdigi" in load_registry(layout, Report()).offices


def test_an_office_added_with_the_same_size_and_time_is_seen(central: Path) -> None:
    registry_file = central / "content" / "offices.yml"
    assert "ambon" in load(central)[0]
    stat = registry_file.stat()
    # Same length, same mtime: only the bytes say it changed.
    registry_file.write_text(CENTRAL_OFFICES.replace("id: ambon", "id: ambin"))
    os.utime(registry_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert registry_file.stat().st_size == stat.st_size
    offices = load(central)[0]
    assert "ambin" in offices and "ambon" not in offices


def test_officers_a_sync_brings_are_seen(central: Path) -> None:
    load(central)
    folder = central / "content" / "officers"
    folder.mkdir()
    (folder / "ambon.yml").write_text('- {id: lisa, name: Lisa, nip: "199001012015012001"}\n')
    registry = load_registry(Layout(central, CENTRAL), Report())
    assert [o.id for o in registry.offices["ambon"].officers] == ["lisa"]
    (folder / "ambon.yml").unlink()
    assert load_registry(Layout(central, CENTRAL), Report()).offices["ambon"].officers == ()


def test_a_new_month_judges_an_appointment_again(central: Path) -> None:
    folder = central / "content" / "officers"
    folder.mkdir()
    (folder / "ambon.yml").write_text(f'- {{id: lisa, name: Lisa, nip: "{AHEAD_NIP}"}}\n')
    assert any("(now 2026-11)" in p for p in load(central, NOVEMBER)[1])
    assert load(central, DECEMBER)[1] == []
    assert any("(now 2026-11)" in p for p in load(central, NOVEMBER)[1])


def test_a_registry_that_cannot_be_read_is_reported_each_time(central: Path) -> None:
    registry_file = central / "content" / "offices.yml"
    registry_file.unlink()
    for _ in range(2):
        assert load(central)[1] and "offices.yml" in load(central)[1][0]
    registry_file.write_text(CENTRAL_OFFICES)
    assert load(central) == (["ambon", "kaltim", "komdigi", "kutai-timur"], [])


def test_the_services_loads_and_its_builds_are_each_made_once(
    central: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = []
    parse = registry_module._parse_registry

    def counted(layout: Layout, report: Report, now: datetime | None) -> object:
        made.append(now)
        return parse(layout, report, now)

    monkeypatch.setattr(registry_module, "_parse_registry", counted)
    for _ in range(3):  # a cycle: the service's check and sync (no now), then its build
        load(central)
        load(central, NOVEMBER)
    assert made == [None, NOVEMBER]


def test_a_fifo_among_the_officers_files_is_not_read(central: Path) -> None:
    """A load skips what is not a regular `<office>.yml`; so must its check, or a FIFO
    (or a link to /dev/zero) there would stop every sync and build."""
    folder = central / "content" / "officers"
    folder.mkdir()
    os.mkfifo(folder / "ambon.yml")
    (folder / "catatan.txt").write_text("bukan petugas")
    done: list[tuple[list[str], list[str]]] = []
    reader = threading.Thread(target=lambda: done.append(load(central)), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert done and "ambon" in done[0][0]
