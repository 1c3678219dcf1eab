from __future__ import annotations

import pytest

from generator.content.fields import (
    AssetPath,
    Bool,
    Context,
    Email,
    Slug,
    Text,
    TextList,
    Url,
    parse_mapping,
    slugify,
)
from generator.content.problems import ProblemError, Report
from generator.content.schema import FrontMatter
from generator.content.yamlsafe import Scalar, load


def scalar(value: str) -> Scalar:
    return Scalar(value, 1)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Baris satu\nBaris dua", "multiline"),
        ("Judul \u202eterbalik", "control_chars"),
        # Bidi marks move neutrals (digits, brackets) across words as the overrides do.
        ("Rp 500\u200f ribu", "control_chars"),
        ("Rp 500\u200e ribu", "control_chars"),
        ("Rp 500\u061c ribu", "control_chars"),
        ("Judul\ufeffnol", "control_chars"),
        ("Judul\x00nol", "control_chars"),
        ("x" * 201, "too_long"),
    ],
)
def test_text_refuses(raw: str, code: str) -> None:
    with pytest.raises(ProblemError) as caught:
        Text(200)(scalar(raw), Context())
    assert caught.value.code == code


def test_text_is_trimmed_and_nfc_normalised() -> None:
    assert Text()(scalar("  Cafe\u0301 Sangatta "), Context()) == "Café Sangatta"


@pytest.mark.parametrize(
    ("raw", "value"), [("true", True), ("Ya", True), ("no", False), ("tidak", False)]
)
def test_bool_accepts_english_and_indonesian(raw: str, value: bool) -> None:
    assert Bool()(scalar(raw), Context()) is value


def test_text_list_accepts_one_text_and_drops_duplicates() -> None:
    assert TextList()(scalar("banjir"), Context()) == ("banjir",)
    node = load("[banjir, banjir, jalan]")
    assert node is not None
    assert TextList()(node, Context()) == ("banjir", "jalan")


@pytest.mark.parametrize(
    "raw",
    [
        "foto.png",
        "/etc/passwd",
        "assets/../office.yml",
        "assets/.git/config",
        "assets",
        "assets/foto baru.png",
        "assets\\foto.png",
        "https://example.com/a.png",
        "assets/./a.png",
    ],
)
def test_asset_paths_stay_inside_assets(raw: str) -> None:
    with pytest.raises(ProblemError) as caught:
        AssetPath()(scalar(raw), Context())
    assert caught.value.code == "bad_asset_path"


def test_asset_path_accepts_subfolders() -> None:
    assert AssetPath()(scalar("assets/2026/foto-1.jpg"), Context()) == "assets/2026/foto-1.jpg"


@pytest.mark.parametrize("raw", ["Kutai_Timur", "-kutim", "kutim-", "ku--tim", "kütim", ""])
def test_slug_refuses(raw: str) -> None:
    with pytest.raises(ProblemError):
        Slug()(scalar(raw), Context())


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Pemkab Kutim Sosialisasikan Perbup No. 12/2026",
            "pemkab-kutim-sosialisasikan-perbup-no-12-2026",
        ),
        ("Café & Rapat Koordinasi", "cafe-rapat-koordinasi"),
        ("../../etc/passwd", "etc-passwd"),
        ("Кириллица", ""),
        ("pa\u200byp\u0430l", "paypl"),  # zero-width space and a Cyrillic 'а' vanish
        ("rapat", "rapat"),  # already a slug
        ("rapat\n", "rapat"),  # a file name ending in a newline is no slug yet
    ],
)
def test_slugify_is_ascii(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_cuts_at_a_word() -> None:
    assert slugify("kata " * 40, max_len=22) == "kata-kata-kata-kata"


def test_email_and_url() -> None:
    assert Email()(scalar("humas@kaltimprov.go.id"), Context()) == "humas@kaltimprov.go.id"
    with pytest.raises(ProblemError):
        Email()(scalar("humas@"), Context())
    with pytest.raises(ProblemError):
        Url()(scalar("javascript:alert(1)"), Context())


def test_parse_mapping_collects_every_problem_with_lines() -> None:
    node = load("title: Judul\ndate: kemarin\ncategory: opini\nwarna: merah\n", first_line=2)
    report = Report()
    assert node is not None
    assert parse_mapping(FrontMatter, node, Context(), report, "x.md") is None
    assert sorted((p.line, p.field, p.code) for p in report.problems) == [
        (3, "date", "bad_date"),
        (4, "category", "bad_choice"),
        (5, "warna", "unknown_field"),
    ]


def test_nested_lists_name_the_item() -> None:
    text = (
        "title: J\ndate: 2026-01-01 10:00\ncategory: berita\n"
        "updates:\n  - date: 2026-01-02\n  - note: tanpa tanggal\n"
    )
    node = load(text, first_line=2)
    report = Report()
    assert node is not None
    meta = parse_mapping(FrontMatter, node, Context(), report, "x.md")
    assert meta is not None and meta.updates == ()
    assert sorted((p.field, p.code) for p in report.problems) == [
        ("updates[1].note", "missing_field"),
        ("updates[2].date", "missing_field"),
    ]
