"""Atom (with RFC 6721 tombstones), RSS 2.0, JSON Feed 1.1, sitemaps, robots.txt.

Pure functions from entries to bytes: the same entries give the same bytes.
No clock is read here; times come from the releases (and `now` for the news
sitemap window). Every text goes through ElementTree or json, so front-matter
text can never become markup.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from urllib.parse import urljoin

from generator.dates import iso
from generator.model import Release
from generator.vocabulary import CATEGORY_LABELS

ATOM = "http://www.w3.org/2005/Atom"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
JSON_FEED = "https://jsonfeed.org/version/1.1"
EXTENSION = "_newsroom"

_URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')


@dataclass(frozen=True)
class FeedEntry:
    release: Release
    url: str
    canonical_url: str
    content_html: str
    summary: str
    image_url: str | None


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


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


# --- Atom -------------------------------------------------------------------


def atom(spec: FeedSpec) -> bytes:
    ET.register_namespace("", ATOM)
    ET.register_namespace("at", TOMBSTONES)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": spec.language})
    a = f"{{{ATOM}}}"
    _sub(feed, a + "id", spec.home_url)
    _sub(feed, a + "title", spec.title)
    _sub(feed, a + "updated", iso(spec.updated))
    _sub(feed, a + "link", rel="self", type="application/atom+xml", href=spec.self_url("atom.xml"))
    _sub(feed, a + "link", rel="alternate", type="text/html", href=spec.home_url)
    for entry in spec.entries:
        _atom_entry(feed, entry)
    for gone in spec.withdrawn:
        when = iso(gone.release.updated)
        tomb = _sub(feed, f"{{{TOMBSTONES}}}deleted-entry", ref=gone.canonical_url, when=when)
        _sub(tomb, f"{{{TOMBSTONES}}}link", href=gone.url)
        _sub(tomb, f"{{{TOMBSTONES}}}comment", gone.release.meta.withdrawn_reason or "")
    return _xml(feed)


def _atom_entry(feed: ET.Element, entry: FeedEntry) -> None:
    a = f"{{{ATOM}}}"
    release, meta = entry.release, entry.release.meta
    node = _sub(feed, a + "entry")
    _sub(node, a + "id", entry.canonical_url)
    _sub(node, a + "title", meta.title, type="text")
    _sub(node, a + "link", rel="alternate", type="text/html", href=entry.url)
    if entry.url != entry.canonical_url:
        _sub(node, a + "link", rel="via", type="text/html", href=entry.canonical_url)
    _sub(node, a + "published", iso(meta.date))
    _sub(node, a + "updated", iso(release.updated))
    author = _sub(node, a + "author")
    _sub(author, a + "name", release.office.name)
    _sub(node, a + "category", term=meta.category, label=CATEGORY_LABELS[meta.category])
    _sub(node, a + "summary", entry.summary, type="text")
    _sub(node, a + "content", absolutize(entry.content_html, entry.url), type="html")


# --- RSS 2.0 ----------------------------------------------------------------


def rss(spec: FeedSpec) -> bytes:
    ET.register_namespace("atom", ATOM)
    root = ET.Element("rss", {"version": "2.0"})
    channel = _sub(root, "channel")
    _sub(channel, "title", spec.title)
    _sub(channel, "link", spec.home_url)
    _sub(channel, "description", f"Rilis resmi: {spec.title}")
    _sub(channel, "language", spec.language)
    _sub(channel, "lastBuildDate", format_datetime(spec.updated.astimezone(UTC), usegmt=True))
    _sub(
        channel,
        f"{{{ATOM}}}link",
        rel="self",
        type="application/rss+xml",
        href=spec.self_url("rss.xml"),
    )
    for entry in spec.entries:
        meta = entry.release.meta
        item = _sub(channel, "item")
        _sub(item, "title", meta.title)
        _sub(item, "link", entry.url)
        _sub(item, "guid", entry.canonical_url, isPermaLink="true")
        _sub(item, "pubDate", format_datetime(meta.date.astimezone(UTC), usegmt=True))
        _sub(item, "category", CATEGORY_LABELS[meta.category])
        # Readers render <description> as HTML: the plain-text summary is escaped into
        # HTML first, so the XML carries it escaped twice and a reader shows it as text.
        _sub(item, "description", html.escape(entry.summary, quote=False))
    return _xml(root)


# --- JSON Feed 1.1 ---------------------------------------------------------------


def json_feed(spec: FeedSpec) -> bytes:
    feed: dict[str, Any] = {
        "version": JSON_FEED,
        "title": spec.title,
        "home_page_url": spec.home_url,
        "feed_url": spec.self_url("feed.json"),
        "language": spec.language,
        "items": [_json_item(entry) for entry in spec.entries],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _json_item(entry: FeedEntry) -> dict[str, Any]:
    release, meta = entry.release, entry.release.meta
    item: dict[str, Any] = {
        "id": entry.canonical_url,
        "url": entry.url,
        "title": meta.title,
        "content_html": absolutize(entry.content_html, entry.url),
        "summary": entry.summary,
        "date_published": iso(meta.date),
        "date_modified": iso(release.updated),
        "authors": [{"name": release.office.name}],
        "tags": list(meta.tags),
    }
    if entry.url != entry.canonical_url:
        item["external_url"] = entry.canonical_url
    if entry.image_url:
        item["image"] = entry.image_url
    # What another newsroom needs to sync this release as if it came from git.
    item[EXTENSION] = {
        "about": "https://newsroom.example.go.id/docs/feed-extension",
        "id": release.id,
        "office": release.office.id,
        "front_matter": _portable(release),
        "markdown": release.body,
    }
    return item


def _portable(release: Release) -> dict[str, Any]:
    """The front matter as written, but with every time carrying its UTC offset: the
    newsroom reading the feed may sit in another zone than the office that wrote it."""
    meta = release.meta
    front: dict[str, Any] = dict(release.raw_meta)
    front["date"] = meta.date.isoformat()
    if meta.publish_at is not None:
        front["publish_at"] = meta.publish_at.isoformat()
    if meta.updates and isinstance(front.get("updates"), list):
        front["updates"] = [
            {**entry, "date": update.date.isoformat()} if isinstance(entry, dict) else entry
            for entry, update in zip(front["updates"], meta.updates, strict=False)
        ]
    return front


# --- sitemaps and robots ------------------------------------------------------------


def sitemap(urls: Iterable[tuple[str, datetime | None]]) -> bytes:
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for loc, lastmod in urls:
        url = _sub(root, f"{{{SITEMAP}}}url")
        _sub(url, f"{{{SITEMAP}}}loc", loc)
        if lastmod is not None:
            _sub(url, f"{{{SITEMAP}}}lastmod", iso(lastmod))
    return _xml(root)


def news_sitemap(
    entries: Iterable[FeedEntry],
    publication: str,
    now: datetime,
    window: timedelta = timedelta(days=2),
) -> bytes:
    """Google News sitemap: releases that became public within `window` before `now`
    (an embargoed release counts from its lift, not from its date line)."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("news", NEWS)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for entry in entries:
        date = entry.release.released
        if not now - window <= date <= now:
            continue
        url = _sub(root, f"{{{SITEMAP}}}url")
        _sub(url, f"{{{SITEMAP}}}loc", entry.url)
        news = _sub(url, f"{{{NEWS}}}news")
        pub = _sub(news, f"{{{NEWS}}}publication")
        _sub(pub, f"{{{NEWS}}}name", publication)
        _sub(pub, f"{{{NEWS}}}language", "id")
        _sub(news, f"{{{NEWS}}}publication_date", iso(date))
        _sub(news, f"{{{NEWS}}}title", entry.release.meta.title)
    return _xml(root)


def robots(site_url: str, sitemaps: Iterable[str]) -> bytes:
    lines = ["User-agent: *", "Allow: /", *(f"Sitemap: {url}" for url in sitemaps)]
    return ("\n".join(lines) + "\n").encode("utf-8")
