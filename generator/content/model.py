"""Releases and static pages as the rest of the code sees them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from generator.content.schema import CurationEntry, DeclinedEntry, FrontMatter, Office, PageMeta
from generator.content.yamlsafe import Plain


@dataclass(frozen=True)
class Provenance:
    """Where a synced release came from: the office's source, version and file."""

    source: str  # public URL (never with credentials)
    version: str  # git commit, or the feed's version
    path: str  # e.g. releases/2026/rapat.md
    origin: str = ""  # the page it was copied from (a feed item's `url`): its canonical
    copied: datetime | None = None  # when this version was copied (None: not recorded)
    feed: bool = False  # read from a feed, not from a git repository

    def describe(self) -> str:
        """For the desk, which needs the version to trace a file; never for readers."""
        return f"{self.source} · {self.path} · versi {self.version[:12]}"


@dataclass(frozen=True)
class Release:
    """One press release: `<office>/<yyyy>/<slug>`."""

    id: str
    office: Office
    slug: str
    path: str  # the file; a str, not a Path: 10,000 Paths cost 0.3 s to unpickle
    meta: FrontMatter
    _body: str | None = field(compare=False)  # None: read again from `path` when asked for
    body_line: int
    digest: str  # sha256 of the file bytes: a cache key for rendering
    raw_meta: dict[str, Plain] = field(default_factory=dict, compare=False)
    """The front matter as written (text values), for feeds that carry releases."""
    provenance: Provenance | None = field(default=None, compare=False)
    """Set for releases brought in by `newsroom sync`."""
    asset_refs: tuple[str, ...] = ()
    """Every `assets/...` path the release names (image, attachments, body text): what
    its pages depend on besides its file, found without rendering it."""
    pictures: tuple[str, ...] = ()
    """The `assets/...` photos its page shows, in order: the lead image, then the body's
    pictures; each is published as resized pictures (generator.public.photobook)."""
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    """Lines of the front-matter keys whose verdict depends on the clock (`date`,
    `withdrawn_at`, `updates`): checked after the parse cache (generator.content.ahead)."""

    @property
    def body(self) -> str:
        """The Markdown after the front matter. The build's parse cache keeps releases
        without it (it was most of the cache's 55 MB at 10,000 releases): it is read again
        from the file, which must still be the one validated."""
        if self._body is None:
            object.__setattr__(self, "_body", read_body(self.path, self.body_line, self.digest))
            _bodies_read.append(self)
        assert self._body is not None
        return self._body

    def without_body(self) -> Release:
        return replace(self, _body=None)

    def forget_body(self) -> None:
        """Drop the body read into memory: the next reader reads it from the file again,
        checked to be the one validated (a release kept between builds, see parsecache)."""
        object.__setattr__(self, "_body", None)

    @property
    def has_body(self) -> bool:
        """Whether the body is held in memory (else `body` reads it from the file)."""
        return self._body is not None

    @property
    def year(self) -> int:
        return self.meta.date.astimezone(self.office.zone.tz).year

    @property
    def url(self) -> str:
        """Site-relative URL of the release page (a folder, `index.html` inside)."""
        return f"{self.id}/"

    def is_public(self, now: datetime) -> bool:
        """Visible at `now`: not a draft, and past any embargo. Withdrawn pages stay (notice)."""
        if self.meta.status == "draft":
            return False
        return self.meta.publish_at is None or self.meta.publish_at <= now

    def is_listed(self, now: datetime) -> bool:
        """In lists, feeds and sitemaps: public and not withdrawn."""
        return self.is_public(now) and self.meta.status != "withdrawn"

    @cached_property
    def chronological(self) -> tuple[datetime, str]:
        """Sort key: the date, then the id. The date in UTC: aware datetimes in one zone
        compare field by field, while those of several zones ask each for its offset at
        every comparison, ten times slower in a sort of 10,000 releases."""
        return self.meta.date.astimezone(UTC), self.id

    @cached_property
    def month(self) -> str:
        """`yyyy-mm` of its date on its office's wall clock (the desk's day pages), kept:
        the desk groups every release at every build, 100,000 at 100,000 releases."""
        local = self.meta.date.astimezone(self.office.zone.tz)
        return f"{local.year:04d}-{local.month:02d}"

    @property
    def released(self) -> datetime:
        """When the public first could see it: its date, or the embargo's end if later."""
        lift = self.meta.publish_at
        return max(self.meta.date, lift) if lift else self.meta.date

    @property
    def updated(self) -> datetime:
        """The latest correction time, or the publication date."""
        return max([self.meta.date, *(u.date for u in self.meta.updates)])

    @property
    def modified(self) -> datetime:
        """When what the public sees last changed: the latest correction, or the moment it
        became public (an embargo's lift is later than its date line). Feeds, sitemaps and
        JSON-LD say this, so none of them dates a change before the public could see it."""
        return max(self.updated, self.released)

    @property
    def withdrawn(self) -> datetime:
        """When it was withdrawn (for tombstones and feed times): `withdrawn_at`, or, when
        that was not written (withdrawn before the field existed), its `updated` time."""
        return self.meta.withdrawn_at or self.updated


# The releases that read their body from the file since `forget_bodies_read` was last
# called: only these hold one they did not come with.
_bodies_read: list[Release] = []


def forget_bodies_read() -> None:
    """Let every release that read its body from its file since the last call forget it
    again. Every load calls it first: the releases it takes from the last (the parse
    cache's, the sync records' copies) come as they were cached, without a body, or the
    service would keep every body it ever rendered; looking at each of 100,000 to find
    the few that read one cost 0.08 s of every push. A release of an earlier load (of
    any repository) that is asked for its body again reads it again, checked against
    the digest it was validated with: what a release from the cache always did."""
    for release in _bodies_read:
        release.forget_body()
    _bodies_read.clear()


class ReleaseChanged(OSError):
    """A release file changed while a build was using it."""


def read_body(path: str, body_line: int, digest: str) -> str:
    from generator.content.frontmatter import decode
    from generator.content.limits import MAX_RELEASE_BYTES

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ReleaseChanged(f"{path} could not be read again ({error})") from None
    if hashlib.sha256(data).hexdigest() != digest:
        raise ReleaseChanged(f"{path} changed while the build was running; build again")
    return "\n".join(decode(data, MAX_RELEASE_BYTES).split("\n")[body_line - 1 :])


@dataclass(frozen=True)
class Page:
    """A static page from content/pages/ (about, contact ...)."""

    slug: str
    path: Path
    meta: PageMeta
    body: str
    body_line: int


@dataclass(frozen=True)
class CuratedItem:
    """One curation entry with the line it stands on, for messages."""

    line: int
    entry: CurationEntry


@dataclass(frozen=True)
class Curation:
    """The national desk's feed: regional releases on the national site, in order."""

    path: Path
    items: tuple[CuratedItem, ...]
    declined: tuple[DeclinedEntry, ...] = ()  # decided against: kept out of the inbox

    def ids(self) -> list[str]:
        return [item.entry.id for item in self.items]

    def declined_ids(self) -> set[str]:
        return {entry.id for entry in self.declined}
