"""The ledger: pages made only of releases the last build left unchanged keep the key
it gave them, without their key being worked out again; and every rebuild still gives
the bytes of a clean build, whatever arrives, moves back in time, changes or leaves."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.repository import find_layout
from generator.host import build
from generator.public import related as related_module
from generator.public.archives import Archive, ArchiveKind
from generator.public.ledger import Ledger, Unchanged, from_json
from generator.public.outputs import releases as release_pages
from generator.public.session import forget_sessions
from tests.conftest import FIXTURES, release_text
from tests.generator.test_incremental import files
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
URL = "https://b.example/"
SITE = "maluku"


def _ledger(listed: list[tuple[str, str]], archives: dict[str, tuple[str, int]]) -> Ledger:
    return Ledger("ctx", tuple(listed), archives)


def test_the_unchanged_prefix_ends_at_the_first_release_changed_or_moved() -> None:
    before = _ledger([("a", "1"), ("b", "1"), ("c", "1"), ("d", "1")], {})
    assert (
        Unchanged(before, _ledger([("a", "1"), ("b", "1"), ("c", "1"), ("d", "1")], {})).prefix == 4
    )
    assert (
        Unchanged(
            before, _ledger([("a", "1"), ("b", "1"), ("c", "1"), ("d", "1"), ("e", "1")], {})
        ).prefix
        == 4
    )
    assert Unchanged(before, _ledger([("a", "1"), ("x", "1"), ("b", "1")], {})).prefix == 1
    assert Unchanged(before, _ledger([("a", "1"), ("b", "2"), ("c", "1")], {})).prefix == 1
    assert Unchanged(before, _ledger([("b", "1"), ("c", "1")], {})).prefix == 0
    assert Unchanged(before, _ledger([("a", "1"), ("b", "1")], {})).prefix == 2  # c, d gone
    assert (
        Unchanged(before, _ledger([("a", "1"), ("b", "1"), ("c", "1"), ("e", "1")], {})).prefix == 3
    )
    assert Unchanged(before, _ledger([], {})).prefix == 0
    other = Ledger("another context", before.listed, {})
    assert Unchanged(other, before).prefix == 0
    assert Unchanged(None, before).prefix == 0


def test_under_another_context_not_even_an_empty_archive_is_unchanged() -> None:
    before = Ledger("ctx", (), {"kategori/berita/": ("Berita", 0)})
    assert Unchanged(before, Ledger("ctx", (), {})).archive(_archive([]))
    assert not Unchanged(Ledger("old", (), before.archives), before).archive(_archive([]))


def test_feeds_are_unchanged_only_with_the_same_tombstones() -> None:
    ids = [("a", "1"), ("b", "1")]
    before = Ledger("ctx", tuple(ids), {"kategori/berita/": ("Berita", 2)}, (("w", "1"),))
    archive = _archive(["a", "b"])
    assert Unchanged(before, Ledger("ctx", tuple(ids), {}, (("w", "1"),))).feeds(archive)
    assert not Unchanged(before, Ledger("ctx", tuple(ids), {}, (("w", "2"),))).feeds(archive)
    assert not Unchanged(before, Ledger("ctx", tuple(ids), {}, ())).feeds(archive)


def test_a_ledger_not_of_this_shape_is_none() -> None:
    good = _ledger([("a", "1")], {"kategori/berita/": ("Berita", 1)})
    assert from_json(good.to_json()) == good
    for junk in (
        None,
        [],
        {"context": 1, "listed": [], "archives": {}},
        {"context": "c", "listed": [["a"]], "archives": {}},
        {"context": "c", "listed": [["a", 2]], "archives": {}},
        {"context": "c", "listed": [[1, "2"]], "archives": {}},
        {"context": "c", "listed": [["a", "1", "x"]], "archives": {}},
        {"context": "c", "listed": [], "archives": {"x/": ["t", "1"]}},
        {"context": "c", "listed": [], "archives": {"x/": ["t"]}},
        {"context": "c", "listed": []},
    ):
        assert from_json(junk) is None


class _Item:
    def __init__(self, release_id: str) -> None:
        self.release = type("R", (), {"id": release_id})()


def _archive(ids: list[str], title: str = "Berita") -> Archive:
    items = tuple(_Item(i) for i in reversed(ids))  # newest first
    return Archive(ArchiveKind.CATEGORY, "berita", "kategori/berita/", title, items)  # type: ignore[arg-type]


def test_an_archive_page_is_unchanged_only_if_all_it_shows_is() -> None:
    ids = [f"r{n:02d}" for n in range(45)]
    before = _ledger([(i, "k") for i in ids], {"kategori/berita/": ("Berita", 45)})
    # One release arrives: 46 in the archive, pages 1 and 2 (of 20) are full with a page
    # after them; page 3 is the newest numbered page (it gains the new one).
    now = _ledger([(i, "k") for i in [*ids, "new"]], {})
    grown = Unchanged(before, now)
    archive = _archive([*ids, "new"])
    assert [grown.archive_page(archive, n, 20) for n in (1, 2, 3, None)] == [
        True,
        True,
        False,
        False,
    ]
    # 40 full, one arriving: page 2 was the newest numbered page and gains a "newer"
    # link to page 3, which it did not have.
    full = _ledger([(i, "k") for i in ids[:40]], {"kategori/berita/": ("Berita", 40)})
    edge = Unchanged(full, _ledger([(i, "k") for i in [*ids[:40], "new"]], {}))
    assert [edge.archive_page(_archive([*ids[:40], "new"]), n, 20) for n in (1, 2, 3)] == [
        True,
        False,
        False,
    ]
    # Nothing of the archive changed: every page, its front and newest ones too.
    same = Unchanged(before, _ledger([(i, "k") for i in ids], {}))
    assert all(same.archive_page(_archive(ids), n, 20) for n in (1, 2, 3, None))
    # Its title changed (a tag's commonest spelling): no page is.
    assert not any(same.archive_page(_archive(ids, "Lain"), n, 20) for n in (1, 2, 3, None))
    # The newest release left: as many unchanged as there are, yet one fewer than before.
    shrunk = Unchanged(before, _ledger([(i, "k") for i in ids[:-1]], {}))
    assert [shrunk.archive_page(_archive(ids[:-1]), n, 20) for n in (1, 2, 3, None)] == [
        True,
        True,
        False,
        False,
    ]
    # A release of page 2 changed: page 1 still is unchanged, page 2 no longer.
    changed = [(i, "k2" if i == "r25" else "k") for i in ids]
    middle = Unchanged(before, _ledger(changed, {}))
    assert [middle.archive_page(_archive(ids), n, 20) for n in (1, 2, 3, None)] == [
        True,
        False,
        False,
        False,
    ]


def _corpus(tmp_path: Path) -> Path:
    """The golden newsroom, with 45 releases of one office in one category, tagged in
    two spellings (23 "pasar rakyat", 22 "Pasar Rakyat": the tag archive's title is the
    commonest, a tie going to "Pasar Rakyat") and in a second tag every third one: full
    numbered archive pages and related releases."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    folder = root / "content/releases/ambon/2026"
    for n in range(45):
        spelling = "Pasar Rakyat" if n % 2 else "pasar rakyat"
        tags = f"[{spelling}, harga]" if n % 3 == 0 else f"[{spelling}]"
        text = release_text(
            title=f"Harga Pangan {n}", date=f"2026-10-{1 + n % 28:02d} 08:{n:02d}", tags=tags
        )
        (folder / f"harga-{n:02d}.md").write_text(text)
    return root


def _clean(tmp_path: Path, root: Path, step: str) -> dict[str, bytes]:
    fresh = tmp_path / f"bersih-{step}"
    shutil.copytree(root / "content", fresh / "content")
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    return files(build_repo(fresh, NOW, URL, [SITE], out=fresh / "site") / SITE)


def _add(folder: Path, name: str, title: str, date: str, tags: str) -> None:
    (folder / name).write_text(release_text(title=title, date=date, tags=tags))


def _withdraw(folder: Path, name: str) -> None:
    path = folder / name
    text = path.read_text().replace(
        "category: berita",
        "category: berita\nstatus: withdrawn\nwithdrawn_at: 2026-11-20 10:00\n"
        "withdrawn_reason: Data harga keliru.",
    )
    path.write_text(text)


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))


STEPS: list[tuple[str, Callable[[Path], None]]] = [
    # The newest arrives, in the rarer spelling: the tag archive's title changes with it.
    ("newest", lambda f: _add(f, "baru.md", "Pasar Baru", "2026-11-23 08:00", "[Pasar Rakyat]")),
    # One dated in the past: every newer one may list it as related; pages shift.
    ("backdated", lambda f: _add(f, "lama.md", "Pasar Lama", "2026-10-02 07:00", "[harga]")),
    ("withdrawn", lambda f: _withdraw(f, "harga-10.md")),
    # Its archives list the same releases, but their feeds' tombstone moves.
    ("tombstone", lambda f: _edit(f / "harga-10.md", "2026-11-20 10:00", "2026-11-21 09:00")),
    (
        "edited",
        lambda f: (f / "harga-05.md").write_text((f / "harga-05.md").read_text() + "Ralat.\n"),
    ),
    ("gone", lambda f: (f / "baru.md").unlink()),
]


@pytest.mark.parametrize("upto", range(1, len(STEPS) + 1), ids=[name for name, _ in STEPS])
def test_each_rebuild_gives_the_bytes_of_a_clean_build(tmp_path: Path, upto: int) -> None:
    root = _corpus(tmp_path)
    folder = root / "content/releases/ambon/2026"
    out = root / "site"
    build_repo(root, NOW, URL, [SITE], out=out)
    for _, change in STEPS[:upto]:
        change(folder)
        build_repo(root, NOW, URL, [SITE], out=out)
    name = STEPS[upto - 1][0]
    assert files(out / SITE) == _clean(tmp_path, root, name), name


def test_a_new_release_ranks_related_releases_for_its_own_page_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the ledger every release page of the site had its related ones ranked
    again (and its key hashed) at each rebuild."""
    root = _corpus(tmp_path)
    layout = find_layout(root)
    assert layout is not None
    asked: list[str] = []

    def counting_index(listed: list[object]) -> Callable[[object], list[object]]:
        related = related_module.related_index(listed)  # type: ignore[arg-type]

        def counted(placement: object) -> list[object]:
            asked.append(placement.release.id)  # type: ignore[attr-defined]
            return related(placement)  # type: ignore[arg-type, return-value]

        return counted

    monkeypatch.setattr(release_pages, "related_index", counting_index)
    forget_sessions()
    build.build(layout, [SITE], root / "site", base_url=URL, jobs=1, now=NOW)
    assert len(set(asked)) > 45
    asked.clear()
    _add(root / "content/releases/ambon/2026", "baru.md", "Pasar", "2026-11-23 08:00", "[harga]")
    forget_sessions()
    build.build(layout, [SITE], root / "site", base_url=URL, jobs=1, now=NOW)
    forget_sessions()
    assert sorted(set(asked)) == ["ambon/2026/baru"]
