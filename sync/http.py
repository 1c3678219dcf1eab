"""HTTP downloads that cannot hang a sync: timeouts always, a total deadline, a byte
cap, retries with backoff on 429/5xx, and conditional GET (a 304 reads nothing)."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from sync.failures import SourceFailure
from sync.limits import OFFICE_DEADLINE

USER_AGENT = "Newsroom-sync/0.1 (+https://newsroom.example.go.id/)"


class DownloadError(SourceFailure):
    """The download failed for good (after retries), with the reason."""


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0  # for the whole download, retries included
    office_deadline: float = OFFICE_DEADLINE  # one office's feed and all its assets
    max_bytes: int = 20 * 1024 * 1024
    retries: int = 3
    backoff: float = 0.5  # seconds, doubled after each attempt


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Download:
    status: int  # 200, or 304 when not modified
    body: bytes
    etag: str
    last_modified: str


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of `url`, the port filled in for http and https."""
    parts = urlsplit(url)
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:  # not a number: matches nothing
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


_DEFAULT_PORTS = {"http": 80, "https": 443}


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    limits: Limits = DEFAULT_LIMITS,
    session: requests.Session | None = None,
    same_origin: bool = False,
) -> Download:
    """GET `url` within `limits.deadline` seconds in all, retries included; raises
    DownloadError with the reason when it cannot be had in time.

    With `same_origin`, a redirect to another scheme, host or port is refused before
    it is followed: an address the caller checked cannot send it anywhere else."""
    http = session or requests.Session()
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + limits.deadline
    guard = _refuse_leaving(url)
    if same_origin:
        http.hooks["response"].append(guard)
    try:
        return _with_retries(http, url, headers, limits, deadline)
    finally:
        if session is None:
            http.close()
        elif same_origin:
            http.hooks["response"].remove(guard)


def _refuse_leaving(url: str) -> Callable[..., None]:
    """A response hook that stops a redirect leaving `url`'s origin (requests calls it
    for every response, before following its Location)."""
    home = origin(url)

    def check(response: requests.Response, *args: object, **kwargs: object) -> None:
        if response.is_redirect:
            target = urljoin(response.url, response.headers.get("Location", ""))
            if origin(target) != home:
                raise DownloadError("download_redirected", url=url, host=home[1], target=target)

    return check


def _with_retries(
    http: requests.Session, url: str, headers: dict[str, str], limits: Limits, deadline: float
) -> Download:
    delay = limits.backoff
    attempts = 0
    reason = "no attempt"
    while attempts <= limits.retries:
        attempts += 1
        try:
            return _attempt_before(deadline, http, url, headers, limits)
        except _Retry as retry:
            reason = str(retry)
            wait = retry.after if retry.after is not None else delay
            if attempts > limits.retries or time.monotonic() + wait >= deadline:
                break  # no time left to wait for: say so now, not at the deadline
            time.sleep(wait)
            delay *= 2
    raise DownloadError("download_failed", url=url, reason=reason, attempts=attempts)


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


def _attempt_before(
    deadline: float, http: requests.Session, url: str, headers: dict[str, str], limits: Limits
) -> Download:
    """One attempt in a worker thread, so that nothing a server does (a slow connect,
    headers or a body dripping a byte at a time, each byte resetting the read timeout)
    holds the caller past the deadline. A late worker is told to stop; it notices at
    its next byte, or at the read timeout."""
    outcome: queue.Queue[Download | Exception] = queue.Queue(1)
    stop = threading.Event()

    def work() -> None:
        try:
            outcome.put(_attempt(http, url, headers, limits, stop))
        except Exception as error:  # handed to the caller, who raises it
            outcome.put(error)

    threading.Thread(target=work, name=f"fetch {url}", daemon=True).start()
    try:
        result = outcome.get(timeout=max(0.0, deadline - time.monotonic()))
    except queue.Empty:
        stop.set()
        raise DownloadError("download_deadline", url=url, seconds=f"{limits.deadline:g}") from None
    if isinstance(result, Exception):
        raise result
    return result


def _attempt(
    http: requests.Session,
    url: str,
    headers: dict[str, str],
    limits: Limits,
    stop: threading.Event,
) -> Download:
    try:
        response = http.get(
            url,
            headers=headers,
            stream=True,
            allow_redirects=True,
            timeout=(limits.connect_timeout, limits.read_timeout),
        )
    except requests.TooManyRedirects:
        # A loop (or a chain past requests' 30): asking again only runs it again.
        raise DownloadError("download_redirect_loop", url=url) from None
    except requests.RequestException as error:
        raise _Retry(type(error).__name__) from None
    with response:
        if response.status_code == 304:
            return Download(
                304, b"", headers.get("If-None-Match", ""), headers.get("If-Modified-Since", "")
            )
        if response.status_code == 429 or response.status_code >= 500:
            raise _Retry(f"HTTP {response.status_code}", _retry_after(response))
        if response.status_code != 200:
            raise DownloadError("download_http", url=url, status=response.status_code)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise DownloadError("download_too_large", url=url, max=limits.max_bytes)
        body = _read_capped(response, limits, stop, url)
        return Download(
            200, body, response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")
        )


def _read_capped(
    response: requests.Response, limits: Limits, stop: threading.Event, url: str
) -> bytes:
    """The (decoded) body, up to the byte cap. `read1` returns whatever has arrived,
    so a stopped attempt ends at the next byte instead of after a whole chunk."""
    chunks: list[bytes] = []
    size = 0
    while not stop.is_set():
        try:
            chunk = response.raw.read1(_CHUNK, decode_content=True)
        except (urllib3.exceptions.HTTPError, OSError) as error:  # cut off, read timeout
            raise _Retry(f"incomplete body ({type(error).__name__})") from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:
            raise DownloadError("download_too_large", url=url, max=limits.max_bytes)
        chunks.append(chunk)
    raise DownloadError("download_deadline", url=url, seconds=f"{limits.deadline:g}")


_CHUNK = 64 * 1024


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return min(float(value), 30.0) if value.isdigit() else None
