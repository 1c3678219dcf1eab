"""How an office's source address may be stored and shown: without a credential, a
query or (on public pages) a path of the central server; and which page address a
copied release may name as its origin.

Shared by the sync, which records them, and the build and desk, which show them.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit, urlunsplit


def public_url(url: str) -> str:
    """The URL without user name, password, query or fragment (a token hides in any of
    them), fit to store and show."""
    if "://" in url:
        parts = urlsplit(url)
        host = parts.netloc.rsplit("@", 1)[-1]
        return urlunsplit((parts.scheme, host, parts.path, "", ""))
    scp = _SCP.match(url)
    return scp.group("rest") if scp else url


def public_source(url: str) -> str:
    """How a source is named on public pages (a release's provenance): its public URL,
    but a local path or `file://` URL by its folder name alone, so that no page shows
    where things lie on the central server."""
    if url.startswith("file://") or ("://" not in url and not _SCP.match(url)):
        path = urlsplit(url).path if url.startswith("file://") else url
        return PurePosixPath(path.rstrip("/") or "/").name or path
    return public_url(url)


MAX_ORIGIN_CHARS = 2000
_URL_CHARS = re.compile(r"[!#-~]+")  # printable ASCII, no space, no quote: fullmatch


def origin_url(url: object) -> str | None:
    """`url` if it may stand as a public page's canonical address: http or https, a
    host, no user name or password (a credential must never reach a public file), no
    query or fragment (a token hides there too), printable ASCII without spaces or
    quotes, at most MAX_ORIGIN_CHARS. None otherwise."""
    if not isinstance(url, str) or len(url) > MAX_ORIGIN_CHARS or not _URL_CHARS.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return None
    return url


_SCP = re.compile(r"\A(?:[^@/:]+@)?(?P<rest>[^/:]+:.*)\Z")  # ssh's [user@]host:path
