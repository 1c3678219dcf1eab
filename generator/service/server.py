"""The service's HTTP endpoint: `POST /hook/<office>` for the offices' push hooks and
`GET /status` for the operator, on 127.0.0.1 by default (a reverse proxy publishes
`/hook/` alone, see the README).

A hook is refused, with its status, before anything costly: an unknown path or office
404, no Content-Length 411, a body over the cap 413 (never parsed: what the client
still sends is dropped as it comes, LINGER_BYTES and LINGER_SECONDS at most, so that it
hears the answer instead of a reset), unsigned 401, forged
or with no usable secret 403, too many for its office 429; a client still sending after
DEADLINE seconds is cut off. Only a verified push reaches
the loop, as "sync this office"; each request is one line of the log, never with the
secret or the signature.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from generator.content.messages import cli_text, language
from generator.service.hooksecrets import SecretStore
from generator.service.loop import Service
from generator.service.ratelimit import RateLimit
from generator.service.webhooks import Verdict, is_ping, verify

log = logging.getLogger("newsroom.watch")

MAX_HOOK_BYTES = 1024 * 1024  # GitLab's and GitHub's push payloads of a few commits: KBs
READ_TIMEOUT = 10.0  # seconds a client may wait between two reads of its request
DEADLINE = 30.0  # seconds a connection may last in all: a push hook takes milliseconds
AT_ONCE = 16  # requests handled at once; more are answered 503 unread (and as many
# 503s at once linger, see HookServer._busy)
LINGER_SECONDS = 2.0  # a refused request's body still on its way: dropped this long...
LINGER_BYTES = 2 * MAX_HOOK_BYTES  # ...and this much at most, then the connection closed
BUSY = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
LOOPBACK = ("127.0.0.1", "::1", "::ffff:127.0.0.1")
_LENGTH = re.compile(r"[0-9]{1,10}", re.ASCII)
_HOOK_PATH = re.compile(r"/hook/([a-z0-9][a-z0-9-]{0,99})/?")


@dataclass
class Gate:
    """What the handler checks a hook against, and where an accepted one goes."""

    service: Service
    secrets: SecretStore
    limit: RateLimit
    max_bytes: int = MAX_HOOK_BYTES


class HookServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never holds up the service's exit

    def __init__(self, address: tuple[str, int], gate: Gate) -> None:
        self.gate = gate
        # A thread per connection, but only so many: a flood of slow or forged requests
        # gets 503 at once instead of a thread and a megabyte each.
        self._slots = threading.BoundedSemaphore(AT_ONCE)
        self._lingering = threading.BoundedSemaphore(AT_ONCE)
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self._busy(request)
            return
        try:
            super().process_request(request, client_address)  # starts its thread
        except BaseException:
            self._slots.release()  # no thread started (the process at its limit): not held
            raise

    def _busy(self, request: socket.socket) -> None:
        """503 at once, then what the client still sends dropped as a refusal's is
        (`_linger`): closed with its hook unread, the connection was reset, and a git
        host still sending its payload got a broken pipe instead of the 503 that tells
        it to try again. Each lingers in a thread of its own, LINGER_SECONDS at most,
        AT_ONCE at a time: beyond those, a flood is closed at once, as before."""
        with contextlib.suppress(OSError):  # gone already
            request.sendall(BUSY)
        if not self._lingering.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            threading.Thread(target=self._linger_then_close, args=(request,), daemon=True).start()
        except BaseException:
            self._lingering.release()
            raise

    def _linger_then_close(self, request: socket.socket) -> None:
        try:
            _linger(request)
        finally:
            try:
                self.shutdown_request(request)
            finally:
                self._lingering.release()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        # READ_TIMEOUT bounds each read, not the request: a client sending a byte every
        # few seconds would keep its slot for ever, and AT_ONCE of them every hook out.
        deadline = threading.Timer(DEADLINE, _cut_off, (request, client_address))
        deadline.daemon = True
        deadline.start()
        try:
            super().process_request_thread(request, client_address)
        finally:
            deadline.cancel()
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client gone mid-answer (cut off, or hung up) is one debug line; anything
        else is a bug of ours, and its traceback is printed."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            log.debug("http: %s: connection ended early", client_address[0])
            return
        super().handle_error(request, client_address)


def _linger(connection: socket.socket) -> None:
    """Half-close, then drop what the client still sends (LINGER_BYTES in LINGER_SECONDS
    at most) before the connection is closed: closed with a body unread, it is reset,
    and a client still sending its refused 1 MB gets a broken pipe, not our 413."""
    deadline = time.monotonic() + LINGER_SECONDS
    dropped = 0
    with contextlib.suppress(OSError):  # a timeout, a reset: done either way
        connection.shutdown(socket.SHUT_WR)
        while dropped < LINGER_BYTES and (left := deadline - time.monotonic()) > 0:
            connection.settimeout(left)
            chunk = connection.recv(65536)
            if not chunk:
                break
            dropped += len(chunk)


def _cut_off(request: socket.socket, client_address: Any) -> None:
    """End a connection that outlived DEADLINE: its reads return nothing, and the
    handler closes it (one closed meanwhile is left alone)."""
    if request.fileno() == -1:
        return
    log.info(
        cli_text(
            "watch_hook_too_slow",
            language(),
            {"client": client_address[0], "seconds": round(DEADLINE)},
        )
    )
    with contextlib.suppress(OSError):  # closed meanwhile
        request.shutdown(socket.SHUT_RDWR)


def start(host: str, port: int, gate: Gate) -> HookServer:
    """Bound and listening (port 0: any free one, see `server_address`); serve it with
    `serve_forever` on a thread of its own."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    HookServer.address_family = family
    return HookServer((host, port), gate)


class _Handler(BaseHTTPRequestHandler):
    server: HookServer
    timeout = READ_TIMEOUT
    server_version = "newsroom-watch"
    sys_version = ""
    unread = False  # refused with its body perhaps still on its way
    read_whole = False  # its body read (a refusal then lingers for nothing)

    def finish(self) -> None:
        super().finish()  # the answer flushed
        if self.unread:
            _linger(self.connection)

    def do_GET(self) -> None:  # http.server names it
        # The status names the next embargo's second and the offices' last errors: the
        # operator's, on this machine only, even when the service listens wider.
        if self.path.split("?", 1)[0] != "/status" or self.client_address[0] not in LOOPBACK:
            self._answer(404, {"error": "not found"})
            return
        service = self.server.gate.service
        body = service.status.as_json(service.clock.now())
        self._send(200, body)

    def do_POST(self) -> None:  # http.server names it
        found = _HOOK_PATH.fullmatch(self.path.split("?", 1)[0])
        gate = self.server.gate
        office = found.group(1) if found else ""
        if not found or not gate.service.knows(office):
            self._refuse(office or "-", 404, "hook_unknown")
            return
        given = self.headers.get("Content-Length")
        length = _length(given)
        if length is None:
            self._refuse(office, 411 if given is None else 400, "hook_no_length")
            return
        if length > gate.max_bytes:
            self._refuse(office, 413, "hook_too_large")
            return
        body = self.rfile.read(length)
        self.read_whole = True  # a refusal from here on has nothing left to drop
        if len(body) != length:
            self._refuse(office, 400, "hook_cut_short")
            return
        self._decide(office, body)

    def _decide(self, office: str, body: bytes) -> None:
        gate = self.server.gate
        found = gate.secrets.lookup(office)
        if found.secret is None:
            self._refuse(office, 403, f"hook_secret_{found.problem}")
            return
        hook = verify(dict(self.headers.items()), body, found.secret)
        said = {"provider": hook.provider or "-", "event": hook.event or "-"}
        if hook.verdict is Verdict.UNSIGNED:
            self._refuse(office, 401, "hook_unsigned", said)
            return
        if hook.verdict is Verdict.FORGED:
            self._refuse(office, 403, "hook_forged", said)
            return
        wait = gate.limit.take(office, gate.service.clock.ticks())
        if wait > 0:
            self._refuse(office, 429, "hook_rate_limited", said, retry=wait)
            return
        if is_ping(hook):
            self._say(office, 200, "hook_ping", said)
            self._answer(200, {"office": office, "event": hook.event})
            return
        gate.service.request(office, f"{hook.provider} {hook.event}")
        self._say(office, 202, "hook_queued", said)
        self._answer(202, {"office": office, "queued": True})

    def do_PUT(self) -> None:
        self._answer(405, {"error": "method not allowed"})

    do_DELETE = do_PATCH = do_PUT

    def _refuse(
        self,
        office: str,
        status: int,
        code: str,
        said: dict[str, str] | None = None,
        retry: float = 0.0,
    ) -> None:
        self._say(office, status, code, said)
        extra = {"Retry-After": str(max(1, round(retry)))} if retry else {}
        self.close_connection = True  # a refused body may still be on its way: never read
        self.unread = not self.read_whole
        # Why an office's secret cannot be used is the operator's to read, in the log;
        # the caller learns only that it is refused.
        public = "hook_forged" if code.startswith("hook_secret_") else code
        self._answer(status, {"error": cli_text(public, "en")}, extra)

    def _say(self, office: str, status: int, code: str, said: dict[str, str] | None) -> None:
        said = said or {"provider": "-", "event": "-"}
        outcome = cli_text(code, language())
        params = {"office": office, "status": status, "outcome": outcome, **said}
        log.info(cli_text("watch_hook", language(), params))

    def _answer(self, status: int, data: object, extra: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(data).encode("utf-8") + b"\n", extra)

    def _send(self, status: int, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """http.server's own access line: our one line per hook says more."""
        log.debug("http: " + format, *args)


def _length(value: str | None) -> int | None:
    """Content-Length as ASCII digits only (`str.isdigit` takes `²`, which int() refuses)."""
    if value is None or not _LENGTH.fullmatch(value.strip()):
        return None
    return int(value.strip())
