"""The folder watch sees every change made before the look, folders made since, the
kernel's lost events, and leaves a forked child's reads alone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.util.dirwatch import DirWatch, Unwatchable


def seen(watch: DirWatch) -> set[tuple[str, str]]:
    changes = watch.changed()
    assert changes is not None
    return {(c.folder.name, c.name) for c in changes}


def queue_limit() -> int:
    """The kernel's queue of events (16,384 by default); filled by a test to overflow."""
    limit = int(Path("/proc/sys/fs/inotify/max_queued_events").read_text())
    if limit > 100_000:
        pytest.skip(f"max_queued_events is {limit}: too long to fill here")
    return limit


@pytest.fixture
def watch() -> Iterator[DirWatch]:
    try:
        made = DirWatch()
    except Unwatchable as error:  # pragma: no cover - Linux has inotify
        pytest.fail(f"inotify is unavailable here: {error}")
    yield made
    made.close()


def test_every_change_before_the_look_is_seen_once(watch: DirWatch, tmp_path: Path) -> None:
    tree = tmp_path / "pohon"
    (tree / "a" / "b").mkdir(parents=True)
    (tree / "a" / "b" / "lama.md").write_text("lama")
    watch.add_tree(tree)
    assert seen(watch) == set()

    (tree / "a" / "b" / "lama.md").write_text("diubah di tempat")  # same inode, same folder
    (tree / "a" / "baru.md").write_text("baru")
    assert seen(watch) == {("b", "lama.md"), ("a", "baru.md")}
    assert seen(watch) == set()  # each change once

    os.replace(tree / "a" / "baru.md", tree / "a" / "b" / "pindah.md")
    (tree / "a" / "b" / "lama.md").unlink()
    assert seen(watch) == {
        ("a", "baru.md"),
        ("b", "pindah.md"),
        ("b", "lama.md"),
    }


def test_a_folder_made_is_said_and_watched_once_added(watch: DirWatch, tmp_path: Path) -> None:
    tree = tmp_path / "pohon"
    tree.mkdir()
    watch.add_tree(tree)
    (tree / "2027").mkdir()
    assert seen(watch) == {("pohon", "2027")}
    (tree / "2027" / "sebelum.md").write_text("isi")
    assert seen(watch) == set()  # not watched yet
    watch.add_tree(tree / "2027")
    (tree / "2027" / "rilis.md").write_text("isi")
    assert ("2027", "rilis.md") in seen(watch)


def test_a_symlinked_folder_is_named_neither_watched_nor_followed(
    watch: DirWatch, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "di-luar"
    elsewhere.mkdir()
    tree = tmp_path / "pohon"
    (tree / "a").mkdir(parents=True)
    (tree / "a" / "tautan").symlink_to(elsewhere, target_is_directory=True)
    assert watch.add_tree(tree) == [tree / "a" / "tautan"]
    assert watch.add_tree(tree / "a" / "tautan") == [tree / "a" / "tautan"]
    (elsewhere / "foto.jpg").write_bytes(b"x")
    assert seen(watch) == set()


def test_a_lost_change_says_anything_may_have_changed(watch: DirWatch, tmp_path: Path) -> None:
    tree = tmp_path / "pohon"
    tree.mkdir()
    watch.add(tree)
    limit = queue_limit()
    files = [tree / "a", tree / "b"]  # taking turns: the kernel merges an event repeated
    for _ in range(limit // 2 + 2):
        for path in files:
            path.write_bytes(b"x")
    assert watch.changed() is None
    assert seen(watch) == set()  # the queue read empty: the watch goes on
    files[0].write_bytes(b"y")
    assert ("pohon", "a") in seen(watch)


def test_a_forked_child_never_reads_the_parents_changes(watch: DirWatch, tmp_path: Path) -> None:
    tree = tmp_path / "pohon"
    tree.mkdir()
    watch.add(tree)
    (tree / "rilis.md").write_text("isi")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0 if not watch.mine else 1
        watch.close()  # closes nothing of the parent's
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert watch.mine
    assert ("pohon", "rilis.md") in seen(watch)


def test_a_folder_gone_before_its_watch_is_not_an_error(watch: DirWatch, tmp_path: Path) -> None:
    watch.add(tmp_path / "tidak-ada")
    (tmp_path / "berkas").write_text("bukan folder")
    watch.add(tmp_path / "berkas")
    assert seen(watch) == set()
