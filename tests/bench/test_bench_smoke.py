"""`make bench` itself must keep working: a tiny corpus, our build only, one run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.bench.build_bench import NOW, PHOTO_CACHE, remove_all_but
from tests.bench.corpus import generate
from tests.bench.equalwork import shown_releases
from tests.bench.peers import hugo_sites
from tests.conftest import REPO_ROOT
from tests.fixtures.phonephoto import gps_of


def test_bench_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    command = [sys.executable, "-m", "tests.bench.build_bench", "--releases", "40"]
    command += ["--runs", "1", "--skip-peers", "--json", str(out), "--photo-every", "20"]
    # Some twelve builds of a tiny corpus (each with its fixed cost of 39 sites and the
    # desk): minutes on a loaded 2-core machine.
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    # Each timed run says it is done as it ends, so an hour-long bench shows its progress.
    assert re.search(r"\] floor, writing what floor-twins\.json lists: [0-9.]+ s", done.stderr)
    # The equal-work group's builds keep the photos' pictures the rows before it made.
    assert "ours, cold build of 39 sites, photos' pictures cached (newsroom/)" in done.stderr
    assert "ours, cold build of 39 sites (newsroom/)" not in done.stderr
    report = json.loads(out.read_text())
    assert report["ours_cold"]["pages"] > 40 and report["ours_cold"]["seconds"] > 0
    assert report["ours_cold"]["peak_mb"] > 10  # the memory sampler saw the build
    assert report["ours_cold_public"]["pages"] < report["ours_cold"]["pages"]  # no desk
    # Issue 20's group: each output beside its floor; without twins, about half the files.
    equal = report["equal_work"]
    assert equal["floor_public"]["seconds"] > 0 and equal["floor_public_plain"]["seconds"] > 0
    twins, plain = equal["ours_cold_public"]["files"], equal["ours_cold_public_plain"]["files"]
    assert plain < twins * 0.6
    assert equal["ratios"]["cold public / floor (no twins)"]["median"] > 0
    # Each cold row also to the moment its pages were on disk, before the 39 indexes.
    for key in ("ours_cold_public", "ours_cold_public_plain"):
        assert 0 < equal[key]["pages_on_disk"] < equal[key]["seconds"]
    whole, pages = (
        equal["ratios"][f"cold public{part} / floor (no twins)"]["median"]
        for part in ("", ", pages on disk")
    )
    assert 0 < pages < whole
    assert "of which pages on disk (before the indexes)" in done.stdout
    assert "hugo_cold_39_sites" not in equal  # --skip-peers
    assert equal["photos_pictures_cached"] is True
    assert "our builds keep the photos' pictures cached" in done.stdout
    # Phone photos in the corpus, and the image work measured on them (its size is the
    # build's: near 0 while the build does not make pictures, and noise may dip below).
    assert report["photos"]["count"] == 2 and report["photos"]["mb"] > 3
    assert report["ours_cold_photos_cached"]["pages"] == report["ours_cold"]["pages"]
    for part in ("cold_build", "rebuild_add_one"):
        assert report["image_work"][part]["share"] < 1
    assert "image work, cold build:" in done.stdout
    # A rebuild's pages are on disk before the command ends (its search indexes follow):
    # the moments the build says, timed as they were said.
    for key in ("ours_cold", "ours_rebuild_add_one", "ours_rebuild_edit_one"):
        moments = report[key]["moments"]
        assert 0 < moments["public_pages"] <= moments["every_page"] < report[key]["seconds"]
    assert "of which public pages on disk" in done.stdout
    for kind in ("home", "release", "archive"):
        weight = report["page_weight"][kind]
        assert weight["within_14kb"]
        # The page and its favicon; the release page may fetch its lead photo at once
        # (above the fold), never its two body photos (lazy, below it).
        assert weight["requests"] == 2 or (kind == "release" and weight["requests"] == 3)
    assert "cold build" in done.stdout


def test_one_release_in_n_gets_its_own_phone_photo(tmp_path: Path) -> None:
    ids = generate(tmp_path, 6, photo_every=3)
    photos = sorted((tmp_path / "content" / "assets").rglob("*.jpg"))
    assert len(photos) == 2
    shown = []
    for number in (0, 3):
        office, _, slug = ids[number].split("/")
        photo = tmp_path / "content" / "assets" / office / f"{slug}.jpg"
        release = (tmp_path / "content" / "releases" / f"{ids[number]}.md").read_text()
        assert f"image: {{src: assets/{slug}.jpg, alt: Foto kegiatan " in release
        shown.append(photo.read_bytes())
    assert shown[0] != shown[1] and len(shown[0]) > 1_500_000  # a phone's, each its own
    assert gps_of(shown[0]) is not None


def test_a_photo_warm_cold_build_keeps_only_the_photo_cache(tmp_path: Path) -> None:
    cache = tmp_path / ".cache"
    for name in ("newsroom/photos/a-360.webp", "newsroom/releases.pickle", "newsroom/jinja/x", "y"):
        (cache / name).parent.mkdir(parents=True, exist_ok=True)
        (cache / name).write_text("x")
    remove_all_but(cache, tmp_path / PHOTO_CACHE)
    left = sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*"))
    assert left == ["newsroom", "newsroom/photos", "newsroom/photos/a-360.webp"]


def test_hugo_gets_the_same_39_sites_with_the_same_releases(tmp_path: Path) -> None:
    """The equal-work peer: one Hugo project per public site of ours, each holding exactly
    the releases that site shows (central ones on every province: syndication "all")."""
    generate(tmp_path / "corpus", 120, photo_every=0)
    shown = shown_releases(tmp_path / "corpus", datetime.fromisoformat(NOW))
    assert len(shown) == 39 and "nasional" in shown
    central = {p for p in (tmp_path / "corpus/content/releases").rglob("*.md")}
    central = {p for p in central if p.parent.parent.name.startswith("kementerian-")}
    assert central and all(central <= set(files) for files in shown.values())
    projects = hugo_sites(tmp_path / "corpus", tmp_path / "hugo39", shown)
    assert len(projects) == 39
    for project in projects:
        posts = list((project / "content" / "posts").glob("*.md"))
        assert len(posts) == len(shown[project.name]) > 0
