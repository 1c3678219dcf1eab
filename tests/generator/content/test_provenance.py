"""Provenance: what the sync recorded of each release, attached at every load; a
release whose file and record are as they were is not copied again (the resident
service loads the newsroom at every build)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

import pytest

from generator.content import provenance
from generator.content.model import Release
from generator.content.repository import Layout, find_layout, load_repository
from generator.content.syncstate import OfficeState
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
FESTIVAL = "ambon/2026/festival-teluk-ambon"


def record(root: Path, office: str, commit: str) -> None:
    """The sync's state of `office`: every release file of it read at `commit`."""
    names = sorted(p.name for p in (root / f"content/releases/{office}/2026").glob("*.md"))
    state = {
        "source": f"https://git.{office}.example/humas/rilis.git",
        "commit": commit,
        "releases": {f"releases/2026/{n}": {"oid": "b10b", "commit": commit} for n in names},
    }
    (root / "content/sync").mkdir(exist_ok=True)
    (root / f"content/sync/{office}.json").write_text(json.dumps(state))


def recorded(tmp_path: Path) -> tuple[Path, Layout]:
    """The golden newsroom, two of its offices synced (their records written)."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    record(root, "ambon", "c0ffee1")
    record(root, "kutai-timur", "5eed")
    layout = find_layout(root)
    assert layout is not None
    return root, layout


def test_a_changed_record_reaches_its_release_and_the_rest_are_kept(tmp_path: Path) -> None:
    root, layout = recorded(tmp_path)
    cache = tmp_path / "releases.pickle"

    def loaded() -> dict[str, Release]:
        repo = load_repository(layout, cache_file=cache, now=NOW)
        return {release.id: release for release in repo.releases}

    first = loaded()
    festival = first[FESTIVAL].provenance
    assert festival is not None and festival.version == "c0ffee1"
    cached = loaded()  # from the parse cache, as every build after the first
    again = loaded()
    assert all(again[key] is cached[key] for key in cached), "nothing changed: none copied"
    synced = [key for key, release in again.items() if release.provenance is not None]
    assert len(synced) >= 4, "each a copy made at a load before"
    assert again[synced[-1]].body  # read in this process (rendered here, say)
    assert not loaded()[synced[-1]].has_body, "let go as a new copy would be"
    record(root, "ambon", "d00d2")  # synced again: the same file, from a newer commit
    third = loaded()
    newer = third[FESTIVAL].provenance
    assert newer is not None and newer.version == "d00d2"
    assert all(third[key] is cached[key] for key in cached if key != FESTIVAL)
    (root / "content/sync/ambon.json").unlink()  # its record gone: none shown
    assert loaded()[FESTIVAL].provenance is None


def test_a_record_is_read_again_only_once_its_file_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, layout = recorded(tmp_path)
    read: list[str] = []
    load_state = provenance.load_state

    def counted(content: Path, office: str) -> OfficeState:
        read.append(office)
        return load_state(content, office)

    monkeypatch.setattr(provenance, "load_state", counted)
    load_repository(layout, now=NOW)
    assert {"ambon", "kutai-timur"} <= set(read)
    read.clear()
    load_repository(layout, now=NOW)
    assert "ambon" not in read and "kutai-timur" not in read, "as they were: kept"
    record(root, "ambon", "d00d2")  # a sync writes the record anew
    repo = load_repository(layout, now=NOW)
    assert "ambon" in read and "kutai-timur" not in read
    festival = repo.release(FESTIVAL)
    assert festival is not None and festival.provenance is not None
    assert festival.provenance.version == "d00d2"


def test_only_an_office_with_a_release_or_a_record_changed_is_looked_at_release_by_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, layout = recorded(tmp_path)
    cache = tmp_path / "releases.pickle"
    looked: list[str] = []
    attach_all = provenance._attach_all

    def counted(given: list[Release], state: OfficeState, last: object) -> object:
        looked.append(given[0].office.id)
        return attach_all(given, state, last)  # type: ignore[arg-type]

    monkeypatch.setattr(provenance, "_attach_all", counted)

    def loaded() -> dict[str, Release]:
        repo = load_repository(layout, cache_file=cache, now=NOW)
        return {release.id: release for release in repo.releases}

    loaded()
    cached = loaded()  # the parse cache's objects from now on
    looked.clear()
    assert loaded() == cached and looked == []
    new = root / "content/releases/kutai-timur/2026/baru.md"
    new.write_text("---\ntitle: Rilis Baru\ndate: 2026-11-20 09:00\ncategory: berita\n---\nIsi.\n")
    with_new = loaded()
    assert looked == ["kutai-timur"]
    assert {k: v for k, v in with_new.items() if k != "kutai-timur/2026/baru"} == cached
    loaded()  # the new release as the parse cache keeps it: another object, once
    looked.clear()
    record(root, "ambon", "d00d2")
    newer = loaded()[FESTIVAL].provenance
    assert looked == ["ambon"]
    assert newer is not None and newer.version == "d00d2"


def test_offices_are_told_apart_as_groupby_would_and_a_list_unchanged_is_the_last_one(
    tmp_path: Path,
) -> None:
    """`by_office` takes an office's list from the last load where the same objects
    come again, and finds the others release by release: the same groups either way."""
    _, layout = recorded(tmp_path)
    releases = load_repository(layout, now=NOW).releases
    assert len({r.office.id for r in releases}) >= 3

    def grouped(items: list[Release]) -> list[tuple[str, list[Release]]]:
        return [(o, list(g)) for o, g in groupby(items, key=lambda r: r.office.id)]

    first = provenance.by_office(releases, {})
    assert first == grouped(releases)
    last = dict(first)
    again = provenance.by_office(list(releases), last)
    assert again == first and all(given is last[office] for office, given in again)

    offices = [office for office, _ in first]
    grown, dropped, shrunk = offices[0], offices[1], offices[-1]
    extra = replace(last[grown][-1], path=Path("lain.md"))  # equal-looking, another object
    changed = [
        *last[grown],
        extra,  # the office's list as before, and one more: not the same list
        *[r for o in offices[2:-1] for r in last[o]],  # `dropped` is gone
        *last[shrunk][1:],
    ]
    found = provenance.by_office(changed, last)
    assert found == grouped(changed)
    taken = {office for office, given in found if given is last.get(office)}
    assert taken == set(offices[2:-1])
    assert dropped not in dict(found)
