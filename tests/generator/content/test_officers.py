"""Officers in office.yml and content/offices.yml, and the credits of releases:
`newsroom check` names the NIP part that is wrong, unknown and twice-listed people,
and an officer of another office, with file, line and fix in both languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.content.layout import CENTRAL, OFFICE, Layout
from generator.content.repository import load_repository
from tests.conftest import OFFICE_YML, invoke, release_text

NOW = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)
GOOD_NIP = "199001012015012001"


def office_with(*officers: str) -> str:
    lines = "".join(f"  - {officer}\n" for officer in officers)
    return OFFICE_YML + "officers:\n" + lines


def problems_of(root: Path, layout_kind: str = OFFICE) -> list[tuple[int, str, str, str]]:
    repo = load_repository(Layout(root, layout_kind), now=NOW)
    return [(p.line, p.field, p.code, p.format("en")) for p in repo.report.errors]


@pytest.mark.parametrize(
    ("nip", "code", "id_words", "en_words"),
    [
        ("1990010120150120", "nip_length", "18 angka", "has 18 digits (16 written)"),
        ("19900101201501200X", "nip_length", "18 angka", "18 digits"),
        ("199002302015012001", "nip_birth", "angka 1-8: 19900230", "digits 1-8: 19900230"),
        ("183001012015012001", "nip_birth_year", "angka 1-8: 18300101", "digits 1-8: 18300101"),
        ("199001012015132001", "nip_appointment", "angka 9-14: 201513", "digits 9-14: 201513"),
        ("199001012005012001", "nip_appointment_young", "usia 18", "before the age of 18"),
        ("199001012027012001", "nip_appointment_ahead", "angka 9-14: 202701", "(now 2026-11)"),
        ("199001012015013001", "nip_sex", "angka ke-15: 3", "digit 15: 3"),
        ("199001012015012000", "nip_serial", "angka 16-18: 000", "digits 16-18: 000"),
    ],
)
def test_each_wrong_part_of_a_nip_is_named_in_both_languages(
    office_repo: Callable[..., Path], nip: str, code: str, id_words: str, en_words: str
) -> None:
    root = office_repo(office_yml=office_with(f'{{id: lisa, name: Lisa, nip: "{nip}"}}'))
    repo = load_repository(Layout(root, OFFICE), now=NOW)
    [problem] = repo.report.errors
    assert (problem.line, problem.field, problem.code) == (6, "officers[1].nip", code)
    assert id_words in problem.format("id")
    assert en_words in problem.format("en")
    # Personal data: the whole NIP is never repeated (problems reach the desk).
    assert nip not in problem.format("id") and nip not in problem.format("en")
    assert repo.offices["kutai-timur"].officers[0].id == "lisa"  # still credited


def test_a_valid_nip_with_spaces_is_kept_as_digits_and_left_out_of_reprs(
    office_repo: Callable[..., Path],
) -> None:
    officer = '{id: lisa, name: Lisa, nip: "19900101 201501 2 001", position: Ahli Pertama}'
    root = office_repo(office_yml=office_with(officer))
    repo = load_repository(Layout(root, OFFICE), now=NOW)
    assert repo.report.problems == []
    [lisa] = repo.offices["kutai-timur"].officers
    assert (lisa.nip, lisa.position) == (GOOD_NIP, "Ahli Pertama")
    assert GOOD_NIP not in repr(repo.offices["kutai-timur"])


def test_an_officer_listed_twice_is_an_error_naming_the_first_line(
    office_repo: Callable[..., Path],
) -> None:
    root = office_repo(office_yml=office_with("{id: lisa, name: Lisa}", "{id: lisa, name: L}"))
    [(line, field, code, text)] = problems_of(root)
    assert (line, field, code) == (7, "officers[2].id", "officer_twice")
    assert "already listed on line 6" in text


def test_credits_are_checked_against_the_offices_officers(
    office_repo: Callable[..., Path],
) -> None:
    release = release_text(
        credits="\n  penulis: [lisa, lisa]\n  foto: [zed]\n  sutradara: [lisa]\n  editor: Budi"
    )
    root = office_repo(
        {"releases/2026/uji.md": release},
        office_with("{id: lisa, name: Lisa}", "{id: ari, name: Ari}"),
    )
    found = {(line, field, code) for line, field, code, _ in problems_of(root)}
    assert found == {
        (6, "credits.penulis", "credited_twice"),
        (7, "credits.foto", "unknown_officer"),
        (8, "credits.sutradara", "unknown_role"),
        (9, "credits.editor", "bad_id"),
    }
    texts = {code: text for _, _, code, text in problems_of(root)}
    assert "officers of another office cannot be credited" in texts["unknown_officer"]
    assert "(lisa, ari)" in texts["unknown_officer"]
    repo = load_repository(Layout(root, OFFICE), now=NOW)
    said = {p.code: p.format("id") for p in repo.report.errors}
    assert "petugas kantor lain tidak bisa dicantumkan" in said["unknown_officer"]
    assert repo.releases == []


def test_valid_credits_are_parsed_in_the_vocabularys_order(
    office_repo: Callable[..., Path],
) -> None:
    release = release_text(credits="{foto: [ari], penulis: [lisa, ari]}")
    root = office_repo(
        {"releases/2026/uji.md": release},
        office_with("{id: lisa, name: Lisa}", "{id: ari, name: Ari}"),
    )
    repo = load_repository(Layout(root, OFFICE), now=NOW)
    assert repo.report.errors == []
    [loaded] = repo.releases
    assert loaded.meta.credits == (("penulis", ("lisa", "ari")), ("foto", ("ari",)))


def test_an_office_without_officers_says_so(office_repo: Callable[..., Path]) -> None:
    root = office_repo({"releases/2026/uji.md": release_text(credits="{penulis: [lisa]}")})
    [(line, field, code, text)] = problems_of(root)
    assert (line, field, code) == (5, "credits.penulis", "no_officers")
    assert "lists no officers yet" in text


def test_author_is_still_unknown_but_points_to_credits(
    office_repo: Callable[..., Path],
) -> None:
    root = office_repo({"releases/2026/uji.md": release_text(author="Lisa")})
    [(line, field, code, text)] = problems_of(root)
    assert (line, field, code) == (5, "author", "unknown_field")
    assert "credits:" in text and "known fields:" in text


def test_an_officer_of_another_office_cannot_be_credited(
    central_repo: Callable[..., Path],
) -> None:
    root = central_repo(
        {
            "ambon/2026/rapat": release_text(credits="{penulis: [lisa]}"),
            "kutai-timur/2026/rapat": release_text(credits="{penulis: [lisa]}"),
        }
    )
    registry = root / "content" / "offices.yml"
    text = registry.read_text(encoding="utf-8").replace(
        '  province: "64"\n- id: ambon',
        '  province: "64"\n  officers: [{id: lisa, name: Lisa}]\n- id: ambon',
    )
    registry.write_text(text, encoding="utf-8")
    repo = load_repository(Layout(root, CENTRAL), now=NOW)
    assert [(p.path.split("releases/")[1], p.code) for p in repo.report.errors] == [
        ("ambon/2026/rapat.md", "no_officers")
    ]
    assert [r.id for r in repo.releases] == ["kutai-timur/2026/rapat"]


def test_new_fills_in_the_only_officer_or_the_one_named(
    office_repo: Callable[..., Path],
) -> None:
    one = office_repo(office_yml=office_with("{id: lisa, name: Lisa}"))
    done = invoke(["new", "Rapat Satu", "--now", "2026-11-24T08:00:00+07:00"], one)
    assert done.exit_code == 0, done.output
    assert "credits: {penulis: [lisa]}\n" in (one / "releases/2026/rapat-satu.md").read_text()
    (one / "office.yml").write_text(office_with("{id: lisa, name: L}", "{id: ari, name: A}"))
    done = invoke(["new", "Rapat Dua", "--officer", "ari"], one)
    assert done.exit_code == 0, done.output
    assert "credits: {penulis: [ari]}\n" in (one / "releases/2026/rapat-dua.md").read_text()
    done = invoke(["new", "Rapat Tiga"], one)  # two officers, none named: a hint only
    assert (
        "# credits: {penulis: [lisa]}  # petugas: lisa, ari"
        in (one / "releases/2026/rapat-tiga.md").read_text()
    )
    refused = invoke(["new", "Rapat Empat", "--officer", "zed", "--lang", "en"], one)
    assert refused.exit_code == 2
    assert "--officer 'zed' is not an officer of kutai-timur; listed officers: lisa, ari" in (
        refused.output
    )
    assert not (one / "releases/2026/rapat-empat.md").exists()
