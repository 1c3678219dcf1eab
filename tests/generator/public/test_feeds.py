"""Feeds parse, carry escaped text, announce withdrawals; sitemaps honour the clock."""

from __future__ import annotations

import dataclasses
import html
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import feedparser
import pytest

from generator.content.repository import OFFICE, Layout, load_repository
from generator.public import feeds
from tests.conftest import json_feed_problems, release_text

SITE = "https://berita.example.go.id/kalimantan-timur/"
HOSTILE = '"<script>alert(1)</script> & \\"kutip\\""'


@pytest.fixture
def spec(office_repo: Callable[..., Path]) -> feeds.FeedSpec:
    root = office_repo(
        {
            "releases/2026/judul-jahat.md": release_text(
                title=HOSTILE, date="2026-11-20 10:00", tags="[banjir, jalan]"
            ),
            "releases/2026/dikoreksi.md": release_text(
                date="2026-11-18 10:00",
                updates="[{date: '2026-11-19 08:00', note: Angka dikoreksi.}]",
            ),
            "releases/2026/ditarik.md": release_text(
                date="2026-11-10 10:00", status="withdrawn", withdrawn_reason="Acara batal."
            ),
        }
    )
    repo = load_repository(Layout(root, OFFICE))
    by_slug = {r.slug: r for r in repo.releases}

    def entry(slug: str, syndicated: bool = False) -> feeds.FeedEntry:
        release = by_slug[slug]
        home = "https://berita.example.go.id/kalimantan-timur/" + release.url
        url = ("https://berita.example.go.id/nasional/" + release.url) if syndicated else home
        return feeds.FeedEntry(
            release, url, home, '<p>Isi <a href="../../aset/a.pdf">pdf</a></p>', "Ringkasan.", None
        )

    entries = (entry("judul-jahat"), entry("dikoreksi", syndicated=True))
    return feeds.FeedSpec(
        title="Newsroom Kalimantan Timur",
        site_url=SITE,
        folder="",
        home_url=SITE,
        entries=entries,
        withdrawn=(entry("ditarik"),),
        updated=max(e.release.updated for e in entries),
    )


def test_atom_parses_and_keeps_text_as_text(spec: feeds.FeedSpec) -> None:
    data = feeds.atom(spec)
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert parsed.entries[0].title == '<script>alert(1)</script> & "kutip"'
    assert b"<script>" not in data
    assert parsed.entries[0].id == SITE + "kutai-timur/2026/judul-jahat/"
    corrected = parsed.entries[1]
    assert (
        corrected.updated == "2026-11-19T00:00:00Z"
        and corrected.published == "2026-11-18T02:00:00Z"
    )
    assert corrected.link.startswith("https://berita.example.go.id/nasional/")
    assert 'href="https://berita.example.go.id/kalimantan-timur/kutai-timur/aset/a.pdf"' in (
        parsed.entries[0].content[0].value
    )


def test_atom_tombstone_for_the_withdrawn_release(spec: feeds.FeedSpec) -> None:
    root = ET.fromstring(feeds.atom(spec))
    (tomb,) = root.findall(f"{{{feeds.TOMBSTONES}}}deleted-entry")
    assert tomb.get("ref") == SITE + "kutai-timur/2026/ditarik/"
    assert tomb.get("when") == "2026-11-10T02:00:00Z"
    assert tomb.find(f"{{{feeds.TOMBSTONES}}}comment").text == "Acara batal."  # type: ignore[union-attr]
    ids = [e.find(f"{{{feeds.ATOM}}}id").text for e in root.findall(f"{{{feeds.ATOM}}}entry")]  # type: ignore[union-attr]
    assert SITE + "kutai-timur/2026/ditarik/" not in ids


def test_rss_parses(spec: feeds.FeedSpec) -> None:
    parsed = feedparser.parse(feeds.rss(spec))
    assert not parsed.bozo and len(parsed.entries) == 2
    assert _shown(parsed.entries[0].title_detail) == '<script>alert(1)</script> & "kutip"'
    assert parsed.entries[1].id == SITE + "kutai-timur/2026/dikoreksi/"


@pytest.mark.parametrize("text", ["Humas <b>Kutim</b> & Berau", "A &lt; B", "Air & Listrik"])
def test_rss_texts_read_back_as_text_in_the_channel_and_its_items(
    spec: feeds.FeedSpec, text: str
) -> None:
    """An office name (in an office feed's title) and a release title with markup are
    read by feedparser as the text written, in the channel as in its items, whatever
    kind (text or HTML) it takes each to be."""
    entry = spec.entries[0]
    meta = dataclasses.replace(entry.release.meta, title=text)
    release = dataclasses.replace(entry.release, meta=meta)
    item = dataclasses.replace(entry, release=release, summary=text)
    changed = dataclasses.replace(spec, title=f"Newsroom — Kantor: {text}", entries=(item,))
    parsed = feedparser.parse(feeds.rss(changed))
    assert not parsed.bozo
    assert _shown(parsed.feed.title_detail) == f"Newsroom — Kantor: {text}"
    assert _shown(parsed.feed.subtitle_detail) == f"Rilis resmi: Newsroom — Kantor: {text}"
    (read,) = parsed.entries
    assert _shown(read.title_detail) == text
    assert _shown(read.summary_detail) == text


def _shown(detail: Any) -> str:
    """The text a reader shows for a feedparser text construct: HTML is rendered."""
    value = str(detail.value)
    if detail.type == "text/html":
        assert "<" not in value, value  # no markup: what a reader renders is text
        return html.unescape(value)
    return value


def test_json_feed_carries_the_release_for_sync(spec: feeds.FeedSpec) -> None:
    data = json.loads(feeds.json_feed(spec))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    first, second = data["items"]
    assert first["title"] == '<script>alert(1)</script> & "kutip"'
    assert first["tags"] == ["banjir", "jalan"]
    extension = first["_newsroom"]
    assert extension["id"] == "kutai-timur/2026/judul-jahat"
    assert extension["front_matter"]["title"] == '<script>alert(1)</script> & "kutip"'
    assert extension["front_matter"]["date"] == "2026-11-20T10:00:00+08:00"  # offset carried
    assert extension["markdown"] == "Isi rilis contoh.\n"
    assert second["external_url"] == SITE + "kutai-timur/2026/dikoreksi/"
    assert json_feed_problems(feeds.json_feed(spec)) == []


def test_same_input_same_bytes(spec: feeds.FeedSpec) -> None:
    for make in (feeds.atom, feeds.rss, feeds.json_feed):
        assert make(spec) == make(spec)


def test_news_sitemap_window(spec: feeds.FeedSpec) -> None:
    published = spec.entries[0].release.meta.date

    def titles(now: datetime) -> int:
        root = ET.fromstring(feeds.news_sitemap(spec.entries[:1], "Newsroom", now))
        return len(root.findall(f"{{{feeds.SITEMAP}}}url"))

    assert titles(published + timedelta(hours=47)) == 1
    assert titles(published + timedelta(hours=49)) == 0
    assert titles(published - timedelta(seconds=1)) == 0


def test_sitemap_and_robots() -> None:
    data = feeds.sitemap([(SITE, None), (SITE + "a/", datetime(2026, 1, 2, tzinfo=UTC))])
    root = ET.fromstring(data)
    locs = [u.find(f"{{{feeds.SITEMAP}}}loc").text for u in root]  # type: ignore[union-attr]
    assert locs == [SITE, SITE + "a/"]
    assert b"<ns0:lastmod>2026-01-02T00:00:00Z" in data.replace(b"<lastmod>", b"<ns0:lastmod>")
    assert feeds.robots(SITE, [SITE + "sitemap.xml"]).decode().splitlines() == [
        "User-agent: *",
        "Allow: /",
        f"Sitemap: {SITE}sitemap.xml",
    ]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<a href="../../aset/a.pdf">', '<a href="https://x.id/s/o/aset/a.pdf">'),
        ('<a href="/s/kategori/">', '<a href="https://x.id/s/kategori/">'),
        ('<a href="mailto:a@b.id">', '<a href="mailto:a@b.id">'),
        ('<img src="https://y.id/a.png">', '<img src="https://y.id/a.png">'),
    ],
)
def test_absolutize(fragment: str, expected: str) -> None:
    assert feeds.absolutize(fragment, "https://x.id/s/o/2026/r/") == expected


def test_news_sitemap_counts_an_embargoed_release_from_its_lift(
    office_repo: Callable[..., Path],
) -> None:
    """Dated a week before its embargo lifts, it is still news for two days after the lift."""
    root = office_repo(
        {
            "releases/2026/embargo.md": release_text(
                date="2026-11-10 10:00", publish_at="2026-11-17 10:00"
            )
        }
    )
    (release,) = load_repository(Layout(root, OFFICE)).releases
    entry = feeds.FeedEntry(release, SITE + release.url, SITE + release.url, "", "", None)
    lift = release.meta.publish_at
    assert lift is not None

    def listed(now: datetime) -> int:
        root = ET.fromstring(feeds.news_sitemap([entry], "Newsroom", now))
        return len(root.findall(f"{{{feeds.SITEMAP}}}url"))

    assert listed(lift + timedelta(hours=47)) == 1
    assert listed(lift + timedelta(hours=49)) == 0


def test_a_tombstone_says_when_the_release_was_withdrawn(
    office_repo: Callable[..., Path],
) -> None:
    """RFC 6721: readers compare `when` with the entry's `updated`; a withdrawal dated at
    the release's own date would look older than the entry it removes."""
    root = office_repo(
        {
            "releases/2026/ditarik.md": release_text(
                date="2026-11-10 10:00",
                status="withdrawn",
                withdrawn_reason="Acara batal.",
                withdrawn_at="2026-11-22 15:30",
            )
        }
    )
    (release,) = load_repository(Layout(root, OFFICE)).releases
    gone = feeds.FeedEntry(release, SITE + release.url, SITE + release.url, "", "", None)
    spec = feeds.FeedSpec("Newsroom", SITE, "", SITE, (), (gone,), release.withdrawn)
    (tomb,) = ET.fromstring(feeds.atom(spec)).findall(f"{{{feeds.TOMBSTONES}}}deleted-entry")
    assert tomb.get("when") == "2026-11-22T07:30:00Z"  # 15.30 WITA
