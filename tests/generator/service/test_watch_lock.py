"""One run lock for `newsroom sync`, `newsroom build` and `newsroom watch`: a manual
command beside the service waits a bounded time, then refuses and says who holds it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from generator.content.runlock import hold
from tests.conftest import REPO_ROOT
from tests.sync.gitrepos import central_repo


def newsroom(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from generator.cli.app import run; run()", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_a_manual_build_refuses_while_the_service_holds_the_lock(tmp_path: Path) -> None:
    central = central_repo(tmp_path / "pusat", {})
    with hold(central, "newsroom watch"):
        started = time.monotonic()
        done = newsroom(central, "build", "--wait", "1", "--lang", "en")
        waited = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert f"in use by newsroom watch (pid {os.getpid()})" in done.stderr
    assert "waiting for newsroom watch" in done.stderr
    assert waited >= 1
    assert not (central / "site").exists()  # nothing built beside it
    indonesian = newsroom(central, "sync", "--wait", "0")
    assert indonesian.returncode == 0  # the lock was let go: the sync runs


def test_a_manual_sync_waits_for_the_service_then_runs(tmp_path: Path) -> None:
    central = central_repo(tmp_path / "pusat", {})
    command = [sys.executable, "-c", "from generator.cli.app import run; run()"]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with hold(central, "newsroom watch"):
        sync = subprocess.Popen(
            [*command, "sync", "--wait", "120"],
            cwd=central,
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        assert sync.stderr is not None
        said = sync.stderr.readline()  # it says so as it begins to wait
        assert "menunggu newsroom watch" in said  # Indonesian by default
        assert sync.poll() is None  # still waiting while the lock is held
    # Let go: the sync takes the lock and runs.
    assert sync.wait(timeout=120) == 0, sync.stderr.read()


def test_a_sync_refuses_at_once_without_wait(tmp_path: Path) -> None:
    central = central_repo(tmp_path / "pusat", {})
    with hold(central, "newsroom watch"):
        done = newsroom(central, "sync", "--wait", "0", "--lang", "en")
    assert done.returncode == 2
    assert "in use by newsroom watch" in done.stderr
