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
        code = server.wait(timeout=20)
    # Stopped as by Ctrl-C: a clean exit, and the site's copy and the config removed.
    assert code == 0
    assert sorted(temp.iterdir()) == []
