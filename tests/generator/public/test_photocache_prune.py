"""The photo cache keeps what builds show: a set no build has shown for 30 days is
removed after a build, on real pictures and real hard links, and nothing else is."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from generator.public.photobook import INDEX_NAME, PhotoBook
from tests.generator.public.test_photos import phone_jpeg, phone_photo

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=timezone(timedelta(hours=8)))
OFFICE = "kutai-timur"


def book_over(tmp_path: Path) -> tuple[PhotoBook, Path, Path]:
    assets = tmp_path / "office-assets"  # what `assets/...` names
    assets.mkdir(exist_ok=True)
    cache = tmp_path / ".cache" / "newsroom" / "photos"
    book = PhotoBook(lambda office: assets, cache)
    return book, assets, cache


def a_build(tmp_path: Path, srcs: list[str], now: datetime) -> PhotoBook:
    """What one `newsroom build` does with its photos: a new book, prepared, tidied."""
    book, _, _ = book_over(tmp_path)
    book.prepare([(OFFICE, f"assets/{src}") for src in srcs], jobs=1)
    book.tidy(now)
    return book


def keys_in(cache: Path) -> set[str]:
    return {p.name.split(".")[0] for p in cache.iterdir() if p.name.endswith(".json")} - {
        INDEX_NAME.split(".")[0]
    }


def test_a_photo_no_build_shows_for_30_days_is_removed(tmp_path: Path) -> None:
    _, folder, cache = book_over(tmp_path)
    (folder / "kapal.jpg").write_bytes(phone_jpeg(phone_photo(900, 600)))
    (folder / "pasar.jpg").write_bytes(phone_jpeg(phone_photo(600, 900)))
    both = a_build(tmp_path, ["kapal.jpg", "pasar.jpg"], NOW)
    kapal = both.lookup(OFFICE, "assets/kapal.jpg")
    pasar = both.lookup(OFFICE, "assets/pasar.jpg")
    assert kapal is not None and pasar is not None
    published = tmp_path / "site" / "foto" / pasar.pictures[0].name  # as outputs/pictures
    published.parent.mkdir(parents=True)
    os.link(cache / pasar.pictures[0].name, published)

    # The market photo is taken out of its release: kept while it may come back ...
    a_build(tmp_path, ["kapal.jpg"], NOW + timedelta(days=29))
    assert keys_in(cache) == {kapal.key, pasar.key}
    # ... and gone once no build has shown it for 30 days; the ship stays, as does
    # the copy a site published (a hard link of its own) and the index.
    a_build(tmp_path, ["kapal.jpg"], NOW + timedelta(days=31))
    assert keys_in(cache) == {kapal.key}
    assert not any(p.name.startswith(pasar.key) for p in cache.iterdir())
    assert sorted(p.name for p in cache.iterdir() if p.name.startswith(kapal.key)) == sorted(
        [f"{kapal.key}.json", kapal.clean.name, *(p.name for p in kapal.pictures), kapal.og.name]
    )
    assert published.read_bytes()[:4] == b"RIFF"
    assert (cache / INDEX_NAME).is_file()


def test_a_photo_shown_every_day_is_never_removed(tmp_path: Path) -> None:
    _, folder, cache = book_over(tmp_path)
    (folder / "kapal.jpg").write_bytes(phone_jpeg(phone_photo(900, 600)))
    first = a_build(tmp_path, ["kapal.jpg"], NOW).lookup(OFFICE, "assets/kapal.jpg")
    assert first is not None
    for day in range(10, 100, 10):  # a build every ten days, each showing it
        a_build(tmp_path, ["kapal.jpg"], NOW + timedelta(days=day))
    # Then the last build to show it is 29 days old: still kept.
    a_build(tmp_path, [], NOW + timedelta(days=90 + 29))
    assert keys_in(cache) == {first.key}
    a_build(tmp_path, [], NOW + timedelta(days=90 + 31))
    assert keys_in(cache) == set()


def test_a_write_torn_by_a_crash_is_removed_when_old(tmp_path: Path) -> None:
    _, folder, cache = book_over(tmp_path)
    (folder / "kapal.jpg").write_bytes(phone_jpeg(phone_photo(900, 600)))
    a_build(tmp_path, ["kapal.jpg"], NOW)
    torn = cache / ".nr-abcd1234.tmp"
    torn.write_bytes(b"half a picture")
    stranger = cache / "README.txt"  # not a name of ours: never removed
    stranger.write_text("catatan")
    old = (NOW - timedelta(days=40)).timestamp()
    os.utime(torn, (old, old))
    os.utime(stranger, (old, old))
    a_build(tmp_path, ["kapal.jpg"], NOW + timedelta(hours=20))
    assert torn.exists()  # pruned once a day: a rebuild does not list the folder
    a_build(tmp_path, ["kapal.jpg"], NOW + timedelta(days=1))
    assert not torn.exists() and stranger.exists()


def test_a_preview_of_a_day_before_removes_nothing(tmp_path: Path) -> None:
    _, folder, cache = book_over(tmp_path)
    (folder / "kapal.jpg").write_bytes(phone_jpeg(phone_photo(900, 600)))
    a_build(tmp_path, ["kapal.jpg"], NOW + timedelta(days=60))
    a_build(tmp_path, [], NOW)  # a clock behind the cache's stamps: everything is recent
    assert len(keys_in(cache)) == 1
