"""Kill `newsroom sync` with SIGKILL at random points (fixed seeds): the re-run
converges to the bytes of an undisturbed run, and no file is ever half-written."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator.repository import CENTRAL, Layout, load_repository
from tests.conftest import release_text
from tests.sync.gitrepos import central_repo, git, office_repo, tree_files

RELEASES = 400


def big_office(root: Path) -> Path:
    files = {
        f"releases/2026/rilis-{n:04d}.md": release_text(
            title=f"Rilis nomor {n}", date=f"2026-{1 + n % 12:02d}-{1 + n % 28:02d} 10:00"
        )
        + ("Paragraf isi rilis yang cukup panjang. " * 40)
        for n in range(RELEASES)
    }
    return office_repo(root, "kutai-timur", files)


def test_killed_sync_converges_to_the_undisturbed_result(tmp_path: Path) -> None:
    office = big_office(tmp_path / "kantor")
    newsroom = Path(sys.executable).parent / "newsroom"
    calm = central_repo(tmp_path / "tenang", {"kutai-timur": str(office)})
    start = time.monotonic()
    subprocess.run([str(newsroom), "sync"], cwd=calm, check=True, capture_output=True)
    duration = time.monotonic() - start
    expected = tree_files(calm / "content")
    assert len([n for n in expected if n.endswith(".md")]) == RELEASES

    shaken = central_repo(tmp_path / "terganggu", {"kutai-timur": str(office)})
    midway = 0
    for seed in range(6):
        state = shaken / "content" / "sync" / "kutai-timur.json"
        if state.exists():  # a run got to the end: start over so the next kill lands mid-way
            shutil.rmtree(shaken / "content" / "releases")
            state.unlink()
        # Kill points spread over the second half of a run, where files are written.
        delay = duration * random.Random(seed).uniform(0.45, 0.95)
        process = subprocess.Popen(
            [str(newsroom), "sync"],
            cwd=shaken,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_whole_files(shaken)
        written = list((shaken / "content").rglob("*.md"))
        midway += bool(written) and (not state.exists() or len(written) < RELEASES)
    final = subprocess.run([str(newsroom), "sync"], cwd=shaken, capture_output=True, text=True)
    assert final.returncode == 0, final.stdout + final.stderr
    assert tree_files(shaken / "content") == expected
    assert midway > 0  # at least one run was cut off between files
    git(shaken, "add", "-A")
    git(shaken, "commit", "-q", "-m", "sinkronisasi")
    again = subprocess.run([str(newsroom), "sync"], cwd=shaken, capture_output=True)
    assert again.returncode == 0 and git(shaken, "status", "--porcelain") == ""


def assert_whole_files(central: Path) -> None:
    """Every release file present parses completely; a killed writer leaves none half-done."""
    repo = load_repository(Layout(central, CENTRAL))
    assert repo.report.errors == [], [p.format("en") for p in repo.report.errors][:3]
