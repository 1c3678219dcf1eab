"""Output damaged after a build (a page cut short, a feed or a `.gz` twin deleted) is made
again by the next build, though nothing it is made from changed; nothing else is
rewritten (see generator.public.damage)."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.public import damage
from generator.public.writer import MANIFEST
from tests.conftest import FIXTURES
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
URL = "https://b.example/"


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def stamps(out: Path) -> dict[str, int]:
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()
    }


def test_damaged_output_is_made_again_to_the_bytes_of_a_clean_build(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    out = build_repo(root, NOW, URL, out=root / "site")
    before = stamps(out)
    page = out / "kalimantan-timur/kutai-timur/2026/jalan-poros-sangatta/index.html"
    desk_css = sorted(out.glob("desk/assets/stylesheets/*.css"))[0]
    photo = out / "nasional/kutai-timur/aset/kantor-bupati.png"
    # A photo is one file of the photo cache under many names (hard links, one per site
    # showing it): cutting one short cuts them all, and each is made again.
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.samefile(photo)}
    assert len(names) >= 2
    for truncated in (page, out / "desk/index.html", desk_css, photo):
        truncated.write_bytes(truncated.read_bytes()[:100])  # a full disk, a killed copy
    for deleted in (out / "maluku/atom.xml", out / "nasional/index.html.gz"):
        deleted.unlink()
    damaged = {p.relative_to(out).as_posix() for p in (page, desk_css)} | names
    damaged |= {"desk/index.html", "maluku/atom.xml", "nasional/index.html.gz"}
    rebuilt = build_repo(root, NOW, URL, out=root / "site")  # nothing changed in content/
    fresh = tmp_path / "bersih"
    shutil.copytree(FIXTURES / "golden", fresh)
    clean = build_repo(fresh, NOW, URL, out=fresh / "site")
    assert files(rebuilt) == files(clean)
    after = stamps(rebuilt)
    rewritten = {path for path, stamp in after.items() if before.get(path) != stamp}
    # Only what was damaged was written.
    assert {p for p in rewritten if not p.endswith(MANIFEST)} == damaged


def test_a_rebuild_with_nothing_damaged_or_changed_rewrites_nothing(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    out = build_repo(root, NOW, URL, out=root / "site")
    before = stamps(out)
    build_repo(root, NOW, URL, out=root / "site")
    assert stamps(out) == before


def _built_then_edited(tmp_path: Path) -> tuple[Path, Path]:
    """The golden newsroom built, then one Kutai Timur release edited (its province's
    site and the desk change): the repository and the built sites."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    out = build_repo(root, NOW, URL, out=root / "site")
    release = root / "content/releases/kutai-timur/2026/jalan-poros-sangatta.md"
    release.write_text(release.read_text() + "\nParagraf tambahan.\n")
    return root, out


def _build_with_cut(
    root: Path, out: Path, cut: Path
) -> tuple[list[tuple[list[str], int]], list[str]]:
    """`cut` cut to 100 bytes, then a build: the sites built and `cut`'s size when the
    pages were out, and the sites built in all."""
    from generator.content.repository import find_layout
    from generator.host import build, siteresult
    from generator.public.session import forget_sessions

    cut.write_bytes(cut.read_bytes()[:100])
    seen: list[tuple[list[str], int]] = []

    def pages_out(results: list[siteresult.SiteResult]) -> None:
        built = sorted(r.site_id for r in results if not r.skipped)
        seen.append((built, cut.stat().st_size))

    layout = find_layout(root)
    assert layout is not None
    forget_sessions()
    try:
        results = build.build(layout, [], out, base_url=URL, jobs=2, now=NOW, pages_out=pages_out)
    finally:
        forget_sessions()
    return seen, [r.site_id for r in results if not r.skipped]


def _clean_files(tmp_path: Path, root: Path) -> dict[str, bytes]:
    fresh = tmp_path / "bersih"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("site", ".cache"))
    return files(build_repo(fresh, NOW, URL, out=fresh / "site"))


def test_the_changed_pages_are_out_before_an_unchanged_site_is_checked_and_repaired(
    tmp_path: Path,
) -> None:
    """`newsroom watch` logs the moment a release is on every site that shows it; the
    damage check of the sites nothing changed for (a stat per file) comes after it, and
    a damaged one is still made again by the same build."""
    root, out = _built_then_edited(tmp_path)
    seen, built = _build_with_cut(root, out, out / "maluku/index.html")  # not touched
    assert seen == [(["desk", "kalimantan-timur"], 100)]  # once, maluku not yet
    assert "maluku" in built  # then made again
    assert files(out) == _clean_files(tmp_path, root)


def test_a_site_the_release_changes_is_checked_once_its_pages_are_out_and_repaired(
    tmp_path: Path,
) -> None:
    """A site a release changes is built at once, its files trusted as the last build
    left them; their check (a stat each, 4,000 a province) comes once every page is
    out, and a damaged one is made again by the same build, its site listed once."""
    root, out = _built_then_edited(tmp_path)
    cut = out / "kalimantan-timur/kategori/berita/index.html"  # the edit leaves it as is
    seen, built = _build_with_cut(root, out, cut)
    assert seen == [(["desk", "kalimantan-timur"], 100)]  # not yet looked at
    assert sorted(built) == ["desk", "kalimantan-timur"]  # made again, and said once
    assert files(out) == _clean_files(tmp_path, root)


def test_a_theme_picture_damaged_in_place_on_a_site_the_release_changes_is_copied_again(
    tmp_path: Path,
) -> None:
    """MkDocs copies a theme's (or a static page's) picture only when it is missing or
    older than its source: cut short in place, it is newer, and a build trusting the
    site's files would have kept it, and recorded it whole."""
    root, out = _built_then_edited(tmp_path)
    icon = out / "kalimantan-timur/favicon.png"
    icon.write_bytes(icon.read_bytes()[:50])
    build_repo(root, NOW, URL, out=root / "site")
    build_repo(root, NOW, URL, out=root / "site")  # what the first recorded holds
    assert files(out) == _clean_files(tmp_path, root)


def test_a_site_the_release_changes_is_built_once_when_nothing_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nor when a file only has a new mtime (touched, or its bytes written again by a
    build killed since): the build sees its bytes right, and takes its stat anew."""
    from generator.content.repository import find_layout
    from generator.host import build, siteresult
    from generator.public.session import forget_sessions

    root, out = _built_then_edited(tmp_path)
    touched = out / "kalimantan-timur/robots.txt"
    stamp = touched.stat().st_mtime_ns + 5_000_000_000
    os.utime(touched, ns=(stamp, stamp))
    builds: list[tuple[str, bool]] = []
    build_one = build._build_one

    def counted(target: build.Target) -> siteresult.SiteResult:
        builds.append((target.site_dir.name if target.site_dir else "", target.check_later))
        return build_one(target)

    monkeypatch.setattr(build, "_build_one", counted)
    layout = find_layout(root)
    assert layout is not None
    forget_sessions()
    try:
        build.build(layout, [], out, base_url=URL, jobs=1, now=NOW)
    finally:
        forget_sessions()
    assert sorted(builds) == [("desk", False), ("kalimantan-timur", True)]


def test_one_walk_of_the_desk_gives_its_twins_and_the_stats_a_fresh_walk_would(
    tmp_path: Path,
) -> None:
    """The desk's output (written by Material) is walked once: its `.gz` twins are made
    from that walk and the stats kept are exactly those of every file afterwards."""
    import gzip
    import os

    from generator.public import damage
    from generator.public.writer import compress_tree

    site = tmp_path / "desk"
    (site / "kantor" / "a").mkdir(parents=True)
    (site / "index.html").write_text("<p>desk</p>")
    (site / "kantor" / "a" / "index.html").write_text("<p>kantor</p>")
    (site / "assets.png").write_bytes(b"\x89PNG")
    (site / ".newsroom-building").write_text("")  # the build's own: never in the stats
    (tmp_path / "outside.html").write_text("<p>bukan milik desk</p>")
    (site / "link.html").symlink_to(tmp_path / "outside.html")  # never followed

    found = damage.files_under(site)
    assert "link.html" not in found and "kantor/a/index.html" in found
    assert compress_tree(site, found) == 2
    assert gzip.decompress((site / "kantor/a/index.html.gz").read_bytes()) == b"<p>kantor</p>"
    assert not (site / "link.html.gz").exists() and not (site / "assets.png.gz").exists()
    fresh = {
        p.relative_to(site).as_posix(): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.name != ".newsroom-building"
    }
    assert damage.stats_of_tree(site, found) == fresh == damage.stats_of_tree(site)
    # Nothing written since: a second walk makes no twin again.
    assert compress_tree(site) == 0
    (site / "index.html").write_text("<p>desk baru</p>")
    os.utime(site / "index.html", ns=(1, 2**62))  # written after its twin
    assert compress_tree(site) == 1
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == b"<p>desk baru</p>"


def test_repair_never_removes_a_file_through_a_link_planted_in_the_site(tmp_path: Path) -> None:
    from generator.public import damage

    site, stats = tmp_path / "site", tmp_path / "stats.json"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>a</p>")
    (site / "b.html").write_text("<p>b</p>")
    damage.save(stats, damage.stats_of(site, ["a/index.html", "b.html"]))
    outside = tmp_path / "luar"
    outside.mkdir()
    (outside / "index.html").write_text("milik orang lain, ukurannya lain")
    (site / "a" / "index.html").unlink()
    (site / "a").rmdir()
    (site / "a").symlink_to(outside)  # a folder of the site replaced by a link
    (site / "b.html").write_text("<p>terpotong")
    checked = damage.repair(site, stats)
    assert (outside / "index.html").read_text() == "milik orang lain, ukurannya lain"
    assert checked.removed == ("b.html",) and not (site / "b.html").exists()
    # Made again by the build, which refuses the link.
    assert "a/index.html" not in checked.whole_files()


def test_a_link_in_a_twins_place_is_replaced_not_followed(tmp_path: Path) -> None:
    import gzip

    from generator.public import damage
    from generator.public.writer import compress_tree
    from generator.util import gzparts

    site = tmp_path / "desk"
    site.mkdir()
    (site / "index.html").write_text("<p>desk</p>")
    elsewhere = tmp_path / "elsewhere.gz"
    elsewhere.write_bytes(gzparts.gzip_bytes(b"<p>desk</p>"))  # even the right bytes
    (site / "index.html.gz").symlink_to(elsewhere)
    found = damage.files_under(site)
    assert compress_tree(site, found) == 1
    twin = site / "index.html.gz"
    assert not twin.is_symlink() and gzip.decompress(twin.read_bytes()) == b"<p>desk</p>"
    assert damage.stats_of_tree(site, found) == damage.stats_of_tree(site)


def test_a_kept_path_that_leaves_the_site_is_damage_never_looked_at(tmp_path: Path) -> None:
    """The stats file is ours, but a path in it that could point elsewhere is taken as
    damaged without a look, among any number of good ones (one search over them all)."""
    site = tmp_path / "situs"
    (site / "a").mkdir(parents=True)
    (tmp_path / "luar.html").write_text("milik orang lain")  # whole, as kept: still refused
    (site / "a" / "baik.html").write_text("baik")
    (site / "baris\nbaru.html").write_text("nama berbaris dua, tetap milik situs")

    def kept(path: Path) -> tuple[int, int]:
        found = path.stat()
        return found.st_size, found.st_mtime_ns

    good = {"a/baik.html": kept(site / "a" / "baik.html")}
    good["baris\nbaru.html"] = kept(site / "baris\nbaru.html")
    escaping = ["../luar.html", "a/../../luar.html", "a/./baik.html", "", "a//baik.html"]
    escaping += ["a\\baik.html", "a/baik.html\0"]
    outside = kept(tmp_path / "luar.html")
    assert list(damage.damaged(site, good)) == []
    for path in escaping:  # each alone after the good ones, then all at once
        assert list(damage.damaged(site, {**good, path: outside})) == [path]
    stats = {**good, **dict.fromkeys(escaping, outside)}
    assert sorted(damage.damaged(site, stats)) == sorted(escaping)


def test_stats_read_back_as_kept_and_none_from_a_file_of_another_shape(tmp_path: Path) -> None:
    import json
    import pickle

    site, stats = tmp_path / "site", tmp_path / "x.files.pickle"
    site.mkdir()
    (site / "a.html").write_text("<p>a</p>")
    legacy = stats.with_suffix(".json")
    legacy.write_text('{"a.html": [8, 1]}')  # what an earlier version kept: JSON
    kept = damage.stats_of(site, ["a.html"])
    damage.save(stats, kept)
    assert damage.load(stats) == kept and not legacy.exists()
    assert not list(damage.damaged(site, damage.load(stats) or {}))
    # Torn, or another format, or the right format with a value `damaged` cannot read:
    # no stats (the site is built and checked as one never built), never an error.
    stats.write_bytes(stats.read_bytes()[:-5])
    assert damage.load(stats) is None
    stats.write_text(json.dumps({"a.html": [8, 1]}))
    assert damage.load(stats) is None
    for wrong in (
        ("another format", kept),
        (damage.STATS_FORMAT, ["a.html"]),
        (damage.STATS_FORMAT, {"a.html": (8,)}),
        (damage.STATS_FORMAT, {"a.html": (8, "1")}),
        (damage.STATS_FORMAT, {"a.html": [8, 1]}),
        (damage.STATS_FORMAT, {1: (8, 1)}),
    ):
        stats.write_bytes(pickle.dumps(wrong))
        assert damage.load(stats) is None, wrong


def test_the_service_checks_an_unchanged_site_at_most_every_so_often(tmp_path: Path) -> None:
    """`newsroom watch` builds at every push: a site no push changed is checked for
    damage only when this process has not found it whole within `check_every`."""
    from datetime import timedelta

    from generator.content.repository import find_layout
    from generator.host import build

    later = datetime(2026, 12, 24, 3, 0, tzinfo=UTC)  # nothing fresh, in the news, lifting
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    out = build_repo(root, later, URL, out=root / "site")
    layout = find_layout(root)
    assert layout is not None

    def built(at: datetime) -> list[str]:
        every = timedelta(minutes=10)
        results = build.build(layout, [], out, base_url=URL, jobs=2, now=at, check_every=every)
        return sorted(r.site_id for r in results if not r.skipped)

    assert built(later) == []  # every site found whole now
    page = out / "maluku/index.html"
    whole = page.read_bytes()
    page.write_bytes(whole[:100])
    assert built(later + timedelta(minutes=5)) == []  # found whole 5 minutes ago
    assert page.read_bytes() == whole[:100]
    assert built(later + timedelta(minutes=11)) == ["maluku"]  # looked at again, made again
    assert page.read_bytes() == whole
    shutil.rmtree(out / "kalimantan-timur")  # a whole site removed: no manifest now
    assert built(later + timedelta(minutes=12)) == ["kalimantan-timur"]
    assert (out / "kalimantan-timur/index.html").is_file()


@given(st.lists(st.text(alphabet="/.\\\0\nab", max_size=8), max_size=6))
def test_the_look_over_all_paths_misses_no_path_that_could_leave_the_site(
    paths: list[str],
) -> None:
    """`damaged` looks at each path on its own only when one look over them all finds
    something: that look must find every path the pattern refuses."""
    if any(damage._ESCAPES(path) for path in paths):
        assert damage._any_escapes(paths)
    if not any("\n" in path for path in paths):  # and only those, but for newlines
        assert damage._any_escapes(paths) == any(damage._ESCAPES(p) for p in paths)
