"""The officers' report, as data: for each officer, the releases of the period that
credit them (one row per role), those withdrawn apart, and the totals per activity.

What counts: a release public at the command's `now` (a draft never; an embargoed one
once its embargo has lifted), whose date line falls in the period on its office's
clock. A withdrawn release is listed apart, with its reason, and counts in no total:
it was published, and then taken back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from generator.content.dates import format_input, format_long
from generator.content.model import Release
from generator.content.repository import Repository
from generator.content.schema import Office, Officer
from generator.content.vocabulary import CATEGORY_LABELS, CREDIT_ROLE_LABELS
from generator.report.activities import ActivityTable, shipped_table
from generator.report.addresses import Addresses
from generator.report.period import Period, ReportError

# Words of the body as a reader reads them: link targets, HTML tags and bare addresses
# are left out; "1.200" and "Kutai-Timur" are one word each.
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+")
_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")


@dataclass(frozen=True)
class Row:
    """One role of an officer on one release."""

    release_id: str
    date: datetime  # as written, in the office's zone
    when: str  # `Senin, 2 November 2026 10.00 WITA`
    local: str  # `2026-11-02 10:00`, the office's clock
    zone: str  # WIB, WITA or WIT
    title: str
    category: str
    category_label: str
    role: str
    role_label: str
    activity: str
    words: int
    photos: int
    url: str
    withdrawn_reason: str | None = None


@dataclass(frozen=True)
class Total:
    activity: str
    releases: int
    words: int
    photos: int


@dataclass(frozen=True)
class OfficerReport:
    office: Office
    officer: Officer
    rows: tuple[Row, ...]
    withdrawn: tuple[Row, ...]
    totals: tuple[Total, ...]

    @property
    def releases(self) -> int:
        """Releases counted (a release with two roles of the officer counts once)."""
        return len({row.release_id for row in self.rows})


@dataclass(frozen=True)
class OfficersReport:
    period: Period
    now: datetime
    officers: tuple[OfficerReport, ...]
    source: str  # where the activity names come from


def pick_offices(repo: Repository, office_id: str | None) -> list[Office]:
    """The offices a report covers: the one named, or every office of the repository."""
    if office_id is None:
        return sorted(repo.offices.values(), key=lambda office: office.id)
    office = repo.offices.get(office_id)
    if office is None:
        known = ", ".join(sorted(repo.offices)) or "-"
        raise ReportError("report_unknown_office", value=office_id, known=known)
    return [office]


def pick_officers(offices: list[Office], officer_id: str | None) -> list[tuple[Office, Officer]]:
    """Every officer of `offices`, or the one named (in one of them, and only one)."""
    listed = [(office, officer) for office in offices for officer in office.officers]
    if officer_id is None:
        return listed
    found = [(office, officer) for office, officer in listed if officer.id == officer_id]
    if not found:
        known = ", ".join(sorted({officer.id for _, officer in listed})) or "-"
        raise ReportError("report_unknown_officer", value=officer_id, known=known)
    if len(found) > 1:
        where = ", ".join(office.id for office, _ in found)
        raise ReportError("report_officer_ambiguous", value=officer_id, offices=where)
    return found


def officers_report(
    repo: Repository,
    period: Period,
    now: datetime,
    addresses: Addresses,
    office_id: str | None = None,
    officer_id: str | None = None,
    table: ActivityTable | None = None,
) -> OfficersReport:
    """The report of each officer chosen, in office then officer order."""
    table = table or shipped_table()
    chosen = pick_officers(pick_offices(repo, office_id), officer_id)
    by_office: dict[str, list[Release]] = defaultdict(list)
    for release in sorted(repo.releases, key=lambda r: r.chronological):
        if release.is_public(now) and period.holds(release):
            by_office[release.office.id].append(release)
    reports = []
    for office, officer in chosen:
        names = table.for_office(office)
        rows = [
            _row(release, role, names, addresses)
            for release in by_office[office.id]
            for role, ids in release.meta.credits
            if officer.id in ids
        ]
        kept = tuple(row for row in rows if row.withdrawn_reason is None)
        apart = tuple(row for row in rows if row.withdrawn_reason is not None)
        reports.append(OfficerReport(office, officer, kept, apart, totals(kept)))
    return OfficersReport(period, now, tuple(reports), table.source)


def totals(rows: tuple[Row, ...]) -> tuple[Total, ...]:
    """Per activity, by its name: the releases, their words and photos."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row.activity].append(row)
    return tuple(
        Total(name, len(found), sum(r.words for r in found), sum(r.photos for r in found))
        for name, found in sorted(grouped.items())
    )


def _row(release: Release, role: str, names: ActivityTable, addresses: Addresses) -> Row:
    meta, zone = release.meta, release.office.zone
    withdrawn = (meta.withdrawn_reason or "-") if meta.status == "withdrawn" else None
    return Row(
        release_id=release.id,
        date=meta.date,
        when=format_long(meta.date, zone),
        local=format_input(meta.date, zone),
        zone=zone.abbreviation,
        title=meta.title,
        category=meta.category,
        category_label=CATEGORY_LABELS[meta.category],
        role=role,
        role_label=CREDIT_ROLE_LABELS[role],
        activity=names.name(meta.category, role),
        words=word_count(release.body),
        photos=len(release.pictures),
        url=addresses.of(release),
        withdrawn_reason=withdrawn,
    )


def word_count(markdown: str) -> int:
    """The words a reader reads in the body (see `_WORD`)."""
    text = _ADDRESS.sub(" ", _TAG.sub(" ", _LINK_TARGET.sub("] ", markdown)))
    return len(_WORD.findall(text))


def spaced_nip(nip: str) -> str:
    """`19900101 201501 2 011`: the NIP in its parts, as forms print it."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
