"""Atom (with RFC 6721 tombstones), RSS 2.0, JSON Feed 1.1, sitemaps, robots.txt.

Pure functions from entries to bytes: the same entries give the same bytes.
No clock is read here; times come from the releases (and `now` for the news
sitemap window). Every text is escaped by `_text`/`_attr` (XML) or by json,
so front-matter text can never become markup.

Feeds are written as parts (see generator.util.gzparts): what an entry says about
its release (title, dates, office, summary, the whole body) is the same in
every feed and on every site that carries it, so it is escaped and deflated
once per build (`EntryParts`); only the entry's links, which name the site,
are made per feed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from urllib.parse import urljoin

from generator.content.dates import iso
from generator.content.model import Release
from generator.content.vocabulary import CATEGORY_LABELS, VERDICT_LABELS
from generator.public.bylines import credited, public_officer
from generator.public.sharetext import tagged_title
from generator.util.gzparts import Part, pack_text

ATOM = "http://www.w3.org/2005/Atom"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
JSON_FEED = "https://jsonfeed.org/version/1.1"
EXTENSION = "_newsroom"
EXTENSION_ABOUT = "https://newsroom.example.go.id/docs/feed-extension"
# The scheme (Atom) and domain (RSS) of a clarification's verdict category.
VERDICT_SCHEME = EXTENSION_ABOUT + "#verdict"

_URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# How long a release stays in the news sitemap (Google News reads two days).
NEWS_WINDOW = timedelta(days=2)


@dataclass(frozen=True)
class FeedEntry:
    release: Release
    url: str
    canonical_url: str
    content_html: str
    summary: str
    image_url: str | None
    bylines: bool = False  # the credits and their officers' names may be carried


@dataclass(frozen=True)
class FeedSpec:
    title: str
    site_url: str
    folder: str
    home_url: str
    entries: tuple[FeedEntry, ...]
    withdrawn: tuple[FeedEntry, ...]
    updated: datetime
    language: str = "id"

    def self_url(self, name: str) -> str:
        return f"{self.site_url}{self.folder}{name}"


def absolutize(fragment: str, base_url: str) -> str:
    """Every relative href/src made absolute: feed readers have no page to resolve against."""

    def fix(match: re.Match[str]) -> str:
        value = match.group(2)
        if value.startswith(("mailto:", "tel:", "http://", "https://", "#")):
            return match.group(0)
        return f'{match.group(1)}="{urljoin(base_url, value)}"'

    return _URL_ATTR.sub(fix, fragment)


def _text(value: str) -> str:
    """Character data for XML: escaped, and without the characters XML forbids."""
    return html.escape(_NOT_XML.sub("", value), quote=False)


def _attr(value: str) -> str:
    return html.escape(_NOT_XML.sub("", value), quote=True)


def _element(tag: str, text: str, indent: str, **attrs: str) -> str:
    extra = "".join(f' {name.rstrip("_")}="{_attr(value)}"' for name, value in attrs.items())
    return f"{indent}<{tag}{extra}>{_text(text)}</{tag}>\n"


def _empty(tag: str, indent: str, **attrs: str) -> str:
    extra = "".join(f' {name.rstrip("_")}="{_attr(value)}"' for name, value in attrs.items())
    return f"{indent}<{tag}{extra} />\n"


class EntryParts:
    """The parts of feed entries that do not depend on the feed or the site carrying
    them, escaped and deflated once per build (keyed by release and canonical URL)."""

    def __init__(self) -> None:
        self._parts: dict[tuple[str, str, str, str], Part] = {}

    def atom(self, entry: FeedEntry) -> Part:
        return self._shared("atom", entry, _atom_constant)

    def json(self, entry: FeedEntry) -> Part:
        return self._shared("json", entry, _json_constant)

    def _shared(self, kind: str, entry: FeedEntry, make: Callable[[FeedEntry], str]) -> Part:
        key = (kind, entry.release.id, entry.release.digest, entry.canonical_url)
        found = self._parts.get(key)
        if found is None:
            found = self._parts[key] = pack_text(make(entry))
        return found

    def keep(self, releases: AbstractSet[str]) -> None:
        """Keep the parts of `releases` (by id) only (see BuildMemo.keep)."""
        self._parts = {k: v for k, v in self._parts.items() if k[1] in releases}


def _join(parts: Iterable[Part]) -> bytes:
    return b"".join(part.data for part in parts)


# --- Atom -------------------------------------------------------------------


def atom(spec: FeedSpec) -> bytes:
    return _join(atom_parts(spec, EntryParts()))


def atom_parts(spec: FeedSpec, shared: EntryParts) -> list[Part]:
    head = (
        _XML_DECLARATION
        + f'<feed xmlns="{ATOM}" xmlns:at="{TOMBSTONES}" xml:lang="{_attr(spec.language)}">\n'
        + _element("id", spec.home_url, " ")
        + _element("title", spec.title, " ")
        + _element("updated", iso(spec.updated), " ")
        + _empty(
            "link", " ", rel="self", type="application/atom+xml", href=spec.self_url("atom.xml")
        )
        + _empty("link", " ", rel="alternate", type="text/html", href=spec.home_url)
    )
    parts = [pack_text(head)]
    for entry in spec.entries:
        parts += [shared.atom(entry), pack_text(_atom_links(entry))]
    tail = "".join(_tombstone(gone) for gone in spec.withdrawn) + "</feed>\n"
    parts.append(pack_text(tail))
    return parts


def _atom_constant(entry: FeedEntry) -> str:
    """An entry but its links, which name the site carrying it; the body's own links are
    made absolute against the canonical page, so they too are the same everywhere."""
    release, meta = entry.release, entry.release.meta
    content = absolutize(entry.content_html, entry.canonical_url)
    return (
        " <entry>\n"
        + _element("id", entry.canonical_url, "  ")
        + _element("title", tagged_title(release), "  ", type="text")
        + _element("published", iso(release.released), "  ")
        + _element("updated", iso(release.modified), "  ")
        + f"  <author>\n{_element('name', release.office.name, '   ')}  </author>\n"
        + _empty("category", "  ", term=meta.category, label=CATEGORY_LABELS[meta.category])
        + _verdict_category(release)
        + _element("summary", entry.summary, "  ", type="text")
        + _element("content", content, "  ", type="html")
    )


def _verdict_category(release: Release) -> str:
    """A clarification's verdict as a category of its own (its title leads with it too:
    a reader who sees only titles must not read a hoax's words as news)."""
    claim = release.meta.claim
    if claim is None:
        return ""
    label = VERDICT_LABELS[claim.verdict][0].upper()
    return _empty("category", "  ", term=claim.verdict, scheme=VERDICT_SCHEME, label=label)


def _atom_links(entry: FeedEntry) -> str:
    links = _empty("link", "  ", rel="alternate", type="text/html", href=entry.url)
    if entry.url != entry.canonical_url:
        links += _empty("link", "  ", rel="via", type="text/html", href=entry.canonical_url)
    return links + " </entry>\n"


def _tombstone(gone: FeedEntry) -> str:
    when = iso(gone.release.withdrawn)
    return (
        f' <at:deleted-entry ref="{_attr(gone.canonical_url)}" when="{_attr(when)}">\n'
        + _empty("at:link", "  ", href=gone.url)
        + _element("at:comment", gone.release.meta.withdrawn_reason or "", "  ")
        + " </at:deleted-entry>\n"
    )


# --- RSS 2.0 ----------------------------------------------------------------


def rss(spec: FeedSpec) -> bytes:
    return _join(rss_parts(spec))


def rss_parts(spec: FeedSpec) -> list[Part]:
    built = format_datetime(spec.updated.astimezone(UTC), usegmt=True)
    head = (
        _XML_DECLARATION
        + f'<rss xmlns:atom="{ATOM}" version="2.0">\n <channel>\n'
        + _html_element("title", spec.title, "  ")
        + _element("link", spec.home_url, "  ")
        + _html_element("description", f"Rilis resmi: {spec.title}", "  ")
        + _element("language", spec.language, "  ")
        + _element("lastBuildDate", built, "  ")
        + _empty(
            "atom:link", "  ", rel="self", type="application/rss+xml", href=spec.self_url("rss.xml")
        )
    )
    items = []
    for entry in spec.entries:
        meta = entry.release.meta
        items.append(
            "  <item>\n"
            + _html_element("title", tagged_title(entry.release), "   ")
            + _element("link", entry.url, "   ")
            + _element("guid", entry.canonical_url, "   ", isPermaLink="true")
            + _element("pubDate", _rfc822(entry.release.released), "   ")
            + _html_element("category", CATEGORY_LABELS[meta.category], "   ")
            + _rss_verdict(entry.release)
            + _html_element("description", entry.summary, "   ")
            + "  </item>\n"
        )
    return [pack_text(head + "".join(items) + " </channel>\n</rss>\n")]


def _rss_verdict(release: Release) -> str:
    claim = release.meta.claim
    if claim is None:
        return ""
    label = html.escape(VERDICT_LABELS[claim.verdict][0].upper(), quote=False)
    return _element("category", label, "   ", domain=VERDICT_SCHEME)


def _html_element(tag: str, text: str, indent: str) -> str:
    """An RSS element holding plain text. RSS never says whether its texts are HTML, and
    readers (feedparser among them) take any that looks like HTML for HTML: an office
    named `Humas <b>X</b>` would be shown in bold, `A &lt; B` as `A < B`. So every text is
    escaped into HTML first, then into XML, and reads back as the text it is: the
    channel's as its items' (issue 13: the channel's description was escaped once)."""
    return _element(tag, html.escape(text, quote=False), indent)


def _rfc822(instant: datetime) -> str:
    return format_datetime(instant.astimezone(UTC), usegmt=True)


# --- JSON Feed 1.1 ---------------------------------------------------------------


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def json_feed(spec: FeedSpec) -> bytes:
    return _join(json_feed_parts(spec, EntryParts()))


def json_feed_parts(spec: FeedSpec, shared: EntryParts) -> list[Part]:
    """One item per line; each item's release-constant fields come first, as one shared
    part, then the fields that name the site carrying it."""
    head = (
        "{"
        + f'"version":{_dumps(JSON_FEED)},"title":{_dumps(spec.title)},'
        + f'"home_page_url":{_dumps(spec.home_url)},'
        + f'"feed_url":{_dumps(spec.self_url("feed.json"))},'
        + f'"language":{_dumps(spec.language)},'
        + f'"{EXTENSION}":{_dumps(_feed_extension(spec))},'
        + '"items":['
    )
    parts = [pack_text(head)]
    for index, entry in enumerate(spec.entries):
        lead = "\n" if index == 0 else ",\n"
        parts += [pack_text(lead), shared.json(entry), pack_text(_json_links(entry))]
    parts.append(pack_text("\n]}\n"))
    return parts


def _feed_extension(spec: FeedSpec) -> dict[str, Any]:
    """Withdrawn releases, for a newsroom syncing this feed: they are not items (readers
    would show them), but a syncing newsroom must withdraw its copy too. With bylines,
    the officers the feed's releases credit, by office (id, name, position; never a
    NIP), so a syncing newsroom can check the credits as `newsroom check` does."""
    extension: dict[str, Any] = {
        "about": EXTENSION_ABOUT,
        "withdrawn": [_release_extension(gone) for gone in spec.withdrawn],
    }
    officers: dict[str, dict[str, dict[str, str]]] = {}
    for entry in (*spec.entries, *spec.withdrawn):
        if entry.bylines:
            mine = officers.setdefault(entry.release.office.id, {})
            for officer in credited(entry.release):
                mine.setdefault(officer.id, public_officer(officer))
    if officers:
        extension["officers"] = {
            office: list(people.values()) for office, people in sorted(officers.items())
        }
    return extension


def _json_constant(entry: FeedEntry) -> str:
    release, meta = entry.release, entry.release.meta
    item: dict[str, Any] = {
        "id": entry.canonical_url,
        "title": tagged_title(release),
        "content_html": absolutize(entry.content_html, entry.canonical_url),
        "summary": entry.summary,
        "date_published": iso(release.released),
        "date_modified": iso(release.modified),
        "authors": [{"name": release.office.name}],
        "tags": list(meta.tags),
    }
    if entry.image_url:
        item["image"] = entry.image_url
    # What another newsroom needs to sync this release as if it came from git.
    item[EXTENSION] = _release_extension(entry)
    text = _dumps(item)
    return text[:-1]  # the object stays open: the site's own fields follow


def _json_links(entry: FeedEntry) -> str:
    links = f',"url":{_dumps(entry.url)}'
    if entry.url != entry.canonical_url:
        links += f',"external_url":{_dumps(entry.canonical_url)}'
    return links + "}"


def _release_extension(entry: FeedEntry) -> dict[str, Any]:
    release = entry.release
    return {
        "about": EXTENSION_ABOUT,
        "id": release.id,
        "office": release.office.id,
        "front_matter": _portable(release, entry.bylines),
        "markdown": release.body,
    }


def _portable(release: Release, bylines: bool) -> dict[str, Any]:
    """The front matter as written, but with every time carrying its UTC offset: the
    newsroom reading the feed may sit in another zone than the office that wrote it.
    Its `credits` only with bylines: who wrote what is public only where they are."""
    meta = release.meta
    front: dict[str, Any] = dict(release.raw_meta)
    if not bylines:
        front.pop("credits", None)
    front["date"] = meta.date.isoformat()
    if meta.publish_at is not None:
        front["publish_at"] = meta.publish_at.isoformat()
    if meta.withdrawn_at is not None:
        front["withdrawn_at"] = meta.withdrawn_at.isoformat()
    regulation = front.get("regulation")
    if meta.regulation is not None and meta.regulation.enacted and isinstance(regulation, dict):
        front["regulation"] = {**regulation, "enacted": meta.regulation.enacted.isoformat()}
    if meta.updates and isinstance(front.get("updates"), list):
        front["updates"] = [
            {**entry, "date": update.date.isoformat()} if isinstance(entry, dict) else entry
            for entry, update in zip(front["updates"], meta.updates, strict=False)
        ]
    return front


# --- sitemaps and robots ------------------------------------------------------------


def sitemap(urls: Iterable[tuple[str, datetime | None]]) -> bytes:
    lines = [_XML_DECLARATION, f'<urlset xmlns="{SITEMAP}">\n']
    for loc, lastmod in urls:
        lines.append(" <url>\n" + _element("loc", loc, "  "))
        if lastmod is not None:
            lines.append(_element("lastmod", iso(lastmod), "  "))
        lines.append(" </url>\n")
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def in_news(release: Release, now: datetime) -> bool:
    """Whether the news sitemap lists `release` at `now`: it became public within
    NEWS_WINDOW before `now` (an embargoed release counts from its lift, not from its
    date line). The site fingerprint asks the same, so a release leaving the window
    rebuilds its site."""
    return now - NEWS_WINDOW <= release.released <= now


def news_sitemap(entries: Iterable[FeedEntry], publication: str, now: datetime) -> bytes:
    """Google News sitemap: the entries `in_news` at `now`."""
    lines = [_XML_DECLARATION, f'<urlset xmlns="{SITEMAP}" xmlns:news="{NEWS}">\n']
    for entry in entries:
        if not in_news(entry.release, now):
            continue
        date = entry.release.released
        lines.append(
            " <url>\n"
            + _element("loc", entry.url, "  ")
            + "  <news:news>\n   <news:publication>\n"
            + _element("news:name", publication, "    ")
            + _element("news:language", "id", "    ")
            + "   </news:publication>\n"
            + _element("news:publication_date", iso(date), "   ")
            + _element("news:title", entry.release.meta.title, "   ")
            + "  </news:news>\n </url>\n"
        )
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def robots(site_url: str, sitemaps: Iterable[str]) -> bytes:
    lines = ["User-agent: *", "Allow: /", *(f"Sitemap: {url}" for url in sitemaps)]
    return ("\n".join(lines) + "\n").encode("utf-8")
