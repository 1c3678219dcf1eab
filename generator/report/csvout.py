"""The reports as CSV (RFC 4180, UTF-8, CRLF), one line per row, for a spreadsheet.

A cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab
or a carriage return: a title such as `=HYPERLINK(...)`) is written with a leading
apostrophe, as OWASP advises against CSV injection: the spreadsheet shows it as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from generator.report.officers import OfficersReport, spaced_nip
from generator.report.offices import OfficesReport

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

OFFICER_COLUMNS = (
    "kantor",
    "nama_kantor",
    "petugas",
    "nama",
    "nip",
    "jabatan",
    "status",
    "tanggal",
    "zona",
    "judul",
    "kategori",
    "peran",
    "kegiatan",
    "kata",
    "foto",
    "alamat",
    "alasan_ditarik",
    "rilis",
)
OFFICE_COLUMNS = (
    "kantor",
    "nama_kantor",
    "zona",
    "bulan",
    "kategori",
    "rilis",
)
OFFICE_SUMMARY_COLUMNS = (
    "kantor",
    "nama_kantor",
    "zona",
    "rilis",
    "ditarik",
    "klarifikasi",
    "produk_hukum",
    "nasional",
    "nasional_persen",
    "nasional_arti",
    "rilis_terakhir",
    "hari_sejak_rilis_terakhir",
)


def neutral(value: object) -> str:
    """The cell's text, a formula made plain text."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _table(heads: tuple[str, ...], rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(heads)
    for row in rows:
        writer.writerow([neutral(cell) for cell in row])
    return out.getvalue()


def officers_csv(report: OfficersReport) -> str:
    """Every row of every officer, published then withdrawn (`status`)."""
    lines = []
    for one in report.officers:
        office, officer = one.office, one.officer
        person = (
            office.id,
            office.name,
            officer.id,
            officer.name,
            spaced_nip(officer.nip) if officer.nip else "",
            officer.position or "",
        )
        for status, rows in (("terbit", one.rows), ("ditarik", one.withdrawn)):
            for row in rows:
                lines.append(
                    (
                        *person,
                        status,
                        row.date.isoformat(),
                        row.zone,
                        row.title,
                        row.category,
                        row.role,
                        row.activity,
                        row.words,
                        row.photos,
                        row.url,
                        row.withdrawn_reason or "",
                        row.release_id,
                    )
                )
    return _table(OFFICER_COLUMNS, lines)


def offices_csv(report: OfficesReport) -> str:
    """One line per office (its figures), then one per office, month and category."""
    summary = _table(
        OFFICE_SUMMARY_COLUMNS,
        (
            (
                row.office_id,
                row.office_name,
                row.zone,
                row.total,
                row.withdrawn,
                row.clarifications,
                row.regulations,
                row.national,
                row.national_percent,
                row.national_kind,
                row.last_release,
                "" if row.days_since is None else row.days_since,
            )
            for row in report.rows
        ),
    )
    months = _table(
        OFFICE_COLUMNS,
        (
            (row.office_id, row.office_name, row.zone, month.month, label, count)
            for row in report.rows
            for month in row.months
            for label, count in month.counts
        ),
    )
    return summary + "\r\n" + months
