"""The `feed` kind of source, a Newsroom JSON Feed: one newsroom syncing another.

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
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin

import yaml

from generator.content.assets import FROM_RELEASE_PAGE, asset_target
from generator.content.fields import SLUG_RE
from generator.content.problems import Problem
from generator.content.schema import FeedSourceEntry
from generator.content.sourceurl import origin_url, public_source
from generator.content.syncstate import OfficeState
from generator.content.yamlsafe import YamlProblem, load
from sync.failures import SourceFailure
from sync.http import DEFAULT_LIMITS, DownloadError, Limits, fetch, origin
from sync.offer import (
    ASSET_TYPES,
    MAX_IMAGE_BYTES,
    MAX_PDF_BYTES,
    Incoming,
    asset_name_problem,
    asset_problem,
)
from sync.sources.base import Reading, Source

_ITEM_ID = re.compile(r"\A([a-z0-9-]+)/(\d{4})/([^/]+)\Z")  # <office>/<yyyy>/<slug>
EXTENSION = "_newsroom"
_BODY_ASSET = re.compile(r"\]\((assets/[^)\s]+)\)")


class FeedError(SourceFailure):
    """The feed could not be read or is not a Newsroom JSON Feed."""


class JsonFeed(Source):
    """The registry's feed of an office (`source: {feed: <url>}`), asked with the
    ETag and Last-Modified of the last completed sync."""

    def __init__(self, entry: FeedSourceEntry, reading: Reading) -> None:
        self.entry = entry
        self.office = reading.office
        self.limits = reading.limits

    def read(self, state: OfficeState) -> Incoming | None:
        version = incoming_from_feed(
            self.entry.feed,
            self.office.id,
            etag=state.etag,
            last_modified=state.last_modified,
            known=state.commit,
            limits=self.limits,
        )
        state.source = public_source(self.entry.feed)
        if version.incoming is not None:
            state.etag, state.last_modified = version.etag, version.last_modified
        return version.incoming


@dataclass
class FeedVersion:
    incoming: Incoming | None  # None: not modified since the last sync
    etag: str
    last_modified: str


def incoming_from_feed(
    url: str,
    office: str,
    *,
    etag: str = "",
    last_modified: str = "",
    known: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> FeedVersion:
    """What the feed at `url` (the registry's, for the registry's `office`) offers.

    An item is that office's only if its id is `<office>/<yyyy>/<slug>` and it names
    no other office; the rest are reported and skipped. The releases listed under
    the feed's own `_newsroom.withdrawn` are offered as withdrawals: the sync applies
    them to releases it already has. Assets are fetched only from the feed's own
    scheme, host and port, whatever an item says its page is, and the feed itself
    only where it is or through redirects within its origin.

    The feed and its assets are read within `limits.office_deadline` in all: past it,
    FeedError (the office is not synced this time; the next sync tries again).
    A feed whose body is `known` (the version the last sync applied) brings nothing,
    whatever its ETag says: its state stays as it was, byte for byte."""
    end = time.monotonic() + limits.office_deadline
    try:
        download = fetch(
            url,
            etag=etag,
            last_modified=last_modified,
            limits=replace(limits, deadline=min(limits.deadline, limits.office_deadline)),
            same_origin=True,
        )
    except DownloadError as error:
        raise FeedError(error.code, **dict(error.params)) from None
    if download.status == 304:
        return FeedVersion(None, etag, last_modified)
    version = hashlib.sha256(download.body).hexdigest()
    if version == known:
        return FeedVersion(None, etag, last_modified)  # a new ETag for the same feed
    try:
        feed = json.loads(download.body)
    except ValueError as error:
        raise FeedError("feed_not_json", url=url, detail=error) from None
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        raise FeedError("feed_no_items", url=url)
    incoming = Incoming(version=version, complete=False)
    offer = _Offer(url, office, incoming, _Blobs(), limits, end)
    for item in feed["items"]:
        extension = item.get(EXTENSION) if isinstance(item, dict) else None
        if isinstance(extension, dict):  # else not one of ours: nothing to sync
            offer.release(extension, str(item.get("url", "")))
    ours = feed.get(EXTENSION)
    _offer_officers(ours, office, incoming)
    gone = ours.get("withdrawn") if isinstance(ours, dict) else None
    for extension in gone if isinstance(gone, list) else []:
        if isinstance(extension, dict):
            offer.release(extension, None)
    incoming.read = offer.blobs.read
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


@dataclass
class _Offer:
    """Turns one feed's entries into what `Incoming` offers."""

    feed_url: str
    office: str  # the registry's id: the only namespace this feed writes
    incoming: Incoming
    blobs: _Blobs
    limits: Limits
    end: float  # time.monotonic() by which the office's feed and assets must be read

    def release(self, extension: dict[str, Any], page_url: str | None) -> None:
        """A live item (with the `url` of its page) or, with None, a withdrawn one."""
        claimed = str(extension.get("id", "?"))
        where = f"{self.office}:{claimed[:80]}"
        match = _ITEM_ID.match(claimed)
        front = extension.get("front_matter")
        body = extension.get("markdown")
        if (
            match is None
            or not SLUG_RE.match(match.group(3))
            or not isinstance(front, dict)
            or not isinstance(body, str)
        ):
            self._refuse(where, "file", "wrong_place", None, expected="<kantor>/<tahun>/<slug>")
            return
        named = extension.get("office", self.office)
        if match.group(1) != self.office or named != self.office:
            # An office writes only its own namespace: never re-homed, never silently.
            self._refuse(
                where,
                "office",
                "foreign_office",
                match.group(1) if match.group(1) != self.office else str(named),
                expected=f"{self.office}/<tahun>/<slug>",
            )
            return
        if page_url is None and front.get("status") != "withdrawn":
            status = str(front.get("status") or "published")  # none written: published
            self._refuse(where, "status", "withdrawn_entry_status", status)
            return
        path = f"releases/{match.group(2)}/{match.group(3)}.md"
        if path in self.incoming.releases or path in self.incoming.withdrawals:
            self._refuse(where, "id", "duplicate_id", claimed, other=path)  # never last-write-wins
            return
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
        try:
            data = (text + "---\n" + body).encode("utf-8")
        except UnicodeEncodeError:  # JSON can carry a lone surrogate (`\\ud800`); no file can
            self._refuse(where, "file", "not_utf8", None)
            return
        oid = hashlib.sha256(data).hexdigest()
        self.blobs.add_text(oid, data)
        if page_url is None:
            self.incoming.withdrawals[path] = oid
            return  # a withdrawn page shows what the release had: no new assets for it
        self.incoming.releases[path] = oid
        page = origin_url(page_url)
        if page is not None and origin(page) == origin(self.feed_url):
            # Its canonical address on our sites. Only the feed's own site: a feed must
            # not make our pages name another site (or an address with a secret) as theirs.
            self.incoming.origins[path] = page
        for src in _asset_sources(front, body):
            self._asset(src, page_url)

    def _refuse(self, where: str, field: str, code: str, value: str | None, **params: str) -> None:
        self.incoming.refused.append(Problem(where, 1, field, code, value, tuple(params.items())))

    def _asset(self, src: str, page_url: str) -> None:
        if src in self.incoming.assets or not page_url.startswith(("http://", "https://")):
            return
        named = asset_name_problem(src, self.office)
        if named is not None:
            self.incoming.refused.append(named)  # refused by name, never even asked for
            return
        rest = asset_target(src) or ""
        url = urljoin(page_url, FROM_RELEASE_PAGE + rest)
        if origin(url) != origin(self.feed_url):
            # An item's `url` is the feed's to say: it must never send us elsewhere (an
            # internal address, another site). The release is refused for its missing asset.
            return
        kind = ASSET_TYPES.get("." + rest.rsplit(".", 1)[-1].lower())
        limits = replace(
            self.limits,
            max_bytes=MAX_PDF_BYTES if kind == "pdf" else MAX_IMAGE_BYTES,
            deadline=min(self.limits.deadline, self._time_left()),
        )
        try:
            download = fetch(url, limits=limits, same_origin=True)
        except DownloadError:
            self._time_left()  # out of time: the office fails, not only this release
            return  # the release is then refused for its missing asset, with a clear message
        problem = asset_problem(src, len(download.body), self.office)
        if problem:
            self.incoming.refused.append(problem)
            return
        oid = hashlib.sha256(download.body).hexdigest()
        self.blobs.add_file(oid, download.body)
        self.incoming.assets[src] = oid
        self.incoming.sizes[oid] = len(download.body)

    def _time_left(self) -> float:
        """Seconds left of the office's deadline; FeedError when there are none."""
        left = self.end - time.monotonic()
        if left <= 0:
            seconds = f"{self.limits.office_deadline:g}"
            raise FeedError("feed_office_deadline", url=self.feed_url, seconds=seconds)
        return left


def _offer_officers(ours: object, office: str, incoming: Incoming) -> None:
    """The office's officers the feed lists under `_newsroom.officers.<office>` (the
    feed's releases credit them: id, name, position; a feed carries no NIP), as the
    YAML they would be in office.yml, validated by the sync like the rest."""
    listed = ours.get("officers") if isinstance(ours, dict) else None
    mine = listed.get(office) if isinstance(listed, dict) else None
    if not isinstance(mine, list):
        return
    try:
        incoming.officers = load(yaml.safe_dump(mine, allow_unicode=True, width=10_000))
    except YamlProblem:  # JSON that is no YAML (a lone surrogate, say): nothing taken
        return
    incoming.officers_where = f"{office}:_newsroom.officers"


def _asset_sources(front: dict[str, Any], body: str) -> set[str]:
    found = set(_BODY_ASSET.findall(body))
    image = front.get("image")
    if isinstance(image, dict) and isinstance(image.get("src"), str):
        found.add(image["src"])
    for attachment in front.get("attachments") or []:
        if isinstance(attachment, dict) and isinstance(attachment.get("src"), str):
            found.add(attachment["src"])
    return {src for src in found if asset_target(src)}
