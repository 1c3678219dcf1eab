"""A long-running process (`newsroom watch`) builds again and again: a photo's derived
set found once is taken again without reading its record, only while every file of it
is there at its size; and a set found under another recipe is never taken for this one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.public import photobook, photocache, photos
from generator.public.photobook import PhotoBook
from tests.generator.public.test_photos import phone_jpeg, phone_photo

OFFICE = "kutai-timur"
REF = (OFFICE, "assets/kapal.jpg")


def a_build(assets: Path, cache: Path) -> PhotoBook:
    """One build's book over the same folders, as each build of the service makes."""
    book = PhotoBook(lambda office: assets, cache)
    book.prepare([REF], jobs=1)
    return book


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "kapal.jpg").write_bytes(phone_jpeg(phone_photo(900, 600)))
    return assets, tmp_path / "cache"


def counting_records(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = photocache._cached

    def counting(folder: Path, key: str) -> photocache.DerivedSet | None:
        read.append(key)
        return real(folder, key)

    monkeypatch.setattr(photocache, "_cached", counting)
    return read


def test_a_set_found_once_is_taken_again_unread(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = a_build(*folders).lookup(*REF)
    assert first is not None
    read = counting_records(monkeypatch)
    again = a_build(*folders).lookup(*REF)
    assert again == first and read == []


def test_a_set_with_a_file_gone_or_cut_short_is_made_again(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = a_build(*folders).lookup(*REF)
    assert first is not None and first.folder is not None
    for damage in ("cut", "gone"):
        picture = first.folder / first.pictures[0].name
        if damage == "cut":
            picture.write_bytes(picture.read_bytes()[:100])
        else:
            picture.unlink()
        again = a_build(*folders).lookup(*REF)
        assert again == first  # the same pictures, made again ...
        assert picture.stat().st_size == first.pictures[0].size  # ... whole on disk


def test_another_recipe_never_takes_the_sets_of_the_last(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = a_build(*folders).lookup(*REF)
    assert first is not None
    photobook._recipe.cache_clear()
    monkeypatch.setattr(photobook, "recipe", lambda: "a new RECIPE_VERSION")
    monkeypatch.setattr(photos, "recipe", lambda: "a new RECIPE_VERSION")
    try:
        other = a_build(*folders).lookup(*REF)
    finally:
        photobook._recipe.cache_clear()
    assert other is not None and other.key != first.key
