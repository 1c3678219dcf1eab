"""`regulation:` of a produk-hukum release: each mistake reported by `newsroom check` with
its file, line, field, value and fix, in Indonesian and English (issue 19, item 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import invoke

NOW = "2026-11-24T10:30:00+08:00"
PATH = "releases/2026/perbup-jam-layanan.md"
ATTACHMENTS = (
    "attachments:\n"
    "  - {title: Naskah Perbup, src: assets/perbup-12-2026.pdf}\n"
    "  - {title: Foto, src: assets/peta.png}\n"
)
GOOD = {
    "type": "Perbup",
    "number": '"12"',
    "year": "2026",
    "about": "Jam Layanan Publik",
    "enacted": "2026-11-10",
    "document": "assets/perbup-12-2026.pdf",
}


def release(category: str = "produk-hukum", **changed: str | None) -> str:
    """A release whose `regulation:` is GOOD with `changed` keys (None: removed)."""
    fields = {**GOOD, **changed}
    inner = "".join(f"  {key}: {value}\n" for key, value in fields.items() if value is not None)
    return (
        "---\ntitle: Perbup Jam Layanan\ndate: 2026-11-17 10:00\n"
        f"category: {category}\n{ATTACHMENTS}regulation:\n{inner}---\nIsi rilis.\n"
    )


def checked(make: Callable[..., Path], text: str) -> tuple[int, str, str]:
    root = make({PATH: text, "assets/perbup-12-2026.pdf": "%PDF-1.4\n", "assets/peta.png": "x"})
    said = invoke(["check", "--now", NOW], root)
    english = invoke(["check", "--now", NOW, "--lang", "en"], root)
    return said.exit_code, said.output, english.output


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def test_a_whole_regulation_passes(office_repo: Callable[..., Path]) -> None:
    code, said, _ = checked(office_repo, release())
    assert code == 0, said
    assert "0 kesalahan" in said


def test_type_lainnya_with_its_name_passes(office_repo: Callable[..., Path]) -> None:
    code, said, _ = checked(office_repo, release(type="lainnya", type_name="Keputusan Bupati"))
    assert code == 0, said


# (changed fields, field reported, needle of the line, Indonesian words, English words)
CASES = [
    (
        {"type": "Perbupati"},
        "regulation.type",
        "type: Perbupati",
        "bukan pilihan yang sah (tertulis 'Perbupati'); pilih salah satu: UU, PP",
        "is not one of the allowed values (got 'Perbupati'); choose one of: UU",
    ),
    (
        {"year": "dua ribu"},
        "regulation.year",
        "year: dua ribu",
        "bukan tahun yang sah (tertulis 'dua ribu'); tulis tahunnya dengan empat angka",
        "is not a valid year (got 'dua ribu'); write the year in four digits",
    ),
    (
        {"year": "2027", "enacted": "2026-01-05"},
        "regulation.year",
        "year: 2027",
        "tahun peraturan (2027) lebih akhir dari tahun penetapannya (2026)",
        "the regulation's year (2027) is later than the year it was enacted (2026)",
    ),
    (
        {"year": "2027", "enacted": None},
        "regulation.year",
        "year: 2027",
        "tahun peraturan (2027) belum tiba",
        "the regulation's year (2027) has not come yet",
    ),
    (
        {"enacted": "2029-11-10", "year": "2026"},
        "regulation.enacted",
        "enacted: 2029",
        "tanggal penetapan lebih dari sehari setelah sekarang",
        "the enactment date is more than a day after now",
    ),
    (
        {"document": "assets/perbup-13-2026.pdf"},
        "regulation.document",
        "document:",
        "dokumen peraturan tidak ada di `attachments` (tertulis 'assets/perbup-13-2026.pdf'); "
        "tulis `src` salah satu lampiran PDF (assets/perbup-12-2026.pdf)",
        "the regulation's document is not among the `attachments`",
    ),
    (
        {"document": "assets/peta.png"},
        "regulation.document",
        "document:",
        "dokumen peraturan harus berkas PDF (tertulis 'assets/peta.png')",
        "the regulation's document must be a PDF file",
    ),
    (
        {"type": "lainnya"},
        "regulation.type_name",
        "type: lainnya",
        "jenis `lainnya` wajib disertai nama jenisnya",
        "type `lainnya` needs the name of the kind",
    ),
    (
        {"type_name": "Keputusan Bupati"},
        "regulation.type_name",
        "type_name:",
        "`type_name` hanya dipakai bila `type` adalah `lainnya`",
        "`type_name` is only used when `type` is `lainnya`",
    ),
    (
        {"number": None},
        "regulation.number",
        "type: Perbup",  # a missing field is reported where its mapping starts
        "regulation.number: wajib diisi",
        "regulation.number: is required",
    ),
    (
        {"about": None},
        "regulation.about",
        "type: Perbup",
        "regulation.about: wajib diisi",
        "regulation.about: is required",
    ),
]


@pytest.mark.parametrize(("changed", "field", "needle", "indonesian", "english"), CASES)
def test_each_mistake_is_reported_with_line_and_fix_in_both_languages(
    office_repo: Callable[..., Path],
    changed: dict[str, str | None],
    field: str,
    needle: str,
    indonesian: str,
    english: str,
) -> None:
    text = release(**changed)
    code, said, said_en = checked(office_repo, text)
    assert code == 1, said
    where = f"{Path(PATH)}:{line_of(text, needle)}: {field}: "
    assert where in said, said
    assert indonesian in said, said
    assert where in said_en, said_en
    assert english in said_en, said_en


def test_a_regulation_outside_produk_hukum_is_refused(office_repo: Callable[..., Path]) -> None:
    text = release(category="berita")
    code, said, english = checked(office_repo, text)
    assert code == 1, said
    line = line_of(text, "regulation:")
    assert (
        f"{PATH}:{line}: regulation: `regulation` hanya untuk kategori produk-hukum "
        "(tertulis 'berita'); hapus `regulation` atau ubah `category` menjadi `produk-hukum`"
    ) in said
    assert f"{PATH}:{line}: regulation: `regulation` is only for the produk-hukum" in english


def test_a_produk_hukum_release_without_regulation_still_passes(
    office_repo: Callable[..., Path],
) -> None:
    text = release().split("regulation:")[0] + "---\nIsi rilis.\n"
    code, said, _ = checked(office_repo, text)
    assert code == 0, said
