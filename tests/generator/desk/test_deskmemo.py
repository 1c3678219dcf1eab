"""The desk's memo as `newsroom watch` keeps it in memory between builds: the desk's
worker forks with it and reads no file, unless the file changed since it was kept."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path
from typing import Any

import pytest

from generator.desk import deskmemo
from generator.desk.deskmemo import DeskMemo, keep_resident
from generator.desk.desksite import DeskPage
from generator.util import afterwards

CODE = "kode-uji"


def saved_memo(file: Path, row: str) -> None:
    memo = DeskMemo.load(file, CODE)
    memo.rows.get(("rilis", 1), lambda: row)
    memo.save()


@pytest.fixture
def unpickled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many memos were unpickled."""
    count: list[int] = []
    loads = pickle.loads

    def counted(data: bytes) -> Any:
        count.append(len(data))
        return loads(data)

    monkeypatch.setattr(pickle, "loads", counted)
    monkeypatch.setattr(deskmemo, "_resident", {})
    return count


def test_a_kept_memo_is_used_without_reading_its_file(tmp_path: Path, unpickled: list[int]) -> None:
    file = tmp_path / "desk-memo.pickle"
    saved_memo(file, "<tr>baris</tr>")
    keep_resident(file)
    assert len(unpickled) == 1  # keep_resident read it (the first load found no file)
    memo = DeskMemo.load(file, CODE)
    assert len(unpickled) == 1, "from memory"
    assert memo.rows.saved == {("rilis", 1): "<tr>baris</tr>"}


def test_a_memo_saved_since_it_was_kept_is_read_again(tmp_path: Path, unpickled: list[int]) -> None:
    file = tmp_path / "desk-memo.pickle"
    saved_memo(file, "<tr>lama</tr>")
    keep_resident(file)
    file.unlink()
    saved_memo(file, "<tr>baru</tr>")  # another build (a manual one) wrote it meanwhile
    assert DeskMemo.load(file, CODE).rows.saved == {("rilis", 1): "<tr>baru</tr>"}


def test_a_torn_memo_is_not_kept(tmp_path: Path, unpickled: list[int]) -> None:
    file = tmp_path / "desk-memo.pickle"
    saved_memo(file, "<tr>baris</tr>")
    keep_resident(file)
    file.write_bytes(file.read_bytes()[:20])
    keep_resident(file)
    assert deskmemo._resident == {}
    assert DeskMemo.load(file, CODE).rows.saved == {}, "made afresh"


def test_a_memo_that_fails_to_unpickle_in_any_way_is_not_kept(
    tmp_path: Path, unpickled: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "desk-memo.pickle"
    saved_memo(file, "<tr>baris</tr>")

    def broken(data: bytes) -> Any:
        raise KeyError("a damaged pickle can raise this too")

    monkeypatch.setattr(pickle, "loads", broken)
    keep_resident(file)  # the service goes on
    assert deskmemo._resident == {}


def test_a_memo_kept_as_it_is_on_disk_is_not_read_again(
    tmp_path: Path, unpickled: list[int]
) -> None:
    file = tmp_path / "desk-memo.pickle"
    saved_memo(file, "<tr>baris</tr>")
    keep_resident(file)
    keep_resident(file)  # a build that did not rebuild the desk
    assert len(unpickled) == 1


def many_rows(count: int) -> dict[tuple[object, ...], str]:
    return {("rilis", n): f"<tr>{n}</tr>" for n in range(count)}


def saved_rows(file: Path, rows: dict[tuple[object, ...], str]) -> DeskMemo:
    memo = DeskMemo.load(file, CODE)
    for key, row in rows.items():
        memo.rows.get(key, lambda row=row: row)
    memo.save()
    return memo


def test_a_rebuild_that_changed_little_writes_only_its_changes(tmp_path: Path) -> None:
    file = tmp_path / "desk-memo.pickle"
    rows = many_rows(2000)
    saved_rows(file, rows)
    whole = file.read_bytes()
    rows.pop(("rilis", 7))
    rows[("rilis", "baru")] = "<tr>baru</tr>"
    memo = saved_rows(file, rows)
    assert memo.rows.made == 1
    assert file.read_bytes() == whole, "the whole memo is not written again"
    changes = deskmemo.changes_file(file)
    assert len(changes.read_bytes()) < len(whole) // 20
    # Exactly the row made and the row no longer shown (told apart by the values read).
    _code, _base, made, gone = pickle.loads(changes.read_bytes())
    assert made[0] == {("rilis", "baru"): "<tr>baru</tr>"} and gone[0] == [("rilis", 7)]
    assert DeskMemo.load(file, CODE).rows.saved == rows
    # The next build writes the changes since the whole memo, not since the last build.
    rows[("rilis", "lagi")] = "<tr>lagi</tr>"
    saved_rows(file, rows)
    again = DeskMemo.load(file, CODE)
    assert again.rows.saved == rows
    assert again.rows.get(("rilis", "baru"), lambda: "dibuat lagi") == "<tr>baru</tr>"


def test_many_changes_write_the_memo_whole_again(tmp_path: Path) -> None:
    file = tmp_path / "desk-memo.pickle"
    rows = many_rows(2000)
    saved_rows(file, rows)
    changes = deskmemo.changes_file(file)
    saved_rows(file, {**rows, ("rilis", "baru"): "<tr>baru</tr>"})
    assert changes.exists()
    whole = file.read_bytes()
    rows = {("lain", n): f"<tr>{n}</tr>" for n in range(500)}  # a quarter of it
    saved_rows(file, rows)
    assert file.read_bytes() != whole
    assert not changes.exists(), "changes against the old whole memo are gone with it"
    assert DeskMemo.load(file, CODE).rows.saved == rows


@pytest.mark.parametrize("damage", ["torn", "other base", "other code"])
def test_changes_that_do_not_belong_to_the_memo_are_left_unread(
    tmp_path: Path, damage: str
) -> None:
    file = tmp_path / "desk-memo.pickle"
    rows = many_rows(2000)
    saved_rows(file, rows)
    saved_rows(file, {**rows, ("rilis", "baru"): "<tr>baru</tr>"})
    changes = deskmemo.changes_file(file)
    if damage == "torn":
        changes.write_bytes(changes.read_bytes()[:30])
    elif damage == "other base":  # the whole memo written again since, by another build
        again = file.with_name("baru")
        again.write_bytes(file.read_bytes())
        again.replace(file)  # as every save writes it: a new file renamed in
    else:
        _code, base, made, gone = pickle.loads(changes.read_bytes())
        changes.write_bytes(pickle.dumps(("kode-lain", base, made, gone)))
    memo = DeskMemo.load(file, CODE)
    assert memo.rows.saved == rows, "the whole memo alone: its values still hold"


def test_the_service_keeps_the_changes_and_reads_only_them_again(
    tmp_path: Path, unpickled: list[int]
) -> None:
    file = tmp_path / "desk-memo.pickle"
    rows = many_rows(2000)
    saved_rows(file, rows)
    keep_resident(file)
    whole_size = len(file.read_bytes())
    rows[("rilis", "baru")] = "<tr>baru</tr>"
    saved_rows(file, rows)
    unpickled.clear()
    keep_resident(file)
    assert unpickled and max(unpickled) < whole_size // 20, "only the changes read"
    unpickled.clear()
    assert DeskMemo.load(file, CODE).rows.saved == rows
    assert unpickled == [], "both from memory"


def test_search_entries_are_kept_under_their_page_s_path_too(tmp_path: Path) -> None:
    """Two pages with the same text (an office renamed, a month emptied) each link their
    entries to themselves, whichever was made first."""
    text = "# Kantor\n\nTidak ada rilis.\n"
    first, second = DeskPage("kantor/a.md", text), DeskPage("kantor/b.md", text)
    file = tmp_path / "desk-memo.pickle"
    memo = DeskMemo.load(file, CODE)
    entries, parts = memo.search_parts([first, second])
    assert [e["location"] for e in entries] == ["kantor/a/", "kantor/b/"]
    assert parts[0] != parts[1]
    memo.save()
    again = DeskMemo.load(file, CODE)
    kept, _ = again.search_parts([second])
    assert [e["location"] for e in kept] == ["kantor/b/"]
    assert again.entries.made == 0, "kept from the last build"


def test_a_memo_is_saved_in_the_background_and_the_next_load_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk's pages go out before its memo is written; a later build in the same
    process reads the memo only once it is on disk."""
    file = tmp_path / "desk-memo.pickle"
    memo = DeskMemo.load(file, CODE)
    memo.rows.get(("rilis", 1), lambda: "<tr>baru</tr>")
    go_on = threading.Event()
    save = DeskMemo.save

    def held(self: DeskMemo) -> None:
        assert go_on.wait(30)
        save(self)

    monkeypatch.setattr(DeskMemo, "save", held)
    memo.save_later()  # returns while the save is held
    assert not file.exists()
    loaded: list[DeskMemo] = []
    loader = threading.Thread(target=lambda: loaded.append(DeskMemo.load(file, CODE)))
    loader.start()
    loader.join(0.5)
    assert loader.is_alive() and not loaded, "the load waits for the save under way"
    go_on.set()
    loader.join(30)
    assert loaded[0].rows.saved == {("rilis", 1): "<tr>baru</tr>"}


def test_an_unchanged_memo_starts_no_save(tmp_path: Path) -> None:
    file = tmp_path / "desk-memo.pickle"
    saved_memo(file, "<tr>baris</tr>")
    memo = DeskMemo.load(file, CODE)
    memo.rows.get(("rilis", 1), lambda: "<tr>lain</tr>")  # found: nothing made
    memo.save_later()
    assert not afterwards._started
