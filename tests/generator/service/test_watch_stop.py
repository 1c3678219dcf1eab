"""SIGTERM in the middle of a build: the service finishes it and exits 0, and the sites
on disk are those of a whole build, byte for byte a clean build of the repository."""

from __future__ import annotations

import os
import shutil
import signal
import time
from datetime import datetime
from pathlib import Path

from generator.content.messages import set_language
from tests.generator.service.watching import (
    OFFICE,
    forks_of,
    github_headers,
    make_newsroom,
    push,
    release,
    slug_path,
    start_watch,
)
from tests.generator.test_incremental import files
from tests.sitebuild import build_repo, differences


def test_sigterm_mid_build_leaves_the_sites_of_a_whole_build(tmp_path: Path) -> None:
    central, office, secrets = make_newsroom(tmp_path)
    watch = start_watch(central, secrets)
    push(office, {slug_path("jelang-berhenti"): release("Rilis Sesaat Sebelum Berhenti")})
    body = b'{"ref": "refs/heads/main"}'
    before = len(watch.lines)
    assert watch.hook(body, github_headers(body)) == 202
    # The sync is logged just before the build starts: stop it there, mid-build.
    watch.wait_for(rf"sync {OFFICE}: 2 new", after=before)
    assert watch.stop() == 0
    said = "\n".join(watch.lines[before:])
    built = watch.wait_for(rf"build \(webhook {OFFICE}\) at (\S+):", after=before)
    assert said.index("SIGTERM") < said.index(built.group(0)), said  # stopped while building
    assert said.rstrip().endswith("newsroom watch stopped")
    now = datetime.fromisoformat(built.group(1).replace("Z", "+00:00"))
    page = central / "site" / "kalimantan-timur" / OFFICE / "2026" / "jelang-berhenti"
    assert (page / "index.html").is_file()
    # A clean build of the repository as the service left it, at the service's instant.
    fresh = tmp_path / "bersih"
    for part in ("content", ".newsroom"):
        shutil.copytree(central / part, fresh / part)
    shutil.copy(central / "mkdocs.yml", fresh / "mkdocs.yml")
    set_language("en")  # as the service ran (`--lang en`): the desk's warnings say so
    try:
        clean = build_repo(fresh, now, "http://127.0.0.1:8000/", out=fresh / "site")
    finally:
        set_language("id")
    differing = differences(files(central / "site"), files(clean))
    # With the service's whole log: which builds made the sites that differ, and when.
    assert not differing, "\n".join([*differing, "--- the service said:", *watch.lines])


def test_ctrl_c_mid_build_finishes_the_build_then_stops(tmp_path: Path) -> None:
    """Ctrl+C in the terminal running the service: SIGINT to its whole process group,
    its build workers included. The build under way is finished, not failed."""
    central, office, secrets = make_newsroom(tmp_path)
    watch = start_watch(central, secrets, own_group=True)
    push(office, {slug_path("ctrl-c"): release("Rilis Sebelum Ctrl C")})
    body = b'{"ref": "refs/heads/main"}'
    before = len(watch.lines)
    assert watch.hook(body, github_headers(body)) == 202
    watch.wait_for(rf"sync {OFFICE}: 2 new", after=before)
    deadline = time.monotonic() + 60
    while not forks_of(watch.process.pid):  # its build workers forked: Ctrl+C reaches them
        assert time.monotonic() < deadline, watch.lines[before:]
        time.sleep(0.01)
    os.killpg(watch.process.pid, signal.SIGINT)
    assert watch.stop() == 0
    said = "\n".join(watch.lines[before:])
    assert "Ctrl+C: finishing the work under way" in said, said
    assert "failed" not in said, said
    built = watch.wait_for(rf"build \(webhook {OFFICE}\) at (\S+):", after=before)
    assert said.index("Ctrl+C") < said.index(built.group(0)), said  # stopped while building
    page = central / "site" / "kalimantan-timur" / OFFICE / "2026" / "ctrl-c" / "index.html"
    assert "Rilis Sebelum Ctrl C" in page.read_text(encoding="utf-8")
