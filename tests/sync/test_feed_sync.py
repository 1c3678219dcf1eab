"""One newsroom syncing another through its JSON Feed, over a real HTTP server on
127.0.0.1: conditional GET, server errors, a hang, a truncated and an oversized body."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import requests

from generator.content.repository import CENTRAL, Layout, load_repository
from generator.content.runrecords import latest_run
from generator.content.syncstate import load_state
from sync.apply import OfficeResult
from sync.assets import AssetBudget
from sync.http import Limits
from sync.runner import Options, sync
from sync.sources.feed import _asset_sources
from tests.conftest import FIXTURES
from tests.sync.gitrepos import central_repo, tree_files
from tests.sync.killing import assert_each_kill_converges, reported, runs

FAST = Limits(
    connect_timeout=1, read_timeout=1, deadline=4, max_bytes=256 * 1024, retries=2, backoff=0.05
)
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


KUTIM_FEED = "kalimantan-timur/kantor/kutai-timur/feed.json"
SLOW_ASSET = 1.5  # seconds the slow route takes for each asset
LAST_MODIFIED = "Tue, 24 Nov 2026 03:00:00 GMT"


class Seen(NamedTuple):
    path: str
    if_none_match: str
    if_modified_since: str
    at: float  # time.monotonic() when it arrived


class Server:
    """Serves a folder with ETags (and 304s), plus misbehaving routes."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.requests: list[Seen] = []
        self.answers: list[tuple[str, int]] = []  # (path, status sent)
        self.url = ""

    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def send_response(self, code: int, message: str | None = None) -> None:
                server.answers.append((self.path, code))
                super().send_response(code, message)

            def do_GET(self) -> None:
                server.requests.append(
                    Seen(
                        self.path,
                        self.headers.get("If-None-Match", ""),
                        self.headers.get("If-Modified-Since", ""),
                        time.monotonic(),
                    )
                )
                route = getattr(server, "route_" + self.path.strip("/").split("/")[0], None)
                if route is not None:
                    route(self)
                else:
                    server.serve_file(self)

        return Handler

    def arrivals(self, path: str) -> list[float]:
        """When each request for `path` arrived."""
        return [seen.at for seen in self.requests if seen.path == "/" + path]

    def serve_file(self, request: http.server.BaseHTTPRequestHandler, name: str = "") -> None:
        assert self.folder is not None
        path = self.folder / (name or request.path.lstrip("/"))
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

    def route_sibuk(self, request: http.server.BaseHTTPRequestHandler) -> None:
        """429 asking for a second's patience on the first request, then the feed."""
        if len(self.arrivals(request.path.lstrip("/"))) == 1:
            request.send_response(429)
            request.send_header("Retry-After", "1")
            request.end_headers()
        else:
            self.serve_file(request, KUTIM_FEED)

    @staticmethod
    def route_sibuk_lama(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(429)
        request.send_header("Retry-After", "30")  # far past any deadline of ours
        request.end_headers()

    def route_gangguan(self, request: http.server.BaseHTTPRequestHandler) -> None:
        """503 twice, then the feed."""
        if len(self.arrivals(request.path.lstrip("/"))) <= 2:
            request.send_error(503)
        else:
            self.serve_file(request, KUTIM_FEED)

    def route_lama(self, request: http.server.BaseHTTPRequestHandler) -> None:
        """The feed with a Last-Modified and no ETag, as many plain servers send it."""
        assert self.folder is not None
        if request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            request.send_response(304)
            request.end_headers()
            return
        body = (self.folder / KUTIM_FEED).read_bytes()
        request.send_response(200)
        request.send_header("Last-Modified", LAST_MODIFIED)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    @staticmethod
    def route_pindah(request: http.server.BaseHTTPRequestHandler) -> None:
        """/pindah/<port>/<path>: a redirect to <path> on 127.0.0.1:<port>."""
        _, port, rest = request.path.lstrip("/").split("/", 2)
        request.send_response(302)
        request.send_header("Location", f"http://127.0.0.1:{port}/{rest}")
        request.end_headers()

    def route_pelan(self, request: http.server.BaseHTTPRequestHandler) -> None:
        """/pelan/<path>: <path>, after SLOW_ASSET seconds (a slow host's asset)."""
        time.sleep(SLOW_ASSET)
        self.serve_file(request, request.path.lstrip("/").split("/", 1)[1])

    @staticmethod
    def route_putar(request: http.server.BaseHTTPRequestHandler) -> None:
        """A redirect to itself, for ever."""
        request.send_response(302)
        request.send_header("Location", request.path)
        request.end_headers()

    def route_etag_putar(self, request: http.server.BaseHTTPRequestHandler) -> None:
        """/etag_putar/<path>: the same bytes under a new ETag at every request, whatever
        If-None-Match says (as some caches and CDNs do)."""
        assert self.folder is not None
        body = (self.folder / request.path.lstrip("/").split("/", 1)[1]).read_bytes()
        request.send_response(200)
        request.send_header("ETag", f'"{len(self.requests)}"')
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

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


@contextmanager
def running_server() -> Iterator[Server]:
    """A real HTTP server on 127.0.0.1 (a free port) answering as `Server` says."""
    state = Server()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), state.handler())
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def office_feed(server: Server, office: str) -> str:
    return f"feed:{server.url}kalimantan-timur/kantor/{office}/feed.json"


def test_feed_releases_arrive_with_their_assets(
    server: Server, published: Path, tmp_path: Path
) -> None:
    central = central_repo(tmp_path / "pusat", {"kutai-timur": office_feed(server, "kutai-timur")})
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
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
    sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    before = tree_files(central / "content")
    server.requests.clear()
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
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
    results = {
        r.office: r
        for r in sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    }
    assert time.monotonic() - start < FAST.deadline + 3
    assert results["rusak"].error and reason in results["rusak"].error
    assert results["kutai-timur"].ok and len(results["kutai-timur"].new) == 2
    assert not (central / "content/releases/rusak").exists()


def kutim_items(published: Path) -> list[dict[str, Any]]:
    """The items of kutai-timur's published feed (perbup-jam-layanan, jalan-poros-sangatta),
    fresh copies to change."""
    feed = json.loads((published / KUTIM_FEED).read_text())
    return list(feed["items"])


def fed_by_kutim(
    server: Server, published: Path, tmp_path: Path
) -> tuple[Path, str, list[dict[str, Any]]]:
    """A central repository syncing kutai-timur's feed as published (both items); its
    feed's name on the server, and the items, fresh copies to change and serve again."""
    items = kutim_items(published)
    name = tmp_path.name
    feed = serve_feed(server, published, name, items)
    return central_repo(tmp_path / "pusat", {"kutai-timur": feed}), name, items


def serve_feed(
    server: Server,
    published: Path,
    name: str,
    items: list[dict[str, Any]],
    withdrawn: list[dict[str, Any]] | None = None,
) -> str:
    """Serve a feed with `items` (and the `_newsroom.withdrawn` extension the producer
    adds, when given) at /<name>/feed.json; returns its registry source."""
    feed = json.loads((published / KUTIM_FEED).read_text())
    feed["items"] = items
    if withdrawn is not None:
        feed["_newsroom"] = {"about": "https://newsroom.example.go.id/docs/feed-extension"}
        feed["_newsroom"]["withdrawn"] = withdrawn
    (published / name).mkdir(parents=True, exist_ok=True)
    (published / name / "feed.json").write_text(json.dumps(feed, ensure_ascii=False))
    return f"feed:{server.url}{name}/feed.json"


def test_two_feed_items_with_one_id_are_refused_not_overwritten(
    server: Server, published: Path, tmp_path: Path
) -> None:
    items = kutim_items(published)
    twin = json.loads(json.dumps(items[0]))
    twin["_newsroom"]["markdown"] = "Isi yang berbeda."
    source = serve_feed(server, published, tmp_path.name, [*items, twin])
    central = central_repo(tmp_path / "pusat", {"kutai-timur": source})
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert [p.code for p in result.problems] == ["duplicate_id"]
    name = items[0]["_newsroom"]["id"].split("/", 1)[1]
    written = (central / f"content/releases/kutai-timur/{name}.md").read_text()
    assert "Isi yang berbeda." not in written  # the first item stays; the twin is reported


@pytest.mark.parametrize("where", ["items", "withdrawn"])
@pytest.mark.parametrize(
    ("item_id", "office"),
    [
        ("kemensos/2026/bansos", "kemensos"),
        ("kemensos/2026/bansos", "kutai-timur"),
        ("kutai-timur/2026/bansos", "kemensos"),
    ],
)
def test_a_feed_entry_claiming_another_office_is_reported_and_skipped(
    server: Server, published: Path, tmp_path: Path, item_id: str, office: str, where: str
) -> None:
    items = kutim_items(published)
    claim = json.loads(json.dumps(items[1]))
    claim["_newsroom"].update(id=item_id, office=office, markdown="Bukan milik kantor ini.")
    if where == "withdrawn":
        claim["_newsroom"]["front_matter"].update(status="withdrawn", withdrawn_reason="Ditarik.")
    entries = {"items": [items[0], claim], "withdrawn": [claim["_newsroom"]]}[where]
    if where == "items":
        source = serve_feed(server, published, tmp_path.name, entries)
    else:
        source = serve_feed(server, published, tmp_path.name, [items[0]], entries)
    central = central_repo(tmp_path / "pusat", {"kutai-timur": source})
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert result.ok and result.new == ["kutai-timur/2026/perbup-jam-layanan"]
    assert [(p.path, p.code, p.value) for p in result.problems] == [
        (f"kutai-timur:{item_id}", "foreign_office", "kemensos")
    ]
    assert (
        result.problems[0]
        .format("id")
        .endswith(
            "office: item ini milik kantor lain (tertulis 'kemensos'); hanya "
            "`kutai-timur/<tahun>/<slug>` yang diterima dari sumber kantor ini"
        )
    )
    assert "only `kutai-timur/<tahun>/<slug>` is accepted" in result.problems[0].format("en")
    written = tree_files(central / "content")
    assert not any(b"Bukan milik kantor ini." in data for data in written.values())
    assert sorted(n for n in written if n.startswith("releases/")) == [
        "releases/kutai-timur/2026/perbup-jam-layanan.md"
    ]


# --- assets come only from the feed's own origin ------------------------------------


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[Server]:
    """A second server (another port of 127.0.0.1: an internal service, another site)."""
    with running_server() as state:
        yield state


@pytest.mark.parametrize("how", ["item-url-elsewhere", "redirect-elsewhere"])
def test_feed_assets_are_fetched_only_from_the_feeds_own_origin(
    server: Server, elsewhere: Server, published: Path, tmp_path: Path, how: str
) -> None:
    elsewhere.folder = published  # it would serve the very same asset
    elsewhere.requests.clear()
    (item, _) = kutim_items(published)
    page = item["url"].split("/kalimantan-timur/", 1)[1]
    if how == "item-url-elsewhere":
        item["url"] = f"{elsewhere.url}kalimantan-timur/{page}"
    else:  # the feed's server answers the asset with a redirect to the other one
        port = elsewhere.url.rsplit(":", 1)[1].strip("/")
        item["url"] = f"{server.url}pindah/{port}/kalimantan-timur/{page}"
    source = serve_feed(server, published, tmp_path.name, [item])
    central = central_repo(tmp_path / "pusat", {"kutai-timur": source})
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert elsewhere.requests == []  # not even asked
    assert result.rejected == ["releases/2026/perbup-jam-layanan.md"]
    assert {p.code for p in result.problems} == {"asset_missing"}
    assert not (central / "content/assets").exists()


@pytest.mark.parametrize("route", ["tetes/feed.json", "tetes_kepala/feed.json"])
def test_a_dripping_feed_is_stopped_at_the_total_deadline(
    server: Server, published: Path, tmp_path: Path, route: str
) -> None:
    limits = Limits(connect_timeout=1, read_timeout=1, deadline=2, retries=2, backoff=0.05)
    central = central_repo(tmp_path / "pusat", {"lambat": f"feed:{server.url}{route}"})
    start = time.monotonic()
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=limits))
    assert time.monotonic() - start < limits.deadline + 0.5
    assert result.error is not None
    assert result.error.startswith(f"{server.url}{route} did not finish"), result.error
    assert "2 s deadline" in result.error


def sync_one(server: Server, path: str, folder: Path, limits: Limits = FAST) -> OfficeResult:
    central = central_repo(folder, {"kutai-timur": f"feed:{server.url}{path}"})
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=limits))
    return result


def test_429_is_retried_after_the_time_the_server_asks(
    server: Server, published: Path, tmp_path: Path
) -> None:
    path = f"sibuk/{tmp_path.name}/feed.json"
    result = sync_one(server, path, tmp_path / "pusat")
    assert result.ok and len(result.new) == 2, result.error
    first, second = server.arrivals(path)
    assert second - first >= 1.0  # Retry-After: 1, not the 0.05 s backoff


def test_429_asking_past_the_deadline_fails_at_once(
    server: Server, published: Path, tmp_path: Path
) -> None:
    path = f"sibuk_lama/{tmp_path.name}/feed.json"
    start = time.monotonic()
    result = sync_one(server, path, tmp_path / "pusat")
    assert time.monotonic() - start < 1.0  # no waiting for a retry that cannot come in time
    assert result.error is not None and "HTTP 429 (after 1 attempt(s))" in result.error
    assert len(server.arrivals(path)) == 1


def test_5xx_is_retried_with_a_growing_backoff(
    server: Server, published: Path, tmp_path: Path
) -> None:
    limits = Limits(connect_timeout=1, read_timeout=1, deadline=4, retries=3, backoff=0.2)
    path = f"gangguan/{tmp_path.name}/feed.json"
    result = sync_one(server, path, tmp_path / "pusat", limits)
    assert result.ok and len(result.new) == 2, result.error
    first, second, third = server.arrivals(path)
    assert second - first >= 0.2 and third - second >= 0.4


@pytest.mark.parametrize(
    ("route", "asked", "reason"),
    [("rusak", FAST.retries + 1, "HTTP 500 (after 3 attempt(s))"), ("hilang", 1, "HTTP 404")],
)
def test_a_server_error_is_asked_again_and_a_404_once(
    server: Server, published: Path, tmp_path: Path, route: str, asked: int, reason: str
) -> None:
    path = f"{route}/{tmp_path.name}/feed.json"
    result = sync_one(server, path, tmp_path / "pusat")
    assert result.error is not None and reason in result.error, result.error
    assert len(server.arrivals(path)) == asked


def test_last_modified_alone_gives_a_304_that_reads_nothing(
    server: Server, published: Path, tmp_path: Path
) -> None:
    path = f"lama/{tmp_path.name}/feed.json"
    central = central_repo(tmp_path / "pusat", {"kutai-timur": f"feed:{server.url}{path}"})
    (first,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert first.ok and len(first.new) == 2, first.error
    state = load_state(central / "content", "kutai-timur")
    assert (state.etag, state.last_modified) == ("", LAST_MODIFIED)
    before = tree_files(central / "content")
    server.requests.clear()
    server.answers.clear()
    (second,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert second.ok and not (second.new or second.updated or second.withdrawn)
    assert [(seen.path, seen.if_modified_since) for seen in server.requests] == [
        ("/" + path, LAST_MODIFIED)
    ]
    assert server.answers == [("/" + path, 304)]  # and no asset asked for
    assert tree_files(central / "content") == before


# --- corrections and withdrawals of releases already synced -------------------------


def withdrawn_entry(item: dict[str, Any], reason: str = "Ditarik karena data keliru.") -> Any:
    """The item's `_newsroom` object as the producer lists it under `_newsroom.withdrawn`."""
    entry = json.loads(json.dumps(item["_newsroom"]))
    entry["front_matter"].update(status="withdrawn", withdrawn_reason=reason)
    return entry


def test_a_withdrawal_entry_that_is_not_withdrawn_is_reported_and_skipped(
    server: Server, published: Path, tmp_path: Path
) -> None:
    central, name, (perbup, jalan) = fed_by_kutim(server, published, tmp_path)
    sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    serve_feed(server, published, name, [perbup], [json.loads(json.dumps(jalan["_newsroom"]))])
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert [(p.field, p.code, p.value) for p in result.problems] == [
        ("status", "withdrawn_entry_status", "published")
    ]
    assert "tidak berstatus `withdrawn`" in result.problems[0].format("id")
    assert result.withdrawn == []


@pytest.mark.parametrize(
    ("given", "withdrawn_at"),
    [
        (None, "2026-11-24 10:30:00"),  # the sync's clock, on the office's wall clock
        ("2026-11-20 08:15", "2026-11-20 08:15"),  # the office's own time is kept
    ],
)
def test_a_feed_withdrawal_says_when_it_was_withdrawn(
    server: Server, published: Path, tmp_path: Path, given: str | None, withdrawn_at: str
) -> None:
    now = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
    central, name, (perbup, jalan) = fed_by_kutim(server, published, tmp_path)
    sync(Layout(central, CENTRAL), Options(now=now, limits=FAST))
    entry = withdrawn_entry(jalan)
    if given is not None:
        entry["front_matter"]["withdrawn_at"] = given
    serve_feed(server, published, name, [perbup], [entry])
    (result,) = sync(Layout(central, CENTRAL), Options(now=now, limits=FAST))
    assert result.withdrawn == ["kutai-timur/2026/jalan-poros-sangatta"]
    target = central / "content/releases/kutai-timur/2026/jalan-poros-sangatta.md"
    assert target.read_text().count("withdrawn_at:") == 1
    repo = load_repository(Layout(central, CENTRAL))
    assert repo.report.errors == []
    gone = repo.by_id["kutai-timur/2026/jalan-poros-sangatta"]
    wita = gone.office.zone.tz
    assert gone.withdrawn == datetime.fromisoformat(withdrawn_at).replace(tzinfo=wita)
    # A later sync at another time leaves the withdrawal time as it was.
    now = datetime(2026, 11, 25, 2, 30, tzinfo=UTC)
    before = target.read_bytes()
    sync(Layout(central, CENTRAL), Options(now=now, limits=FAST))
    assert target.read_bytes() == before


def test_corrections_and_withdrawals_reach_releases_already_synced(
    server: Server, published: Path, tmp_path: Path
) -> None:
    central, name, (perbup, jalan) = fed_by_kutim(server, published, tmp_path)
    (first,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert sorted(first.new) == [
        "kutai-timur/2026/jalan-poros-sangatta",
        "kutai-timur/2026/perbup-jam-layanan",
    ]
    # The office corrects perbup and withdraws jalan, which leaves the feed's items and
    # appears under `_newsroom.withdrawn`; a release never synced here is withdrawn too.
    corrected = json.loads(json.dumps(perbup))
    note = {"date": "2026-11-24T09:30:00+08:00", "note": "Jam layanan dikoreksi."}
    corrected["_newsroom"]["front_matter"]["updates"] = [note]
    corrected["_newsroom"]["markdown"] += "\nJam layanan dimulai pukul 07.30.\n"
    never = withdrawn_entry(jalan)
    never.update(id="kutai-timur/2025/tidak-pernah-ada")
    serve_feed(server, published, name, [corrected], [withdrawn_entry(jalan), never])
    (second,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert second.ok and second.problems == []
    assert (second.new, second.updated, second.withdrawn) == (
        [],
        ["kutai-timur/2026/perbup-jam-layanan"],
        ["kutai-timur/2026/jalan-poros-sangatta"],
    )
    repo = load_repository(Layout(central, CENTRAL))
    assert repo.report.errors == []
    fixed = repo.by_id["kutai-timur/2026/perbup-jam-layanan"]
    assert [u.note for u in fixed.meta.updates] == ["Jam layanan dikoreksi."]
    assert "07.30" in fixed.body
    gone = repo.by_id["kutai-timur/2026/jalan-poros-sangatta"]
    assert (gone.meta.status, gone.meta.withdrawn_reason) == (
        "withdrawn",
        "Ditarik karena data keliru.",
    )
    assert not (central / "content/releases/kutai-timur/2025").exists()
    before = tree_files(central / "content")
    (third,) = sync(
        Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST)
    )  # 304: nothing again
    assert not (third.new or third.updated or third.withdrawn)
    assert tree_files(central / "content") == before


@pytest.mark.parametrize(
    ("front", "status"),
    [({"status": "draft"}, "draft"), ({"publish_at": "2026-12-01T08:00:00+08:00"}, "draft")],
    ids=["draft", "embargoed"],
)
def test_a_feed_withdrawal_never_makes_public_what_was_not(
    server: Server, published: Path, tmp_path: Path, front: dict[str, str], status: str
) -> None:
    perbup, jalan = kutim_items(published)
    hidden = json.loads(json.dumps(jalan))
    hidden["_newsroom"]["front_matter"].update(front)
    hidden["_newsroom"]["markdown"] = "Isi yang belum pernah terbit.\n"
    name = tmp_path.name
    central = central_repo(
        tmp_path / "pusat", {"kutai-timur": serve_feed(server, published, name, [perbup, hidden])}
    )
    now = NOW
    sync(Layout(central, CENTRAL), Options(now=now, limits=FAST))
    target = central / "content/releases/kutai-timur/2026/jalan-poros-sangatta.md"
    ours = target.read_text()
    serve_feed(server, published, name, [perbup], [withdrawn_entry(hidden)])
    (result,) = sync(Layout(central, CENTRAL), Options(now=now, limits=FAST))
    assert result.ok and result.problems == []
    release = load_repository(Layout(central, CENTRAL)).by_id[
        "kutai-timur/2026/jalan-poros-sangatta"
    ]
    assert release.meta.status == status and release.meta.withdrawn_reason is None
    if "publish_at" in front:
        assert result.withdrawn == ["kutai-timur/2026/jalan-poros-sangatta"]
        assert release.meta.publish_at is not None
    else:
        assert result.withdrawn == [] and target.read_text() == ours  # the draft, untouched


def test_a_feed_sync_killed_at_any_write_converges(
    server: Server, published: Path, tmp_path: Path
) -> None:
    perbup, jalan = kutim_items(published)
    name = tmp_path.name
    ready = central_repo(
        tmp_path / "pusat", {"kutai-timur": serve_feed(server, published, name, [perbup, jalan])}
    )
    # The first sync: releases and their assets.
    assert assert_each_kill_converges(ready, tmp_path / "pertama") >= 5
    # The next: a correction, a withdrawal listed by the feed, a new release.
    sync(Layout(ready, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    corrected = json.loads(json.dumps(perbup))
    corrected["_newsroom"]["markdown"] += "\nKoreksi: jam layanan dimulai pukul 07.30.\n"
    fresh = json.loads(json.dumps(jalan))
    fresh["_newsroom"]["id"] = "kutai-timur/2026/rilis-baru"
    fresh["url"] = fresh["url"].replace("jalan-poros-sangatta", "rilis-baru")
    serve_feed(server, published, name, [corrected, fresh], [withdrawn_entry(jalan)])
    assert assert_each_kill_converges(ready, tmp_path / "kedua") >= 4
    assert reported(tmp_path / "kedua" / "tenang", runs(ready)) == {
        "new": ["kutai-timur/2026/rilis-baru"],
        "updated": ["kutai-timur/2026/perbup-jam-layanan"],
        "withdrawn": ["kutai-timur/2026/jalan-poros-sangatta"],
    }


# --- one deadline per office; redirects; a rotating ETag ------------------------------


def test_an_office_whose_feed_and_assets_take_longer_than_its_deadline_fails(
    server: Server, published: Path, tmp_path: Path
) -> None:
    """Each asset in its own deadline, but not all of them in the office's: failed, not
    OK, nothing applied; with time enough, the next sync brings it all."""
    (perbup, jalan) = kutim_items(published)
    slow = len(_asset_sources(perbup["_newsroom"]["front_matter"], perbup["_newsroom"]["markdown"]))
    assert slow == 2  # together longer than the office's deadline, each within its own
    assert perbup["url"].startswith(server.url)
    perbup["url"] = perbup["url"].replace(server.url, f"{server.url}pelan/", 1)
    source = serve_feed(server, published, tmp_path.name, [perbup, jalan])
    central = central_repo(tmp_path / "pusat", {"kutai-timur": source})
    limits = replace(FAST, read_timeout=3, office_deadline=2)
    assert min(limits.deadline, limits.read_timeout) > SLOW_ASSET  # each in its own time
    assert slow * SLOW_ASSET > limits.office_deadline
    start = time.monotonic()
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=limits))
    took = time.monotonic() - start
    assert took < slow * SLOW_ASSET  # stopped before the assets were all read
    assert result.error is not None and "the office's 2 s deadline" in result.error
    assert result.new == [] and not (central / "content/releases").exists()
    assert load_state(central / "content", "kutai-timur").commit == ""
    (again,) = sync(
        Layout(central, CENTRAL),
        Options(now=datetime.now(UTC), limits=replace(limits, office_deadline=30)),
    )
    assert again.ok and len(again.new) == 2, again.error


def test_a_feed_redirected_to_another_origin_is_refused(
    server: Server, elsewhere: Server, published: Path, tmp_path: Path
) -> None:
    elsewhere.folder = published
    elsewhere.requests.clear()
    port = elsewhere.url.rsplit(":", 1)[1].strip("/")
    away = f"{server.url}pindah/{port}/{KUTIM_FEED}"
    central = central_repo(tmp_path / "pusat", {"kutai-timur": f"feed:{away}"})
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert elsewhere.requests == []  # not even asked
    assert result.error is not None
    assert result.error.startswith(f"{away} redirected away from 127.0.0.1 ")
    assert f"(to {elsewhere.url}{KUTIM_FEED})" in result.error
    # A redirect within the feed's own origin is followed.
    home = server.url.rsplit(":", 1)[1].strip("/")
    central = central_repo(
        tmp_path / "rumah", {"kutai-timur": f"feed:{server.url}pindah/{home}/{KUTIM_FEED}"}
    )
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert result.ok and len(result.new) == 2, result.error


def test_a_redirect_loop_is_not_asked_again(
    server: Server, published: Path, tmp_path: Path
) -> None:
    path = f"putar/{tmp_path.name}/feed.json"
    (result,) = sync(
        Layout(central_repo(tmp_path / "pusat", {"lingkar": f"feed:{server.url}{path}"}), CENTRAL),
        Options(now=datetime.now(UTC), limits=FAST),
    )
    assert result.error is not None and "too many redirects" in result.error
    one_attempt = requests.Session().max_redirects + 1
    assert FAST.retries > 0 and len(server.arrivals(path)) == one_attempt


def test_a_new_etag_for_the_same_feed_changes_no_file(
    server: Server, published: Path, tmp_path: Path
) -> None:
    source = f"feed:{server.url}etag_putar/{KUTIM_FEED}"
    central = central_repo(tmp_path / "pusat", {"kutai-timur": source})
    (first,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert first.ok and len(first.new) == 2
    content = central / "content"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in content.rglob("*") if p.is_file()}
    (second,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert second.ok and not (second.new or second.updated or second.withdrawn)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in content.rglob("*") if p.is_file()}
    assert after == before


def test_a_feed_item_no_file_can_hold_is_refused_alone(
    server: Server, published: Path, tmp_path: Path
) -> None:
    """JSON's `\\ud800` (a lone surrogate) in one item's Markdown: that item is refused
    by its id, the office's other releases arrive and every record is written."""
    perbup, jalan = kutim_items(published)
    jalan["_newsroom"]["markdown"] += "\ud800"
    feed = json.loads((published / KUTIM_FEED).read_text())
    feed["items"] = [perbup, jalan]
    (published / tmp_path.name).mkdir(parents=True, exist_ok=True)
    (published / tmp_path.name / "feed.json").write_text(json.dumps(feed))  # ASCII escapes
    central = central_repo(
        tmp_path / "pusat", {"kutai-timur": f"feed:{server.url}{tmp_path.name}/feed.json"}
    )
    (result,) = sync(Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST))
    assert result.ok and result.new == ["kutai-timur/2026/perbup-jam-layanan"], result.error
    assert [(p.path, p.code) for p in result.problems] == [
        ("kutai-timur:kutai-timur/2026/jalan-poros-sangatta", "not_utf8")
    ]
    assert latest_run(central)["offices"]["kutai-timur"]["ok"] is True


def test_feed_assets_past_the_budget_arrive_at_the_next_sync_despite_a_304(
    server: Server, published: Path, tmp_path: Path
) -> None:
    """The feed does not change between the syncs (its server would answer 304): what
    waited for the budget still arrives, with the release that uses it."""
    central, _, _ = fed_by_kutim(server, published, tmp_path)
    budget = AssetBudget(max_files=1)
    (first,) = sync(
        Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST, assets=budget)
    )
    assert first.ok and first.new == ["kutai-timur/2026/jalan-poros-sangatta"]
    assert [(p.code, p.value) for p in first.problems if p.code == "asset_count_limit"] == [
        ("asset_count_limit", "assets/perbup-12-2026.pdf")
    ]
    (second,) = sync(
        Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST, assets=budget)
    )
    assert second.ok and second.new == ["kutai-timur/2026/perbup-jam-layanan"], second.problems
    assert (central / "content/assets/kutai-timur/perbup-12-2026.pdf").is_file()
    (third,) = sync(
        Layout(central, CENTRAL), Options(now=datetime.now(UTC), limits=FAST, assets=budget)
    )
    assert third.ok and not (third.new or third.updated or third.problems)
