"""The editors' desk: every synced release with its badges, warnings, the national
feed as it will appear and each office's health, as Markdown pages for Material.

Pages are generated into the desk build's own docs folder. Every text from
releases or offices is HTML-escaped here (the desk is built by Material,
whose templates do not autoescape), and release bodies are never shown.
Drafts and embargoed releases appear only when the config says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from html import escape

from generator.curate import featured_order, inbox
from generator.dates import MONTHS, format_day, format_long
from generator.model import Release
from generator.problems import Problem
from generator.publish import HOME_SIZE
from generator.repository import Repository
from generator.sites import NATIONAL, Settings, Site, featured, home_key, placements
from generator.vocabulary import CATEGORY_LABELS
from sync.gitsource import public_url
from sync.records import health, latest_run, new_in_last_sync


@dataclass(frozen=True)
class DeskOptions:
    show_embargoed: bool = False
    show_drafts: bool = False


class Desk:
    def __init__(
        self, repo: Repository, sites: dict[str, Site], now: datetime, options: DeskOptions
    ) -> None:
        self.repo, self.sites, self.now, self.options = repo, sites, now, options
        self.arrived = new_in_last_sync(repo.layout.root)
        curation = repo.curation.items if repo.curation else ()
        self.curated = {item.entry.id: item.entry for item in curation}
        self.shown = [r for r in repo.releases if self._visible(r)]
        self.shown.sort(key=lambda r: (r.meta.date, r.id), reverse=True)

    def _visible(self, release: Release) -> bool:
        meta = release.meta
        if meta.status == "draft":
            return self.options.show_drafts
        if meta.publish_at and meta.publish_at > self.now:
            return self.options.show_embargoed
        return True

    # --- pages -----------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Markdown pages by path, for the desk's docs folder."""
        pages = {
            "index.md": self._overview(),
            "nasional.md": self._national(),
            "peringatan.md": self._warnings(),
            "kesehatan.md": self._health(),
        }
        by_month: dict[str, list[Release]] = defaultdict(list)
        by_office: dict[str, list[Release]] = defaultdict(list)
        for release in self.shown:
            local = release.meta.date.astimezone(release.office.zone.tz)
            by_month[f"{local.year:04d}-{local.month:02d}"].append(release)
            by_office[release.office.id].append(release)
        for month, releases in by_month.items():
            pages[f"hari/{month}.md"] = self._by_day(month, releases)
        for office in self.repo.offices.values():
            pages[f"kantor/{office.id}.md"] = self._office(office.id, by_office[office.id])
        return pages

    def _overview(self) -> str:
        errors = len(self.repo.report.errors)
        run = latest_run(self.repo.layout.root)
        months = sorted(
            {f"{r.meta.date.astimezone(r.office.zone.tz):%Y-%m}" for r in self.shown}, reverse=True
        )
        waiting = inbox(self.repo, self.now)
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
            f"- Sinkronisasi terakhir: {escape(run.get('finished', 'belum pernah'))}",
            "",
            "## Menurut bulan",
            "",
        ]
        lines += [f"- [{self._month_label(m)}](hari/{m}.md)" for m in months]
        lines += ["", "## Menunggu keputusan", "", self._table([e.release for e in waiting])]
        return "\n".join(lines) + "\n"

    def _month_label(self, month: str) -> str:
        year, number = month.split("-")
        return f"{MONTHS[int(number) - 1]} {year}"

    def _by_day(self, month: str, releases: list[Release]) -> str:
        lines = [f"# {self._month_label(month)}", ""]
        days: dict[str, list[Release]] = defaultdict(list)
        for release in releases:
            days[format_day(release.meta.date, release.office.zone)].append(release)
        for day, items in days.items():
            lines += [f"## {escape(day)}", "", self._table(items), ""]
        return "\n".join(lines)

    def _office(self, office_id: str, releases: list[Release]) -> str:
        office = self.repo.offices[office_id]
        state = health(self.repo.layout.root).get(office_id, {})
        lines = [
            f"# {escape(office.name)}",
            "",
            f"- Id: `{escape(office.id)}` · tingkat {escape(office.level)}",
            f"- Sumber: {escape(self._source(office_id))}",
            f"- Sinkronisasi terakhir: {escape(str(state.get('last_run') or '-'))}, "
            f"berhasil terakhir: {escape(str(state.get('last_success') or '-'))}",
            f"- Galat terakhir: {escape(str(state.get('last_error') or '-'))}",
            "",
            self._table(releases),
        ]
        return "\n".join(lines) + "\n"

    def _source(self, office_id: str) -> str:
        source = self.repo.offices[office_id].source
        if source is None:
            return "-"
        return public_url(source.git or source.feed or "")

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
        latest = [p.release for p in listed[:HOME_SIZE]]
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
            self._table(self._curated_hidden({f.placement.release.id for f in picks})),
            "",
        ]
        return "\n".join(lines)

    def _curated_hidden(self, picked: set[str]) -> list[Release]:
        """Curated releases the national site leaves out (withdrawn, embargoed, draft)."""
        hidden = [self.repo.release(item.entry.id) for item in featured_order(self.repo)]
        return [r for r in hidden if r and r.id not in picked and self._visible(r)]

    def _warnings(self) -> str:
        problems: list[Problem] = self.repo.report.sorted()
        run = latest_run(self.repo.layout.root)
        synced = [
            line for entry in run.get("offices", {}).values() for line in entry.get("problems", [])
        ]
        lines = ["# Peringatan validasi", ""]
        lines += [f"- `{escape(p.format('id'))}`" for p in problems] or ["Tidak ada."]
        lines += ["", "## Ditolak pada sinkronisasi terakhir", ""]
        lines += [f"- `{escape(str(line))}`" for line in synced] or ["Tidak ada."]
        return "\n".join(lines) + "\n"

    def _health(self) -> str:
        records = health(self.repo.layout.root)
        last_release: dict[str, datetime] = {}
        for release in self.shown:
            last_release.setdefault(release.office.id, release.meta.date)
        rows = []
        for office in sorted(self.repo.offices.values(), key=lambda o: o.id):
            state = records.get(office.id, {})
            latest = last_release.get(office.id)
            error = state.get("last_error")
            rows.append(
                f'<tr><td><a href="../kantor/{escape(office.id)}/">{escape(office.name)}</a></td>'
                f"<td>{escape(str(state.get('last_run') or '-'))}</td>"
                f"<td>{escape(str(state.get('last_success') or '-'))}</td>"
                f"<td>{escape(format_day(latest, office.zone)) if latest else '-'}</td>"
                f"<td>{self._badge('galat', 'error') + ' ' + escape(str(error)) if error else '-'}"
                "</td></tr>"
            )
        return (
            "# Kesehatan kantor\n\n<table>\n<thead><tr><th>Kantor</th><th>Sinkronisasi</th>"
            "<th>Berhasil</th><th>Rilis terakhir</th><th>Galat</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows)
            + "\n</tbody>\n</table>\n"
        )

    # --- one table row per release ------------------------------------------------

    def _table(self, releases: list[Release], headlines: bool = False) -> str:
        if not releases:
            return "Tidak ada rilis."
        rows = "\n".join(self._row(r, headlines) for r in releases)
        return (
            '<table class="nr-releases">\n<thead><tr><th>Waktu</th><th>Rilis</th>'
            "<th>Kantor</th><th>Status</th></tr></thead>\n<tbody>\n" + rows + "\n</tbody>\n</table>"
        )

    def _row(self, release: Release, headline: bool) -> str:
        home = self.sites.get(home_key(release))
        title = release.meta.title
        entry = self.curated.get(release.id)
        if headline and entry is not None and entry.headline:
            title = f"{entry.headline} (asli: {title})"
        link = escape(home.url + release.url) if home else ""
        title_html = f'<a href="{link}">{escape(title)}</a>' if link else escape(title)
        return (
            f"<tr><td>{escape(format_long(release.meta.date, release.office.zone))}</td>"
            f"<td>{title_html}<br><small>{escape(release.id)} · "
            f"{escape(CATEGORY_LABELS[release.meta.category])}</small></td>"
            f"<td>{escape(release.office.name)}</td><td>{self._badges(release)}</td></tr>"
        )

    def _badges(self, release: Release) -> str:
        meta = release.meta
        badges = []
        if release.id in self.arrived:
            badges.append(self._badge("baru", "new"))
        if meta.propose_national:
            badges.append(self._badge("diusulkan", "proposed"))
        entry = self.curated.get(release.id)
        if entry is not None:
            badges.append(self._badge("dikurasi", "curated"))
            if entry.pinned:
                badges.append(self._badge("disematkan", "pinned"))
        if meta.publish_at and meta.publish_at > self.now:
            when = format_long(meta.publish_at, release.office.zone)
            badges.append(self._badge(f"embargo s.d. {when}", "embargoed"))
        if meta.status == "draft":
            badges.append(self._badge("draf", "draft"))
        if meta.status == "withdrawn":
            badges.append(self._badge("ditarik", "withdrawn"))
        if meta.updates:
            badges.append(self._badge(f"dikoreksi ({len(meta.updates)})", "corrected"))
        return " ".join(badges) or "-"

    @staticmethod
    def _badge(label: str, kind: str) -> str:
        return f'<span class="nr-badge nr-{kind}">{escape(label)}</span>'
