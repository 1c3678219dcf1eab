"""Fault injection: SIGKILL during `newsroom build` (fixed seeds) converges to the bytes
of an undisturbed build with no half-written file; a full disk gives a clear error and
leaves the previous site and the content intact."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bench.corpus import generate
from tests.sync.gitrepos import tree_files

NEWSROOM = Path(sys.executable).parent / "newsroom"
NOW = "2026-11-24T03:00:00Z"


def build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEWSROOM), "build", "--now", NOW, "--out", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
    )


def public(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree_files(out).items() if not k.startswith("desk/")}


def test_killed_build_converges_to_the_undisturbed_bytes(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    generate(root, 300)
    start = time.monotonic()
    assert build(root, tmp_path / "tenang").returncode == 0
    duration = time.monotonic() - start
    expected = public(tmp_path / "tenang")
    shutil.rmtree(root / ".cache")
    shaken = tmp_path / "terganggu"
    for seed in range(5):
        process = subprocess.Popen(
            [str(NEWSROOM), "build", "--now", NOW, "--out", str(shaken)],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(duration * random.Random(seed).uniform(0.2, 0.9))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert no_process_building(shaken)  # workers die with the build that forked them
        for path in shaken.rglob("*.html"):
            text = path.read_text(encoding="utf-8")  # whole files only: every page ends
            assert text.rstrip().endswith("</html>"), path
    final = build(root, shaken)
    assert final.returncode == 0, final.stderr[-2000:]
    assert public(shaken) == expected
    assert not [p for p in shaken.rglob(".*.tmp")]


def no_process_building(out: Path, seconds: float = 5.0) -> bool:
    """True once no process has `out` on its command line (orphans would race a re-run)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if str(out).encode() in cmdline.read_bytes():
                    alive.append(cmdline)
            except OSError:
                continue
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_full_disk_gives_a_clear_error_and_keeps_site_and_content(
    tmp_path: Path, small_disk: Path
) -> None:
    root = tmp_path / "pusat"
    generate(root, 40)
    out = small_disk / "site"
    assert build(root, out).returncode == 0
    before = tree_files(out)
    filler = small_disk / "pengisi"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(0, free - 64 * 1024))  # leave almost nothing
    for path in sorted((root / "content/releases").rglob("*.md"))[:20]:
        path.write_text(path.read_text() + "\nParagraf baru yang memperpanjang rilis.\n" * 50)
    content_before = tree_files(root / "content")
    failed = build(root, out)
    assert failed.returncode == 1
    assert "No space left on device" in failed.stderr and "Traceback" not in failed.stderr
    after = tree_files(out)
    assert set(before) <= set(after)  # nothing of the previous site was deleted
    for name, data in after.items():
        if name.endswith(".html"):
            assert data.rstrip().endswith(b"</html>"), name  # whole files only
    assert not [p for p in out.rglob(".*.tmp")]
    assert tree_files(root / "content") == content_before  # a build never touches content/
    filler.unlink()
    assert build(root, out).returncode == 0  # space again: the build completes
