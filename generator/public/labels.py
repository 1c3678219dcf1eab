"""The public pages' own wording (Indonesian, as every public page): page titles,
descriptions, intros and the office preview's notes. Templates place these texts;
they are made here, where they can be read and tested together."""

from __future__ import annotations

from datetime import datetime

from generator.content.dates import format_day, format_long
from generator.public.archives import Archive, ArchivePage
from generator.public.sites import Placement, Site

HOME_TITLE = "Beranda"
TAGLINE = "Rilis resmi humas pemerintah"
ALL_BY_MONTH = "Semua rilis menurut bulan →"


def home_description(site: Site) -> str:
    return f"{TAGLINE} — {site.title}."


def titled(title: str, site: Site) -> str:
    """A page's title followed by the site's, as its description: `Berita — Maluku`."""
    return f"{title} — {site.title}"


def feed_title(site: Site, archive: Archive) -> str:
    """An archive's feed is named site first, as a reader lists it: `Maluku — Berita`."""
    return f"{site.title} — {archive.title}"


def archive_intro(archive: Archive, page: ArchivePage) -> str:
    """The front page counts the archive; a numbered page names only itself, so it keeps
    its bytes when releases arrive (a total would rewrite every numbered page)."""
    if page.number is None:
        return f"{len(archive.items)} rilis"
    zone = page.items[0].release.office.zone
    first = format_day(page.items[-1].release.meta.date, zone)
    last = format_day(page.items[0].release.meta.date, zone)
    return f"Halaman {page.number}: {first}" + (f" – {last}" if last != first else "")


def preview_note(placement: Placement, now: datetime) -> str | None:
    """Why an office preview shows a release the public site would not (yet)."""
    meta = placement.release.meta
    if meta.status == "draft":
        return "rilis ini masih draf; ubah status: draft menjadi status: published agar terbit."
    if meta.publish_at and meta.publish_at > now:
        zone = placement.release.office.zone
        return f"rilis ini diembargo sampai {format_long(meta.publish_at, zone)}."
    return None
