"""Every form of the reports: CSV and JSON parse back to the same figures, the HTML is
one standalone document, the PDF is real (its text extracted) and every form is the
same bytes for the same content and `now`."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pypdfium2
import pytest

from generator.content.repository import Repository
from generator.report import csvout, htmlout, jsonout, pdfout, textout
from generator.report.addresses import newsroom_addresses
from generator.report.officers import OfficersReport, officers_report
from generator.report.offices import offices_report
from generator.report.period import Period
from tests.generator.report.newsroom import NOW

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def lisa(repo: Repository) -> OfficersReport:
    return officers_report(repo, NOVEMBER, NOW, newsroom_addresses(repo), officer_id="lisa")


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_csv_parses_back_with_every_row(lisa: OfficersReport) -> None:
    rows = list(csv.DictReader(io.StringIO(csvout.officers_csv(lisa))))
    assert [(r["rilis"], r["status"]) for r in rows] == [
        ("kutai-timur/2026/berfoto", "terbit"),
        ("kutai-timur/2026/siaran", "terbit"),
        ("kutai-timur/2026/akhir-bulan", "terbit"),
        ("kutai-timur/2026/ditarik", "ditarik"),
    ]
    assert rows[2]["tanggal"] == "2026-11-30T23:30:00+08:00"
    assert (rows[0]["kata"], rows[0]["foto"], rows[0]["zona"]) == ("4", "1", "WITA")
    assert rows[0]["nip"] == "19900101 201501 2 011"


def test_json_parses_back_with_totals(lisa: OfficersReport) -> None:
    data = json.loads(jsonout.officers_json(lisa))
    (one,) = data["officers"]
    assert data["period"] == {"from": "2026-11-01", "to": "2026-11-30"}
    assert one["released"] == 3
    assert [t["releases"] for t in one["totals"]] == [2, 1]
    assert one["withdrawn"][0]["withdrawn_reason"] == "Data keliru."


def test_text_and_html_carry_the_signature_block(lisa: OfficersReport) -> None:
    text = textout.officers_text(lisa)
    page = htmlout.officers_html(lisa)
    for shown in (text, page):
        assert "Mengetahui," in shown and "Atasan Langsung" in shown
        assert "Lisa Amalia" in shown and "19900101 201501 2 011" in shown
    assert page.startswith("<!doctype html>") and "size:A4" in page
    assert "<script" not in page and "src=" not in page


def test_the_pdf_is_real_and_reproducible(lisa: OfficersReport) -> None:
    first, second = pdfout.officers_pdf(lisa), pdfout.officers_pdf(lisa)
    assert first.startswith(b"%PDF-") and first == second
    text = pdf_text(first)
    for expected in ("Lisa Amalia", "Mengetahui,", "Atasan Langsung", "Berfoto", "Jumlah rilis: 3"):
        assert expected in text
    assert "Produksi konten media online: penulisan berita" in " ".join(text.split())


def test_the_offices_report_in_every_form(repo: Repository) -> None:
    report = offices_report(repo, NOVEMBER, NOW)
    data = json.loads(jsonout.offices_json(report))
    assert {o["id"]: o["releases"] for o in data["offices"]} == {
        "ambon": 2,
        "kaltim": 1,
        "komdigi": 1,
        "kutai-timur": 5,
    }
    summary = csvout.offices_csv(report).split("\r\n\r\n")[0]
    rows = list(csv.DictReader(io.StringIO(summary)))
    assert rows[3]["klarifikasi"] == "1" and rows[1]["hari_sejak_rilis_terakhir"] == "26"
    page = htmlout.offices_html(report)
    assert page.count('<rect x="0" y="1" width="240.0"') == 1  # the largest office's bar
    assert "Diskominfo Staper Kabupaten Kutai Timur" in pdf_text(pdfout.offices_pdf(report))
    assert "kutai-timur" in textout.offices_text(report)
    assert all("NIP" not in form for form in (page, textout.offices_text(report)))
