"""The report's own words: a document in Indonesian (it is handed to an Indonesian
supervisor and filed with the SKP), whatever `--lang` the command's messages are in.
One place, so the text, CSV, HTML and PDF forms say the same."""

from __future__ import annotations

from datetime import datetime

from generator.content.dates import format_long
from generator.content.provinces import WIB, Zone

OFFICERS_TITLE = "Laporan Kegiatan Pranata Humas"
OFFICERS_SUBTITLE = "Bukti kinerja (SKP): rilis yang terbit di Newsroom"
OFFICES_TITLE = "Laporan Kegiatan Kantor Humas"
PUBLISHED = "Rilis terbit"
WITHDRAWN = "Rilis ditarik (tidak dihitung)"
TOTALS = "Jumlah per kegiatan"
NONE = "Tidak ada rilis pada periode ini."
NO_OFFICERS = "Tidak ada petugas terdaftar (`officers:` kantornya) untuk laporan ini."
SUPERVISOR = ("Mengetahui,", "Atasan Langsung")
REPORTER = ("", "Yang melaporkan,")
BLANK_NAME = "(.................................................)"
BLANK_NIP = "NIP. ......................................"
PERIOD_NOTE = "tanggal menurut jam kantor, {zone}; kedua tanggal termasuk"
HEADS = ("No", "Tanggal", "Judul dan alamat", "Kategori, peran", "Kegiatan", "Kata", "Foto")
TOTAL_HEADS = ("Kegiatan", "Rilis", "Kata", "Foto")
OFFICE_HEADS = (
    "Kantor",
    "Rilis",
    "Ditarik",
    "Klarifikasi",
    "Produk hukum",
    "Nasional",
    "Hari sejak rilis terakhir",
)


def made_at(now: datetime, zone: Zone = WIB) -> str:
    """When the report was made, on the office's clock."""
    return format_long(now, zone)
