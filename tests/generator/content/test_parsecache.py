"""The parsed-release cache gives exactly what a fresh load gives, and re-reads only
files that changed (or whose named assets appeared or vanished)."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content import parsecache, registry, releaseload, repository
from generator.content.parsecache import ParseCache, Parsed
from generator.content.parseworkers import ParseJob
from generator.content.repository import OFFICE, Layout, load_repository
from generator.content.schema import Office
from tests.conftest import OFFICE_YML, release_text


def snapshot(repo: repository.Repository) -> tuple[object, object]:
    return [(r.id, r.meta, r.body) for r in repo.releases], repo.report.sorted()


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The release files actually read and validated (not served from the cache)."""
    seen: list[str] = []
    real = releaseload.parse_release

    def counting(data, office, path, report, assets, zone_guessed=False):  # type: ignore[no-untyped-def]
        seen.append(path.name)
        return real(data, office, path, report, assets, zone_guessed)

    monkeypatch.setattr(releaseload, "parse_release", counting)
    return seen


def test_cached_load_equals_fresh_and_rereads_only_changes(
    office_repo: Callable[..., Path], parses: list[str], tmp_path: Path
) -> None:
    root = office_repo(
        {
            "releases/2026/satu.md": release_text(title="Satu"),
            "releases/2026/dua.md": release_text(title="Dua"),
            "releases/2026/rusak.md": release_text(category="gosip"),
            "releases/2026/foto.md": release_text(image="{src: assets/foto.jpg, alt: Foto}"),
        }
    )
    layout, cache = Layout(root, OFFICE), tmp_path / "releases.pickle"
    fresh = snapshot(load_repository(layout))
    assert snapshot(load_repository(layout, cache_file=cache)) == fresh
    parses.clear()
    assert snapshot(load_repository(layout, cache_file=cache)) == fresh
    assert parses == []  # nothing changed: nothing re-read, problems still reported

    edited = root / "releases/2026/dua.md"
    edited.write_text(release_text(title="Dua Diperbaiki"))
    os.utime(edited, ns=(1, 1))  # a different mtime even on a coarse clock
    (root / "assets").mkdir()
    (root / "assets/foto.jpg").write_bytes(b"\xff\xd8\xff")  # the missing photo arrives
    repo = load_repository(layout, cache_file=cache)
    assert sorted(parses) == ["dua.md", "foto.md"]
    assert snapshot(repo) == snapshot(load_repository(layout))
    assert "Dua Diperbaiki" in [r.meta.title for r in repo.releases]


def test_a_load_says_whether_a_release_file_is_new_changed_or_gone(
    office_repo: Callable[..., Path], tmp_path: Path
) -> None:
    """What `newsroom build` asks to build the desk before weighing it (host.build)."""
    root = office_repo({"releases/2026/satu.md": release_text(title="Satu")})
    layout, cache = Layout(root, OFFICE), tmp_path / "releases.pickle"

    def changed() -> bool:
        repo = load_repository(layout, cache_file=cache, save_later=True)
        found = repo.files_changed
        # Which offices' files (a cron build weighs their sites first): this one's, unless
        # nothing was cached (every file new: no news).
        assert repo.parse_cache is not None
        news = found and not repo.parse_cache.cold
        assert repo.offices_changed == ({*repo.offices} if news else set())
        repo.save_parse_cache()
        assert not repo.files_changed  # saved: what the next load compares with
        assert repo.offices_changed == set()
        return found

    assert changed()  # nothing cached yet
    assert not changed()
    (root / "releases/2026/dua.md").write_text(release_text(title="Dua"))
    assert changed() and not changed()
    edited = root / "releases/2026/dua.md"
    edited.write_text(release_text(title="Dua Diperbaiki"))
    os.utime(edited, ns=(1, 1))
    assert changed() and not changed()
    edited.unlink()
    assert changed() and not changed()
    assert not load_repository(layout).files_changed  # no cache: not known
    # A cache that held nothing (a first build, new code): every file new, none news.
    first = load_repository(layout, cache_file=tmp_path / "baru.pickle", save_later=True)
    assert first.files_changed and first.offices_changed == set()
    assert load_repository(layout).offices_changed == set()


def test_a_torn_cache_is_ignored(office_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = office_repo({"releases/2026/satu.md": release_text(title="Satu")})
    cache = tmp_path / "releases.pickle"
    cache.write_bytes(b"\x80\x05not a pickle")
    repo = load_repository(Layout(root, OFFICE), cache_file=cache)
    assert [r.meta.title for r in repo.releases] == ["Satu"]


def test_a_cached_release_reads_its_body_from_its_file_and_notices_a_change(
    office_repo: Callable[..., Path], tmp_path: Path
) -> None:
    from generator.content.model import ReleaseChanged

    body = "Paragraf pertama.\n\n## Bagian\n\nParagraf kedua.\n"
    root = office_repo(
        {"releases/2026/satu.md": release_text().replace("Isi rilis contoh.\n", body)}
    )
    cache = tmp_path / "releases.pickle"
    fresh = load_repository(Layout(root, OFFICE), cache_file=cache).releases[0]
    assert fresh.body == body
    assert b"Paragraf kedua" not in cache.read_bytes()  # kept without its body
    cached = load_repository(Layout(root, OFFICE), cache_file=cache).releases[0]
    assert cached.body == body  # read again from the file
    again = load_repository(Layout(root, OFFICE), cache_file=cache).releases[0]
    # The file changes after the build loaded it (a sync writing meanwhile): the build
    # must stop with a clear reason, not show text that was never validated.
    path = root / "releases/2026/satu.md"
    stat = path.stat()
    path.write_text(path.read_text().replace("pertama", "diubah"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(ReleaseChanged, match="changed while the build was running"):
        again.body  # noqa: B018


@pytest.fixture
def six(
    office_repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Layout, Path, Path]:
    """An office with six releases, its cache file and changes file; changes are saved
    apart up to 2 (not 50), so a few edits cross the limit."""
    monkeypatch.setattr(parsecache, "MIN_CHANGES", 2)
    root = office_repo(
        {f"releases/2026/rilis-{n}.md": release_text(title=f"Rilis {n}") for n in range(6)}
    )
    cache = tmp_path / "releases.pickle"
    return root, Layout(root, OFFICE), cache, cache.with_name(cache.name + "-changes")


def test_the_saved_cache_never_holds_a_body(six: tuple[Path, Layout, Path, Path]) -> None:
    """A build saves the cache after rendering, when cached releases have read their
    bodies: neither the changes nor the whole cache may hold them (they are read from
    the file). Entries from the changes file are handed out and saved again."""
    root, layout, cache, changes = six
    load_repository(layout, cache_file=cache)
    (root / "releases/2026/baru.md").write_text(release_text(title="Baru"))
    load_repository(layout, cache_file=cache)  # "baru" is in the changes file now

    def saved_after_every_body_was_read() -> None:
        repo = load_repository(layout, cache_file=cache, save_later=True)
        assert all(r.body for r in repo.releases)
        repo.save_parse_cache()

    def bodiless(entries: dict[str, parsecache.Parsed]) -> bool:
        return all(e.release is not None and not e.release.has_body for e in entries.values())

    (root / "releases/2026/rilis-0.md").unlink()
    saved_after_every_body_was_read()
    _, _, changed, removed = pickle.loads(changes.read_bytes())
    assert list(changed) == [str(root / "releases/2026/baru.md")] and bodiless(changed)
    assert removed == [str(root / "releases/2026/rilis-0.md")]
    for n in range(1, 4):  # beyond the limit: the whole cache is written again
        (root / f"releases/2026/rilis-{n}.md").write_text(release_text(title=f"Ubah {n}"))
    saved_after_every_body_was_read()
    assert not changes.exists()
    _, whole = pickle.loads(cache.read_bytes())
    assert len(whole) == 6 and bodiless(whole)


def test_changes_are_saved_apart_until_they_outgrow_the_whole(
    six: tuple[Path, Layout, Path, Path], parses: list[str]
) -> None:
    """A rebuild after one new release writes that release's entry, not all of them."""
    root, layout, cache, changes = six
    load_repository(layout, cache_file=cache)
    whole = cache.read_bytes()
    (root / "releases/2026/baru.md").write_text(release_text(title="Baru"))
    (root / "releases/2026/rilis-0.md").unlink()
    parses.clear()
    cached = load_repository(layout, cache_file=cache)
    assert parses == ["baru.md"]
    assert snapshot(cached) == snapshot(load_repository(layout))
    assert cache.read_bytes() == whole and changes.is_file()
    parses.clear()
    cached = load_repository(layout, cache_file=cache)  # the whole cache and its changes
    assert parses == [] and snapshot(cached) == snapshot(load_repository(layout))
    for n in range(1, 4):  # more changes than the limit: the whole cache is written again
        (root / f"releases/2026/rilis-{n}.md").write_text(release_text(title=f"Ubah {n}"))
    load_repository(layout, cache_file=cache)
    assert not changes.exists() and cache.read_bytes() != whole
    parses.clear()
    cached = load_repository(layout, cache_file=cache)
    assert parses == [] and snapshot(cached) == snapshot(load_repository(layout))


def test_changes_to_another_version_of_the_cache_are_ignored(
    office_repo: Callable[..., Path], parses: list[str], tmp_path: Path
) -> None:
    root = office_repo({"releases/2026/satu.md": release_text(title="Satu")})
    layout, cache = Layout(root, OFFICE), tmp_path / "releases.pickle"
    load_repository(layout, cache_file=cache)
    older = cache.read_bytes()
    (root / "releases/2026/dua.md").write_text(release_text(title="Dua"))
    load_repository(layout, cache_file=cache)  # a change saved against this version
    cache.unlink()
    cache.write_bytes(older)  # another file: the changes are not to it
    parses.clear()
    titles = sorted(r.meta.title for r in load_repository(layout, cache_file=cache).releases)
    assert titles == ["Dua", "Satu"]
    assert parses == ["dua.md"]  # not taken from changes made to another version


def test_a_cached_load_reads_no_photo_and_a_changed_photo_is_read_again(
    office_repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.content import photocheck
    from tests.fixtures.phonephoto import phone_photo

    text = release_text(image="{src: assets/foto.jpg, alt: Foto}")
    root = office_repo({"releases/2026/foto.md": text})
    (root / "assets").mkdir()
    photo = root / "assets/foto.jpg"
    photo.write_bytes(phone_photo(1, 400, 300))
    layout, cache = Layout(root, OFFICE), tmp_path / "releases.pickle"
    first = load_repository(layout, cache_file=cache)
    assert [r.id for r in first.releases] and not first.report.errors

    opened: list[str] = []
    real = photocheck._examine

    def counting(stream, size):  # type: ignore[no-untyped-def]
        opened.append("photo")
        return real(stream, size)

    # A new `newsroom build` is a new process: nothing examined in memory either.
    photocheck._examine_file.cache_clear()
    monkeypatch.setattr(photocheck, "_examine", counting)
    again = load_repository(layout, cache_file=cache)
    assert snapshot(again) == snapshot(first)
    assert opened == []  # its stamp unchanged: the verdict is the cache's, unread

    photo.write_bytes(b"\xff\xd8\xff" + b"not a photo" * 10)  # broken on the laptop
    os.utime(photo, ns=(1, 1))
    broken = load_repository(layout, cache_file=cache)
    assert opened == ["photo"]
    assert [p.field for p in broken.report.errors] == ["image.src"]


def test_a_process_reads_the_cache_files_again_only_when_they_change(
    six: tuple[Path, Layout, Path, Path], parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newsroom watch` builds again and again: it keeps the cache it last read or wrote
    and unpickles it only when another process wrote the files since."""
    root, layout, cache, changes = six
    unpickled: list[int] = []
    real = pickle.loads

    def counting(data: bytes) -> object:
        unpickled.append(len(data))
        return real(data)

    monkeypatch.setattr(parsecache.pickle, "loads", counting)
    load_repository(layout, cache_file=cache)  # written whole
    (root / "releases/2026/baru.md").write_text(release_text(title="Baru"))
    load_repository(layout, cache_file=cache)  # "baru" in the changes file
    parses.clear()
    kept = load_repository(layout, cache_file=cache)
    assert unpickled == [] and parses == [], "what this process wrote is not read back"
    assert snapshot(kept) == snapshot(load_repository(layout))

    # Another process writes the cache (the same bytes, another stamp): read again.
    before = changes.stat()
    changes.write_bytes(changes.read_bytes())
    os.utime(changes, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
    load_repository(layout, cache_file=cache)
    assert len(unpickled) == 2, "the whole cache and its changes, read again"
    unpickled.clear()
    cache.write_bytes(b"\x80\x05not a pickle")  # torn by hand: validated afresh
    parses.clear()
    load_repository(layout, cache_file=cache)
    assert len(parses) == 7 and len(unpickled) == 1


def test_a_kept_release_reads_its_body_again_at_the_next_build(
    office_repo: Callable[..., Path], tmp_path: Path
) -> None:
    """A release kept between builds forgets the body a build read: the next build reads
    it from the file again, and notices a file changed under the same stamp."""
    from generator.content.model import ReleaseChanged

    root = office_repo({"releases/2026/satu.md": release_text(title="Satu")})
    layout, cache = Layout(root, OFFICE), tmp_path / "releases.pickle"
    load_repository(layout, cache_file=cache)
    first = load_repository(layout, cache_file=cache).releases[0]
    assert "Isi rilis contoh" in first.body
    path = root / "releases/2026/satu.md"
    stat = path.stat()
    path.write_text(path.read_text().replace("contoh", "CONTOH"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = load_repository(layout, cache_file=cache).releases[0]
    with pytest.raises(ReleaseChanged):
        again.body  # noqa: B018


def test_a_process_hands_out_its_last_load_of_each_unchanged_file(
    office_repo: Callable[..., Path], tmp_path: Path
) -> None:
    """`newsroom watch` loads again at every build: a file, its office and what it named
    as they were give the last load's job back, not a new one; anything changed gives a
    new one, with what changed."""
    root = office_repo(
        {
            "releases/2026/satu.md": release_text(title="Satu"),
            "releases/2026/dua.md": release_text(title="Dua"),
            "releases/2026/foto.md": release_text(image="{src: assets/foto.jpg, alt: Foto}"),
        }
    )
    layout, cache = Layout(root, OFFICE), tmp_path / "releases.pickle"
    load_repository(layout, cache_file=cache)
    load_repository(layout, cache_file=cache)  # from the cache: the jobs this load keeps
    before = kept_jobs()
    assert len(before) == 3
    load_repository(layout, cache_file=cache)
    assert all(kept_jobs()[path] is job for path, job in before.items())

    satu = str(root / "releases/2026/satu.md")
    os.utime(satu, ns=(1, 1))  # touched: read again, whatever it holds
    (root / "assets").mkdir()
    (root / "assets/foto.jpg").write_bytes(b"\xff\xd8\xff")  # the photo it named arrives
    repo = load_repository(layout, cache_file=cache)
    changed = {path for path, job in before.items() if kept_jobs().get(path) is not job}
    assert changed == {satu, str(root / "releases/2026/foto.md")}
    assert snapshot(repo) == snapshot(load_repository(layout))

    load_repository(layout, cache_file=cache)  # the two read again: now from the cache
    again = kept_jobs()
    assert len(again) == 3

    # The registry read anew (its memory dropped), the same bytes: an equal office but
    # another object, whose releases the cache still holds; each job is made again,
    # with the office as it is now.
    registry._KEPT.clear()
    load_repository(layout, cache_file=cache)
    renewed = kept_jobs()
    assert renewed.keys() == again.keys()
    assert all(renewed[path] is not job for path, job in again.items())
    assert all(job.office == again[path].office for path, job in renewed.items())
    assert all(job.office is not again[path].office for path, job in renewed.items())
    again = renewed
    (root / "office.yml").write_text(OFFICE_YML.replace("Kutai Timur", "Kutai Timur (baru)"))
    renamed = load_repository(layout, cache_file=cache)
    assert all(kept_jobs().get(path) is not job for path, job in again.items())
    assert {release.office.name for release in renamed.releases} == {
        "Diskominfo Staper Kabupaten Kutai Timur (baru)"
    }


def kept_jobs() -> dict[str, ParseJob]:
    """The jobs the last load kept for the next, by path (kept office by office)."""
    return {path: job for jobs in releaseload._jobs.values() for path, job in jobs.items()}


def test_an_office_taken_whole_is_known_without_looking_while_the_cache_holds_it(
    tmp_path: Path,
) -> None:
    """`newsroom watch` takes each unchanged office's entries as the last load found
    them. While the cache is the dict they were found in, or the one saved from it by a
    load that did not parse that office's files again, they are known to be held
    without comparing them one by one; otherwise they are compared, and refused when
    the cache holds other objects."""
    code, file = "code", tmp_path / "releases.pickle"
    offices = {
        name: Office(id=name, name=name.title(), level="kabupaten", province="64")
        for name in ("kutai-timur", "berau")
    }

    def entry(office: str, size: int) -> Parsed:
        return Parsed((size, 1, 1), offices[office], None, (), ())

    def of(cache: ParseCache, office: str) -> dict[str, Parsed]:
        """The office's entries as a load finds them, one by one."""
        found = {}
        for path in (f"{office}/a.md", f"{office}/b.md"):
            hit = cache.lookup(path, (1, 1, 1), offices[office], lambda src: True)
            assert hit is not None
            found[path] = hit
        return found

    first = ParseCache(file, code)
    for office in offices:
        for path in (f"{office}/a.md", f"{office}/b.md"):
            first.store(path, entry(office, 1))
    first.save()

    second = ParseCache(file, code)  # the same generation as it was saved
    taken = {office: of(second, office) for office in offices}
    checked = second.generation
    assert not second.changed
    third = ParseCache(file, code)
    assert third.generation is checked
    compared: list[str] = []
    real_get = dict.get

    class Watched(dict[str, Parsed]):  # notes each entry the cache is asked for
        def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
            compared.append(key)
            return real_get(self, key, default)

    third._entries = Watched(third._entries)
    assert third.reuse(taken["berau"], "berau", checked)
    assert compared == []  # known without a look
    # Kutai Timur's files found one by one, b.md parsed again (changed); saved.
    third.lookup("kutai-timur/a.md", (1, 1, 1), offices["kutai-timur"], lambda src: True)
    third.store("kutai-timur/b.md", entry("kutai-timur", 2))
    assert third.changed and third.offices_changed() == {"kutai-timur"}
    third.save()
    compared.clear()

    fourth = ParseCache(file, code)
    assert fourth.generation is not checked
    fourth._entries = Watched(fourth._entries)
    assert fourth.reuse(taken["berau"], "berau", checked)  # saved from `checked`, untouched
    assert compared == []
    # Kutai Timur's as found before it was parsed again: b.md is another entry now.
    assert not fourth.reuse(taken["kutai-timur"], "kutai-timur", checked)
    assert sorted(compared) == ["kutai-timur/a.md", "kutai-timur/b.md"]

    parsecache._known.clear()  # read again from the files: other objects, whatever they say
    fifth = ParseCache(file, code)
    assert not fifth.reuse(taken["berau"], "berau", checked)
    assert not fifth.reuse(taken["berau"], "berau", fourth.generation)
