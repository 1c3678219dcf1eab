"""A client that sends its request a byte at a time, each within the per-read timeout,
is cut off at the connection's deadline, and its slot is free again: slow clients
cannot keep the offices' hooks out; and a hook arriving while every slot is taken
reads its 503 (a real server on 127.0.0.1, real sockets)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import cast

import pytest

from generator.service import server


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int]]:
    monkeypatch.setattr(server, "AT_ONCE", 2)
    monkeypatch.setattr(server, "DEADLINE", 1.5)
    monkeypatch.setattr(server._Handler, "timeout", 1.0)
    # Nothing here reaches the gate: only paths the handler refuses by themselves.
    http = server.start("127.0.0.1", 0, cast(server.Gate, None))
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield cast(tuple[str, int], http.server_address[:2])
    finally:
        http.shutdown()
        http.server_close()


def dribble(address: tuple[str, int], until: float, begun: threading.Event) -> tuple[float, bytes]:
    """Send a request's headers a byte every 0.3 s (never 1 s apart) until the server
    hangs up or `until`; when it hung up, and what it said. `begun` is set once the
    connection is taken."""
    started = time.monotonic()
    with socket.create_connection(address, timeout=5) as client:
        begun.set()
        for byte in b"POST /hook/kutai-timur HTTP/1.1\r\nX-Lambat: " + b"a" * 100:
            if time.monotonic() - started > until:
                break
            try:
                client.sendall(bytes([byte]))
            except OSError:
                break
            time.sleep(0.3)
        client.settimeout(2)
        try:
            said = client.recv(1024)
        except OSError:
            said = b""
    return time.monotonic() - started, said


def test_a_dribbling_client_is_cut_off_at_the_deadline_and_its_slot_freed(
    hooks: tuple[str, int], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsroom.watch")
    results: list[tuple[float, bytes]] = []
    begun = [threading.Event(), threading.Event()]

    def slow_client(begun: threading.Event) -> None:
        results.append(dribble(hooks, 10, begun))

    slow = [threading.Thread(target=slow_client, args=(event,)) for event in begun]
    for thread in slow:
        thread.start()
    assert all(event.wait(5) for event in begun)
    time.sleep(0.2)  # both accepted by the server's loop, each with its slot
    with socket.create_connection(hooks, timeout=5) as third:  # every slot is taken
        assert third.recv(1024).startswith(b"HTTP/1.1 503")
    for thread in slow:
        thread.join()
    assert len(results) == 2
    for took, said in results:
        assert 1.4 < took < 4, "cut off at the deadline, not after the 10 s of dribbling"
        assert said == b""  # no answer: the request never ended
    with socket.create_connection(hooks, timeout=5) as after:  # the slots are free again
        after.sendall(b"GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")
        assert after.recv(1024).startswith(b"HTTP/1.0 404")
    cut = [r.getMessage() for r in caplog.records if "diputus" in r.getMessage()]
    assert len(cut) == 2 and all("127.0.0.1" in line for line in cut)


def test_a_hook_arriving_with_every_slot_taken_reads_its_503(hooks: tuple[str, int]) -> None:
    """Its payload still on its way when the server answers: dropped, not reset, so the
    git host reads the 503 (and tries again) instead of a broken pipe."""
    begun = [threading.Event(), threading.Event()]
    slow = [threading.Thread(target=dribble, args=(hooks, 10, event)) for event in begun]
    for thread in slow:
        thread.start()
    assert all(event.wait(5) for event in begun)
    time.sleep(0.2)  # both accepted by the server's loop, each with its slot
    body = b'{"ref": "refs/heads/main", "x": "' + b"x" * 900_000 + b'"}'
    head = f"POST /hook/kutai-timur HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n"
    with socket.create_connection(hooks, timeout=5) as third:
        time.sleep(0.3)  # answered 503 and closed for writing before the hook is sent
        third.sendall(head.encode() + body)
        assert third.recv(1024).startswith(b"HTTP/1.1 503")
    for thread in slow:
        thread.join()
