"""`newsroom report` as a user runs it: in the central repository and in an office's,
every form written, errors in both languages with exit 2, and nothing written where a
build publishes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import invoke
from tests.generator.report.newsroom import FIRST, LAST, NOW_ARG, make_newsroom

PERIOD = ["--from", FIRST, "--to", LAST, "--now", NOW_ARG]


@pytest.fixture
def central(tmp_path: Path) -> Path:
    return make_newsroom(tmp_path / "pusat")


def test_officers_report_in_the_central_repository(central: Path) -> None:
    result = invoke(["report", "officers", "--officer", "lisa", *PERIOD], central)
    assert result.exit_code == 0, result.output
    assert "Lisa Amalia" in result.output and "Rilis terbit (3)" in result.output
    assert "https://berita.example.go.id/kalimantan-timur/kutai-timur/2026/berfoto/" in (
        result.output
    )


@pytest.mark.parametrize("form", ["text", "csv", "json", "html", "pdf"])
def test_every_form_written_to_a_file_the_same_twice(
    central: Path, tmp_path: Path, form: str
) -> None:
    outputs = []
    for name in ("satu", "dua"):
        target = tmp_path / f"{name}.{form}"
        args = ["report", "officers", "--office", "kutai-timur", "--format", form]
        result = invoke([*args, *PERIOD, "--output", str(target)], central)
        assert result.exit_code == 0, result.output
        outputs.append(target.read_bytes())
        assert target.stat().st_mode & 0o777 == 0o600  # it carries a NIP: its owner's only
    assert outputs[0] == outputs[1] and outputs[0]


def test_offices_report_json(central: Path) -> None:
    result = invoke(["report", "offices", "--format", "json", *PERIOD], central)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [o["releases"] for o in data["offices"]] == [2, 1, 1, 5]


def test_in_an_office_repository(office_repo: Callable[..., Path]) -> None:
    office_yml = (
        "id: kutai-timur\nname: Diskominfo Staper Kabupaten Kutai Timur\nlevel: kabupaten\n"
        'province: "64"\nofficers:\n  - {id: lisa, name: Lisa Amalia, nip: "199001012015012011"}\n'
        "activities:\n  - {category: berita, role: penulis, activity: Menulis berita daring}\n"
    )
    release = (
        "---\ntitle: Rapat\ndate: 2026-11-30 23:30\ncategory: berita\n"
        "credits: {penulis: [lisa]}\n---\nSatu dua tiga.\n"
    )
    root = office_repo({"releases/2026/rapat.md": release}, office_yml=office_yml)
    result = invoke(["report", "officers", *PERIOD, "--format", "json"], root)
    assert result.exit_code == 0, result.output
    (lisa,) = json.loads(result.output)["officers"]
    assert [(r["id"], r["activity"], r["words"]) for r in lisa["releases"]] == [
        ("kutai-timur/2026/rapat", "Menulis berita daring", 3)
    ]


@pytest.mark.parametrize(
    ("args", "indonesian", "english"),
    [
        (["--officer", "siapa"], "--officer 'siapa' bukan petugas", "listed officers: ari, budi"),
        (["--office", "entah"], "--office 'entah' bukan kantor", "registered: ambon, kaltim"),
        (["--to", "2026-11-31"], "--to '2026-11-31' bukan tanggal", "write a real date as YYYY"),
        (["--from", "2026-12-02"], "--from 2026-12-02 jatuh setelah --to", "swap them"),
        (["--output", "site/laporan.pdf"], "folder site/", "personal data (NIPs)"),
        (["--output", "content/laporan.csv"], "folder content/", "outside the repository"),
    ],
)
def test_errors_in_both_languages_name_the_value_and_exit_2(
    central: Path, args: list[str], indonesian: str, english: str
) -> None:
    base = ["report", "officers", *PERIOD, *args]
    said = invoke(base, central)
    assert said.exit_code == 2 and indonesian in said.output, said.output
    told = invoke([*base, "--lang", "en"], central)
    assert told.exit_code == 2 and english in told.output, told.output
    assert not (central / "site").exists()


def test_a_missing_date_is_named(central: Path) -> None:
    result = invoke(["report", "offices", "--to", LAST, "--lang", "en"], central)
    assert result.exit_code == 2
    assert "--from is required" in result.output


def test_check_names_a_wrong_activity_entry(office_repo: Callable[..., Path]) -> None:
    office_yml = (
        'id: kutai-timur\nname: Kutim\nlevel: kabupaten\nprovince: "64"\nactivities:\n'
        "  - {category: opini, role: penulis, activity: Menulis}\n"
    )
    root = office_repo({}, office_yml=office_yml)
    result = invoke(["check", "--lang", "en"], root)
    assert result.exit_code == 1
    assert "office.yml:6: activities[1].category: is not one of the allowed values" in (
        result.output
    )


def test_an_output_that_cannot_be_written_is_named(central: Path, tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("a file where a folder would be")
    target = tmp_path / "berkas" / "laporan.csv"
    args = ["report", "officers", "--format", "csv", *PERIOD, "--output", str(target)]
    result = invoke([*args, "--lang", "en"], central)
    assert result.exit_code == 2
    assert "cannot be written to --output" in result.output


def test_never_into_a_folder_a_build_wrote_its_sites_into(central: Path, tmp_path: Path) -> None:
    """A newsroom that builds straight into its web server's folder (`--out`): a report
    with NIPs is refused there too, in both languages, and nothing is written."""
    www = tmp_path / "www" / "berita"
    built = invoke(["build", "--out", str(www), "--now", NOW_ARG], central)
    assert built.exit_code == 0, built.output
    target = www / "arsip" / "laporan.pdf"
    base = ["report", "officers", "--format", "pdf", *PERIOD, "--output", str(target)]
    said = invoke(base, central)
    assert said.exit_code == 2 and f"folder {www}/" in said.output, said.output
    told = invoke([*base, "--lang", "en"], central)
    assert told.exit_code == 2 and "personal data (NIPs)" in told.output, told.output
    assert not target.exists()
    beside = tmp_path / "www" / "laporan.pdf"  # beside the site, not in it: written
    result = invoke([*base[:-1], str(beside)], central)
    assert result.exit_code == 0 and beside.read_bytes().startswith(b"%PDF")
