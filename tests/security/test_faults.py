"""Fault injection.

- SIGKILL during `newsroom build` at seeded random points: each kill lands on a
  build that still has all its work to do (caches and fingerprints removed, so no
  site is skipped), most kills land before the build ends, every file written is
  whole at every kill, and a re-run converges to the bytes of an undisturbed build.
- A full disk during `newsroom build` (site on a small tmpfs) and during
  `newsroom sync` (content/ on a small tmpfs): a clear error, the previous site
  and content intact, and a re-run after space frees converges.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.content.repository import CENTRAL, Layout, load_repository
from tests.bench.corpus import generate
from tests.conftest import release_text
from tests.sync.gitrepos import central_repo, commit, git, office_repo, tree_files, write

NEWSROOM = Path(sys.executable).parent / "newsroom"
NOW = "2026-11-24T03:00:00Z"
KILLS = 5


def build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEWSROOM), "build", "--now", NOW, "--out", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
    )


def public(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree_files(out).items() if not k.startswith("desk/")}


def is_temp(path: Path) -> bool:
    """A writer's temp file (`.name.XXXX.tmp`): never a published file, cleared on re-run."""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def broken_files(folder: Path) -> list[str]:
    """Files that are not whole: HTML without its end, a .gz that does not decompress
    (length and CRC), XML that does not parse, JSON that does not load."""
    broken = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or is_temp(path):
            continue
        try:
            data = path.read_bytes()
            name = path.name
            if name.endswith(".gz"):
                data = gzip.decompress(data)
                name = name.removesuffix(".gz")
            if name.endswith(".html"):
                assert data.decode("utf-8").rstrip().endswith("</html>"), "no </html>"
            elif name.endswith(".xml"):
                ET.fromstring(data)
            elif name.endswith(".json"):
                json.loads(data)
        except Exception as error:
            broken.append(f"{path.relative_to(folder)}: {type(error).__name__}: {error}")
    return broken


def test_killed_build_converges_to_the_undisturbed_bytes(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    generate(root, 300)
    start = time.monotonic()
    assert build(root, tmp_path / "tenang").returncode == 0
    duration = time.monotonic() - start  # a cold build: no cache, no fingerprints
    expected = public(tmp_path / "tenang")
    shaken = tmp_path / "terganggu"
    temp = tmp_path / "tmp"
    temp.mkdir()
    landed = 0
    for seed in range(KILLS):
        # Every kill hits a build with all its work ahead: no render cache and no
        # fingerprints (.cache/newsroom/), so no site is skipped as unchanged. Odd
        # seeds also keep the previous kill's half-built output to build over.
        shutil.rmtree(root / ".cache", ignore_errors=True)
        if seed % 2 == 0:
            shutil.rmtree(shaken, ignore_errors=True)
        process = subprocess.Popen(
            [str(NEWSROOM), "build", "--now", NOW, "--out", str(shaken)],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Its generated configs, which nothing removes after SIGKILL: the test's.
            env={**os.environ, "TMPDIR": str(temp)},
        )
        time.sleep(duration * random.Random(seed).uniform(0.2, 0.85))
        process.send_signal(signal.SIGKILL)
        process.wait()
        landed += process.returncode == -signal.SIGKILL  # 0 would mean it had finished
        assert no_process_building(shaken)  # workers die with the build that forked them
        assert broken_files(shaken) == [], seed
    assert landed > KILLS // 2, f"only {landed} of {KILLS} kills landed before the end"
    final = build(root, shaken)
    assert final.returncode == 0, final.stderr[-2000:]
    assert public(shaken) == expected
    assert broken_files(shaken) == []
    assert not [p for p in shaken.rglob("*") if is_temp(p)]


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


# --- a full disk ---------------------------------------------------------------------------------


@contextmanager
def small_disk(mount: Path, size: str = "64m") -> Iterator[Path]:
    """A small tmpfs at `mount` (what was in the folder is kept and put on it)."""
    keep = mount.with_name(mount.name + ".sebelum")
    if mount.exists():
        mount.rename(keep)
    mount.mkdir(parents=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        reason = (
            f"mounting a small tmpfs needs root: {done.stderr.decode(errors='replace').strip()}"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI runs as root: the full-disk faults must run there)")
        pytest.skip(f"{reason} (CI runs as root)")
    try:
        if keep.exists():
            shutil.copytree(keep, mount, dirs_exist_ok=True, symlinks=True)
            shutil.rmtree(keep)
        yield mount
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=False)


@pytest.mark.parametrize(
    ("ci", "outcome"), [("1", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_a_small_disk_that_cannot_be_mounted_fails_in_ci_and_skips_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setenv("CI", ci)
    mount = small_disk(tmp_path / "disk", "bukan-ukuran")  # a size mount refuses
    with pytest.raises(outcome, match="mounting a small tmpfs"), mount:
        pass


def fill(disk: Path, leave: int = 64 * 1024) -> Path:
    filler = disk / ".pengisi"
    free = shutil.disk_usage(disk).free
    filler.write_bytes(b"\0" * max(0, free - leave))  # leave almost nothing
    return filler


def test_full_disk_build_gives_a_clear_error_and_keeps_site_and_content(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    generate(root, 40)
    with small_disk(tmp_path / "disk") as disk:
        out = disk / "site"
        assert build(root, out).returncode == 0
        before = tree_files(out)
        filler = fill(disk)
        for path in sorted((root / "content/releases").rglob("*.md"))[:20]:
            path.write_text(path.read_text() + "\nParagraf baru yang memperpanjang rilis.\n" * 50)
        content_before = tree_files(root / "content")
        failed = build(root, out)
        assert failed.returncode == 1
        assert "No space left on device" in failed.stderr and "Traceback" not in failed.stderr
        after = tree_files(out)
        assert set(before) <= set(after)  # nothing of the previous site was deleted
        assert broken_files(out) == []  # whole files only
        assert not [p for p in out.rglob("*") if is_temp(p)]
        assert tree_files(root / "content") == content_before  # a build never touches content/
        filler.unlink()
        assert build(root, out).returncode == 0  # space again: the build completes


def office_release(n: int, padding: int = 0) -> str:
    text = release_text(title=f"Rilis nomor {n}", date=f"2026-11-{1 + n % 20:02d} 10:00")
    return text + "Paragraf isi rilis yang cukup panjang. " * padding


def test_full_disk_sync_gives_a_clear_error_keeps_content_and_converges(tmp_path: Path) -> None:
    first = {f"releases/2026/rilis-{n:02d}.md": office_release(n) for n in range(12)}
    office = office_repo(tmp_path / "kantor", "kutai-timur", first)
    reference = central_repo(tmp_path / "acuan", {"kutai-timur": str(office)})
    central = central_repo(tmp_path / "pusat", {"kutai-timur": str(office)})

    def sync(where: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            # One clock for every run: a withdrawal is stamped with the sync's time.
            [str(NEWSROOM), "sync", "--lang", "en", "--now", NOW],
            cwd=where,
            capture_output=True,
            text=True,
        )

    assert sync(reference).returncode == 0
    with small_disk(central / "content", "16m") as content:
        assert sync(central).returncode == 0
        # Upstream: big new releases, one changed, one removed (a withdrawal to write).
        write(office, {f"releases/2026/baru-{n:02d}.md": office_release(n, 4000) for n in range(8)})
        write(office, {"releases/2026/rilis-03.md": office_release(3, 2000)})
        git(office, "rm", "-q", "releases/2026/rilis-07.md")
        commit(office, "rilis baru")
        before = tree_files(content)
        filler = fill(content)

        failed = sync(central)
        output = failed.stdout + failed.stderr
        assert failed.returncode == 1, output
        assert "No space left on device" in output and "kutai-timur" in output, output
        assert "Traceback" not in output
        after = {k: v for k, v in tree_files(content).items() if k != ".pengisi"}
        assert set(before) - {".pengisi"} <= set(after)  # nothing of the content was lost
        for name in set(before) & set(after):
            changed = before[name] != after[name]
            # Only a whole new version of the changed release may have landed.
            assert not changed or name.endswith("rilis-03.md"), name
        assert after["sync/kutai-timur.json"] == before["sync/kutai-timur.json"]  # not advanced
        assert not [p for p in content.rglob("*") if is_temp(p)]
        repo = load_repository(Layout(central, CENTRAL))
        assert repo.report.errors == [] and len(repo.releases) >= 12  # every file whole

        filler.unlink()
        assert sync(central).returncode == 0  # space again: the sync catches up
        assert sync(reference).returncode == 0
        assert tree_files(content) == tree_files(reference / "content")
