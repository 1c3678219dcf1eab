"""`precompress: false`, for hosts that compress on the fly: the public sites get the
same files with the same bytes, and no `.gz` twin of any of our pages; switching it
back and forth gives the bytes of a clean build each way."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from generator.public.writer import MANIFEST
from tests.conftest import FIXTURES
from tests.generator.test_incremental import files
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
BASE = "https://b.example/"
PLUGIN = "  - newsroom:\n"
SEARCH = "pagefind/"  # the search index's own files (generator.host.searchindex)


def set_precompress(root: Path, on: bool) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("      precompress: false\n", "")
    assert PLUGIN in text
    added = "" if on else "      precompress: false\n"
    config.write_text(text.replace(PLUGIN, PLUGIN + added, 1), "utf-8")


def public(out: Path) -> dict[str, bytes]:
    """The public sites' files, without the desk and the search index."""
    return {
        path: data
        for path, data in files(out).items()
        if not path.startswith("desk/") and f"/{SEARCH}" not in path and "/" in path
    }


def test_without_twins_the_same_files_without_their_gz(tmp_path: Path) -> None:
    twins = tmp_path / "twins"
    shutil.copytree(FIXTURES / "golden", twins)
    with_twins = public(build_repo(twins, NOW, BASE))
    plain = tmp_path / "plain"
    shutil.copytree(FIXTURES / "golden", plain)
    set_precompress(plain, False)
    out = build_repo(plain, NOW, BASE)
    without = public(out)
    # No twin on any public site, its search index included.
    assert not [p for p in files(out) if p.endswith(".gz") and "/" in p and p[:5] != "desk/"]
    assert [p for p in files(out) if f"/{SEARCH}" in p]  # there is an index
    expected = {p: d for p, d in with_twins.items() if not p.endswith(".gz")}
    assert sorted(without) == sorted(expected)
    # The server snippet is the one file that says how the site is compressed.
    snippets = [p for p in expected if p.endswith("headers.conf")]
    assert snippets
    assert all(b"gzip on;" in without[p] and b"gzip_static" not in without[p] for p in snippets)
    # And the manifest, which lists the files written.
    differ = [*snippets, *(p for p in expected if p.endswith(MANIFEST))]
    assert {p: d for p, d in without.items() if p not in differ} == {
        p: d for p, d in expected.items() if p not in differ
    }


def test_switching_it_gives_a_clean_build_each_way(tmp_path: Path) -> None:
    clean = {}
    for on in (False, True):
        root = tmp_path / f"clean-{on}"
        shutil.copytree(FIXTURES / "golden", root)
        set_precompress(root, on)
        clean[on] = public(build_repo(root, NOW, BASE))
    root = tmp_path / "switched"
    shutil.copytree(FIXTURES / "golden", root)
    build_repo(root, NOW, BASE)
    for on in (False, True):
        set_precompress(root, on)
        assert public(build_repo(root, NOW, BASE)) == clean[on]


def test_the_root_files_follow_it_and_newsroom_sites_lists_what_is_written(
    tmp_path: Path,
) -> None:
    from generator.cli.sites import job_matrix
    from generator.content.repository import find_layout
    from generator.host.build import site_settings

    root = tmp_path / "switched"
    shutil.copytree(FIXTURES / "golden", root)
    out = build_repo(root, NOW, BASE)
    assert (out / "index.html.gz").is_file() and (out / "robots.txt.gz").is_file()
    set_precompress(root, False)
    out = build_repo(root, NOW, BASE)
    # The twins the first build left would be served stale: gone, the pages kept.
    assert not (out / "index.html.gz").exists() and not (out / "robots.txt.gz").exists()
    assert (out / "index.html").is_file() and (out / "robots.txt").is_file()
    layout = find_layout(root)
    assert layout is not None
    sites, precompress = site_settings(layout, BASE)
    assert precompress is False
    jobs = job_matrix(sites, out, BASE, precompress)
    published = [path for job in jobs if job["site"] == "root" for path in job["publish"]]
    assert published and all(Path(path).exists() for path in published)
