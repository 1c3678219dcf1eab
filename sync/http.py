"""HTTP downloads that cannot hang a sync: timeouts always, a total deadline, a byte
cap, retries with backoff on 429/5xx, and conditional GET (a 304 reads nothing)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import requests

USER_AGENT = "Newsroom-sync/0.1 (+https://newsroom.example.go.id/)"


class DownloadError(Exception):
    """The download failed for good (after retries), with the reason."""


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0  # for the whole download, retries included
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


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    limits: Limits = DEFAULT_LIMITS,
    session: requests.Session | None = None,
) -> Download:
    """GET `url`; raises DownloadError with the reason when it cannot be had."""
    http = session or requests.Session()
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    start = time.monotonic()
    delay = limits.backoff
    last_error = "no attempt"
    for attempt in range(limits.retries + 1):
        left = limits.deadline - (time.monotonic() - start)
        if left <= 0:
            break
        try:
            result = _attempt(http, url, headers, limits, start)
        except _Retry as retry:
            last_error = str(retry)
            wait = min(retry.after if retry.after is not None else delay, left)
            if attempt < limits.retries and wait > 0:
                time.sleep(wait)
            delay *= 2
            continue
        return result
    raise DownloadError(f"{url}: {last_error} (after {limits.retries + 1} attempts)")


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


def _attempt(
    http: requests.Session, url: str, headers: dict[str, str], limits: Limits, start: float
) -> Download:
    try:
        response = http.get(
            url,
            headers=headers,
            stream=True,
            allow_redirects=True,
            timeout=(limits.connect_timeout, limits.read_timeout),
        )
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
            raise DownloadError(f"{url}: HTTP {response.status_code}")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise DownloadError(f"{url}: {declared} bytes, more than {limits.max_bytes}")
        body = _read_capped(response, limits, start, url)
        return Download(
            200, body, response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")
        )


def _read_capped(response: requests.Response, limits: Limits, start: float, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > limits.max_bytes:
                raise DownloadError(f"{url}: more than {limits.max_bytes} bytes")
            if time.monotonic() - start > limits.deadline:
                raise DownloadError(f"{url}: took longer than {limits.deadline:.0f} s")
            chunks.append(chunk)
    except requests.RequestException as error:  # cut off mid-body, read timeout
        raise _Retry(f"incomplete body ({type(error).__name__})") from None
    return b"".join(chunks)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return min(float(value), 30.0) if value.isdigit() else None
