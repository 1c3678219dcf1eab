"""What templates print: small, already-formatted view objects.

Templates only place values; every decision (dates in the office's zone,
URLs, labels, JSON-LD) is made here, in Python, where it can be tested.
All text stays text: Jinja autoescape escapes it. Only the sanitised body
and our own JSON-LD/CSS are marked safe.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from generator.content.assets import asset_file, asset_href
from generator.content.dates import format_day, format_long, iso
from generator.content.fields import slugify
from generator.content.model import Release
from generator.content.provinces import PROVINCES
from generator.content.vocabulary import CATEGORY_LABELS, REGULATION_CATEGORY, VERDICT_LABELS
from generator.public.archives import ArchiveKind
from generator.public.bodyhtml import Rendered
from generator.public.bylines import Credit, byline, writers
from generator.public.headers import policy
from generator.public.legislation import RegulationLine, article_line, legislation_jsonld
from generator.public.pictureview import PictureView, size_label
from generator.public.sharetext import share
from generator.public.sites import Placement, Site


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    count: int | None = None


@dataclass(frozen=True)
class FeedLink:
    type: str
    title: str
    href: str


@dataclass(frozen=True)
class Chrome:
    """The site-wide parts of every page: title, root path, navigation, CSS, feeds."""

    title: str
    root: str
    css: Markup
    nav: tuple[Link, ...]
    pages: tuple[Link, ...]
    csp: str = ""
    feeds: tuple[FeedLink, ...] = ()
    national: str | None = None  # the national site's URL, in a provincial site's footer


@dataclass(frozen=True)
class Card:
    title: str
    href: str
    iso: str
    day: str
    office: str
    category: str
    summary: str
    pinned: bool = False
    verdict: str = ""  # a clarification's verdict in capitals: "HOAKS"


@dataclass(frozen=True)
class ClaimEntry:
    """A clarification in a list: its claim and verdict first, then what answers it."""

    title: str
    href: str
    claim: str
    verdict: str  # in capitals: "HOAKS"
    iso: str
    day: str
    date_long: str
    office: str


@dataclass(frozen=True)
class LinkGroup:
    label: str
    links: tuple[Link, ...]


@dataclass
class PageView:
    title: str
    description: str = ""
    canonical: str = ""
    feeds: tuple[FeedLink, ...] = ()
    og: tuple[tuple[str, str], ...] = ()
    has_image: bool = False
    jsonld: Markup | None = None
    heading: str = ""
    intro: str = ""
    older: str | None = None
    newer: str | None = None
    more: Link | None = None
    groups: tuple[LinkGroup, ...] = ()
    release: ReleaseView | None = None
    alert: ClaimEntry | None = None  # a fresh clarification atop a provincial home
    sites: tuple[Link, ...] = ()  # the other sites, on a home page (`other_sites`)


@dataclass(frozen=True)
class ArticlePhotos:
    """A release page's photos as made for one page: the lead photo's view, and the
    body's HTML with its pictures in place (sanitised HTML, with our markup)."""

    lead: PictureView | None
    body: str
    light: bool
    shown: bool  # whether one photo at least is published: a low-data page is offered


@dataclass(frozen=True)
class Attachment:
    title: str
    href: str
    kind: str
    size: str


@dataclass(frozen=True)
class Contact:
    name: str | None
    phone: str | None
    tel: str | None
    email: str | None


@dataclass(frozen=True)
class Update:
    iso: str
    date_long: str
    note: str


@dataclass(frozen=True)
class ClaimView:
    text: str
    verdict: str
    appeared_in: tuple[str, ...]


@dataclass
class ReleaseView:
    title: str
    canonical: str
    is_home: bool
    home_title: str
    office: str
    office_href: str
    category: str
    category_href: str
    iso: str
    date_long: str
    body: Markup
    image: PictureView | None = None  # the lead photo
    light: bool = False  # the low-data page: photos as links (generator.public.pictureview)
    has_photos: bool = False  # whether a low-data page is offered
    attachments: tuple[Attachment, ...] = ()
    contact: Contact | None = None
    updates: tuple[Update, ...] = ()
    withdrawn_reason: str | None = None
    claim: ClaimView | None = None
    regulation: RegulationLine | None = None  # a produk-hukum release's `regulation:`
    tags: tuple[Link, ...] = ()
    regions: tuple[Link, ...] = ()
    share: tuple[Link, ...] = ()
    text_href: str | None = None  # the plain text for WhatsApp/SMS (generator.public.sharetext)
    printed: str = ""  # on paper only: where it was printed from, and which version
    provenance: str | None = None
    preview_note: str | None = None
    origin: str | None = None  # the page it was copied from, printed on the "Sumber" line
    withdrawn: bool = False
    withdrawn_iso: str | None = None  # only when `withdrawn_at` says when: never a guess
    withdrawn_long: str | None = None
    updated_iso: str | None = None  # the latest correction: "Diperbarui" by the date
    updated_long: str | None = None
    byline: tuple[Credit, ...] = ()  # only where the newsroom enables bylines
    # In the site's search index (generator.host.searchindex): public, never withdrawn,
    # never an office's preview (set by the release page). `year`: its filter, in the
    # office's zone.
    searchable: bool = False
    year: str = ""


CLARIFICATION = "klarifikasi"  # the category with a claim; its index is `/klarifikasi/`


def root_path(site: Site) -> str:
    """The site's URL path ("/nasional/"): links are root-relative under it."""
    return urlsplit(site.url).path or "/"


def chrome(
    site: Site,
    css: str,
    pages: list[Link],
    *,
    live_reload: bool = False,
    national_url: str | None = None,
) -> Chrome:
    """The chrome of `site`'s pages; `national_url`: the national site's, linked from a
    provincial site's footer (None on the national site)."""
    root = root_path(site)
    # Clarifications and regulations lead to their indexes (claim and verdict of each;
    # kind, number and year of each), not to the archives (which those link).
    indexed = (CLARIFICATION, REGULATION_CATEGORY)
    nav = tuple(
        Link(label, root + (f"{key}/" if key in indexed else ArchiveKind.CATEGORY.base(key)))
        for key, label in CATEGORY_LABELS.items()
    )
    csp = policy(css, for_meta=True, live_reload=live_reload)
    # Our own stylesheet: trusted, and it must not be HTML-escaped inside <style>.
    national = None if site.is_national else national_url
    return Chrome(site.title, root, Markup(css), nav, tuple(pages), csp, feed_links(root), national)


# Where a footer's "provinsi lain" leads: the list of the other sites on the home page.
OTHER_SITES = "situs-lain"


def other_sites(site: Site, sites: dict[str, Site]) -> tuple[Link, ...]:
    """Every other site, the national one first (as `sites` is ordered, provinces by
    code), named without the common title prefix: `Nasional`, `Kalimantan Timur`."""
    return tuple(
        Link(PROVINCES[other.province].name if other.province else "Nasional", other.url)
        for other in sites.values()
        if other.key != site.key
    )


def feed_links(folder: str) -> tuple[FeedLink, ...]:
    """The three feeds of a folder (the site root, a category, an office)."""
    return (
        FeedLink("application/atom+xml", "Atom", f"{folder}atom.xml"),
        FeedLink("application/rss+xml", "RSS", f"{folder}rss.xml"),
        FeedLink("application/feed+json", "JSON Feed", f"{folder}feed.json"),
    )


def card(
    release: Release,
    rendered: Rendered,
    root: str,
    *,
    pinned: bool = False,
    headline: str | None = None,
) -> Card:
    """A release in a list; `root` is the site's root path, or a marker put in its place
    so one rendering serves every site (see generator.public.publish)."""
    return Card(
        title=headline or release.meta.title,
        href=root + release.url,
        iso=iso(release.meta.date),
        day=format_day(release.meta.date, release.office.zone),
        office=release.office.name,
        category=CATEGORY_LABELS[release.meta.category],
        summary=rendered.summary,
        pinned=pinned,
        verdict=verdict_label(release),
    )


def release_year(release: Release) -> str:
    """The year of a release's date in its office's zone: the search filter "tahun"."""
    return str(release.meta.date.astimezone(release.office.zone.tz).year)


def verdict_label(release: Release) -> str:
    """A clarification's verdict in capitals (`HOAKS`); "" for any other release."""
    claim = release.meta.claim
    return VERDICT_LABELS[claim.verdict][0].upper() if claim is not None else ""


# From a release page (<office>/<yyyy>/<slug>/) to the site root (to its office's
# assets: generator.content.assets): an article with only such relative links is the
# same on every site that shows it.
TO_ROOT = "../../../"


def release_view(
    placement: Placement,
    rendered: Rendered,
    assets_dir: Path,
    photos: ArticlePhotos,
    preview_note: str | None = None,
    bylines: bool = False,
) -> ReleaseView:
    """The article of a release page; only whether this copy is the home one (and which
    site is home) depends on the site showing it. `photos`: the lead photo and the body
    with its pictures, as this page shows them. `bylines`: name the officers credited."""
    release, meta = placement.release, placement.release.meta
    root = TO_ROOT
    zone = release.office.zone
    withdrawn = meta.status == "withdrawn"
    withdrawn_at = meta.withdrawn_at if withdrawn else None
    corrected = release.updated if meta.updates else None
    return ReleaseView(
        title=meta.title,
        canonical=placement.canonical_url,
        is_home=placement.is_home,
        home_title=placement.home.title,
        office=release.office.name,
        office_href=root + ArchiveKind.OFFICE.base(release.office.id),
        category=CATEGORY_LABELS[meta.category],
        category_href=root + ArchiveKind.CATEGORY.base(meta.category),
        iso=iso(meta.date),
        date_long=format_long(meta.date, zone),
        # Sanitised by the renderer (nh3) before it ever reaches a template.
        body=Markup(photos.body),
        image=photos.lead,
        light=photos.light,
        has_photos=photos.shown,
        attachments=tuple(_attachments(placement, assets_dir)),
        contact=_contact(meta.contact),
        updates=tuple(Update(iso(u.date), format_long(u.date, zone), u.note) for u in meta.updates),
        withdrawn_reason=meta.withdrawn_reason if withdrawn else None,
        claim=_claim(release),
        regulation=article_line(release, assets_dir),
        tags=tuple(
            Link(t, root + ArchiveKind.TAG.base(slugify(t))) for t in meta.tags if slugify(t)
        ),
        regions=tuple(
            Link(t, root + ArchiveKind.REGION.base(slugify(t))) for t in meta.regions if slugify(t)
        ),
        # Nobody should pass on what its office took back.
        share=() if withdrawn else share_links(placement, rendered.summary),
        text_href=None if withdrawn else text_href(release),
        printed=printed_from(placement),
        provenance=provenance_text(release),
        preview_note=preview_note,
        origin=(release.provenance.origin or None) if release.provenance else None,
        withdrawn=withdrawn,
        withdrawn_iso=iso(withdrawn_at) if withdrawn_at else None,
        withdrawn_long=format_long(withdrawn_at, zone) if withdrawn_at else None,
        updated_iso=iso(corrected) if corrected else None,
        updated_long=format_long(corrected, zone) if corrected else None,
        byline=byline(release) if bylines else (),
        year=release_year(release),
    )


def provenance_text(release: Release) -> str | None:
    """Where a synced release was copied from, in words and a date: the version (a git
    commit) is for the desk, and means nothing to a reader."""
    found = release.provenance
    if found is None:
        return None
    kind = "umpan" if found.feed else "repositori"
    text = f"Disalin dari {kind} {found.source} ({found.path})"
    if found.copied is not None:
        text += f" pada {format_long(found.copied, release.office.zone)}"
    return text + "."


def _attachments(placement: Placement, assets_dir: Path) -> list[Attachment]:
    result = []
    for item in placement.release.meta.attachments:
        path = asset_file(assets_dir, item.src)
        size = size_label(path.stat().st_size) if path.is_file() else ""
        kind = path.suffix.lstrip(".").upper() or "Berkas"
        result.append(Attachment(item.title, asset_href(item.src), kind, size))
    return result


def _contact(contact: Any) -> Contact | None:
    if contact is None:
        return None
    tel = re.sub(r"[^\d+]", "", contact.phone) if contact.phone else None
    return Contact(contact.name, contact.phone, tel, contact.email)


def _claim(release: Release) -> ClaimView | None:
    claim = release.meta.claim
    if claim is None:
        return None
    return ClaimView(claim.text, VERDICT_LABELS[claim.verdict][0], claim.appeared_in)


def printed_from(placement: Placement) -> str:
    """The line a printed copy carries: its address, and the version it is.

    A page without JavaScript cannot print the reader's clock, and the build's clock
    would change every page at every build (and say nothing true about the paper).
    The version is the time the release last changed (a correction, or its
    publication), in its office's zone: whoever holds a photocopy can tell whether
    the page at that address has changed since."""
    release = placement.release
    version = format_long(release.modified, release.office.zone)
    return f"Dicetak dari {placement.canonical_url} · Versi {version}"


def text_href(release: Release) -> str:
    """From the release page to its plain text, `<office>/<yyyy>/<slug>.txt`."""
    return f"../{release.slug}.txt"


def share_links(placement: Placement, summary: str) -> tuple[Link, ...]:
    """Plain links: nothing is loaded from the social networks until a reader clicks.
    WhatsApp gets the whole plain text (title, date and zone, office, summary or the
    claim and its verdict, address); the others the title and the address."""
    release, url = placement.release, placement.canonical_url
    text, link = quote(release.meta.title, safe=""), quote(url, safe="")
    return (
        Link("WhatsApp", share(release, summary, url).whatsapp),
        Link("Telegram", f"https://t.me/share/url?url={link}&text={text}"),
        Link("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={link}"),
        Link("X", f"https://x.com/intent/post?url={link}&text={text}"),
        Link("Surel", f"mailto:?subject={text}&body={link}"),
    )


def json_ld(data: dict[str, Any] | list[dict[str, Any]]) -> Markup:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so
    no text can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def release_jsonld(
    placement: Placement, rendered: Rendered, image_url: str | None, *, bylines: bool = False
) -> Markup:
    """NewsArticle (with `correction` notes), plus ClaimReview for hoax clarifications
    and Legislation for a release announcing a regulation. `bylines`: the article's
    authors are the officers credited as writers (names only)."""
    release, meta = placement.release, placement.release.meta
    office = {"@type": "GovernmentOrganization", "name": release.office.name}
    people = [{"@type": "Person", "name": name} for name in writers(release)] if bylines else []
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.title,
        "description": rendered.summary,
        "datePublished": iso(release.released),
        "dateModified": iso(release.modified),
        "inLanguage": "id",
        "articleSection": CATEGORY_LABELS[meta.category],
        "author": people or office,
        "publisher": office,
        "mainEntityOfPage": placement.canonical_url,
        "url": placement.canonical_url,
        "wordCount": rendered.words,
    }
    if image_url:
        article["image"] = image_url
    if meta.updates:
        article["correction"] = [
            {"@type": "CorrectionComment", "text": u.note, "datePublished": iso(u.date)}
            for u in meta.updates
        ]
    items: list[dict[str, Any]] = [article]
    if meta.claim is not None:
        label, rating = VERDICT_LABELS[meta.claim.verdict]
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": placement.canonical_url,
                "claimReviewed": meta.claim.text,
                "datePublished": iso(release.released),
                "author": office,
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": [
                        {"@type": "CreativeWork", "name": name} for name in meta.claim.appeared_in
                    ],
                },
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": rating,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": label,
                },
            }
        )
    regulation = legislation_jsonld(placement, office)
    if regulation is not None:
        items.append(regulation)
    return json_ld(items if len(items) > 1 else article)
