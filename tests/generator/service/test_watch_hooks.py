"""`newsroom watch` on the sample, with a real git office and real hooks over 127.0.0.1:
a push and its signed hook put the page on disk and on the desk; anything unsigned,
forged, unknown, oversized or too frequent is refused and builds nothing."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.generator.service.watching import (
    OFFICE,
    Watch,
    gitea_headers,
    github_headers,
    gitlab_headers,
    make_newsroom,
    push,
    release,
    slug_path,
    start_watch,
)
from tests.generator.test_incremental import files

PROVINCE_SITE = "kalimantan-timur"  # Samarinda is a city of province 64


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Watch]]:
    central, office, secrets = make_newsroom(tmp_path_factory.mktemp("watch"))
    watch = start_watch(central, secrets)
    try:
        yield central, office, watch
    finally:
        assert watch.stop() == 0


def page(central: Path, slug: str, site: str = PROVINCE_SITE) -> Path:
    return central / "site" / site / OFFICE / "2026" / slug / "index.html"


def builds(watch: Watch) -> int:
    return sum(" build (" in line for line in watch.lines)


def test_the_service_builds_as_it_starts(newsroom: tuple[Path, Path, Watch]) -> None:
    central, _, watch = newsroom
    assert (central / "site" / "desk" / "index.html").is_file()
    assert (central / "site" / PROVINCE_SITE / "index.html").is_file()
    assert watch.status()["builds"] == 1 or builds(watch) >= 1


@pytest.mark.parametrize(
    ("provider", "slug"),
    [("github", "kedua-github"), ("gitea", "ketiga-gitea"), ("gitlab", "keempat-gitlab")],
)
def test_a_push_and_its_hook_put_the_page_on_disk_and_on_the_desk(
    newsroom: tuple[Path, Path, Watch], provider: str, slug: str
) -> None:
    central, office, watch = newsroom
    title = f"Samarinda Buka Layanan {provider.title()}"
    push(office, {slug_path(slug): release(title)})
    body = json.dumps({"ref": "refs/heads/main", "after": slug}).encode()
    headers = {
        "github": github_headers(body),
        "gitea": gitea_headers(body),
        "gitlab": gitlab_headers(),
    }[provider]
    before = len(watch.lines)
    assert watch.hook(body, headers) == 202
    # First the moment its pages are out, then the build done (its indexes follow).
    watch.wait_for(rf"build \(webhook {OFFICE}\)", after=before)
    lines = watch.lines[before:]
    out = [i for i, line in enumerate(lines) if "sites written, every page on disk in" in line]
    built = [i for i, line in enumerate(lines) if f"build (webhook {OFFICE})" in line]
    assert len(out) == 1 and out[0] < built[0]
    # Before it, the moment the public sites' pages are out (the desk's may not be).
    public = [i for i, line in enumerate(lines) if "sites written, on disk in" in line]
    assert len(public) == 1 and public[0] < out[0]
    assert title in page(central, slug).read_text(encoding="utf-8")
    desk = central / "site" / "desk"
    assert any(title in p.read_text(encoding="utf-8") for p in desk.rglob("*.html"))
    state = watch.status()
    assert state["offices"][OFFICE]["last_sync_ok"] is True  # type: ignore[index]
    last = state["last_build"]
    assert isinstance(last, dict) and 0 < last["pages_seconds"] <= last["seconds"]
    assert 0 < last["public_pages_seconds"] <= last["pages_seconds"]


def test_a_forged_hook_is_refused_and_nothing_is_rebuilt(
    newsroom: tuple[Path, Path, Watch],
) -> None:
    central, office, watch = newsroom
    push(office, {slug_path("palsu"): release("Rilis Yang Tidak Boleh Tiba")})
    body = b'{"ref": "refs/heads/main"}'
    watch.indexes_made()  # the last hook's indexes: made in the output folder meanwhile
    site_before, count = files(central / "site"), builds(watch)
    forged = github_headers(body, secret=b"bukan-rahasianya")
    assert watch.hook(body, forged) == 403
    tampered = github_headers(body)  # signed, then the body changed on the way
    assert watch.hook(body + b" ", tampered) == 403
    assert watch.hook(body, gitlab_headers(b"tebakan")) == 403
    assert watch.hook(body, gitea_headers(body, b"x")) == 403
    assert watch.hook(body, {"X-GitHub-Event": "push"}) == 401  # unsigned
    sha1_only = {"X-Hub-Signature": "sha1=0000", "X-GitHub-Event": "push"}
    assert watch.hook(body, sha1_only) == 401  # GitHub's old SHA-1 alone is not enough
    # The refusals are logged, and not a sync nor a build follows them.
    watch.wait_for(r"webhook samarinda \(github push\): signature does not match \(403\)")
    assert builds(watch) == count
    assert files(central / "site") == site_before
    assert not page(central, "palsu").exists()
    assert all(b"bukan-rahasianya" not in line.encode() for line in watch.lines)


def test_unknown_offices_oversized_and_unmeasured_hooks_are_refused(
    newsroom: tuple[Path, Path, Watch],
) -> None:
    _, _, watch = newsroom
    body = b"{}"
    assert watch.hook(body, github_headers(body), office="tidak-terdaftar") == 404
    assert watch.hook(body, github_headers(body), office="kaltim") == 404  # no source
    assert watch.post("/lain", body, github_headers(body))[0] == 404
    big = b"x" * (1024 * 1024 + 1)
    assert watch.hook(big, github_headers(big)) == 413
    status, said = watch.post(f"/hook/{OFFICE}", b"", {"Content-Length": "banyak"})
    assert status == 400 and b"Content-Length" in said
    # A digit to str.isdigit, not to int(): refused, not a traceback and a dropped line.
    status, said = watch.post(f"/hook/{OFFICE}", b"", {"Content-Length": "\u00b2"})
    assert status == 400 and b"Content-Length" in said


def test_a_refused_body_still_coming_is_dropped_then_cut_off(
    newsroom: tuple[Path, Path, Watch],
) -> None:
    """A client announcing 100 MB reads its 413 and may go on sending (as a git host
    does until its body is out) without a reset; the service drops 2 MB of the rest
    at most, then closes the connection."""
    _, _, watch = newsroom
    host, port = watch.address.rsplit(":", 1)
    head = f"POST /hook/{OFFICE} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n"
    chunk = b"x" * 65536
    with socket.create_connection((host, int(port)), timeout=30) as client:
        client.sendall(head.encode() + chunk)
        assert client.recv(65536).startswith(b"HTTP/1.0 413 ")  # answered at once
        for _ in range(8):  # 512 KB more after the answer: dropped (a closed socket resets)
            client.sendall(chunk)
        sent = 0
        with pytest.raises(OSError):  # a reset, or a broken pipe: cut off
            while sent < 100_000_000:
                client.sendall(chunk)
                sent += len(chunk)
    assert sent < 20_000_000, sent  # 2 MB dropped at most, and what the sockets buffer


def test_a_header_cannot_write_a_line_of_its_own_into_the_log(
    newsroom: tuple[Path, Path, Watch],
) -> None:
    """An unsigned hook whose event header is folded over two lines (found by the review
    of this stop): the refusal's line names the event without the line break."""
    _, _, watch = newsroom
    host, port = watch.address.rsplit(":", 1)
    fake = "INFO    -  webhook palsu (gitlab push): accepted (202)"
    request = (
        f"POST /hook/{OFFICE} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
        f"X-Gitlab-Event: p\r\n\t{fake}\r\n\r\n{{}}"
    ).encode()
    seen = len(watch.lines)
    with socket.create_connection((host, int(port)), timeout=30) as raw:
        raw.sendall(request)
        assert b" 401 " in raw.recv(200).split(b"\r\n", 1)[0] + b" "
    watch.wait_for("401", after=seen)
    faked = [line for line in watch.lines[seen:] if "webhook palsu" in line]
    assert faked and all(OFFICE in line for line in faked), faked  # one line: the refusal


def test_hooks_are_rate_limited_per_office(newsroom: tuple[Path, Path, Watch]) -> None:
    _, _, watch = newsroom
    body = b'{"zen": "ping"}'
    answers = [watch.hook(body, github_headers(body, event="ping")) for _ in range(8)]
    assert 429 in answers
    first = answers.index(429)
    assert set(answers[:first]) <= {200} and first <= 5  # earlier pushes took some
    assert set(answers[first:]) == {429}


def test_the_status_says_what_the_service_did(newsroom: tuple[Path, Path, Watch]) -> None:
    _, _, watch = newsroom
    state = watch.status()
    assert state["building"] is None and state["queue"] == []
    office = state["offices"][OFFICE]  # type: ignore[index]
    assert office["last_hook"] and office["next_check"]
    assert state["next_lift"] == "2099-01-01T00:00:00Z"  # the sample's embargoed release
    assert "rahasia" not in json.dumps(state)
