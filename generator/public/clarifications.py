"""Clarifications of hoaxes, as the public lists show them: the entries of a site's
clarification index (`/klarifikasi/`) and the one a provincial home page puts at its
top while it is fresh.

A hoax must be answered quickly and where it spreads: for FRESH_WINDOW (72 hours)
after it became public, the newest clarification of a province's own offices heads
that province's home page. Whether a clarification is fresh depends on the build's
`now` alone, so the site fingerprint reads `is_fresh` for every shown release
(generator.public.fingerprint, `Input.FRESH`): the build after the window closes
rebuilds the home page without it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from generator.content.dates import format_day, format_long, iso
from generator.content.model import Release
from generator.public.sites import Placement, Site
from generator.public.views import CLARIFICATION, ClaimEntry, verdict_label

CATEGORY = CLARIFICATION
FRESH_WINDOW = timedelta(hours=72)


def is_clarification(release: Release) -> bool:
    return release.meta.category == CATEGORY and release.meta.claim is not None


def is_fresh(release: Release, now: datetime) -> bool:
    """A clarification that became public less than FRESH_WINDOW before `now`."""
    return is_clarification(release) and now - FRESH_WINDOW < release.released <= now


def clarifications(listed: list[Placement]) -> list[Placement]:
    """The listed clarifications, newest first (as `listed` is)."""
    return [p for p in listed if is_clarification(p.release)]


def fresh_alert(site: Site, listed: list[Placement], now: datetime) -> Placement | None:
    """The newest clarification of the province's own offices (not a syndicated central
    one: those are the national site's to carry) while it is fresh; None on the
    national site. `listed`: the site's listed releases, or only those of the
    clarifications' category (newest first either way)."""
    if site.is_national:
        return None
    for placement in clarifications(listed):
        release = placement.release
        if release.office.province == site.province and is_fresh(release, now):
            return placement
    return None


def claim_entry(release: Release, root: str) -> ClaimEntry:
    """`release` (a clarification) as a list shows it; `root`: the site's root path."""
    claim = release.meta.claim
    assert claim is not None
    zone = release.office.zone
    return ClaimEntry(
        title=release.meta.title,
        href=root + release.url,
        claim=claim.text,
        verdict=verdict_label(release),
        iso=iso(release.meta.date),
        day=format_day(release.meta.date, zone),
        date_long=format_long(release.meta.date, zone),
        office=release.office.name,
    )
