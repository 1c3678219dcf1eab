"""`newsroom serve` in an office repository: a writer previews drafts as they will
look, and an edit shows up without restarting (MkDocs' live-reload server). Stopped,
it leaves nothing in the temp folder."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli.serve import _interrupt_in
from tests.conftest import release_text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch_until(url: str, wanted: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                last = response.read().decode("utf-8")
            if wanted in last:
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{wanted!r} never appeared at {url}; last page:\n{last[:500]}")


def test_office_preview_shows_drafts_and_follows_edits(
    office_repo: Callable[..., Path], tmp_path: Path
) -> None:
    temp = tmp_path / "tmp"  # the server's temp folder: its copy of the site goes there
    temp.mkdir()
    release = "releases/2026/rapat-draf.md"
    root = office_repo({release: release_text(title="Judul Pertama", status="draft")})
    port = free_port()
    newsroom = Path(sys.executable).parent / "newsroom"
    server = subprocess.Popen(
        [str(newsroom), "serve", "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    try:
        url = f"http://127.0.0.1:{port}/kalimantan-timur/kutai-timur/2026/rapat-draf/"
        page = fetch_until(url, "Judul Pertama")
        assert "masih draf" in page  # the preview says it will not be published yet
        (root / release).write_text(release_text(title="Judul Kedua", status="draft"))
        fetch_until(url, "Judul Kedua")
        assert any(temp.iterdir())  # the site it serves, and its config
    finally:
        server.send_signal(signal.SIGTERM)  # as systemd or `kill` stop it
        try:
            code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()  # not left running behind the failure
            server.wait()
            raise
    # Stopped as by Ctrl-C: a clean exit, and the site's copy and the config removed.
    assert code == 0
    assert sorted(temp.iterdir()) == []


def test_sigterm_interrupts_the_preview_and_kills_a_worker_it_forked() -> None:
    """The preview's handler makes SIGTERM an interrupt in its own process only: a worker
    forked from it (parsing, rendering, photos) inherits the handler and must still die
    of SIGTERM, which a pool sends its workers as it ends them."""
    handler = _interrupt_in(os.getpid())
    with pytest.raises(KeyboardInterrupt):
        handler(signal.SIGTERM, None)
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        child = os.fork()
        if child == 0:  # the worker
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(10)
            finally:
                os._exit(3)  # only if the signal did not end it
        _, status = os.waitpid(child, 0)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
