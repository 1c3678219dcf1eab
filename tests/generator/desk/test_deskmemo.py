"""The desk's memo as `newsroom watch` keeps it in memory between builds: the desk's
worker forks with it and reads no file, unless the file changed since it was kept."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from generator.desk import deskmemo
from generator.desk.deskmemo import DeskMemo, keep_resident

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
