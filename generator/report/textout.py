"""The reports as plain text, for a terminal or a printer: one officer per page (a form
feed between them), every release a short block, then the totals and the signature
block. Lines stay within 100 characters but for titles and addresses, which are never cut."""

from __future__ import annotations

from generator.report import wording as w
from generator.report.officers import OfficerReport, OfficersReport, Row, spaced_nip
from generator.report.offices import OfficesReport
from generator.report.period import month_label

SIGNATURE_COLUMN = 56


def officers_text(report: OfficersReport) -> str:
    pages = [_officer_page(report, one) for one in report.officers]
    return "\f\n".join(pages) if pages else w.NO_OFFICERS + "\n"


def _officer_page(report: OfficersReport, one: OfficerReport) -> str:
    office, officer = one.office, one.officer
    zone = office.zone
    note = w.PERIOD_NOTE.format(zone=zone.abbreviation)
    lines = [
        w.OFFICERS_TITLE.upper(),
        w.OFFICERS_SUBTITLE,
        "",
        f"Nama       : {officer.name}",
        f"NIP        : {spaced_nip(officer.nip) if officer.nip else '-'}",
        f"Jabatan    : {officer.position or '-'}",
        f"Unit kerja : {office.name}",
        f"Periode    : {report.period.label()} ({note})",
        f"Dibuat     : {w.made_at(report.now, zone)}",
        "",
        f"{w.PUBLISHED} ({one.releases})",
    ]
    lines += _rows(one.rows) or [f"  {w.NONE}"]
    if one.withdrawn:
        lines += ["", f"{w.WITHDRAWN} ({len({r.release_id for r in one.withdrawn})})"]
        lines += _rows(one.withdrawn)
    lines += ["", w.TOTALS]
    for total in one.totals:
        lines.append(f"  {total.activity}")
        lines.append(f"      {total.releases} rilis · {total.words} kata · {total.photos} foto")
    if not one.totals:
        lines.append("  -")
    lines += [f"Jumlah rilis: {one.releases}", f"Sumber nama kegiatan: {report.source}", ""]
    lines += _signatures(officer.name, officer.nip)
    return "\n".join(lines) + "\n"


def _rows(rows: tuple[Row, ...]) -> list[str]:
    lines = []
    for number, row in enumerate(rows, start=1):
        lines.append(f"{number:>3}. {row.when} · {row.category_label} · {row.role_label}")
        lines.append(f"     {row.title}")
        lines.append(f"     Kegiatan: {row.activity}")
        lines.append(f"     {row.words} kata · {row.photos} foto · {row.url or '-'}")
        if row.withdrawn_reason is not None:
            lines.append(f"     Alasan ditarik: {row.withdrawn_reason}")
    return lines


def _signatures(name: str, nip: str | None) -> list[str]:
    left = [*w.SUPERVISOR, "", "", "", w.BLANK_NAME, w.BLANK_NIP]
    right = [*w.REPORTER, "", "", "", name, f"NIP. {spaced_nip(nip)}" if nip else "NIP. -"]
    return [f"{a:<{SIGNATURE_COLUMN}}{b}".rstrip() for a, b in zip(left, right, strict=True)]


def offices_text(report: OfficesReport) -> str:
    lines = [
        w.OFFICES_TITLE.upper(),
        f"Periode : {report.period.label()} (tanggal menurut jam tiap kantor)",
        f"Dibuat  : {w.made_at(report.now)}",
        "",
    ]
    for row in report.rows:
        days = "-" if row.days_since is None else str(row.days_since)
        lines += [
            f"{row.office_name} ({row.office_id}, {row.zone})",
            f"  rilis {row.total} · ditarik {row.withdrawn} · klarifikasi {row.clarifications}"
            f" · produk hukum {row.regulations} · nasional {row.national}/{row.total}"
            f" ({row.national_percent} %, {row.national_kind}) · hari sejak rilis terakhir {days}",
        ]
        for month in row.months:
            counts = ", ".join(f"{label} {n}" for label, n in month.counts if n)
            lines.append(
                f"  {month_label(month.month)}: {month.total}" + (f" ({counts})" if counts else "")
            )
        lines.append("")
    if not report.rows:
        lines.append(w.NONE)
    return "\n".join(lines).rstrip("\n") + "\n"
