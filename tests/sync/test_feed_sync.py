"""One newsroom syncing another through its JSON Feed, over a real HTTP server on
127.0.0.1: conditional GET, server errors, a hang, a truncated and an oversized body."""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.repository import CENTRAL, Layout, load_repository
from sync.http import Limits
from sync.runner import Options, sync
from tests.conftest import FIXTURES
from tests.sitebuild import build_copy
from tests.sync.gitrepos import central_repo, tree_files

FAST = Limits(
    connect_timeout=1, read_timeout=1, deadline=4, max_bytes=256 * 1024, retries=2, backoff=0.05
)
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


class Server:
    """Serves a folder with ETags (and 304s), plus misbehaving routes."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.requests: list[tuple[str, str]] = []  # (path, If-None-Match)
        self.url = ""

    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("If-None-Match", "")))
                route = getattr(server, "route_" + self.path.strip("/").split("/")[0], None)
                if route is not None:
                    route(self)
                else:
                    server.serve_file(self)

        return Handler

    def serve_file(self, request: http.server.BaseHTTPRequestHandler) -> None:
        assert self.folder is not None
        path = self.folder / request.path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            request.send_error(404)
            return
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            request.send_response(304)
            request.end_headers()
            return
        request.send_response(200)
        request.send_header("ETag", etag)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    @staticmethod
    def route_rusak(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_error(500)

    @staticmethod
    def route_macet(request: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(3)  # longer than the read timeout

    @staticmethod
    def route_terpotong(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", "5000")
        request.end_headers()
        request.wfile.write(b'{"version": "https://jsonfeed.org/version/1.1", "items": [')
        request.wfile.flush()
        request.close_connection = True

    @staticmethod
    def route_tetes(request: http.server.BaseHTTPRequestHandler) -> None:
        """A body that drips one byte every 50 ms: each byte resets a read timeout."""
        request.send_response(200)
        request.send_header("Content-Length", "1000")
        request.end_headers()
        drip(request, b"{")

    @staticmethod
    def route_tetes_kepala(request: http.server.BaseHTTPRequestHandler) -> None:
        """Headers that drip one byte every 50 ms and never end."""
        request.wfile.write(b"HTTP/1.1 200 OK\r\nX-Tetes: ")
        drip(request, b"a")

    @staticmethod
    def route_raksasa(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.end_headers()  # no Content-Length: the cap must hold while reading
        for _ in range(400):
            request.wfile.write(b" " * 1024)


def drip(request: http.server.BaseHTTPRequestHandler, byte: bytes) -> None:
    """One byte every 50 ms for at most 15 s, until the client hangs up."""
    for _ in range(300):
        try:
            request.wfile.write(byte)
            request.wfile.flush()
        except OSError:
            return
        time.sleep(0.05)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    state = Server()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), state.handler())
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def published(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden fixture newsroom built and served: its office feeds are our sources."""
    out = build_copy(FIXTURES / "golden", tmp_path_factory.mktemp("asal"), NOW, server.url)
    server.folder = out
    return out


def office_feed(server: Server, office: str) -> str:
    return f"feed:{server.url}kalimantan-timur/kantor/{office}/feed.json"


def test_feed_releases_arrive_with_their_assets(
    server: Server, published: Path, tmp_path: Path
) -> None:
    central = central_repo(tmp_path / "pusat", {"kutai-timur": office_feed(server, "kutai-timur")})
    (result,) = sync(Layout(central, CENTRAL), Options(limits=FAST))
    assert result.ok, result.problems
    assert sorted(result.new) == [
        "kutai-timur/2026/jalan-poros-sangatta",
        "kutai-timur/2026/perbup-jam-layanan",
    ]
    assets = central / "content/assets/kutai-timur"
    original = FIXTURES / "golden/content/assets/kutai-timur"
    assert (assets / "kantor-bupati.png").read_bytes() == (
        original / "kantor-bupati.png"
    ).read_bytes()
    assert (assets / "perbup-12-2026.pdf").is_file()
    mine = load_repository(Layout(central, CENTRAL))
    theirs = load_repository(Layout(FIXTURES / "golden", CENTRAL))
    assert mine.report.errors == []
    for release in mine.releases:
        assert release.meta == theirs.by_id[release.id].meta
        assert release.body.strip() == theirs.by_id[release.id].body.strip()


def test_not_modified_feed_reads_nothing(server: Server, published: Path, tmp_path: Path) -> None:
    central = central_repo(tmp_path / "pusat", {"kutai-timur": office_feed(server, "kutai-timur")})
    sync(Layout(central, CENTRAL), Options(limits=FAST))
    before = tree_files(central / "content")
    server.requests.clear()
    (result,) = sync(Layout(central, CENTRAL), Options(limits=FAST))
    assert result.ok and not (result.new or result.updated)
    feed_requests = [r for r in server.requests if r[0].endswith("feed.json")]
    assert len(feed_requests) == 1 and feed_requests[0][1]  # sent If-None-Match, got 304
    assert tree_files(central / "content") == before


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ("rusak/feed.json", "HTTP 500"),
        ("macet/feed.json", "Timeout"),
        ("terpotong/feed.json", "incomplete"),
        ("raksasa/feed.json", "more than"),
    ],
)
def test_broken_feeds_fail_alone_and_quickly(
    server: Server, published: Path, tmp_path: Path, route: str, reason: str
) -> None:
    central = central_repo(
        tmp_path / "pusat",
        {
            "rusak": f"feed:{server.url}{route}",
            "kutai-timur": office_feed(server, "kutai-timur"),
        },
    )
    start = time.monotonic()
    results = {r.office: r for r in sync(Layout(central, CENTRAL), Options(limits=FAST))}
    assert time.monotonic() - start < FAST.deadline + 3
    assert results["rusak"].error and reason in results["rusak"].error
    assert results["kutai-timur"].ok and len(results["kutai-timur"].new) == 2
    assert not (central / "content/releases/rusak").exists()


def test_two_feed_items_on_one_path_are_refused_not_overwritten(
    server: Server, published: Path, tmp_path: Path
) -> None:
    import json as json_module

    feed = json_module.loads((published / "nasional/feed.json").read_text())
    twin = json_module.loads(json_module.dumps(feed["items"][0]))
    _, rest = twin["_newsroom"]["id"].split("/", 1)
    twin["_newsroom"]["id"] = f"kantor-lain/{rest}"  # same year and slug, another office
    twin["_newsroom"]["markdown"] = "Isi yang berbeda."
    feed["items"].append(twin)
    (published / "ganda").mkdir(exist_ok=True)
    (published / "ganda/feed.json").write_text(json_module.dumps(feed))
    central = central_repo(tmp_path / "pusat", {"nasional": f"feed:{server.url}ganda/feed.json"})
    (result,) = sync(Layout(central, CENTRAL), Options(limits=FAST))
    assert any(p.code == "duplicate_id" for p in result.problems)
    written = (central / f"content/releases/nasional/{rest}.md").read_text()
    assert "Isi yang berbeda." not in written  # the first item stays; the twin is reported


@pytest.mark.parametrize("route", ["tetes/feed.json", "tetes_kepala/feed.json"])
def test_a_dripping_feed_is_stopped_at_the_total_deadline(
    server: Server, published: Path, tmp_path: Path, route: str
) -> None:
    limits = Limits(connect_timeout=1, read_timeout=1, deadline=2, retries=2, backoff=0.05)
    central = central_repo(tmp_path / "pusat", {"lambat": f"feed:{server.url}{route}"})
    start = time.monotonic()
    (result,) = sync(Layout(central, CENTRAL), Options(limits=limits))
    assert time.monotonic() - start < limits.deadline + 0.5
    assert result.error is not None
    assert result.error.startswith(f"lambat: {server.url}{route}: "), result.error
    assert "2 s deadline" in result.error
