"""`newsroom sync` killed with SIGKILL at a chosen point: in the middle of its Nth file
write, its temp file whole but never renamed into place (the worst moment for a
writer). Every write of a sync (releases, assets, state, notes, run records) goes
through `os.replace`, so counting those calls names every point a kill can matter."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.sync.gitrepos import tree_files

_KILLER = """
import atexit, os, signal, sys
from generator.cli import main
limit, count, real = int(sys.argv[1]), [0], os.replace
def replace(src, dst, *args, **kwargs):
    count[0] += 1
    if count[0] == limit:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst, *args, **kwargs)
os.replace = replace
atexit.register(lambda: sys.stderr.write(f"\\nREPLACES {count[0]}\\n"))
sys.argv = ["newsroom", "sync", "--lang", "en", *sys.argv[2:]]
main()
"""


def sync_killed_at(central: Path, write: int, *args: str) -> subprocess.CompletedProcess[str]:
    """`newsroom sync` in `central`, killed as it makes its `write`th rename (0: never).
    Its temp folder is the test's: a sync killed so leaves its images put aside there
    (nothing survives SIGKILL), not in the machine's /tmp at every test run."""
    temp = central.parent / "tmp"
    temp.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-c", _KILLER, str(write), *args],
        cwd=central,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(temp)},
    )


def writes_of_a_sync(central: Path, *args: str) -> int:
    """How many renames an undisturbed sync of `central` makes (it runs the sync)."""
    done = sync_killed_at(central, 0, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return int(re.findall(r"^REPLACES (\d+)$", done.stderr, re.M)[-1])


def reported(central: Path, before: set[str]) -> dict[str, list[str]]:
    """What the run records of `central` not named in `before` report, every report of an
    id kept (an id reported twice shows twice)."""
    found: dict[str, list[str]] = {"new": [], "updated": [], "withdrawn": []}
    for path in sorted((central / ".newsroom" / "runs").glob("*.json")):
        if path.name in before:
            continue
        for office in json.loads(path.read_text())["offices"].values():
            for kind, ids in found.items():
                ids.extend(office[kind])
    return {kind: sorted(ids) for kind, ids in found.items()}


def runs(central: Path) -> set[str]:
    """The names of the run records `central` has."""
    return {path.name for path in (central / ".newsroom" / "runs").glob("*.json")}


def assert_each_kill_converges(ready: Path, scratch: Path) -> int:
    """For every write of the sync `ready` is about to make: a copy of `ready` killed at
    that write, then synced again, ends with the content and the reports of a copy
    synced once, undisturbed. Returns how many kill points there were."""
    calm = scratch / "tenang"
    shutil.copytree(ready, calm, symlinks=True)
    # One clock for every run compared: what a sync writes may say when (`withdrawn_at`).
    # After every run `ready` had (the next whole second), so their records stay older.
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
    pinned = ("--now", later.isoformat())
    total = writes_of_a_sync(calm, *pinned)
    expected, expected_report = tree_files(calm / "content"), reported(calm, runs(ready))
    for write in range(1, total + 1):
        shaken = scratch / f"bunuh-{write}"
        shutil.copytree(ready, shaken, symlinks=True)
        killed = sync_killed_at(shaken, write, *pinned)
        assert killed.returncode == -9, (write, killed.stdout + killed.stderr)
        again = sync_killed_at(shaken, 0, *pinned)
        assert again.returncode == 0, (write, again.stdout + again.stderr)
        assert tree_files(shaken / "content") == expected, f"killed at write {write}"
        assert reported(shaken, runs(ready)) == expected_report, f"killed at write {write}"
        shutil.rmtree(shaken)
    return total
