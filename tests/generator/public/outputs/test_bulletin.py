"""The weekly bulletin, built for real: weeks in each site's zone, the print order, the
four-page cap checked on the real PDF (pages counted, size, every QR code decoded from
the rasterised pages), the WhatsApp text, a past week that does not change when later
releases, corrections and withdrawals arrive (they go to the next edition's Ralat),
and only the running week's PDF made again by an incremental build."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from generator.content.provinces import WIB, WIT, WITA
from generator.public import bulletinview
from generator.public.bulletin import week_of
from generator.public.bulletintext import plain
from tests.conftest import release_text
from tests.sitebuild import build_repo

# Tuesday 1 December 2026, 10.00 WIB: week 49 runs, week 48 is over in every zone.
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
BASE = "https://b.example/"
LONG = "Kalimat panjang yang menjelaskan kebijakan daerah kepada warga desa. "


def build(root: Path, now: datetime = NOW) -> Path:
    return build_repo(root, now, BASE, out=root / "site")


def edition(out: Path, site: str, week: str) -> Path:
    return out / site / "buletin" / week


def text_of(out: Path, site: str, week: str) -> str:
    return (edition(out, site, week) / f"buletin-{site}-{week}.txt").read_text(encoding="utf-8")


def pdf_of(out: Path, site: str, week: str) -> Path:
    return edition(out, site, week) / f"buletin-{site}-{week}.pdf"


def titles(text: str) -> list[str]:
    """The item titles of a .txt digest, in order (`1. Judul`)."""
    found = []
    for block in text.split("\n\n"):
        head = block.split("\n", 1)[0]
        number, _, title = head.partition(". ")
        if number.isdigit():
            found.append(title)
    return found


def pdf_pages(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def qr_codes(path: Path) -> list[str]:
    """Every QR code on every page of the PDF, as a phone camera would read the paper:
    the page rasterised at 150 dpi, then decoded."""
    document = pdfium.PdfDocument(str(path))
    try:
        found = []
        for page in document:
            image = page.render(scale=150 / 72).to_pil()
            found += [code.text for code in zxingcpp.read_barcodes(image)]
        return found
    finally:
        document.close()


@pytest.mark.parametrize(
    ("zone", "sunday_late", "monday_early"),
    [
        (WIB, "2026-11-29T23:30:00+07:00", "2026-11-30T00:30:00+07:00"),
        (WITA, "2026-11-29T23:30:00+08:00", "2026-11-30T00:30:00+08:00"),
        (WIT, "2026-11-29T23:30:00+09:00", "2026-11-30T00:30:00+09:00"),
    ],
)
def test_a_week_ends_at_sunday_midnight_on_the_zones_wall_clock(
    zone: object, sunday_late: str, monday_early: str
) -> None:
    assert week_of(datetime.fromisoformat(sunday_late), zone).slug == "2026-w48"  # type: ignore[arg-type]
    assert week_of(datetime.fromisoformat(monday_early), zone).slug == "2026-w49"  # type: ignore[arg-type]


def test_weeks_follow_each_sites_zone(central_repo) -> None:  # type: ignore[no-untyped-def]
    sunday, monday = "2026-11-29 23:30", "2026-11-30 00:30"
    root = central_repo(
        {
            "ambon/2026/minggu-malam": release_text(title="Ambon Minggu", date=sunday),
            "ambon/2026/senin-dini": release_text(title="Ambon Senin", date=monday),
            "kaltim/2026/minggu-malam": release_text(title="Kaltim Minggu", date=sunday),
            "kaltim/2026/senin-dini": release_text(title="Kaltim Senin", date=monday),
            # 23.30 WIB on Sunday is 00.30 WITA and 01.30 WIT on Monday.
            "komdigi/2026/minggu-malam": release_text(title="Pusat Minggu", date=sunday),
        }
    )
    out = build(root)
    assert titles(text_of(out, "maluku", "2026-w48")) == ["Ambon Minggu"]
    # Newest first: 01.30 WIT before 00.30 WIT.
    assert titles(text_of(out, "maluku", "2026-w49")) == ["Pusat Minggu", "Ambon Senin"]
    assert titles(text_of(out, "kalimantan-timur", "2026-w48")) == ["Kaltim Minggu"]
    # The same instant (00.30 WITA): by id.
    assert titles(text_of(out, "kalimantan-timur", "2026-w49")) == ["Kaltim Senin", "Pusat Minggu"]
    assert titles(text_of(out, "nasional", "2026-w48")) == ["Pusat Minggu"]
    maluku = text_of(out, "maluku", "2026-w49")
    closes = "Minggu 6 Desember 2026 pukul 24.00 WIT"
    assert f"Edisi berjalan: masih bertambah sampai {closes}." in maluku
    assert "Senin, 30 November 2026 00.30 WIT · Diskominfo Kota Ambon" in maluku
    assert "Minggu, 29 November 2026 23.30 WIB · Kementerian Komunikasi dan Digital" in maluku
    # /buletin/ shows the edition to print: the latest complete one.
    index = (out / "maluku/buletin/index.html").read_text(encoding="utf-8")
    assert "Minggu ke-48 Tahun 2026" in index.split("<h1>", 1)[1].split("</h1>")[0]
    assert 'href="2026-w48/buletin-maluku-2026-w48.pdf"' in index
    assert "/maluku/buletin/2026-w49/" in index  # the running one, in the list


def test_print_order_curated_clarifications_regulations_then_the_rest(central_repo) -> None:  # type: ignore[no-untyped-def]
    claim = "{text: Bantuan pulsa lewat tautan, verdict: hoaks}"
    root = central_repo(
        {
            "komdigi/2026/berita-lama": release_text(title="Berita Lama", date="2026-11-23 09:00"),
            "komdigi/2026/berita-baru": release_text(title="Berita Baru", date="2026-11-27 09:00"),
            "komdigi/2026/permen": release_text(
                title="Permen Baru", date="2026-11-28 09:00", category="produk-hukum"
            ),
            "komdigi/2026/hoaks": release_text(
                title="Bansos Pulsa", date="2026-11-24 09:00", category="klarifikasi", claim=claim
            ),
            "ambon/2026/dipilih": release_text(title="Pilihan Ambon", date="2026-11-23 08:00"),
        },
        curation="featured:\n  - id: ambon/2026/dipilih\n",
    )
    out = build(root)
    text = text_of(out, "nasional", "2026-w48")
    assert titles(text) == [
        "Pilihan Ambon",
        "[HOAKS] Bansos Pulsa",
        "Permen Baru",
        "Berita Baru",
        "Berita Lama",
    ]
    assert "Klaim: Bantuan pulsa lewat tautan" in text
    page = (edition(out, "nasional", "2026-w48") / "index.html").read_text(encoding="utf-8")
    assert page.index("Pilihan Ambon") < page.index("Bansos Pulsa") < page.index("Permen Baru")
    assert '<span class="verdict">HOAKS</span>' in page
    assert '<html lang="id"' in page


def _crowded_week(title: int, summary: int, claim: int) -> dict[str, str]:
    """Forty releases in week 48 in Kalimantan Timur, six of them clarifications, with
    titles, summaries and claims of the given lengths."""
    releases = {}
    for n in range(40):
        fields = {
            "title": f"Rilis {n:02d} " + ("judul panjang sekali " * 10)[: title - 9].strip(),
            "date": f"2026-11-{23 + n % 7} {8 + n % 10:02d}:00",
            "summary": f'"{(LONG * 7)[:summary]}"',
        }
        if n % 7 == 0:
            fields |= {
                "category": "klarifikasi",
                "claim": f'{{text: "{(LONG * 15)[:claim]}", verdict: disinformasi}}',
            }
        releases[f"kaltim/2026/rilis-{n:02d}"] = release_text(**fields)
    return releases


@pytest.mark.parametrize(
    ("lengths", "at_least"),
    [
        ((90, 280, 300), 10),  # as releases are written: a headline, a paragraph
        ((200, 400, 1000), 5),  # every field as long as the schema allows
    ],
    ids=["typical", "longest"],
)
def test_a_crowded_week_fits_four_a4_pages_under_300_kb_and_every_qr_code_reads(
    central_repo,  # type: ignore[no-untyped-def]
    lengths: tuple[int, int, int],
    at_least: int,
) -> None:
    out = build(central_repo(_crowded_week(*lengths)))
    week = "2026-w48"
    text = text_of(out, "kalimantan-timur", week)
    printed = titles(text)
    assert at_least <= len(printed) < 40, "the cap is measured, neither all nor too few"
    assert f"{40 - len(printed)} rilis lain minggu ini tidak muat di buletin" in text
    pdf = pdf_of(out, "kalimantan-timur", week)
    pages = pdf_pages(pdf)
    assert len(pages) <= 4
    assert pdf.stat().st_size <= 300 * 1024
    urls = [line for line in text.splitlines() if line.startswith(f"{BASE}kalimantan-timur/")]
    assert len(urls) == len(printed)
    # Every item's code leads to its release, from the paper.
    assert sorted(qr_codes(pdf)) == sorted(urls)
    # Same content as the page and the text: every printed title is in the PDF.
    flat = "".join("".join(pages).split())
    for title in printed:
        assert "".join(title.split())[:60] in flat
    assert "DISINFORMASI" in flat


def test_a_past_week_never_changes_and_later_changes_go_to_the_next_ralat(
    central_repo,  # type: ignore[no-untyped-def]
) -> None:
    root = central_repo(
        {
            "ambon/2026/pasar": release_text(title="Pasar Murah", date="2026-11-25 09:00"),
            "ambon/2026/rapat": release_text(title="Rapat Warga", date="2026-11-26 09:00"),
        }
    )
    out = build(root)
    past = edition(out, "maluku", "2026-w48")
    before = {p.name: p.read_bytes() for p in past.iterdir()}
    pdf_time = pdf_of(out, "maluku", "2026-w48").stat().st_mtime_ns
    releases = root / "content/releases/ambon/2026"
    (releases / "baru.md").write_text(release_text(title="Rilis Baru", date="2026-11-30 10:00"))
    pasar = releases / "pasar.md"
    pasar.write_text(
        pasar.read_text().replace(
            "category: berita",
            "category: berita\n"
            'updates: [{date: "2026-11-30 12:00", note: "Lokasi pasar dikoreksi."}]',
        )
    )
    rapat = releases / "rapat.md"
    rapat.write_text(
        rapat.read_text().replace(
            "category: berita",
            "category: berita\nstatus: withdrawn\nwithdrawn_reason: Jadwal batal.\n"
            'withdrawn_at: "2026-11-30 13:00"',
        )
    )
    again = build(root)
    assert {p.name: p.read_bytes() for p in past.iterdir()} == before
    # Its PDF is dated by its week's end (Monday 00.00 WIT), never by the build's clock.
    document = pdfium.PdfDocument(str(pdf_of(again, "maluku", "2026-w48")))
    try:
        dates = document.get_metadata_dict()
    finally:
        document.close()
    assert dates["CreationDate"] == dates["ModDate"] == "D:20261129150000Z"
    # Not even made again: an incremental build makes only the running week's PDF.
    assert pdf_of(again, "maluku", "2026-w48").stat().st_mtime_ns == pdf_time
    running = text_of(again, "maluku", "2026-w49")
    assert titles(running) == ["Rilis Baru"]
    ralat = running.split("RALAT\n", 1)[1]
    assert "- Dikoreksi Senin, 30 November 2026 12.00 WIT: Pasar Murah" in ralat
    assert "Lokasi pasar dikoreksi." in ralat
    assert "- Ditarik Senin, 30 November 2026 13.00 WIT: Rapat Warga" in ralat
    assert "Jadwal batal." in ralat
    assert "Ralat" in pdf_pages(pdf_of(again, "maluku", "2026-w49"))[0]
    # And a clean build of the same content agrees, byte for byte.
    fresh = root.parent / "bersih"
    shutil.copytree(root / "content", fresh / "content")
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    clean = build(fresh)
    for site in ("maluku", "nasional"):
        made = sorted(p.relative_to(again) for p in (again / site / "buletin").rglob("*"))
        assert made == sorted(p.relative_to(clean) for p in (clean / site / "buletin").rglob("*"))
        for relative in made:
            if (again / relative).is_file():
                assert (again / relative).read_bytes() == (clean / relative).read_bytes(), relative


def test_the_week_turning_completes_the_edition_with_no_file_changed(
    central_repo,  # type: ignore[no-untyped-def]
) -> None:
    root = central_repo({"ambon/2026/pasar": release_text(title="Pasar", date="2026-12-01 09:00")})
    out = build(root)
    assert "Edisi berjalan" in text_of(out, "maluku", "2026-w49")
    assert "2026-w49" not in (out / "maluku/buletin/atom.xml").read_text(encoding="utf-8")
    # Monday 7 December 00.30 WIT: the same files, a new week.
    later = build(root, datetime(2026, 12, 6, 15, 30, tzinfo=UTC))
    assert "Edisi berjalan" not in text_of(later, "maluku", "2026-w49")
    feed = (later / "maluku/buletin/atom.xml").read_text(encoding="utf-8")
    assert "<id>https://b.example/maluku/buletin/2026-w49/</id>" in feed


def test_the_text_is_plain_one_line_per_field_and_short(central_repo) -> None:  # type: ignore[no-untyped-def]
    title = "'Rapat \"Dana\" & Anggaran #1 <script>alert(1)</script>'"
    summary = '"Baris satu\\nBaris dua & <b>tebal</b>\\n\\n' + "panjang " * 45 + '"'
    root = central_repo(
        {"ambon/2026/rapat": release_text(title=title, date="2026-11-25 09:00", summary=summary)}
    )
    text = text_of(build(root), "maluku", "2026-w48")
    block = text.split("\n\n")[1].splitlines()
    assert block[0] == '1. Rapat "Dana" & Anggaran #1 <script>alert(1)</script>'
    assert block[1] == "Rabu, 25 November 2026 09.00 WIT · Diskominfo Kota Ambon"
    assert block[2].startswith("Baris satu Baris dua & <b>tebal</b> panjang")
    assert len(block[2]) <= 700
    assert block[3] == f"{BASE}maluku/ambon/2026/rapat/"
    assert len(block) == 4
    assert "&amp;" not in text and "&lt;" not in text and "&quot;" not in text


def test_plain_keeps_one_line_of_printable_characters() -> None:
    assert plain("Judul\nbaris\r\ndua\u2028tiga\tempat") == "Judul baris dua tiga empat"
    assert plain("a\u202eb\u200bc\x00d\x1be") == "abcde"  # bidi override, zero width, controls
    assert plain("  Ambon   &  <b>  ") == "Ambon & <b>"
    # Printable text takes a short way; white space other than the space does not.
    assert plain(" Rapat  di Sangatta 🙂 ") == "Rapat di Sangatta 🙂"
    assert plain("Rapat\u00a0di\u3000Sangatta") == "Rapat di Sangatta"


def test_making_a_pdf_leaves_pillows_truncated_image_check_on() -> None:
    """WeasyPrint's import turns Pillow's LOAD_TRUNCATED_IMAGES on for the process; the
    photos' pipeline, in the same build, must still refuse a cut-off upload."""
    from PIL import ImageFile

    from generator.public.bulletinpdf import pdf_bytes

    assert pdf_bytes("<p>Buletin</p>").startswith(b"%PDF")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_a_correction_in_the_running_week_is_in_its_ralat_too(central_repo) -> None:  # type: ignore[no-untyped-def]
    """The running edition may have been printed already: a change made to one of its
    releases before the week ends is printed in its Ralat, the release still listed."""
    updates = '[{date: "2026-12-01 09:00", note: "Jam buka dikoreksi."}]'
    root = central_repo(
        {
            "ambon/2026/pasar": release_text(
                title="Pasar", date="2026-11-30 09:00", updates=updates
            ),
            "ambon/2026/lama": release_text(
                title="Tanpa Tanggal Tarik",
                date="2026-11-24 09:00",
                status="withdrawn",
                withdrawn_reason="Batal.",
            ),
        }
    )
    out = build(root)
    running = text_of(out, "maluku", "2026-w49")
    assert titles(running) == ["Pasar"]
    assert "- Dikoreksi Selasa, 1 Desember 2026 09.00 WIT: Pasar" in running
    # A withdrawal with no `withdrawn_at` has no date: in no week, in no Ralat.
    assert not edition(out, "maluku", "2026-w48").exists()
    assert "Tanpa Tanggal Tarik" not in running


def test_a_new_process_makes_only_the_new_releases_code(
    central_repo,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cron build is a new process: the codes of the week's other releases are read
    from the render cache, where the build before kept them, not made again; and the
    edition is what a clean build makes, byte for byte."""
    root = central_repo(
        {
            "ambon/2026/pasar": release_text(title="Pasar Murah", date="2026-11-30 09:00"),
            "ambon/2026/rapat": release_text(title="Rapat Warga", date="2026-11-30 10:00"),
        }
    )
    monkeypatch.setattr(bulletinview, "_codes", {})  # none from the builds of other tests
    build(root)
    made = tmp_path / "dibuat.txt"  # written by the site workers, forked processes
    make = bulletinview._make_code

    def counted(url: str) -> bulletinview.Code:
        with made.open("a", encoding="utf-8") as out:
            out.write(f"{url}\n")
        return make(url)

    monkeypatch.setattr(bulletinview, "_make_code", counted)
    monkeypatch.setattr(bulletinview, "_codes", {})  # nothing in memory, as a new process
    releases = root / "content/releases/ambon/2026"
    (releases / "baru.md").write_text(release_text(title="Rilis Baru", date="2026-12-01 08:00"))
    again = build(root)
    assert titles(text_of(again, "maluku", "2026-w49")) == [
        "Rilis Baru",
        "Rapat Warga",
        "Pasar Murah",
    ]
    assert made.read_text(encoding="utf-8").splitlines() == [f"{BASE}maluku/ambon/2026/baru/"]
    fresh = root.parent / "bersih"
    shutil.copytree(root / "content", fresh / "content")
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    monkeypatch.setattr(bulletinview, "_codes", {})  # each code made afresh
    clean = build(fresh)
    week = Path("maluku/buletin/2026-w49")
    for name in ("index.html", "buletin-maluku-2026-w49.pdf"):
        assert (again / week / name).read_bytes() == (clean / week / name).read_bytes(), name
