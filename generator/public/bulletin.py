"""The weekly bulletin's editions: which weeks a site has, what each prints, in what
order, and how much fits on four A4 pages. Pure data: no templates, no files.

For the Penyuluh Informasi Publik, who print it, photocopy it and read it aloud where
the internet does not reach. The rules, and why:

- **Weeks follow the site's zone** (ISO weeks, Monday 00.00 to Sunday 24.00 on the
  wall clock of the site's province: a Maluku site's week ends at Sunday 24.00 WIT; the
  national site's in WIB). A release belongs to the week it became public in
  (`Release.released`: its date, or its embargo's end if later).
- **A week that is over never changes again.** A static build recomputes everything
  from the content, so an edition must be a function of the content that gives the same
  answer for a past week whatever `now` is and whatever happened after it. So a past
  week's edition is read "as of its end": it lists the releases that became public in
  it and were not withdrawn before it ended; a correction (`updates`) or withdrawal
  (`withdrawn_at`) dated after the week does not touch it, but is printed as a "Ralat"
  on the edition of the week it happened in (one made during the running week is in
  that week's Ralat too: the running edition may have been printed already). Nothing
  here reads `now` for a past week, so incremental and clean builds agree. Limits,
  said plainly: the texts are those of the release files (an office corrects through
  `updates`, which the Ralat prints; a silent edit shows in the old week); a withdrawal
  without `withdrawn_at` (older than that field) has no date: it is dated by its last
  update for whether it was in a week, and printed in no Ralat; the national desk's
  curation has no dates, so curating a release later can reorder its old week.
- **The current week** is an edition too, marked as running ("berjalan") until it ends.
- **Order:** the national desk's picks first (in curation order), then clarifications
  (`klarifikasi`), then regulations (`produk-hukum`), then the rest; newest first in each.
- **Four A4 pages:** the items are laid out on four pages by a measured budget (lines
  of 12 pt text, an item never split across pages, never shorter than its QR code);
  whatever does not fit is counted and named as on the site. A test renders the real
  PDF of the worst case and counts its pages.
- **Kept for** `KEPT_WEEKS` weeks (a PDF per week is costly to make; older weeks stay
  in the site's month archives).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from generator.content.dates import MONTHS
from generator.content.model import Release
from generator.content.provinces import WIB, WIT, WITA, Zone, zone_for
from generator.content.repository import Repository
from generator.public.sites import Placement, Site

KEPT_WEEKS = 8  # the current week and the seven before it

# Categories with a place of their own in the order (generator.content.vocabulary).
CLARIFICATION, REGULATION = "klarifikasi", "produk-hukum"

# The measured budget (themes/lite/partials/bulletin_pdf.html: A4, 12 pt, 15 mm margins;
# checked by rendering the worst case in tests/generator/public/outputs/test_bulletin.py).
PAGES = 4
PAGE_LINES = 46  # lines of 12 pt body text an A4 page holds inside its margins
MASTHEAD_LINES = 7  # the first page's title, week and how-to-read lines
LINE_CHARS = 72  # characters of body text on a line (beside the QR code, then under it)
META_CHARS = 64  # characters of the date line beside the QR code
TITLE_CHARS = 46  # characters of the bold 14 pt title on a line
ITEM_FLOOR = 8  # an item is never shorter than its QR code and address
ITEM_GAP = 1.5  # the rule and space between two items
SUMMARY_CHARS = 420  # a printed summary is cut to this (the QR code leads to the rest)
CLAIM_CHARS = 280  # a printed claim too
RALAT_LINES = 3  # a Ralat entry: its title, its note, its address
MAX_RALAT = 8  # Ralat entries printed, on the first page under the masthead


@dataclass(frozen=True)
class Week:
    """An ISO week on the wall clock of `zone`: [start, end)."""

    year: int
    number: int
    zone: Zone
    start: datetime
    end: datetime

    @property
    def slug(self) -> str:
        """`2026-w48`: the edition's folder."""
        return f"{self.year}-w{self.number:02d}"

    @property
    def label(self) -> str:
        return f"Minggu ke-{self.number} Tahun {self.year}"

    @property
    def span(self) -> str:
        """`23–29 November 2026`, `30 November – 6 Desember 2026` (wall-clock days)."""
        first, last = self.start, self.end - timedelta(days=1)
        if first.year != last.year:
            return f"{_day(first)} {first.year} – {_day(last)} {last.year}"
        if first.month != last.month:
            return f"{_day(first)} – {_day(last)} {last.year}"
        return f"{first.day}–{_day(last)} {last.year}"

    @property
    def closes(self) -> str:
        """When it ends, as a reader says it: `Minggu 29 November 2026 pukul 24.00 WIT`."""
        last = self.end - timedelta(days=1)
        return f"Minggu {_day(last)} {last.year} pukul 24.00 {self.zone.abbreviation}"

    def holds(self, instant: datetime) -> bool:
        return self.start <= instant < self.end


def _day(local: datetime) -> str:
    return f"{local.day} {MONTHS[local.month - 1]}"


def week_of(instant: datetime, zone: Zone) -> Week:
    """The week holding `instant` on `zone`'s wall clock."""
    local = instant.astimezone(zone.tz)
    year, number, weekday = local.isocalendar()
    monday = local.date() - timedelta(days=weekday - 1)
    start = datetime(monday.year, monday.month, monday.day, tzinfo=zone.tz)
    return Week(year, number, zone, start, start + timedelta(days=7))


@functools.lru_cache(maxsize=8)  # read once per release by the fingerprint, at one `now`
def current_weeks(now: datetime) -> tuple[str, ...]:
    """The week `now` is in, on each zone's wall clock: when it turns, editions change
    (the running one is complete, the oldest kept one goes) with no file changed."""
    return tuple(week_of(now, zone).slug for zone in (WIB, WITA, WIT))


def site_zone(site: Site) -> Zone:
    """A site's weeks follow its province's zone; the national site's, WIB."""
    return zone_for(site.province)


@dataclass(frozen=True)
class Ralat:
    """A correction or withdrawal made in this week to a release of an earlier one."""

    placement: Placement
    when: datetime
    note: str
    withdrawn: bool


@dataclass(frozen=True)
class Edition:
    """One week's bulletin on one site."""

    week: Week
    items: tuple[Placement, ...]  # in print order, capped to four pages
    curated: frozenset[str]  # ids of the items the national desk picked
    left_out: int  # releases of the week that did not fit
    ralat: tuple[Ralat, ...]
    complete: bool  # the week is over: this edition never changes again

    @property
    def updated(self) -> datetime:
        """When what it prints last changed: its week's end once over (so a past
        edition's time is fixed), else its newest item or Ralat."""
        if self.complete:
            return self.week.end
        times = [p.release.released for p in self.items] + [r.when for r in self.ralat]
        return max(times, default=self.week.start)


Summary = Callable[[Release], str]


def editions(
    site: Site, shown: Sequence[Placement], repo: Repository, now: datetime, summary: Summary
) -> list[Edition]:
    """The site's editions of the kept weeks that print anything, newest first.
    `shown`: every release the site shows at `now` (withdrawn ones too); `summary`: a
    release's summary as printed (its length counts in the budget)."""
    zone = site_zone(site)
    current = week_of(now, zone)
    weeks = [week_of(current.start - timedelta(days=7 * back), zone) for back in range(KEPT_WEEKS)]
    # Only what happened in the kept weeks can print: a site shows years of releases.
    public = [p for p in shown if in_span(p.release, weeks[-1].start, current.end)]
    public = [p for p in public if p.release.is_public(now)]
    picks = repo.curation.ids() if repo.curation is not None else []
    found = []
    for week in weeks:
        edition = edition_of(week, public, picks, now, summary)
        if edition.items or edition.ralat:
            found.append(edition)
    return found


def in_span(release: Release, start: datetime, end: datetime) -> bool:
    """Whether `release` came out, or was corrected or withdrawn, between `start` and
    `end`: only then is it an item or a Ralat of an edition of those weeks."""
    meta = release.meta
    if start <= release.released < end:
        return True
    # Most releases were never corrected: no generator made for them (a site's every
    # release is asked, 7,000 a province at 100,000 releases).
    if meta.updates and any(start <= u.date < end for u in meta.updates):
        return True
    gone = meta.withdrawn_at if meta.status == "withdrawn" else None
    return gone is not None and start <= gone < end


def latest(found: Sequence[Edition]) -> Edition | None:
    """What `/buletin/` shows: the newest complete edition (the one to print: it will
    not change), or the running one while no week is over yet."""
    done = [e for e in found if e.complete]
    return done[0] if done else (found[0] if found else None)


def edition_of(
    week: Week,
    public: Iterable[Placement],
    picks: Sequence[str],
    now: datetime,
    summary: Summary,
) -> Edition:
    """The edition of `week` among the `public` placements of a site (in the order
    of the national desk's `picks`)."""
    complete = week.end <= now
    # As of the week's end, or of now while it runs (a withdrawal today takes it off).
    as_of = week.end if complete else now
    members, ralat = [], []
    for placement in public:
        release = placement.release
        if release.released >= week.end:
            continue
        if week.holds(release.released) and not _withdrawn_by(release, as_of):
            members.append(placement)
        ralat += _ralat(placement, week, as_of)
    ordered = _in_print_order(members, picks)
    ralat.sort(key=lambda r: (r.when, r.placement.release.id))
    del ralat[MAX_RALAT:]  # the oldest first; the rest are on the releases' own pages
    items = fit(ordered, len(ralat), summary)
    curated = frozenset(p.release.id for p in items if p.release.id in picks)
    return Edition(week, items, curated, len(ordered) - len(items), tuple(ralat), complete)


def _withdrawn_by(release: Release, instant: datetime) -> bool:
    return release.meta.status == "withdrawn" and release.withdrawn < instant


def _ralat(placement: Placement, week: Week, as_of: datetime) -> list[Ralat]:
    """The corrections and the withdrawal of a release (of this week or an earlier one)
    dated in `week`: a reader who printed the running edition, or an earlier one,
    learns of them here. A withdrawal without `withdrawn_at` has no date to be placed
    at, so it is printed nowhere (its page still says it)."""
    meta = placement.release.meta
    found = [
        Ralat(placement, u.date, u.note, withdrawn=False)
        for u in meta.updates
        if week.holds(u.date) and u.date < as_of
    ]
    gone = meta.withdrawn_at if meta.status == "withdrawn" else None
    if gone is not None and week.holds(gone) and gone < as_of:
        reason = meta.withdrawn_reason or "Rilis ini ditarik oleh kantornya."
        found.append(Ralat(placement, gone, reason, withdrawn=True))
    return found


def _in_print_order(members: list[Placement], picks: Sequence[str]) -> list[Placement]:
    rank = {release_id: index for index, release_id in enumerate(picks)}

    def order(placement: Placement) -> tuple[int, int, float, str]:
        release = placement.release
        if release.id in rank:
            return (0, rank[release.id], 0.0, release.id)
        group = {CLARIFICATION: 1, REGULATION: 2}.get(release.meta.category, 3)
        return (group, 0, -release.released.timestamp(), release.id)

    return sorted(members, key=order)


def clipped(text: str, limit: int) -> str:
    """`text` cut at a word to at most `limit` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def item_lines(release: Release, summary: str) -> float:
    """How many lines of 12 pt text `release` takes on the page, with the gap after it."""
    meta = release.meta
    title = len(meta.title) + (16 if meta.claim else 0)  # `[DISINFORMASI] `
    lines = math.ceil(title / TITLE_CHARS) * 1.2
    # The date line: a long date, the office and the category.
    lines += math.ceil((40 + len(release.office.name) + len(meta.category)) / META_CHARS)
    lines += math.ceil(len(clipped(summary, SUMMARY_CHARS)) / LINE_CHARS)
    if meta.claim is not None:  # the box: its border and padding, the claim, the verdict
        lines += 2.5 + math.ceil(len(clipped(meta.claim.text, CLAIM_CHARS)) / LINE_CHARS)
    lines += 1  # the address
    return max(ITEM_FLOOR, lines) + ITEM_GAP


def fit(ordered: Sequence[Placement], ralat: int, summary: Summary) -> tuple[Placement, ...]:
    """The first of `ordered` that the four pages hold, laid out in order, an item
    never split (a page's rest left empty when the next does not fit); `ralat`: how
    many Ralat entries the first page prints under the masthead."""
    free = [float(PAGE_LINES)] * PAGES
    free[0] -= MASTHEAD_LINES + (ralat * RALAT_LINES + 2 if ralat else 0)
    page, chosen = 0, []
    for placement in ordered:
        release = placement.release
        need = item_lines(release, summary(release))
        while page < PAGES and free[page] < need:
            page += 1
        if page == PAGES:
            break
        free[page] -= need
        chosen.append(placement)
    return tuple(chosen)
