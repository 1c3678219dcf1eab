"""A watched repository's load (`newsroom watch`) looks again only at the offices whose
folders changed, and gives exactly what a fresh load gives, whatever the change."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content import changewatch, releaseload
from generator.content.repository import CENTRAL, Layout, Repository, load_repository
from tests.conftest import release_text
from tests.generator.content.photofiles import phone_jpeg
from tests.generator.util.test_dirwatch import queue_limit

RELEASES = {
    "komdigi/2026/pusat-satu": release_text(title="Pusat satu"),
    "komdigi/2026/pusat-dua": release_text(title="Pusat dua"),
    "kaltim/2026/kaltim-satu": release_text(title="Kaltim satu"),
    "kutai-timur/2025/lama": release_text(title="Kutai lama", date="2025-03-01 09:00"),
    "kutai-timur/2026/foto": release_text(
        title="Kutai foto", image="{src: assets/foto.jpg, alt: Foto kegiatan}"
    ),
    "ambon/2026/ambon-satu": release_text(
        title="Ambon satu", image="{src: assets/peta.jpg, alt: Peta lokasi}"
    ),
}


# The watch's clock for intervals (the service's `ticks`): moved by hand here.
CLOCK = [0.0]
WHOLE_EVERY = 600.0


def snapshot(repo: Repository) -> tuple[object, object]:
    return [(r.id, r.meta, r.body) for r in repo.releases], repo.report.sorted()


@pytest.fixture
def watched(
    central_repo: Callable[..., Path], tmp_path: Path
) -> tuple[Path, Callable[[], Repository]]:
    root = central_repo(RELEASES)
    (root / "content" / "assets" / "ambon").mkdir(parents=True)
    (root / "content" / "assets" / "ambon" / "peta.jpg").write_bytes(phone_jpeg())
    layout = Layout(root, CENTRAL)
    cache = tmp_path / "releases.pickle"
    CLOCK[0] = 0.0
    assert changewatch.watch(layout, lambda: CLOCK[0], WHOLE_EVERY) is None

    def load() -> Repository:
        return load_repository(layout, cache_file=cache)

    load()  # the first look: every file
    load()  # every office remembered as the cache holds it
    return root, load


@pytest.fixture
def stamped(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The release files whose stamp a load took (looked at again)."""
    paths: list[str] = []
    real = releaseload.file_key

    def counting(path: str | Path) -> tuple[int, int, int]:
        paths.append(str(path))
        return real(path)

    monkeypatch.setattr(releaseload, "file_key", counting)
    return paths


def fresh(root: Path) -> tuple[object, object]:
    """What a load without the watch and the cache gives."""
    return snapshot(load_repository(Layout(root, CENTRAL)))


def releases(root: Path) -> Path:
    return root / "content" / "releases"


def edit_in_place(root: Path) -> None:
    path = releases(root) / "kutai-timur/2025/lama.md"
    with open(path, "r+", encoding="utf-8") as handle:  # the same inode: no folder entry changes
        handle.write(release_text(title="Kutai diperbaiki", date="2025-03-01 09:00"))
        handle.truncate()
    os.utime(path, ns=(1, 1))


def add_release(root: Path) -> None:
    (releases(root) / "kutai-timur/2026/baru.md").write_text(release_text(title="Baru"))


def remove_release(root: Path) -> None:
    (releases(root) / "kutai-timur/2025/lama.md").unlink()


def new_year_folder(root: Path) -> None:
    (releases(root) / "kutai-timur/2027").mkdir()
    (releases(root) / "kutai-timur/2027/depan.md").write_text(release_text(title="Depan"))


def rename_release(root: Path) -> None:
    os.replace(
        releases(root) / "kutai-timur/2025/lama.md", releases(root) / "kutai-timur/2025/l.md"
    )


def photo_arrives(root: Path) -> None:
    folder = root / "content" / "assets" / "kutai-timur"
    folder.mkdir(parents=True)
    (folder / "foto.jpg").write_bytes(phone_jpeg())


def photo_removed(root: Path) -> None:
    (root / "content" / "assets" / "ambon" / "peta.jpg").unlink()


def stray_markdown(root: Path) -> None:
    (releases(root) / "kutai-timur/catatan.md").write_text("bukan rilis")


def new_office_folder(root: Path) -> None:
    shutil.rmtree(releases(root) / "ambon")
    (releases(root) / "ambon/2026").mkdir(parents=True)
    (releases(root) / "ambon/2026/ambon-baru.md").write_text(release_text(title="Ambon baru"))


def whole_releases_folder_replaced(root: Path) -> None:
    os.rename(releases(root), root / "content" / "lama")
    shutil.copytree(root / "content" / "lama", releases(root))
    (releases(root) / "kaltim/2026/kaltim-satu.md").write_text(release_text(title="Ganti"))


CHANGES = {
    "edited in place": (edit_in_place, {"kutai-timur"}),
    "added": (add_release, {"kutai-timur"}),
    "removed": (remove_release, {"kutai-timur"}),
    "a year folder made": (new_year_folder, {"kutai-timur"}),
    "renamed": (rename_release, {"kutai-timur"}),
    "its photo arrives": (photo_arrives, {"kutai-timur"}),
    "a photo removed": (photo_removed, {"ambon"}),
    "markdown misplaced": (stray_markdown, {"kutai-timur"}),
    "an office's folder made again": (new_office_folder, {"ambon"}),
    "content/releases replaced": (whole_releases_folder_replaced, None),
}


@pytest.mark.parametrize("name", CHANGES)
def test_a_watched_load_equals_a_fresh_one_and_looks_only_at_the_changed_office(
    name: str, watched: tuple[Path, Callable[[], Repository]], stamped: list[str]
) -> None:
    root, load = watched
    change, offices = CHANGES[name]
    stamped.clear()
    change(root)
    after = snapshot(load())
    assert after == fresh(root)
    looked_at = {Path(p).relative_to(releases(root)).parts[0] for p in stamped}
    if offices is None:  # anything may have changed: every office looked at
        assert looked_at == {"komdigi", "kaltim", "kutai-timur", "ambon"}
    else:
        assert looked_at == offices
    # Looked at once more, as the cache now holds what was parsed; then remembered.
    stamped.clear()
    assert snapshot(load()) == after
    assert {Path(p).relative_to(releases(root)).parts[0] for p in stamped} <= (
        offices or {"komdigi", "kaltim", "kutai-timur", "ambon"}
    )
    stamped.clear()
    assert snapshot(load()) == after
    assert stamped == []


def test_an_office_left_without_a_release_file_loads_as_a_fresh_load_does(
    watched: tuple[Path, Callable[[], Repository]],
) -> None:
    """Its folders stay (an empty year folder): found whole at the next load, with no
    file, as any office is, and taken whole after that."""
    root, load = watched
    (releases(root) / "kaltim/2026/kaltim-satu.md").unlink()
    after = snapshot(load())
    assert after == fresh(root)
    assert "kaltim/2026/kaltim-satu" not in [entry[0] for entry in after[0]]  # type: ignore[index]
    assert snapshot(load()) == after
    assert snapshot(load()) == after


def test_nothing_changed_looks_at_no_file(
    watched: tuple[Path, Callable[[], Repository]], stamped: list[str]
) -> None:
    root, load = watched
    before = snapshot(load())
    assert stamped == []
    assert before == fresh(root)


def test_lost_changes_look_at_every_office(
    watched: tuple[Path, Callable[[], Repository]], stamped: list[str]
) -> None:
    root, load = watched
    limit = queue_limit()
    folder = releases(root) / "kaltim" / "2026"
    for _ in range(limit // 2 + 2):  # two files taking turns: no event merged into the last
        (folder / "a.txt").write_bytes(b"a")
        (folder / "b.txt").write_bytes(b"b")
    (folder / "a.txt").unlink()
    (folder / "b.txt").unlink()
    # Then a change in another office, made while the queue was full: lost, yet seen.
    edit_in_place(root)
    after = snapshot(load())
    assert after == fresh(root)
    looked_at = {Path(p).relative_to(releases(root)).parts[0] for p in stamped}
    assert looked_at == {"komdigi", "kaltim", "kutai-timur", "ambon"}


def test_a_load_in_a_forked_child_leaves_the_changes_to_the_service(
    watched: tuple[Path, Callable[[], Repository]], stamped: list[str], tmp_path: Path
) -> None:
    root, load = watched
    add_release(root)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: it looks at every file itself
        stamped.clear()
        cache = tmp_path / "releases.pickle"  # not saved: the parent's stays as it read it
        mine = load_repository(Layout(root, CENTRAL), cache_file=cache, save_later=True)
        ok = snapshot(mine) == fresh(root) and len(stamped) == len(RELEASES) + 1
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    stamped.clear()
    assert snapshot(load()) == fresh(root)
    assert {Path(p).relative_to(releases(root)).parts[0] for p in stamped} == {"kutai-timur"}


def offices_looked_at(root: Path, stamped: list[str]) -> set[str]:
    return {Path(p).relative_to(releases(root)).parts[0] for p in stamped}


EVERY_OFFICE = {"komdigi", "kaltim", "kutai-timur", "ambon"}


@pytest.mark.parametrize(
    ("change", "office", "inside"),
    [
        (new_year_folder, "kutai-timur", "kutai-timur/2027"),
        (new_office_folder, "ambon", "ambon/2026"),
    ],
)
def test_a_folder_made_since_is_watched_from_the_next_load(
    watched: tuple[Path, Callable[[], Repository]],
    stamped: list[str],
    change: Callable[[Path], None],
    office: str,
    inside: str,
) -> None:
    root, load = watched
    change(root)
    load()
    load()  # what was parsed, as the cache keeps it: the office remembered again
    stamped.clear()
    (releases(root) / inside / "lagi.md").write_text(release_text(title="Lagi"))
    assert snapshot(load()) == fresh(root)
    assert offices_looked_at(root, stamped) == {office}


def test_a_load_that_fails_leaves_no_change_unseen(
    watched: tuple[Path, Callable[[], Repository]],
    stamped: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root, load = watched
    add_release(root)
    real = releaseload.office_files

    def unreadable(layout: Layout, folder: Path, report: object) -> object:
        if folder.name == "kutai-timur":  # as a folder made unreadable by hand would
            raise PermissionError(13, "Permission denied", str(folder))
        return real(layout, folder, report)  # type: ignore[arg-type]

    monkeypatch.setattr(releaseload, "office_files", unreadable)
    with pytest.raises(PermissionError):
        load()
    monkeypatch.setattr(releaseload, "office_files", real)
    stamped.clear()
    assert snapshot(load()) == fresh(root)  # the new release, though its change was taken
    assert offices_looked_at(root, stamped) == {"kutai-timur"}


@pytest.mark.parametrize("moved", ["content", "the repository"])
def test_content_moved_aside_and_copied_back_is_looked_at_whole(
    watched: tuple[Path, Callable[[], Repository]], stamped: list[str], moved: str
) -> None:
    """content/ moved says so itself; a folder above it moved says nothing to the
    watches (they follow the folders moved), the folders' identities do."""
    root, load = watched
    folder = root / "content" if moved == "content" else root
    aside = folder.with_name(folder.name + "-lama")
    os.rename(folder, aside)
    shutil.copytree(aside, folder)
    edit_in_place(root)  # in the copy, which no watch has seen yet
    stamped.clear()
    assert snapshot(load()) == fresh(root)
    assert offices_looked_at(root, stamped) == EVERY_OFFICE
    load()
    stamped.clear()
    add_release(root)  # the copy is watched now
    assert snapshot(load()) == fresh(root)
    assert offices_looked_at(root, stamped) == {"kutai-timur"}


def test_every_office_is_looked_at_again_once_due(
    watched: tuple[Path, Callable[[], Repository]], stamped: list[str]
) -> None:
    root, load = watched
    CLOCK[0] += WHOLE_EVERY - 1
    load()
    assert stamped == []
    CLOCK[0] += 1  # what inotify cannot see (a network file system) waits no longer
    load()
    assert offices_looked_at(root, stamped) == EVERY_OFFICE
    stamped.clear()
    load()
    assert stamped == []


def test_an_office_with_a_symlinked_folder_is_looked_at_every_time(
    central_repo: Callable[..., Path], tmp_path: Path, stamped: list[str]
) -> None:
    image = "{src: assets/galeri/foto.jpg, alt: Foto kegiatan}"
    root = central_repo({**RELEASES, "kaltim/2026/galeri": release_text(image=image)})
    elsewhere = tmp_path / "di-luar"
    elsewhere.mkdir()
    (elsewhere / "foto.jpg").write_bytes(phone_jpeg())
    (root / "content" / "assets" / "kaltim").mkdir(parents=True)
    (root / "content" / "assets" / "kaltim" / "galeri").symlink_to(elsewhere)
    layout = Layout(root, CENTRAL)
    cache = tmp_path / "releases.pickle"
    assert changewatch.watch(layout, lambda: 0.0, WHOLE_EVERY) is None
    for _ in range(3):
        load_repository(layout, cache_file=cache)
    stamped.clear()
    (elsewhere / "foto.jpg").unlink()  # behind the link: no event
    after = snapshot(load_repository(layout, cache_file=cache))
    assert after == fresh(root)
    assert offices_looked_at(root, stamped) == {"kaltim"}


def test_unwatched_every_load_looks_at_every_file(
    central_repo: Callable[..., Path], tmp_path: Path, stamped: list[str]
) -> None:
    layout = Layout(central_repo(RELEASES), CENTRAL)
    cache = tmp_path / "releases.pickle"
    load_repository(layout, cache_file=cache)
    stamped.clear()
    load_repository(layout, cache_file=cache)
    assert len(stamped) == len(RELEASES)
