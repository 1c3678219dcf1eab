"""`make demo`'s server (`python -m generator.host.devserver`): a missing page of a site is
answered with that site's built 404.html and status 404, as nginx's `error_page 404`
does, not with Python's English error page."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.sitebuild import build_copy

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The sample's national and Maluku sites, built, served as `make demo` serves them."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    out = build_copy(
        REPO_ROOT, tmp_path_factory.mktemp("demo"), NOW, base, sites=["nasional", "maluku"]
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator.host.devserver",
            "--directory",
            str(out),
            "--port",
            str(port),
        ],
        cwd=REPO_ROOT,
    )
    try:
        for _ in range(200):  # until it listens (or died)
            if server.poll() is not None:
                pytest.fail(f"devserver exited with {server.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base, out
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def test_a_missing_page_gets_its_own_sites_404_page(demo: tuple[str, Path]) -> None:
    base, out = demo
    for site in ("maluku", "nasional"):
        status, body, kind = _get(f"{base}{site}/ambon/2026/tidak-ada/")
        assert status == 404
        assert body == (out / site / "404.html").read_bytes()
        assert kind.startswith("text/html")
    maluku = (out / "maluku" / "404.html").read_bytes()
    assert maluku != (out / "nasional" / "404.html").read_bytes()  # each site its own


def test_pages_are_served_and_folders_are_not_listed(demo: tuple[str, Path]) -> None:
    base, out = demo
    status, body, _ = _get(f"{base}maluku/")
    assert (status, body) == (200, (out / "maluku" / "index.html").read_bytes())
    # A folder without index.html (the photos) is not listed, as behind nginx.
    status, body, _ = _get(f"{base}maluku/ambon/aset/")
    assert status == 404 and body == (out / "maluku" / "404.html").read_bytes()


def test_outside_any_site_the_plain_404_is_kept(demo: tuple[str, Path]) -> None:
    base, _ = demo
    status, body, _ = _get(f"{base}tidak-ada-situs/")
    assert status == 404 and b"Halaman tidak ditemukan" not in body
    status, _, _ = _get(f"{base}..%2f..%2fetc/passwd")
    assert status == 404
