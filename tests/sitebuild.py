"""Helpers for tests that build whole sites: build a repo copy, serve it on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from generator.content.repository import find_layout
from generator.host import build
from generator.public.session import forget_sessions


def build_copy(
    source: Path, workdir: Path, now: datetime, base_url: str, sites: list[str] | None = None
) -> Path:
    """Copy the newsroom at `source` into `workdir`, build it there, return the output folder."""
    root = workdir / "repo"
    if not root.exists():
        shutil.copytree(source / "content", root / "content")
        shutil.copy(source / "mkdocs.yml", root / "mkdocs.yml")
    return build_repo(root, now, base_url, sites)


def build_repo(
    root: Path,
    now: datetime,
    base_url: str,
    sites: list[str] | None = None,
    out: Path | None = None,
) -> Path:
    layout = find_layout(root)
    assert layout is not None
    out = out or root / "site"
    forget_sessions()
    try:
        build.build(layout, sites or [], out, base_url=base_url, jobs=2, now=now)
    finally:
        forget_sessions()
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _GzipStatic(_Quiet):
    """As nginx's `gzip_static on` serves a site: a file's `.gz` twin, when the client
    accepts gzip, with `Content-Encoding: gzip` (what a reader's phone downloads)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        twin = path.with_name(path.name + ".gz")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not twin.is_file():
            return super().send_head()
        data = twin.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(twin.stat().st_size))
        self.end_headers()
        return data


def built_sites(root: Path, first: list[str], now: datetime) -> list[str]:
    """The sites a build of the newsroom at `root` at `now`, in two forked workers, with
    the news of the offices `first`, wrote (not skipped); its sessions forgotten."""
    layout = find_layout(root)
    assert layout is not None
    forget_sessions()
    try:
        results = build.build(
            layout, [], root / "site", now=now, base_url="https://b.example/", jobs=2, first=first
        )
    finally:
        forget_sessions()
    return sorted(r.site_id for r in results if not r.skipped)


@contextmanager
def serve(folder: Path, *, gzip_static: bool = False) -> Iterator[str]:
    """A real HTTP server for `folder` on 127.0.0.1 (random port); yields its base URL.
    `gzip_static`: serve the `.gz` twins as nginx does, to measure what readers download.

    `folder` may not exist yet: the URL is needed to build the site that fills it.
    """
    handler = functools.partial(_GzipStatic if gzip_static else _Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def differences(built: dict[str, bytes], clean: dict[str, bytes]) -> list[str]:
    """What differs between two sites' files (`tests.generator.test_incremental.files`),
    said so a failure shows it: paths only one holds, and inside a JSON file (the
    manifests, whose keys and ledger a page's bytes do not show) the entries that differ."""
    said = [f"only in the first: {p}" for p in sorted(built.keys() - clean.keys())]
    said += [f"only in the second: {p}" for p in sorted(clean.keys() - built.keys())]
    for path in sorted(built.keys() & clean.keys()):
        if built[path] == clean[path]:
            continue
        if not path.endswith(".json"):
            said.append(f"{path} differs")
            continue
        entries = _json_differences(built[path], clean[path])
        said += [f"{path}: {entry}" for entry in entries] or [f"{path} differs (as bytes)"]
    return said


def _json_differences(first: bytes, second: bytes, where: str = "") -> list[str]:
    return _value_differences(json.loads(first), json.loads(second), where)


def _value_differences(first: object, second: object, where: str) -> list[str]:
    if isinstance(first, dict) and isinstance(second, dict):
        found = []
        for name in sorted(first.keys() | second.keys()):
            inner = f"{where}/{name}"
            if name not in first or name not in second:
                found.append(f"{inner}: only in the {'first' if name in first else 'second'}")
            else:
                found += _value_differences(first[name], second[name], inner)
        return found
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        found = []
        for index, (one, other) in enumerate(zip(first, second, strict=True)):
            found += _value_differences(one, other, f"{where}[{index}]")
        return found
    return [] if first == second else [f"{where}: {first!r} != {second!r}"]
