"""A Newsroom JSON Feed as a source: one newsroom syncing another.

Our feeds carry each release's front matter and Markdown in the `_newsroom`
extension of every item, so a feed item becomes the same file a git source
would give, and goes through the same validation. Point `feed:` at an
office's own feed (`<site>/kantor/<office>/feed.json`). A feed is only a
window on the latest releases: a release missing from it is not withdrawn.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

from generator.fields import SLUG_RE
from generator.problems import Problem
from generator.render import asset_target
from sync.apply import ASSET_TYPES, Incoming, asset_problem
from sync.http import DEFAULT_LIMITS, DownloadError, Limits, fetch

_ITEM_ID = re.compile(r"^[a-z0-9-]+/(\d{4})/([^/]+)$")
_BODY_ASSET = re.compile(r"\]\((assets/[^)\s]+)\)")


class FeedError(Exception):
    """The feed could not be read or is not a Newsroom JSON Feed."""


@dataclass
class FeedVersion:
    incoming: Incoming | None  # None: not modified since the last sync
    etag: str
    last_modified: str


def incoming_from_feed(
    url: str,
    label: str,
    *,
    etag: str = "",
    last_modified: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> FeedVersion:
    try:
        download = fetch(url, etag=etag, last_modified=last_modified, limits=limits)
    except DownloadError as error:
        raise FeedError(f"{label}: {error}") from None
    if download.status == 304:
        return FeedVersion(None, etag, last_modified)
    try:
        feed = json.loads(download.body)
    except ValueError as error:
        raise FeedError(f"{label}: {url}: not JSON ({error})") from None
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        raise FeedError(f"{label}: {url}: not a JSON Feed (no items list)")
    version = download.etag or hashlib.sha256(download.body).hexdigest()
    incoming = Incoming(version=version, complete=False)
    blobs = _Blobs()
    for item in feed["items"]:
        _offer_item(item, incoming, blobs, label, limits)
    incoming.read = blobs.read
    return FeedVersion(incoming, download.etag, download.last_modified)


class _Blobs:
    """What a feed offers, by content id: release texts in memory (capped, small),
    assets in one temporary file, so memory holds one download at a time however
    many assets the feed names. The file goes when the sync is done with it."""

    def __init__(self) -> None:
        self._texts: dict[str, bytes] = {}
        # Open as long as the sync holds the Incoming; removed (unnamed) once closed.
        self._spool = tempfile.TemporaryFile(prefix="newsroom-feed-")  # noqa: SIM115
        self._spans: dict[str, tuple[int, int]] = {}  # oid -> (offset, length)

    def add_text(self, oid: str, data: bytes) -> None:
        self._texts[oid] = data

    def add_file(self, oid: str, data: bytes) -> None:
        if oid not in self._spans:
            offset = self._spool.seek(0, os.SEEK_END)
            self._spool.write(data)
            self._spans[oid] = (offset, len(data))

    def read(self, oids: list[str]) -> Iterator[tuple[str, bytes]]:
        for oid in oids:
            if oid in self._texts:
                yield oid, self._texts[oid]
            else:
                offset, length = self._spans[oid]
                self._spool.seek(offset)
                yield oid, self._spool.read(length)


def _offer_item(item: Any, incoming: Incoming, blobs: _Blobs, label: str, limits: Limits) -> None:
    extension = item.get("_newsroom") if isinstance(item, dict) else None
    if not isinstance(extension, dict):
        return  # not one of ours: nothing to sync
    match = _ITEM_ID.match(str(extension.get("id", "")))
    front = extension.get("front_matter")
    body = extension.get("markdown")
    if (
        match is None
        or not SLUG_RE.match(match.group(2))
        or not isinstance(front, dict)
        or not isinstance(body, str)
    ):
        where = f"{label}:{str(extension.get('id', '?'))[:80]}"
        incoming.refused.append(
            Problem(
                where, 1, "file", "wrong_place", None, (("expected", "<kantor>/<tahun>/<slug>"),)
            )
        )
        return
    path = f"releases/{match.group(1)}/{match.group(2)}.md"
    if path in incoming.releases:
        # Two items of a many-office feed with one year and slug: never last-write-wins.
        incoming.refused.append(
            Problem(
                f"{label}:{extension.get('id')}",
                1,
                "id",
                "duplicate_id",
                str(extension.get("id")),
                (("other", path),),
            )
        )
        return
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    data = (text + "---\n" + body).encode("utf-8")
    oid = hashlib.sha256(data).hexdigest()
    blobs.add_text(oid, data)
    incoming.releases[path] = oid
    for src in _asset_sources(front, body):
        _offer_asset(src, str(item.get("url", "")), incoming, blobs, label, limits)


def _asset_sources(front: dict[str, Any], body: str) -> set[str]:
    found = set(_BODY_ASSET.findall(body))
    image = front.get("image")
    if isinstance(image, dict) and isinstance(image.get("src"), str):
        found.add(image["src"])
    for attachment in front.get("attachments") or []:
        if isinstance(attachment, dict) and isinstance(attachment.get("src"), str):
            found.add(attachment["src"])
    return {src for src in found if asset_target(src)}


def _offer_asset(
    src: str,
    page_url: str,
    incoming: Incoming,
    blobs: _Blobs,
    label: str,
    limits: Limits,
) -> None:
    if src in incoming.assets or not page_url.startswith(("http://", "https://")):
        return
    rest = asset_target(src) or ""
    url = urljoin(page_url, f"../../aset/{rest}")
    if urlsplit(url).netloc != urlsplit(page_url).netloc:
        return  # assets come from the same site as the release, nowhere else
    kind = ASSET_TYPES.get("." + rest.rsplit(".", 1)[-1].lower())
    cap = 20 * 1024 * 1024 if kind == "pdf" else 5 * 1024 * 1024
    try:
        download = fetch(
            url,
            limits=Limits(
                limits.connect_timeout,
                limits.read_timeout,
                limits.deadline,
                cap,
                limits.retries,
                limits.backoff,
            ),
        )
    except DownloadError:
        return  # the release is then refused for its missing asset, with a clear message
    problem = asset_problem(src, len(download.body), label)
    if problem:
        incoming.refused.append(problem)
        return
    oid = hashlib.sha256(download.body).hexdigest()
    blobs.add_file(oid, download.body)
    incoming.assets[src] = oid
