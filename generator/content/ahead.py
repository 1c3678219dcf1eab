"""Dates ahead of the clock: a mistyped year, or a record of something not yet done.

A `date` in the future publishes at once (nothing hides it) and stays on top of
every list and feed until that day, so it is an error unless `publish_at` says the
release is scheduled. `withdrawn_at` and correction dates record what happened:
ahead of the clock they are mistakes too (feeds would date a tombstone later than
it was served).

`FUTURE_TOLERANCE`: a day. Clocks of office machines drift, a writer may type the
time of another zone (WIT is 2 hours ahead of WIB), and the sync stamps a
withdrawal at a release's date when that date is later than its clock: whatever
`date` may be ahead by, `withdrawn_at` must be allowed too. A mistyped year is
always far beyond a day.

Checked against the `now` the command took (`--now` or its clock), never in the
parse cache: the verdict changes with the day.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from itertools import compress

from generator.content.dates import format_input
from generator.content.model import Release
from generator.content.problems import Report, Severity
from generator.content.provinces import Zone
from generator.util.sameobjects import Rederived

FUTURE_TOLERANCE = timedelta(days=1)


# Refusals that the clock alone lifts: the sync reads such a version again at its next
# run (the release arrives when due, with no new commit from the office).
AHEAD_CODES = frozenset(
    {
        "date_ahead",
        "withdrawn_at_ahead",
        "update_ahead",
        "regulation_year_ahead",
        "regulation_enacted_ahead",
    }
)


# The instant each release of the last `not_ahead` call passed at (None: refused),
# that call's instant (holding the objects keeps their ids from being reused).
_passed: Rederived[Release, datetime | None] = Rederived()
_passed_at: list[datetime] = []


def not_ahead(releases: list[Release], now: datetime, report: Report) -> list[Release]:
    """`releases` without those that have a date too far ahead of `now`, reported.

    A release object that passed at an instant no later than `now` passes again
    unchecked: each check is "later than now and a day" or "in a year after now's",
    which a later `now` only makes harder to fail. `newsroom watch` loads again at every
    build and gets the same objects back from the parse cache, in the same order but
    for the offices a sync changed: only theirs are checked (checking all 100,000 took
    0.3 s of each push's load; looking each up, 0.09 s). A release refused is checked
    again, and reported again. This holds while `check_ahead` reports nothing for a
    release it passes (all it reports are errors): a warning there would be said only
    at the first load."""
    if _passed_at and now < _passed_at[0]:  # a clock set back: passes after it do not hold
        _passed.revise(lambda at: at if at is not None and at <= now else None)
    _passed_at[:] = [now]

    def passed_at(release: Release) -> datetime | None:
        return now if check_ahead(release, now, report) else None

    passed = _passed.of(releases, passed_at, again=None)
    if None not in passed:
        return list(releases)
    return list(compress(releases, [at is not None for at in passed]))


def check_ahead(release: Release, now: datetime, report: Report) -> bool:
    """Report dates too far ahead of `now`; False when there is one."""
    meta, zone = release.meta, release.office.zone
    limit = now + FUTURE_TOLERANCE
    # Only what this adds is counted: `report` may be a whole repository's, and counting
    # all its errors per release made a check of 10,000 releases with 20,000 warnings (a
    # phone photo each, photocheck) take 8 minutes instead of seconds.
    before = len(report.problems)
    shown_now = _now_shown(now, zone)

    def line(name: str) -> int:
        return release.lines.get(name, 2)

    scheduled = meta.publish_at is not None and meta.publish_at >= meta.date
    if meta.date > limit and not scheduled:
        shown = _shown(meta.date, zone)
        report.add(release.path, line("date"), "date", "date_ahead", shown, now=shown_now)
    if meta.withdrawn_at is not None and meta.withdrawn_at > limit:
        shown = _shown(meta.withdrawn_at, zone)
        field = "withdrawn_at"
        report.add(release.path, line(field), field, "withdrawn_at_ahead", shown, now=shown_now)
    for index, update in enumerate(meta.updates, start=1):
        if update.date > limit:
            shown = _shown(update.date, zone)
            name = f"updates[{index}].date"
            report.add(release.path, line("updates"), name, "update_ahead", shown, now=shown_now)
    _regulation_ahead(release, now, report, shown_now)
    return not any(p.severity is Severity.ERROR for p in report.problems[before:])


@functools.lru_cache(maxsize=8)
def _now_shown(now: datetime, zone: Zone) -> str:
    """`now` as a message names it in `zone`: one build has one `now` and three zones,
    and formatting it for each of 10,000 releases was a tenth of loading them."""
    return f"{format_input(now, zone)} {zone.abbreviation}"


def _shown(instant: datetime, zone: Zone) -> str:
    """The date as the writer types it; one at the very end of what datetime holds
    (let through only by a bug) as written, with its own offset, rather than a crash:
    the build's isolation names such a release (generator.public.isolate)."""
    try:
        return format_input(instant, zone)
    except OverflowError:
        return instant.isoformat(sep=" ", timespec="minutes")


def _regulation_ahead(release: Release, now: datetime, report: Report, shown_now: str) -> None:
    """A regulation numbered in a year not yet begun, or enacted after tomorrow: a typo
    (an announced regulation is one already enacted)."""
    regulation, zone = release.meta.regulation, release.office.zone
    if regulation is None:
        return

    def line(name: str) -> int:
        return release.lines.get(f"regulation.{name}", release.lines.get("regulation", 2))

    if regulation.year > now.astimezone(zone.tz).year:
        year = str(regulation.year)
        field = "regulation.year"
        report.add(
            release.path,
            line("year"),
            field,
            "regulation_year_ahead",
            year,
            year=year,
            now=shown_now,
        )
    enacted = regulation.enacted
    if enacted is not None and enacted > now + FUTURE_TOLERANCE:
        field = "regulation.enacted"
        shown = _shown(enacted, zone)
        report.add(
            release.path, line("enacted"), field, "regulation_enacted_ahead", shown, now=shown_now
        )
