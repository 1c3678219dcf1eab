"""`newsroom check` as a writer and CI use it: exit codes, format, languages, JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO_ROOT, invoke, release_text

BROKEN = FIXTURES / "broken_office"
# path:line: field: problem (got 'value'); fix   -- the value part is optional
LINE_RE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+): (?:peringatan: |warning: )?(?P<field>[\w.\[\]-]+): .+; .+$"
)


def run(args: list[str], cwd: Path) -> tuple[int, str]:
    result = invoke(args, cwd)
    return result.exit_code, result.output


def test_sample_is_clean() -> None:
    code, output = run(["check"], REPO_ROOT)
    assert code == 0, output
    assert output.strip().endswith("rilis sah.")


def test_broken_repo_exits_1_and_every_line_has_the_format() -> None:
    code, output = run(["check"], BROKEN)
    assert code == 1
    lines = output.strip().splitlines()
    problems, summary = lines[:-1], lines[-1]
    assert len(problems) == 38
    for line in problems:
        match = LINE_RE.match(line)
        assert match, line
        assert (BROKEN / match["path"]).exists()
    assert summary == "33 kesalahan, 5 peringatan; 6 rilis sah."


def test_value_is_quoted_and_fix_is_given_in_both_languages() -> None:
    target = "releases/2026/kategori-asing.md"
    _, indonesian = run(["check", target], BROKEN)
    _, english = run(["check", "--lang", "en", target], BROKEN)
    assert indonesian.splitlines()[0] == (
        "releases/2026/kategori-asing.md:4: category: bukan pilihan yang sah (tertulis 'opini'); "
        "pilih salah satu: siaran-pers, berita, pengumuman, klarifikasi, produk-hukum, agenda"
    )
    assert english.splitlines()[0] == (
        "releases/2026/kategori-asing.md:4: category: is not one of the allowed values "
        "(got 'opini'); choose one of: siaran-pers, berita, pengumuman, klarifikasi, "
        "produk-hukum, agenda"
    )


def test_yaml_problems_are_told_in_the_writers_language() -> None:
    _, indonesian = run(
        ["check", "releases/2026/yaml-rusak.md", "releases/2026/yaml-tag.md"], BROKEN
    )
    _, english = run(["check", "--lang", "en", "releases/2026/yaml-rusak.md"], BROKEN)
    rusak, tag = indonesian.splitlines()[:2]
    assert rusak == (
        "releases/2026/yaml-rusak.md:4: front-matter: YAML tidak dapat dibaca: daftar `[...]` "
        "tidak ditutup dengan `]`, atau butirnya tidak dipisah koma "
        "(tertulis 'category: [berita'); tutup daftarnya "
        "dengan `]` dan pisahkan butir dengan koma; apit butir yang berisi koma, titik dua "
        "atau kurung dengan tanda kutip"
    )
    # The tag as the writer typed it, not as PyYAML resolves it.
    assert "(tertulis '!!python/object/apply:os.system')" in tag
    assert "tag:yaml.org" not in indonesian
    assert english.startswith(
        "releases/2026/yaml-rusak.md:4: front-matter: YAML cannot be read: a `[...]` list is "
        "not closed with `]`"
    )


def test_no_english_from_pyyaml_in_indonesian_messages() -> None:
    _, output = run(["check"], BROKEN)
    for words in ("did not find", "expected", "mapping values", "found", "cannot be read"):
        assert words not in output


def test_check_help_is_in_one_language() -> None:
    code, output = run(["check", "--help"], BROKEN)
    assert code == 0
    assert "Validate releases" in output and "Examples:" in output
    assert not re.search(r"\b(periksa|rilis|kantor|bahasa|pesan)\b", output, re.I), output


def test_json_output_for_ci() -> None:
    code, output = run(["check", "--format", "json", "--lang", "en"], BROKEN)
    assert code == 1
    payload = json.loads(output)
    assert payload["errors"] == 33 and payload["warnings"] == 5 and payload["releases"] == 6
    first = payload["problems"][0]
    assert set(first) == {
        "path",
        "line",
        "field",
        "code",
        "severity",
        "value",
        "problem",
        "fix",
        "message",
    }
    codes = {p["code"] for p in payload["problems"]}
    assert {"yaml_tag", "yaml_anchor", "duplicate_id", "bad_slug", "claim_required"} <= codes


def test_now_decides_whether_a_curated_embargo_is_still_ahead() -> None:
    central = FIXTURES / "broken_central"
    _, ahead = run(["check"], central)
    _, lifted = run(["check", "--now", "2099-01-01T08:00:00+08:00"], central)
    assert "curation.yml:8: peringatan: id: rilis ini masih diembargo" in ahead
    assert "2099-01-01 08:00 WITA" in ahead
    assert "curation.yml:8:" not in lifted


def test_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    code, output = run(["check"], tmp_path)
    assert code == 2
    assert "content/offices.yml" in output


def test_unknown_option_is_a_usage_error() -> None:
    code, _ = run(["check", "--lang", "fr"], BROKEN)
    assert code == 2


def test_warnings_alone_exit_0(office_repo: Callable[..., Path]) -> None:
    text = release_text() + "\n"
    text = text.replace("Isi rilis contoh.\n", "")
    root = office_repo({"releases/2026/kosong.md": text})
    code, output = run(["check"], root)
    assert code == 0, output
    assert "peringatan: body: isi rilis kosong" in output


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_message_has_both_languages(lang: str) -> None:
    from generator.content.messages import CATALOG, describe

    for code in CATALOG:
        problem, fix = describe(code, lang, {"field": "f", "leaf": "f"})
        assert problem and fix, code


# Dates datetime can hold but not convert: year 10000 in WIT, year 0 in UTC. They crashed
# check (issue 13) and then every build of the sites showing the release.
_OVERFLOWING = ["9999-12-31 23:59+00:00", "0001-01-01 00:00+14:00", "1800-01-01 10:00"]


@pytest.mark.parametrize("value", _OVERFLOWING)
@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"date": "{v}"}, "date"),
        ({"publish_at": "{v}"}, "publish_at"),
        (
            {"status": "withdrawn", "withdrawn_reason": "keliru", "withdrawn_at": "{v}"},
            "withdrawn_at",
        ),
        ({"updates": "[{{date: '{v}', note: koreksi}}]"}, "updates[1].date"),
    ],
)
def test_a_date_out_of_range_is_an_error_and_the_files_other_mistakes_are_told(
    office_repo: Callable[..., Path], value: str, fields: dict[str, str], where: str
) -> None:
    written = {key: text.format(v=value) for key, text in fields.items()}
    # A second mistake in the same file: check must still see it.
    text = release_text(**written, category="opini")
    root = office_repo({"releases/2026/jauh.md": text})
    code, indonesian = run(["check"], root)
    _, english = run(["check", "--lang", "en"], root)
    assert code == 1, indonesian
    assert (
        f"releases/2026/jauh.md:{_line_of(text, where)}: {where}: tahunnya di luar rentang "
        f"yang diterima (1945–2199) (tertulis {value!r}); periksa tahunnya" in indonesian
    )
    assert f"{where}: its year is outside the accepted range (1945–2199)" in english
    assert "with a year from 1945 to 2199" in english
    assert "category: bukan pilihan yang sah (tertulis 'opini')" in indonesian


@pytest.mark.parametrize("value", ["٢٠٢٦-04-11 10:00", "２０２６-04-11 10:00", "2026-04-1١ 10:00"])
def test_a_date_in_other_digits_is_refused_by_name(
    office_repo: Callable[..., Path], value: str
) -> None:
    root = office_repo({"releases/2026/angka.md": release_text(date=value)})
    code, indonesian = run(["check"], root)
    _, english = run(["check", "--lang", "en"], root)
    assert code == 1
    assert "date: memakai angka selain 0-9" in indonesian
    assert f"(tertulis {value!r}); ketik ulang tanggalnya dengan angka 0-9 biasa" in indonesian
    assert "date: uses digits other than 0-9" in english


def _line_of(text: str, where: str) -> int:
    key = where.split("[")[0].split(".")[0]
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(key + ":"))
