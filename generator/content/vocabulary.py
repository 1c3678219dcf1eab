"""Controlled vocabularies and their public Indonesian labels."""

from __future__ import annotations

CATEGORY_LABELS: dict[str, str] = {
    "siaran-pers": "Siaran Pers",
    "berita": "Berita",
    "pengumuman": "Pengumuman",
    "klarifikasi": "Klarifikasi Hoaks",
    "produk-hukum": "Produk Hukum",
    "agenda": "Agenda",
}
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_LABELS)

LEVEL_LABELS: dict[str, str] = {
    "pusat": "Pusat",
    "provinsi": "Provinsi",
    "kabupaten": "Kabupaten",
    "kota": "Kota",
}
LEVELS: tuple[str, ...] = tuple(LEVEL_LABELS)

STATUSES: tuple[str, ...] = ("draft", "published", "withdrawn")

# Verdicts on a claim, with the ClaimReview rating (1 = false ... 5 = true).
VERDICT_LABELS: dict[str, tuple[str, int]] = {
    "hoaks": ("Hoaks", 1),
    "disinformasi": ("Disinformasi", 1),
    "menyesatkan": ("Menyesatkan", 2),
    "sebagian-benar": ("Sebagian Benar", 3),
    "benar": ("Benar", 5),
}
VERDICTS: tuple[str, ...] = tuple(VERDICT_LABELS)

# The roles a release credits its officers in (`credits:`), with their public labels,
# in the order a byline names them.
CREDIT_ROLE_LABELS: dict[str, str] = {
    "penulis": "Penulis",
    "editor": "Editor",
    "foto": "Foto",
    "video": "Video",
    "grafis": "Grafis",
    "penerjemah": "Penerjemah",
}
CREDIT_ROLES: tuple[str, ...] = tuple(CREDIT_ROLE_LABELS)

# The functional levels of pranata humas (jabatan fungsional), for `position:`; any
# other text is accepted too (officers who are not pranata humas).
POSITIONS: tuple[str, ...] = (
    "Terampil",
    "Mahir",
    "Penyelia",
    "Ahli Pertama",
    "Ahli Muda",
    "Ahli Madya",
    "Ahli Utama",
)

# Kinds of regulation a `produk-hukum` release may announce (`regulation.type`), with
# their full names. "lainnya" is any other kind: its name is then written in
# `regulation.type_name` (Peraturan DPRD, Keputusan Bupati ...).
OTHER_REGULATION = "lainnya"
REGULATION_LABELS: dict[str, str] = {
    "UU": "Undang-Undang",
    "PP": "Peraturan Pemerintah",
    "Perpres": "Peraturan Presiden",
    "Inpres": "Instruksi Presiden",
    "Permen": "Peraturan Menteri",
    "Kepmen": "Keputusan Menteri",
    "Perda": "Peraturan Daerah",
    "Pergub": "Peraturan Gubernur",
    "Perbup": "Peraturan Bupati",
    "Perwali": "Peraturan Wali Kota",
    "SE": "Surat Edaran",
    OTHER_REGULATION: "Lainnya",
}
REGULATION_TYPES: tuple[str, ...] = tuple(REGULATION_LABELS)
# The category whose releases may carry `regulation:`, and have an index (/produk-hukum/).
REGULATION_CATEGORY = "produk-hukum"
