"""The offices' report, as data, for the central desk: per office, its releases of the
period by month and category, its clarifications and regulations, the share that
reached beyond its own province's site, and the days since its last release.

Counted as in the officers' report: releases public at `now` whose date line falls in
the period on the office's clock; withdrawn ones apart. "Nasional" is, for a regional
office, the share the national desk curated onto the national site; for a central
office, the share the provincial sites carry (all of them with `syndication: all`, the
curated ones with `syndication: curated`). The days since the last release look at
every release public at `now`, not only those of the period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from operator import attrgetter

from generator.content.dates import format_day
from generator.content.model import Release
from generator.content.repository import Repository
from generator.content.schema import Office
from generator.content.syndication import SYNDICATE_ALL
from generator.content.vocabulary import CATEGORIES, CATEGORY_LABELS, REGULATION_CATEGORY
from generator.report.officers import pick_offices
from generator.report.period import Period, local_day

CURATED = "dikurasi ke situs nasional"
SYNDICATED = "tayang di situs provinsi"


@dataclass(frozen=True)
class MonthCounts:
    month: str  # yyyy-mm
    total: int
    counts: tuple[tuple[str, int], ...]  # (category label, releases), vocabulary order


@dataclass(frozen=True)
class OfficeRow:
    office_id: str
    office_name: str
    level: str
    zone: str
    total: int
    withdrawn: int
    clarifications: int
    regulations: int
    national: int
    national_kind: str
    last_release: str  # `2 November 2026`, or "-"
    days_since: int | None
    months: tuple[MonthCounts, ...]
    by_category: tuple[tuple[str, int], ...]

    @property
    def national_percent(self) -> int:
        return round(100 * self.national / self.total) if self.total else 0


@dataclass(frozen=True)
class OfficesReport:
    period: Period
    now: datetime
    rows: tuple[OfficeRow, ...]

    @property
    def most(self) -> int:
        """The largest office's releases: the bars' full length."""
        return max((row.total for row in self.rows), default=0)


# An office's row, made by `_office_row` from what `_row_key` names, or kept from a
# build before under that key (the desk: generator.desk.deskmemo).
RowMaker = Callable[[tuple[object, ...], Callable[[], OfficeRow]], OfficeRow]


@dataclass(frozen=True)
class _Counting:
    """What every office's row is counted by, besides the office and its releases."""

    period: Period
    now: datetime
    curated: frozenset[str]
    syndication: str


def offices_report(
    repo: Repository,
    period: Period,
    now: datetime,
    syndication: str = SYNDICATE_ALL,
    office_id: str | None = None,
    kept: RowMaker | None = None,
) -> OfficesReport:
    curated = frozenset(repo.curation.ids()) if repo.curation else frozenset()
    counting = _Counting(period, now, curated, syndication)
    public: dict[str, list[Release]] = {}
    ahead: dict[str, list[str]] = {}  # by office: public releases not out yet at `now`
    for release in repo.releases:
        if release.is_public(now):
            public.setdefault(release.office.id, []).append(release)
            # Public, so any embargo is over: out at `now` unless dated after it.
            if release.meta.date > now:
                ahead.setdefault(release.office.id, []).append(release.id)
    curated_of: dict[str, list[str]] = {}
    for release_id in sorted(curated):
        curated_of.setdefault(release_id.split("/", 1)[0], []).append(release_id)
    rows = []
    for office in pick_offices(repo, office_id):
        shown = public.get(office.id, [])
        make = partial(_office_row, office, shown, counting)
        if kept is None:
            rows.append(make())
            continue
        facts = (tuple(curated_of.get(office.id, ())), tuple(ahead.get(office.id, ())))
        rows.append(kept(_row_key(office, shown, facts, counting), make))
    return OfficesReport(period, now, tuple(rows))


_FILE = attrgetter("id", "digest")


def _row_key(
    office: Office, public: list[Release], facts: tuple[object, ...], counting: _Counting
) -> tuple[object, ...]:
    """Everything `_office_row` reads: the office, each of its public releases' file (its
    hash covers every field counted), which of them are curated and which not out yet at
    `now` (`facts`: the office's curated ids, those of its releases dated after `now`),
    the period, the syndication and `now`'s day on the office's clock. Pairs made in C,
    not a tuple of four a release in Python: 23 ms of each desk build at 10,000."""
    period, today = counting.period, local_day(counting.now, office.zone)
    files = tuple(map(_FILE, public))
    return (repr(office), files, facts, period.first, period.last, counting.syndication, today)


def _office_row(office: Office, public: list[Release], counting: _Counting) -> OfficeRow:
    period, now, curated = counting.period, counting.now, counting.curated
    # The period's bounds on the office's clock, once (all of `public` is the office's):
    # not again for each of its releases, 10,000 a desk build.
    start, end = period.bounds(office.zone)
    inside = [r for r in public if start <= r.meta.date < end]
    counted = [r for r in inside if r.meta.status != "withdrawn"]
    by_month: dict[str, list[Release]] = {}
    for release in counted:
        by_month.setdefault(_month_of(release), []).append(release)
    if office.is_central:
        everywhere = counting.syndication == SYNDICATE_ALL
        national = len(counted) if everywhere else _curated(counted, curated)
    else:
        national = _curated(counted, curated)
    listed = [r for r in public if r.meta.status != "withdrawn" and r.released <= now]
    last = max(listed, key=lambda r: r.chronological) if listed else None
    zone = office.zone
    days = (
        None
        if last is None
        else max(0, (local_day(now, zone) - local_day(last.meta.date, zone)).days)
    )
    return OfficeRow(
        office_id=office.id,
        office_name=office.name,
        level=office.level,
        zone=zone.abbreviation,
        total=len(counted),
        withdrawn=len(inside) - len(counted),
        clarifications=sum(r.meta.category == "klarifikasi" for r in counted),
        regulations=sum(
            r.meta.category == REGULATION_CATEGORY and r.meta.regulation is not None
            for r in counted
        ),
        national=national,
        national_kind=SYNDICATED if office.is_central else CURATED,
        last_release=format_day(last.meta.date, zone) if last else "-",
        days_since=days,
        months=tuple(_month(month, by_month.get(month, [])) for month in period.months()),
        by_category=_by_category(counted),
    )


def _curated(releases: list[Release], curated: frozenset[str]) -> int:
    return sum(r.id in curated for r in releases)


def _month(month: str, found: list[Release]) -> MonthCounts:
    """`found`: the office's releases counted in `month`."""
    return MonthCounts(month, len(found), _by_category(found))


def _month_of(release: Release) -> str:
    local = local_day(release.meta.date, release.office.zone)
    return f"{local.year:04d}-{local.month:02d}"


def _by_category(releases: list[Release]) -> tuple[tuple[str, int], ...]:
    if not releases:  # most months of most offices: the desk counts 536 offices x 6
        return _NONE
    counts = Counter(r.meta.category for r in releases)  # one pass, not one a category
    return tuple((CATEGORY_LABELS[c], counts[c]) for c in CATEGORIES)


_NONE = tuple((CATEGORY_LABELS[c], 0) for c in CATEGORIES)
