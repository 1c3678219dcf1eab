"""The editors' desk: every synced release with its badges, warnings, the national
feed as it will appear and each office's health, as Markdown pages for Material.

Pages are generated into the desk build's own docs folder. This module decides what
each page shows (`generator.desk.views`); the templates of `themes/desk/pages/` lay
it out and escape every text (`generator.desk.templates`). Texts from releases or
offices are written on one line (the desk is built by Material, whose templates do
not autoescape, and a blank line would end an HTML block and let Markdown read the
rest), and release bodies are never shown. Drafts and embargoed releases appear only
when the config says so, and link nowhere: their public pages do not exist yet.
Table cells and lines are separated by newlines, so the search index never glues two
words into one.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property, partial
from operator import attrgetter
from typing import Any

from generator.content.dates import MONTHS, format_day, format_long, iso
from generator.content.lastsynced import last_synced
from generator.content.messages import desk_text, word
from generator.content.model import Release
from generator.content.problems import Problem
from generator.content.provinces import WIB, Zone
from generator.content.repository import Repository
from generator.content.runrecords import health, latest_run
from generator.content.schema import DeclinedEntry
from generator.content.sourceurl import public_url
from generator.content.vocabulary import CATEGORY_LABELS
from generator.desk.deskmemo import DeskMemo
from generator.desk.desksite import DeskPage
from generator.desk.queries import (
    NotShown,
    clarifications_first,
    errors_by_office,
    inbox,
    new_undecided,
    not_shown,
    published_ago,
)
from generator.desk.reportpage import offices_report_page
from generator.desk.saying import relative
from generator.desk.templates import health_row, release_row, render_page, unknown_row
from generator.desk.views import (
    Badge,
    Day,
    Health,
    HealthRow,
    Moment,
    Month,
    National,
    OfficeFacts,
    OfficeLink,
    OfficePage,
    OfficesReportPage,
    Overview,
    Refusals,
    ReleaseRow,
    Table,
    Warnings,
    one_line,
)
from generator.public.isolate import blame
from generator.public.sites import (
    NATIONAL,
    Settings,
    Site,
    featured,
    home_key,
    home_latest,
    office_home,
    placements,
)

RELEASE_HEADS = ("col_time", "col_release", "col_office", "col_status")
HEALTH_HEADS = (
    "col_office",
    "col_sync",
    "col_success",
    "col_last_release",
    "col_validation",
    "col_refused",
    "col_error",
)


@dataclass(frozen=True)
class DeskOptions:
    show_embargoed: bool = False
    show_drafts: bool = False
    lang: str = "id"  # the desk's wording (generator.content.messages.DESK)


def _last_error(health: dict[str, Any], lang: str) -> object:
    """The office's last sync error, in Indonesian where the sync had its words."""
    if lang == "id":
        return health.get("last_error_id") or health.get("last_error")
    return health.get("last_error") or health.get("last_error_id")


# Each file a row shows: its id, its hash (the front matter is in the file), where it
# came from (what the desk's notes say of it).
_FILE = attrgetter("id", "digest", "provenance")
Marks = tuple[tuple[object, ...], ...]


class Desk:
    def __init__(
        self,
        repo: Repository,
        sites: dict[str, Site],
        now: datetime,
        options: DeskOptions,
        memo: DeskMemo | None = None,
    ) -> None:
        self.repo, self.sites, self.now, self.options = repo, sites, now, options
        self.lang = options.lang
        self.memo = memo or DeskMemo(None, "")
        root = repo.layout.root
        self.new = new_undecided(repo, now)
        curation = repo.curation.items if repo.curation else ()
        self.curated = {item.entry.id: item.entry for item in curation}
        declined = repo.curation.declined if repo.curation else ()
        self.declined: dict[str, DeclinedEntry] = {entry.id: entry for entry in declined}
        self.shown = [r for r in repo.releases if self._visible(r)]
        self.shown.sort(key=attrgetter("chronological"), reverse=True)
        # Each office's and month's shown releases, newest first: one pass over them all,
        # for the day and office pages, the overview's counts and health's last release.
        self.by_month: dict[str, list[Release]] = defaultdict(list)
        self.by_office: dict[str, list[Release]] = defaultdict(list)
        for release in self.shown:
            self.by_month[release.month].append(release)
            self.by_office[release.office.id].append(release)
        self.records = health(root)
        self.last_sync = last_synced(root, repo.offices)
        self.errors = errors_by_office(repo)
        self._offices: dict[str, tuple[str, str | None]] = {}  # for row keys
        self._row_html_of: dict[tuple[str, bool, str], str] = {}

    def _say(self, code: str, **params: object) -> str:
        return desk_text(code, self.lang, params)

    def _visible(self, release: Release) -> bool:
        meta = release.meta
        if meta.status == "draft":
            return self.options.show_drafts
        if meta.publish_at and meta.publish_at > self.now:
            return self.options.show_embargoed
        return True

    # --- pages -----------------------------------------------------------------

    def pages(self) -> dict[str, DeskPage]:
        """The pages by path, for the desk's docs folder."""
        by_month, by_office = self.by_month, self.by_office
        views = {
            "index.md": ("overview.html", self._overview(sorted(by_month, reverse=True))),
            "nasional.md": ("national.html", self._national()),
            "peringatan.md": ("warnings.html", self._warnings()),
            "kesehatan.md": ("health.html", self._health()),
            "laporan.md": ("offices_report.html", self._offices_report()),
        }
        pages = {
            path: DeskPage(path, self._render(template, view))
            for path, (template, view) in views.items()
        }
        # A day or office page is its rows and a few facts: kept whole while those hold
        # (after one new release, one month and one office of 260 pages are made again).
        marks_of_month, marks_of_office = self._marks()
        for month, releases in by_month.items():
            path = f"hari/{month}.md"
            make = partial(self._render_month, month, releases)
            key = self._rows_key(releases, marks_of_month.get(month, ()))
            pages[path] = self._kept_page(path, key, make)
        for office in self.repo.offices.values():
            path, shown = f"kantor/{office.id}.md", by_office.get(office.id, [])
            facts = self._office_facts(office.id)
            make = partial(self._render_office, office.id, facts, shown)
            # The office itself too: its name heads the page even when no row shows it.
            said = tuple(self._sync_said(office.id))  # what its last sync said of its files
            rows = self._rows_key(shown, marks_of_office.get(office.id, ()))
            pages[path] = self._kept_page(path, (repr(office), facts, said, *rows), make)
        return pages

    def _render(self, template: str, view: object) -> str:
        return render_page(template, view, self.lang)

    def _kept_page(self, path: str, key: tuple[object, ...], make: Callable[[], str]) -> DeskPage:
        """The page at `path` kept from the last build under `key`, or made by `make`."""
        return self.memo.pages.get((path, self.lang, *key), lambda: DeskPage(path, make()))

    def _rows_key(self, releases: list[Release], marks: Marks) -> tuple[object, ...]:
        """All that the rows of a day or office page (`releases`) show, as `_row_key` says
        it of each: every file (its id and hash: the front matter is in it) and where it
        came from, in tuples made in C; every office and its home site (`_offices_key`);
        and what the curation and the clock decide, said only of the few releases they
        concern (`_marks`): not a key of a dozen fields made in Python for each of
        10,000 rows at every build."""
        return (self._offices_key, tuple(map(_FILE, releases)), marks)

    @cached_property
    def _offices_key(self) -> str:
        """Every office as its rows show it, and its home site's URL (their links), in
        one digest: an office renamed or moved makes every day page again (a rare event;
        its own page, keyed by it, too)."""
        facts = []
        for office_id, office in sorted(self.repo.offices.items()):
            home = self.sites.get(office_home(office))
            facts.append((office_id, repr(office), home.url if home is not None else None))
        return hashlib.sha256(repr(facts).encode("utf-8")).hexdigest()

    def _marks(self) -> tuple[dict[str, Marks], dict[str, Marks]]:
        """By month and by office, what the curation and the clock decide of the rows of
        the shown releases they concern: curated (and its entry), declined (and why),
        new, not public (a draft, an embargo: shown only where the config says)."""
        unpublished: set[str] = set()  # none shown unless the config shows them
        if self.options.show_drafts or self.options.show_embargoed:
            unpublished = {r.id for r in self.shown if not r.is_public(self.now)}
        by_month: dict[str, list[tuple[object, ...]]] = defaultdict(list)
        by_office: dict[str, list[tuple[object, ...]]] = defaultdict(list)
        for rid in sorted(self.curated.keys() | self.declined.keys() | self.new | unpublished):
            release = self.repo.release(rid)
            if release is None or not self._visible(release):
                continue
            mark = (rid, *self._decided(release))
            by_month[release.month].append(mark)
            by_office[release.office.id].append(mark)
        months = {month: tuple(marks) for month, marks in by_month.items()}
        return months, {office: tuple(marks) for office, marks in by_office.items()}

    def _overview(self, months: list[str]) -> Overview:
        """`months`: those with releases shown, newest first (`yyyy-mm`)."""
        run = latest_run(self.repo.layout.root)
        waiting = inbox(self.repo, self.now, self.new)
        offices = sorted(self.repo.offices.values(), key=lambda o: o.name)
        return Overview(
            shown=len(self.shown),
            offices=len(self.repo.offices),
            waiting=len(waiting),
            errors=len(self.repo.report.errors),
            warnings=len(self.repo.report.warnings),
            last_sync=self._time(run.get("finished"), WIB, self._say("never")),
            months=tuple((month, self._month_label(month)) for month in months),
            office_links=tuple(
                OfficeLink(
                    office.id,
                    one_line(office.name),
                    len(self.by_office.get(office.id, ())),
                    self._errors(office.id),
                )
                for office in offices
            ),
            waiting_table=self._waiting_table([e.release for e in waiting]),
        )

    def _waiting_table(self, releases: list[Release]) -> Table:
        """The inbox, clarifications first (`queries.inbox`), with how long ago each was
        published by this build's clock (the overview is made at every desk build, and
        the desk's fingerprint holds these ages: generator.public.fingerprint)."""
        rows = [self._waiting_row(release) for release in releases]
        heads = (*RELEASE_HEADS, "col_published")
        return self._make_table(heads, rows, self._say("no_releases"))

    def _waiting_row(self, release: Release) -> str:
        """An inbox row: the release's row and its age, kept while both hold (ages move
        by the hour: the inbox's 300 rows were made again at every desk build)."""
        ago = published_ago(release, self.now, self.lang)
        key = (*self._row_key(release, False, ""), "inbox", ago)
        return self.memo.rows.get(key, lambda: release_row(self._make_row(release, False, ""), ago))

    def _errors(self, office_id: str) -> Badge | None:
        count = self.errors[office_id]
        return Badge(self._say("error_count", count=count), "error") if count else None

    def _month_label(self, month: str) -> str:
        year, number = month.split("-")
        return f"{MONTHS[int(number) - 1]} {year}"

    def _render_month(self, month: str, releases: list[Release]) -> str:
        days: dict[str, list[Release]] = defaultdict(list)
        for release in releases:
            days[format_day(release.meta.date, release.office.zone)].append(release)
        shown = tuple(
            Day(day, self._table(clarifications_first(items), up="../../"), _local_day(items[0]))
            for day, items in days.items()
        )
        return self._render("month.html", Month(self._month_label(month), shown))

    def _render_office(self, office_id: str, facts: OfficeFacts, releases: list[Release]) -> str:
        page = OfficePage(
            self.repo.offices[office_id].name,
            facts,
            tuple(one_line(said) for said in self._sync_said(office_id)),
            self._table(clarifications_first(releases), up="../../"),
        )
        return self._render("office.html", page)

    def _sync_said(self, office_id: str) -> list[str]:
        """What the office's last sync said of its files, in Indonesian where recorded."""
        entry = self.last_sync.get(office_id, {})
        said = entry.get("problems_id") or entry.get("problems") or []
        if self.lang != "id":
            said = entry.get("problems") or entry.get("problems_id") or []
        return [str(line) for line in said]

    def _office_facts(self, office_id: str) -> OfficeFacts:
        office = self.repo.offices[office_id]
        state = self.records.get(office_id, {})
        zone = office.zone
        rejected = self.last_sync.get(office_id, {}).get("rejected") or []
        return OfficeFacts(
            office_id=office.id,
            level=one_line(office.level),
            zone=zone.abbreviation,
            source=one_line(self._source(office_id)),
            last_run=self._time(state.get("last_run"), zone),
            last_success=self._time(state.get("last_success"), zone),
            last_error=one_line(_last_error(state, self.lang) or "-"),
            errors=self.errors[office_id],
            rejected=len(rejected),
        )

    def _source(self, office_id: str) -> str:
        source = self.repo.offices[office_id].source
        if source is None:
            return "-"
        return public_url(source.address)

    def _national(self) -> National:
        """What the public national home shows at this build's clock, chosen by the same
        code as the national site itself: the desk's picks, then the latest releases."""
        site = self.sites.get(NATIONAL)
        if site is None:
            return National()
        # The national site's releases do not depend on the settings (syndication
        # concerns provincial sites only), so the defaults choose them exactly.
        shown = placements(site, self.repo, self.sites, Settings(), self.now)
        listed = [p for p in shown if p.release.is_listed(self.now)]
        picks = featured(self.repo, listed, self.now)
        latest = [p.release for p in home_latest(listed, picks)]
        hidden = [h for h in not_shown(self.repo, self.now) if self._tellable(h)]
        return National(
            picks=self._table([f.placement.release for f in picks], headlines=True),
            latest=self._table(latest),
            shown=len(latest),
            listed=len(listed),
            hidden=self._hidden_table(hidden),
        )

    def _tellable(self, hidden: NotShown) -> bool:
        """Drafts and embargoed releases are named only where the config shows them."""
        return hidden.release is None or self._visible(hidden.release)

    def _hidden_table(self, hidden: list[NotShown]) -> Table:
        rows = []
        for entry in hidden:
            reason = one_line(entry.reason(self.lang))
            if entry.release is not None:
                row = self._make_row(entry.release, True, "../")
                rows.append(release_row(row, reason))
            else:  # no valid release: only its id is known
                curated = Badge(self._say("badge_curated"), "curated")
                rows.append(unknown_row(one_line(entry.release_id), curated, reason))
        heads = (*RELEASE_HEADS, "col_why_hidden")
        return self._make_table(heads, rows, self._say("none"))

    def _make_table(
        self,
        heads: tuple[str, ...],
        rows: Sequence[str],
        empty: str | None,
        kind: str = "nr-releases",
    ) -> Table:
        return Table(tuple(self._say(head) for head in heads), tuple(rows), empty, kind)

    def _warnings(self) -> Warnings:
        root = self.repo.layout.root
        problems: list[Problem] = self.repo.report.sorted()
        offices = []
        for office in sorted(self.repo.offices.values(), key=lambda o: o.id):
            entry = self.last_sync.get(office.id, {})
            found = self._sync_said(office.id)
            if found:
                when = self._time(entry.get("finished"), office.zone)
                # A record from before the sync kept its messages in Indonesian too.
                old = self.lang == "id" and not entry.get("problems_id")
                said = tuple(one_line(line) for line in found)
                offices.append(Refusals(office.name, when, old, said))
        shown = tuple(one_line(relative(p, root).format(self.lang)) for p in problems)
        return Warnings(shown, tuple(offices))

    def _health(self) -> Health:
        rows = []
        for office in sorted(self.repo.offices.values(), key=lambda o: o.id):
            state: dict[str, Any] = self.records.get(office.id, {})
            shown = self.by_office.get(office.id)  # newest first
            latest = shown[0].meta.date if shown else None
            error = _last_error(state, self.lang)
            rejected = len(self.last_sync.get(office.id, {}).get("rejected") or [])
            refused = self._say("badge_refused", count=rejected)
            row = HealthRow(
                office_id=office.id,
                name=one_line(office.name),
                last_run=self._time(state.get("last_run"), office.zone),
                last_success=self._time(state.get("last_success"), office.zone),
                last_release=format_day(latest, office.zone) if latest else "-",
                errors=self._errors(office.id),
                refused=Badge(refused, "error") if rejected else None,
                error=one_line(error) if error else None,
                error_badge=Badge(self._say("badge_error"), "error"),
            )
            # The row as shown is its key: 536 rows rendered again at every desk build.
            rows.append(self.memo.rows.get(("health", row), partial(health_row, row)))
        return Health(self._make_table(HEALTH_HEADS, rows, None, "nr-health"))

    def _offices_report(self) -> OfficesReportPage:
        return offices_report_page(self.repo, self.now, self.memo, self._say)

    @staticmethod
    def _time(value: object, zone: Zone, missing: str = "-") -> Moment:
        """A run record's UTC time, as the office's wall clock (`<time>` keeps the UTC)."""
        if not value:
            return Moment(missing)
        try:
            instant = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return Moment(one_line(value))
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        return Moment(format_long(instant, zone), str(value))

    # --- one table row per release ------------------------------------------------

    def _table(self, releases: list[Release], headlines: bool = False, up: str = "../") -> Table:
        """`up`: the way from the page to the desk's root (office links)."""
        rows = [self._row_html(r, headlines, up) for r in releases]
        return self._make_table(RELEASE_HEADS, rows, self._say("no_releases"))

    def _row_html(self, release: Release, headline: bool, up: str) -> str:
        """A release's row, from the memo when nothing it shows changed (see deskmemo)."""
        # A release's row is on its day page and its office page, the same both times.
        here = (release.id, headline, up)
        found = self._row_html_of.get(here)
        if found is not None:
            return found
        key = self._row_key(release, headline, up)
        make = lambda: release_row(self._make_row(release, headline, up))  # noqa: E731
        found = self.memo.rows.get(key, make)
        self._row_html_of[here] = found
        return found

    def _row_key(self, release: Release, headline: bool, up: str) -> tuple[object, ...]:
        """Everything `_make_row` reads: the file (its hash covers the front matter),
        the office, the curation and decline, and what this build's clock decides."""
        office = self._offices.get(release.office.id)
        if office is None:  # the office as shown, and where its releases are published
            home = self.sites.get(home_key(release))
            office = (repr(release.office), home.url if home is not None else None)
            self._offices[release.office.id] = office
        facts = (release.id, self.lang, release.digest, office, headline, up)
        return (*facts, *self._decided(release), _origin(release))

    def _decided(self, release: Release) -> tuple[object, ...]:
        """What the curation and this build's clock decide of a release's row: its
        curation entry, its decline, whether it is new, public, under embargo."""
        rid, lift, now = release.id, release.meta.publish_at, self.now
        curated, declined = self.curated.get(rid), self.declined.get(rid)
        return (
            None if curated is None else repr(curated),
            None if declined is None else repr(declined),
            rid in self.new,
            release.is_public(now),
            lift is not None and lift > now,
        )

    def _make_row(self, release: Release, headline: bool, up: str) -> ReleaseRow:
        with blame(release):  # a row that fails leaves its release out (generator.public.isolate)
            return self._release_row(release, headline, up)

    def _release_row(self, release: Release, headline: bool, up: str) -> ReleaseRow:
        meta, zone = release.meta, release.office.zone
        title = meta.title
        entry = self.curated.get(release.id)
        if headline and entry is not None and entry.headline:
            title = self._say("headline_of", headline=entry.headline, title=title)
        home = self.sites.get(home_key(release))
        href, unpublished = None, ""
        if home is not None and release.is_public(self.now):
            href = home.url + release.url
        else:  # a draft or an embargoed release: its public page does not exist yet
            draft = meta.status == "draft"
            unpublished = self._say("unpublished_draft" if draft else "unpublished")
            if meta.publish_at:
                unpublished += self._say("published_at", when=format_long(meta.publish_at, zone))
        return ReleaseRow(
            date=format_long(meta.date, zone),
            iso=iso(meta.date),
            title=one_line(title),
            href=href,
            unpublished=unpublished,
            release_id=release.id,
            category=CATEGORY_LABELS[meta.category],
            notes=self._notes(release),
            office_id=release.office.id,
            office_name=one_line(release.office.name),
            up=up,
            badges=self._badges(release),
        )

    def _notes(self, release: Release) -> tuple[str, ...]:
        """What an editor must know before deciding: withdrawal, corrections, decisions."""
        meta, zone = release.meta, release.office.zone
        notes = []
        if meta.status == "withdrawn":
            notes.append((self._say("note_withdrawn"), meta.withdrawn_reason or "-"))
        if release.provenance is not None:
            # The version the public pages leave out: what traces the file upstream.
            notes.append((self._say("note_origin"), release.provenance.describe()))
        for update in meta.updates:
            when = format_long(update.date, zone)
            notes.append((self._say("note_correction", when=when), update.note))
        entry = self.curated.get(release.id)
        if entry is not None and entry.note:
            notes.append((self._say("note_curation"), entry.note))
        declined = self.declined.get(release.id)
        if declined is not None:
            when = f" {format_long(declined.date, zone)}" if declined.date else ""
            label = word("declined", self.lang).capitalize()
            notes.append((f"{label}{when}", declined.note or "-"))
        return tuple(f"{label}: {one_line(text)}" for label, text in notes)

    def _badges(self, release: Release) -> tuple[Badge, ...]:
        meta = release.meta
        badges: list[tuple[str, str, dict[str, object]]] = []  # (code, kind, values)
        if release.id in self.new:
            badges.append(("badge_new", "new", {}))
        if meta.propose_national:
            badges.append(("badge_proposed", "proposed", {}))
        entry = self.curated.get(release.id)
        if entry is not None:
            badges.append(("badge_curated", "curated", {}))
            if entry.pinned:
                badges.append(("badge_pinned", "pinned", {}))
        if release.id in self.declined:
            badges.append(("", "declined", {}))
        if meta.publish_at and meta.publish_at > self.now:
            when = format_long(meta.publish_at, release.office.zone)
            badges.append(("badge_embargoed", "embargoed", {"when": when}))
        if meta.status == "draft":
            badges.append(("badge_draft", "draft", {}))
        if meta.status == "withdrawn":
            badges.append(("badge_withdrawn", "withdrawn", {}))
        if meta.updates:
            badges.append(("badge_corrected", "corrected", {"count": len(meta.updates)}))
        return tuple(
            Badge(self._say(code, **params) if code else word("declined", self.lang), kind)
            for code, kind, params in badges
        )


def _origin(release: Release) -> str | None:
    """What a row's notes say of where the file came from (source, file, version)."""
    return release.provenance.describe() if release.provenance is not None else None


def _local_day(release: Release) -> str:
    """The release's day on its office's clock, as `<time datetime>` wants it."""
    return release.meta.date.astimezone(release.office.zone.tz).date().isoformat()
