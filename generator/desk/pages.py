"""The editors' desk: every synced release with its badges, warnings, the national
feed as it will appear and each office's health, as Markdown pages for Material.

Pages are generated into the desk build's own docs folder. Every text from
releases or offices is HTML-escaped here and written on one line (the desk is
built by Material, whose templates do not autoescape, and a blank line would end
an HTML block and let Markdown read the rest), and release bodies are never
shown. Drafts and embargoed releases appear only when the config says so, and
link nowhere: their public pages do not exist yet. Table cells and lines are
separated by newlines, so the search index never glues two words into one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from generator.content.dates import MONTHS, format_day, format_long
from generator.content.messages import word
from generator.content.model import Release
from generator.content.problems import Problem
from generator.content.provinces import WIB, Zone
from generator.content.repository import Repository
from generator.content.runrecords import health, last_synced, latest_run
from generator.content.schema import DeclinedEntry
from generator.content.sourceurl import public_url
from generator.content.vocabulary import CATEGORY_LABELS
from generator.desk.curate import NotShown, inbox, new_undecided, not_shown, relative
from generator.desk.deskmemo import DeskMemo
from generator.desk.desksite import DeskPage, markdown_text
from generator.public.isolate import blame
from generator.public.sites import (
    NATIONAL,
    Settings,
    Site,
    featured,
    home_key,
    home_latest,
    placements,
)


@dataclass(frozen=True)
class DeskOptions:
    show_embargoed: bool = False
    show_drafts: bool = False


def _text(value: object) -> str:
    """Escaped, on one line: for any text that comes from a file or a record."""
    return escape(" ".join(str(value).split()))


def _last_error(health: dict[str, Any]) -> object:
    """The office's last sync error, in Indonesian where the sync had its words."""
    return health.get("last_error_id") or health.get("last_error")


def _codes(texts: list[str]) -> str:
    """Messages as written, one a line: a raw HTML list, so Markdown reads nothing in
    them (a backtick, `*` or `[..](..)` in a file's value stays text)."""
    if not texts:
        return "Tidak ada."
    items = "\n".join(f"<li><code>{_text(text)}</code></li>" for text in texts)
    return f"<ul>\n{items}\n</ul>"


def _row(cells: list[str]) -> str:
    # One cell a line: the search index reads the text between tags as written, and
    # `</td><td>` would make the last word of a cell and the first of the next one.
    return "<tr>\n" + "\n".join(f"<td>{cell}</td>" for cell in cells) + "\n</tr>"


def _table(heads: tuple[str, ...], rows: list[str], kind: str = "nr-releases") -> str:
    head = "\n".join(f"<th>{h}</th>" for h in heads)
    return (
        f'<table class="{kind}">\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )


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
        self.memo = memo or DeskMemo(None, "")
        root = repo.layout.root
        self.new = new_undecided(repo, now)
        curation = repo.curation.items if repo.curation else ()
        self.curated = {item.entry.id: item.entry for item in curation}
        declined = repo.curation.declined if repo.curation else ()
        self.declined: dict[str, DeclinedEntry] = {entry.id: entry for entry in declined}
        self.shown = [r for r in repo.releases if self._visible(r)]
        self.shown.sort(key=lambda r: r.chronological, reverse=True)
        self.records = health(root)
        self.last_sync = last_synced(root, repo.offices)
        self.errors = self._errors_by_office()
        self._offices: dict[str, tuple[str, str | None]] = {}  # for row keys
        self._row_html_of: dict[tuple[str, bool, str], str] = {}
        self._page_row_keys: dict[str, tuple[object, ...]] = {}  # by release id

    def _visible(self, release: Release) -> bool:
        meta = release.meta
        if meta.status == "draft":
            return self.options.show_drafts
        if meta.publish_at and meta.publish_at > self.now:
            return self.options.show_embargoed
        return True

    def _errors_by_office(self) -> Counter[str]:
        """Validation errors of each office's releases and assets."""
        layout = self.repo.layout
        folders = {layout.releases_dir, *(layout.assets_dir(o) for o in self.repo.offices)}
        counts: Counter[str] = Counter()
        for problem in self.repo.report.errors:
            path = Path(problem.path)
            for folder in folders:
                if path.is_relative_to(folder) and path != folder:
                    if folder == layout.releases_dir:
                        counts[path.relative_to(folder).parts[0]] += 1
                    else:
                        counts[folder.name] += 1
        return counts

    # --- pages -----------------------------------------------------------------

    def pages(self) -> dict[str, DeskPage]:
        """The pages by path, for the desk's docs folder."""
        by_month: dict[str, list[Release]] = defaultdict(list)
        by_office: dict[str, list[Release]] = defaultdict(list)
        for release in self.shown:
            local = release.meta.date.astimezone(release.office.zone.tz)
            by_month[f"{local.year:04d}-{local.month:02d}"].append(release)
            by_office[release.office.id].append(release)
        texts = {
            "index.md": self._overview(sorted(by_month, reverse=True)),
            "nasional.md": self._national(),
            "peringatan.md": self._warnings(),
            "kesehatan.md": self._health(),
        }
        pages = {path: DeskPage(path, text) for path, text in texts.items()}
        # A day or office page is its rows and a few facts: kept whole while those hold
        # (after one new release, one month and one office of 260 pages are made again).
        for month, releases in by_month.items():
            path = f"hari/{month}.md"
            make = partial(self._by_day, month, releases)
            pages[path] = self._kept_page(path, (self._row_keys(releases),), make)
        for office in self.repo.offices.values():
            path, shown = f"kantor/{office.id}.md", by_office[office.id]
            facts = self._office_facts(office.id)
            make = partial(self._office, office.id, facts, shown)
            # The office itself too: its name heads the page even when no row shows it.
            key = (repr(office), tuple(facts), self._row_keys(shown))
            pages[path] = self._kept_page(path, key, make)
        return pages

    def _kept_page(self, path: str, key: tuple[object, ...], make: Callable[[], str]) -> DeskPage:
        """The page at `path` kept from the last build under `key`, or made by `make`."""
        return self.memo.pages.get((path, *key), lambda: DeskPage(path, make()))

    def _row_keys(self, releases: list[Release]) -> tuple[object, ...]:
        # Day and office pages show the same rows, the way up from both is "../../".
        keys = self._page_row_keys
        for release in releases:
            if release.id not in keys:
                keys[release.id] = self._row_key(release, False, "../../")
        return tuple(keys[release.id] for release in releases)

    def _overview(self, months: list[str]) -> str:
        """`months`: those with releases shown, newest first (`yyyy-mm`)."""
        errors = len(self.repo.report.errors)
        run = latest_run(self.repo.layout.root)
        counts = Counter(r.office.id for r in self.shown)
        waiting = inbox(self.repo, self.now, self.new)
        lines = [
            "# Desk Redaksi",
            "",
            '<p class="nr-private">Halaman internal redaksi. Bukan untuk publik.</p>',
            "",
            f"- **{len(self.shown)}** rilis tampil di desk, "
            f"dari **{len(self.repo.offices)}** kantor",
            f"- **{len(waiting)}** menunggu keputusan desk nasional (diusulkan atau baru)",
            f"- **{errors}** kesalahan validasi, **{len(self.repo.report.warnings)}** peringatan "
            "([lihat](peringatan.md))",
            f"- Sinkronisasi terakhir: {self._time(run.get('finished'), WIB, 'belum pernah')} "
            "([kesehatan kantor](kesehatan.md))",
            "",
            "## Menurut bulan",
            "",
        ]
        lines += [f"- [{self._month_label(m)}](hari/{m}.md)" for m in months]
        lines += ["", "## Menurut kantor", "", '<ul class="nr-offices">']
        for office in sorted(self.repo.offices.values(), key=lambda o: o.name):
            lines.append(
                f'<li><a href="kantor/{escape(office.id)}/">{_text(office.name)}</a> '
                f"({counts[office.id]} rilis{self._error_note(office.id)})</li>"
            )
        lines += [
            "</ul>",
            "",
            "## Menunggu keputusan",
            "",
            self._table([e.release for e in waiting], up=""),
        ]
        return "\n".join(lines) + "\n"

    def _error_note(self, office_id: str) -> str:
        count = self.errors[office_id]
        return f", {self._badge(f'{count} kesalahan', 'error')}" if count else ""

    def _month_label(self, month: str) -> str:
        year, number = month.split("-")
        return f"{MONTHS[int(number) - 1]} {year}"

    def _by_day(self, month: str, releases: list[Release]) -> str:
        lines = [f"# {self._month_label(month)}", ""]
        days: dict[str, list[Release]] = defaultdict(list)
        for release in releases:
            days[format_day(release.meta.date, release.office.zone)].append(release)
        for day, items in days.items():
            lines += [f"## {escape(day)}", "", self._table(items, up="../../"), ""]
        return "\n".join(lines)

    def _office(self, office_id: str, facts: list[str], releases: list[Release]) -> str:
        lines = [
            # A heading is Markdown: the name is escaped for it too (a name is no link).
            f"# {markdown_text(self.repo.offices[office_id].name)}",
            "",
            # Raw HTML, not a Markdown list: an error text must not become a Markdown link.
            "<ul>\n" + "\n".join(f"<li>{fact}</li>" for fact in facts) + "\n</ul>",
            "",
        ]
        said = self._sync_said(office_id)
        if said:  # the refused files stay listed here until fixed or removed upstream
            lines += ["## Ditolak atau dicatat pada sinkronisasi terakhir", "", _codes(said), ""]
        lines.append(self._table(releases, up="../../"))
        return "\n".join(lines) + "\n"

    def _sync_said(self, office_id: str) -> list[str]:
        """What the office's last sync said of its files, in Indonesian where recorded."""
        entry = self.last_sync.get(office_id, {})
        return [str(line) for line in entry.get("problems_id") or entry.get("problems") or []]

    def _office_facts(self, office_id: str) -> list[str]:
        office = self.repo.offices[office_id]
        state = self.records.get(office_id, {})
        zone = office.zone
        rejected = self.last_sync.get(office_id, {}).get("rejected") or []
        return [
            f"Id: <code>{escape(office.id)}</code> · tingkat {_text(office.level)} · "
            f"zona waktu {zone.abbreviation}",
            f"Sumber: {_text(self._source(office_id))}",
            f"Sinkronisasi terakhir: {self._time(state.get('last_run'), zone)}, "
            f"berhasil terakhir: {self._time(state.get('last_success'), zone)}",
            f"Galat terakhir: {_text(_last_error(state) or '-')}",
            f"Kesalahan validasi: {self.errors[office_id]}, berkas ditolak pada sinkronisasi "
            f'terakhirnya: {len(rejected)} (<a href="../../peringatan/">lihat</a>)',
        ]

    def _source(self, office_id: str) -> str:
        source = self.repo.offices[office_id].source
        if source is None:
            return "-"
        return public_url(source.address)

    def _national(self) -> str:
        """What the public national home shows at this build's clock, chosen by the same
        code as the national site itself: the desk's picks, then the latest releases."""
        lines = ["# Umpan nasional", ""]
        site = self.sites.get(NATIONAL)
        if site is None:
            return "\n".join([*lines, "Situs nasional dinonaktifkan di konfigurasi.", ""])
        # The national site's releases do not depend on the settings (syndication
        # concerns provincial sites only), so the defaults choose them exactly.
        shown = placements(site, self.repo, self.sites, Settings(), self.now)
        listed = [p for p in shown if p.release.is_listed(self.now)]
        picks = featured(self.repo, listed, self.now)
        latest = [p.release for p in home_latest(listed, picks)]
        lines += [
            "Persis seperti di beranda situs nasional pada waktu build ini.",
            "",
            "## Pilihan desk",
            "",
            "Yang disematkan dulu, lalu urutan kurasi.",
            "",
            self._table([f.placement.release for f in picks], headlines=True),
            "",
            f"## Terbaru ({len(latest)} teratas dari {len(listed)} rilis)",
            "",
            self._table(latest),
            "",
            "## Dikurasi, tetapi tidak tampil",
            "",
            self._hidden_table([h for h in not_shown(self.repo, self.now) if self._tellable(h)]),
            "",
        ]
        return "\n".join(lines)

    def _tellable(self, hidden: NotShown) -> bool:
        """Drafts and embargoed releases are named only where the config shows them."""
        return hidden.release is None or self._visible(hidden.release)

    def _hidden_table(self, hidden: list[NotShown]) -> str:
        if not hidden:
            return "Tidak ada."
        rows = []
        for entry in hidden:
            if entry.release is not None:
                cells = self._make_cells(entry.release, True, "../")
            else:  # no valid release: only its id is known
                curated = self._badge("dikurasi", "curated")
                cells = ["-", f"<small>{_text(entry.release_id)} · -</small>", "-", curated]
            rows.append(_row([*cells, _text(entry.reason("id"))]))
        heads = ("Waktu", "Rilis", "Kantor", "Status", "Mengapa tidak tampil")
        return _table(heads, rows)

    def _warnings(self) -> str:
        root = self.repo.layout.root
        problems: list[Problem] = self.repo.report.sorted()
        lines = ["# Peringatan validasi", ""]
        lines += [_codes([relative(p, root).format("id") for p in problems]), ""]
        lines += ["## Ditolak pada sinkronisasi terakhir tiap kantor", ""]
        rejected = False
        for office in sorted(self.repo.offices.values(), key=lambda o: o.id):
            entry = self.last_sync.get(office.id, {})
            found = self._sync_said(office.id)
            # A record from before the sync kept its messages in Indonesian too.
            note = "" if entry.get("problems_id") else _OLD_RECORD_NOTE
            if found:
                rejected = True
                when = self._time(entry.get("finished"), office.zone)
                lines += [f"### {markdown_text(office.name)} ({when}{note})", "", _codes(found), ""]
        if not rejected:
            lines.append("Tidak ada.")
        return "\n".join(lines) + "\n"

    def _health(self) -> str:
        last_release: dict[str, datetime] = {}
        for release in self.shown:
            last_release.setdefault(release.office.id, release.meta.date)
        rows = []
        for office in sorted(self.repo.offices.values(), key=lambda o: o.id):
            state: dict[str, Any] = self.records.get(office.id, {})
            latest = last_release.get(office.id)
            error = _last_error(state)
            errors = self.errors[office.id]
            rejected = len(self.last_sync.get(office.id, {}).get("rejected") or [])
            cells = [
                f'<a href="../kantor/{escape(office.id)}/">{_text(office.name)}</a>',
                self._time(state.get("last_run"), office.zone),
                self._time(state.get("last_success"), office.zone),
                escape(format_day(latest, office.zone)) if latest else "-",
                self._badge(f"{errors} kesalahan", "error") if errors else "0",
                self._badge(f"{rejected} ditolak", "error") if rejected else "0",
                f"{self._badge('galat', 'error')} {_text(error)}" if error else "-",
            ]
            rows.append(_row(cells))
        heads = (
            "Kantor",
            "Sinkronisasi",
            "Berhasil",
            "Rilis terakhir",
            "Kesalahan validasi",
            "Berkas ditolak",
            "Galat",
        )
        return (
            "# Kesehatan kantor\n\nWaktu dalam zona waktu tiap kantor. Berkas ditolak: pada "
            "sinkronisasi terakhir kantor itu ([lihat](peringatan.md)).\n\n"
            + _table(heads, rows, "nr-health")
            + "\n"
        )

    @staticmethod
    def _time(value: object, zone: Zone, missing: str = "-") -> str:
        """A run record's UTC time, as the office's wall clock (`<time>` keeps the UTC)."""
        if not value:
            return missing
        try:
            instant = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return _text(value)
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        return f'<time datetime="{escape(str(value))}">{format_long(instant, zone)}</time>'

    # --- one table row per release ------------------------------------------------

    def _table(self, releases: list[Release], headlines: bool = False, up: str = "../") -> str:
        """`up`: the way from the page to the desk's root (office links)."""
        if not releases:
            return "Tidak ada rilis."
        rows = [self._row_html(r, headlines, up) for r in releases]
        return _table(("Waktu", "Rilis", "Kantor", "Status"), rows)

    def _row_html(self, release: Release, headline: bool, up: str) -> str:
        """A release's row, from the memo when nothing it shows changed (see deskmemo)."""
        # A release's row is on its day page and its office page, the same both times.
        here = (release.id, headline, up)
        found = self._row_html_of.get(here)
        if found is not None:
            return found
        key = self._row_key(release, headline, up)
        found = self.memo.rows.get(key, lambda: _row(self._make_cells(release, headline, up)))
        self._row_html_of[here] = found
        return found

    def _row_key(self, release: Release, headline: bool, up: str) -> tuple[object, ...]:
        """Everything `_make_cells` reads: the file (its hash covers the front matter),
        the office, the curation and decline, and what this build's clock decides."""
        office = self._offices.get(release.office.id)
        if office is None:  # the office as shown, and where its releases are published
            home = self.sites.get(home_key(release))
            office = (repr(release.office), home.url if home is not None else None)
            self._offices[release.office.id] = office
        rid, lift = release.id, release.meta.publish_at
        return (
            rid,
            release.digest,
            office,
            headline,
            up,
            repr(self.curated[rid]) if rid in self.curated else None,
            repr(self.declined[rid]) if rid in self.declined else None,
            rid in self.new,
            release.is_public(self.now),
            lift is not None and lift > self.now,
        )

    def _make_cells(self, release: Release, headline: bool, up: str) -> list[str]:
        with blame(release):  # a row that fails leaves its release out (generator.public.isolate)
            return self._cells(release, headline, up)

    def _cells(self, release: Release, headline: bool, up: str) -> list[str]:
        meta, zone = release.meta, release.office.zone
        title = meta.title
        entry = self.curated.get(release.id)
        if headline and entry is not None and entry.headline:
            title = f"{entry.headline} (asli: {title})"
        home = self.sites.get(home_key(release))
        if home is not None and release.is_public(self.now):
            title_html = f'<a href="{escape(home.url + release.url)}">{_text(title)}</a>'
        else:  # a draft or an embargoed release: its public page does not exist yet
            draft = " (draf)" if meta.status == "draft" else ""
            when = f", terbit {format_long(meta.publish_at, zone)}" if meta.publish_at else ""
            title_html = (
                f'{_text(title)}<br>\n<small class="nr-unpublished">belum terbit{draft}{when}'
                "</small>"
            )
        office = release.office
        office_html = f'<a href="{up}kantor/{escape(office.id)}/">{_text(office.name)}</a>'
        return [
            escape(format_long(meta.date, zone)),
            f"{title_html}<br>\n<small>{escape(release.id)} · "
            f"{escape(CATEGORY_LABELS[meta.category])}</small>{self._notes(release)}",
            office_html,
            self._badges(release),
        ]

    def _notes(self, release: Release) -> str:
        """What an editor must know before deciding: withdrawal, corrections, decisions."""
        meta, zone = release.meta, release.office.zone
        notes = []
        if meta.status == "withdrawn":
            notes.append(f"Ditarik: {_text(meta.withdrawn_reason or '-')}")
        if release.provenance is not None:
            # The version the public pages leave out: what traces the file upstream.
            notes.append(f"Asal: {_text(release.provenance.describe())}")
        for update in meta.updates:
            notes.append(f"Koreksi {format_long(update.date, zone)}: {_text(update.note)}")
        entry = self.curated.get(release.id)
        if entry is not None and entry.note:
            notes.append(f"Catatan kurasi: {_text(entry.note)}")
        declined = self.declined.get(release.id)
        if declined is not None:
            when = f" {format_long(declined.date, zone)}" if declined.date else ""
            label = word("declined", "id").capitalize()
            notes.append(f"{label}{when}: {_text(declined.note or '-')}")
        return "".join(f'<br>\n<small class="nr-note">{note}</small>' for note in notes)

    def _badges(self, release: Release) -> str:
        meta = release.meta
        badges = []
        if release.id in self.new:
            badges.append(self._badge("baru", "new"))
        if meta.propose_national:
            badges.append(self._badge("diusulkan", "proposed"))
        entry = self.curated.get(release.id)
        if entry is not None:
            badges.append(self._badge("dikurasi", "curated"))
            if entry.pinned:
                badges.append(self._badge("disematkan", "pinned"))
        if release.id in self.declined:
            badges.append(self._badge(word("declined", "id"), "declined"))
        if meta.publish_at and meta.publish_at > self.now:
            when = format_long(meta.publish_at, release.office.zone)
            badges.append(self._badge(f"embargo s.d. {when}", "embargoed"))
        if meta.status == "draft":
            badges.append(self._badge("draf", "draft"))
        if meta.status == "withdrawn":
            badges.append(self._badge("ditarik", "withdrawn"))
        if meta.updates:
            badges.append(self._badge(f"dikoreksi ({len(meta.updates)})", "corrected"))
        return "\n".join(badges) or "-"

    @staticmethod
    def _badge(label: str, kind: str) -> str:
        return f'<span class="nr-badge nr-{kind}">{escape(label)}</span>'


# Beside an office's refusals recorded by a sync from before records kept Indonesian.
_OLD_RECORD_NOTE = " · dicatat dalam bahasa Inggris oleh versi lama"
