"""Hostile text in the reports: a title, a name or a reason carrying markup is printed
as text in the HTML (and so the PDF), and a cell a spreadsheet would run as a formula
(`=HYPERLINK(...)`, `@SUM`, `+`, `-`) is written as plain text in the CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import html5lib
import pytest

from tests.conftest import invoke
from tests.generator.report.newsroom import FIRST, LAST, NOW_ARG, OFFICES, make_newsroom, release
from tests.security.sinks import page_sinks

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
FORMULAS = (
    '=HYPERLINK("http://evil.example/","klik")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
)
PERIOD = ["--from", FIRST, "--to", LAST, "--now", NOW_ARG]


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    releases = {
        "kutai-timur/2026/skrip": release(
            quoted(f"Rapat {SCRIPT}"), "2026-11-10 09:00", "{penulis: [lisa]}"
        ),
        "kutai-timur/2026/ditarik": release(
            quoted(f"Ditarik {IMG}"),
            "2026-11-11 09:00",
            "{penulis: [lisa]}",
            status="withdrawn",
            withdrawn_reason=quoted(f"Alasan {SCRIPT}"),
        ),
    }
    for number, formula in enumerate(FORMULAS):
        releases[f"kutai-timur/2026/rumus-{number}"] = release(
            quoted(formula), f"2026-11-1{number + 2} 09:00", "{penulis: [lisa]}"
        )
    root = make_newsroom(tmp_path / "pusat", releases)
    registry = root / "content" / "offices.yml"
    hostile_name = OFFICES.replace("name: Lisa Amalia", f"name: {quoted('Lisa ' + IMG)}")
    hostile_name = hostile_name.replace(
        "name: Diskominfo Staper Kabupaten Kutai Timur", f"name: {quoted('Kutim ' + SCRIPT)}"
    )
    registry.write_text(hostile_name, encoding="utf-8")
    (root / "content" / "national" / "curation.yml").write_text("featured: []\n", "utf-8")
    check = invoke(["check", "--now", NOW_ARG], root)
    assert check.exit_code == 0, check.output
    return root


def report(root: Path, *args: str) -> str:
    result = invoke(["report", *args, *PERIOD, "--office", "kutai-timur"], root)
    assert result.exit_code == 0, result.output
    return result.output


def test_markup_in_titles_names_and_reasons_is_text_in_the_html(hostile: Path) -> None:
    page = report(hostile, "officers", "--format", "html")
    assert page_sinks(page) == []
    assert SCRIPT not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    document = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    texts = " ".join(document.itertext())
    assert f"Rapat {SCRIPT}" in texts and f"Alasan {SCRIPT}" in texts and f"Lisa {IMG}" in texts


def test_the_offices_html_escapes_names_too(hostile: Path) -> None:
    page = report(hostile, "offices", "--format", "html")
    document = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    assert not list(document.iter("script")) and not list(document.iter("img"))
    assert f"Kutim {SCRIPT}" in " ".join(document.itertext())


def test_formulas_are_plain_text_in_the_csv(hostile: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(report(hostile, "officers", "--format", "csv"))))
    titles = {row["judul"] for row in rows}
    for formula in FORMULAS:
        assert "'" + formula in titles
        assert formula not in titles
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    offices = report(hostile, "offices", "--format", "csv")
    assert "\r\nkutai-timur,'" not in offices  # the office's own id starts no formula
    assert f"Kutim {SCRIPT}" in offices


def test_json_keeps_the_text_as_written(hostile: Path) -> None:
    data = json.loads(report(hostile, "officers", "--format", "json"))
    titles = {r["title"] for o in data["officers"] for r in o["releases"]}
    assert FORMULAS[0] in titles and f"Rapat {SCRIPT}" in titles
