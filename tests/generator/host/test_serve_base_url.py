"""`newsroom serve` links to where it serves, whatever mkdocs.yml's base_url looks like.

The site, base URL and serve mode reach the plugin through the config MkDocs reloads
(generator.host.configs.serve_config) and on_startup, not the environment; a base_url
written without its trailing slash once made the preview link to production."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES
from tests.generator.cli.test_serve import fetch_until, free_port

PRODUCTION = "https://berita.example.go.id"


def test_serve_links_to_the_preview_when_base_url_has_no_trailing_slash(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace(f"{PRODUCTION}/", PRODUCTION))
    assert f"base_url: {PRODUCTION}\n" in config.read_text()
    port = free_port()
    local = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "newsroom"), "serve", "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        home = fetch_until(f"{local}nasional/", "</html>")
        # Edited while served: the rebuild keeps the preview's site and address.
        page = root / "content/pages/tentang.md"
        page.write_text(page.read_text() + "\nParagraf baru.\n")
        about = fetch_until(f"{local}nasional/tentang/", "Paragraf baru.")
        feed = fetch_until(f"{local}nasional/atom.xml", "</feed>")
    finally:
        server.terminate()
        server.wait(timeout=10)
    for html in (home, about):
        assert f'<link rel="canonical" href="{local}nasional/' in html
        assert PRODUCTION not in html
    assert re.search(rf'href="{re.escape(local)}nasional/[^"]+/"', feed)
    assert PRODUCTION not in feed
    # Serve mode, from MkDocs' on_startup: the pages let the live-reload script run.
    assert "script-src" in home and "script-src" in about
