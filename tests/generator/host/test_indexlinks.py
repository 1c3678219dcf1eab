"""A folder's files given to another as hard links (generator.host.indexlinks): each
file linked once, linked again only when the made one was replaced, the others
removed; copied where no link can be made (another file system)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.host.indexlinks import Made, files_of, link_all, remove_others

ENTRY = "pagefind-entry.json"


def make(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".new")
        temporary.write_bytes(data)
        os.replace(temporary, path)  # as the index is published: a new file, renamed


def contents(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in sorted(files_of(folder))}


def test_each_file_is_linked_once_and_again_only_when_replaced(tmp_path: Path) -> None:
    made, site = tmp_path / "made", tmp_path / "site" / "pusat"
    make(made, {ENTRY: b"{}", "index/a.pf_index": b"a", "fragment/b.pf_fragment": b"b"})
    assert link_all(made, site, ENTRY) == 3
    assert contents(site) == contents(made)
    assert all(os.path.samefile(made / name, site / name) for name in files_of(made))
    assert link_all(made, site, ENTRY) == 0  # current: a stat each, nothing written
    # The index made again: one file replaced, one gone, one new.
    make(made, {ENTRY: b"{1}", "index/c.pf_index": b"c"})
    (made / "fragment/b.pf_fragment").unlink()
    (made / "fragment").rmdir()
    assert link_all(made, site, ENTRY) == 2
    assert contents(site) == contents(made)
    assert not (site / "fragment").exists()  # emptied, removed
    assert os.path.samefile(made / ENTRY, site / ENTRY)


@pytest.fixture
def other_file_system(tmp_path: Path) -> Iterator[Path]:
    """A folder on another file system than `tmp_path` (tmpfs), where links fail."""
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second file system here")
    with tempfile.TemporaryDirectory(dir=shm) as folder:
        yield Path(folder)


def test_where_no_link_can_be_made_the_bytes_are_copied(
    tmp_path: Path, other_file_system: Path
) -> None:
    made, site = other_file_system / "made", tmp_path / "site" / "pusat"
    make(made, {ENTRY: b"{}", "index/a.pf_index": b"a"})
    assert link_all(made, site, ENTRY) == 2
    assert contents(site) == contents(made)
    assert not os.path.samefile(made / ENTRY, site / ENTRY)
    assert link_all(made, site, ENTRY) == 0  # the same bytes: not written again
    make(made, {"index/a.pf_index": b"a2"})
    assert link_all(made, site, ENTRY) == 1 and contents(site) == contents(made)


def test_what_is_not_kept_is_removed_but_the_spared_folder(tmp_path: Path) -> None:
    make(tmp_path, {"a": b"1", "old/b": b"2", "pusat/c": b"3", "pusat/d/e": b"4"})
    remove_others(tmp_path, {"a"}, spared="pusat")
    assert sorted(files_of(tmp_path)) == ["a", "pusat/c", "pusat/d/e"]
    remove_others(tmp_path, set())
    assert not tmp_path.exists()


def test_one_reading_of_the_made_files_serves_every_site(tmp_path: Path) -> None:
    """The made index is listed once for the 38 provinces; in each, what is linked
    already is told by the listing, and a file of the right name but not the made one
    (a copy, left by a run on another file system), stray files and the folders left
    empty go."""
    made = tmp_path / "made"
    make(made, {ENTRY: b"{}", "index/a.pf_index": b"a", "fragment/b/c.pf_fragment": b"c"})
    listed = Made.read(made, ENTRY)
    assert listed.names[-1] == ENTRY
    sites = [tmp_path / site / "pusat" for site in ("aceh", "maluku", "papua")]
    assert [link_all(listed, site, ENTRY) for site in sites] == [3, 3, 3]
    make(sites[1], {"index/a.pf_index": b"a", "old/d.pf_index": b"d"})  # a copy, a stray
    (sites[2] / "empty" / "deeper").mkdir(parents=True)
    assert [link_all(listed, site, ENTRY) for site in sites] == [0, 1, 0]
    for site in sites:
        assert contents(site) == contents(made)
        assert all(os.path.samefile(made / name, site / name) for name in files_of(made))
        assert sorted(p.name for p in site.iterdir()) == ["fragment", "index", ENTRY]
