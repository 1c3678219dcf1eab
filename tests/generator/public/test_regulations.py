"""The index of regulations (`/produk-hukum/`), its feeds, the sitemap line, the JSON-LD
`Legislation` of a release page, and the cross-site links of every footer (issue 19,
items 2 and 3)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import feedparser
import pytest

from generator.public.outputs.regulations import PER_PAGE
from tests.conftest import FIXTURES, release_text
from tests.generator.test_incremental import files
from tests.sitebuild import build_repo

BASE = "https://b.example/"
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
BUDGET = 14 * 1024
PDF_SIZE = 340 * 1024


def regulation(kind: str, number: str, year: int, about: str, **more: str) -> str:
    fields = {"type": kind, "number": f'"{number}"', "year": str(year), "about": about, **more}
    return "{" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}"


def law(title: str, date: str, rule: str | None, pdf: str | None = None, **more: str) -> str:
    fields: dict[str, str] = {"category": "produk-hukum", **more}
    if pdf is not None:
        fields["attachments"] = f"[{{title: Naskah, src: assets/{pdf}}}]"
    if rule is not None:
        fields["regulation"] = rule
    return release_text(title=title, date=date, **fields)


RELEASES = {
    "kutai-timur/2026/perbup-jam": law(
        "Sosialisasi Perbup Jam Layanan",
        "2026-11-17 10:00",
        regulation(
            "Perbup",
            "12",
            2026,
            "Jam Layanan Publik",
            enacted="2026-11-10",
            document="assets/perbup-12.pdf",
        ),
        pdf="perbup-12.pdf",
    ),
    "kutai-timur/2025/perbup-pasar": law(
        "Perbup Retribusi Pasar",
        "2025-03-01 10:00",
        regulation("Perbup", "3", 2025, "Retribusi Pasar", enacted="2025-02-01"),
    ),
    "kutai-timur/2026/perbup-air": law(
        "Perbup Air Bersih",
        "2026-02-01 10:00",
        regulation("Perbup", "2", 2026, "Air Bersih", enacted="2026-01-20"),
    ),
    "kaltim/2026/pergub": law(
        "Pergub Perizinan",
        "2026-10-01 10:00",
        regulation("Pergub", "5", 2026, '"Perizinan & Layanan <Terpadu>"'),
    ),
    "kaltim/2026/kepgub": law(
        "Keputusan Gubernur Tim Terpadu",
        "2026-09-01 10:00",
        regulation("lainnya", "100.3/7", 2026, "Tim Terpadu", type_name="Keputusan Gubernur"),
    ),
    "komdigi/2026/permen": law(
        "Permen Data",
        "2026-06-03 10:00",
        regulation("Permen", "7", 2026, "Pelindungan Data", enacted="2026-05-28"),
    ),
    "kaltim/2026/tanpa-data": law("Perda Lama Diumumkan Ulang", "2026-08-01 10:00", None),
    "kaltim/2026/draf": law(
        "Draf Rahasia",
        "2026-11-01 10:00",
        regulation("Pergub", "9", 2026, "Draf"),
        status="draft",
    ),
    "kaltim/2026/embargo": law(
        "Embargo Rahasia",
        "2026-11-20 10:00",
        regulation("Pergub", "10", 2026, "Embargo"),
        publish_at="2026-12-01 10:00",
    ),
    "kaltim/2026/ditarik": law(
        "Ditarik Rahasia",
        "2026-11-02 10:00",
        regulation("Pergub", "11", 2026, "Ditarik"),
        status="withdrawn",
        withdrawn_reason="Salah nomor.",
    ),
    "kaltim/2026/berita": release_text(title="Pasar Murah", date="2026-11-20 10:00"),
}
HIDDEN = (
    "Draf Rahasia",
    "Embargo Rahasia",
    "Ditarik Rahasia",
    "kaltim/2026/draf",
    "kaltim/2026/embargo",
)


def _main(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<main") : text.index("</main>")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import CENTRAL_OFFICES, MKDOCS_YML

    root = tmp_path_factory.mktemp("regulasi") / "pusat"
    (root / "content/national").mkdir(parents=True)
    (root / "content/pages").mkdir()
    (root / "content/offices.yml").write_text(CENTRAL_OFFICES, encoding="utf-8")
    (root / "content/national/curation.yml").write_text("featured: []\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for release_id, text in RELEASES.items():
        path = root / "content/releases" / f"{release_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    pdf = root / "content/assets/kutai-timur/perbup-12.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * (PDF_SIZE - 9))
    return build_repo(root, NOW, BASE)


def test_the_index_groups_by_kind_then_year_newest_first(built: Path) -> None:
    main = _main(built / "kalimantan-timur/produk-hukum/index.html")
    headings = re.findall(r"<h[23]>([^<]+)</h[23]>", main)
    assert headings == [
        "Peraturan Menteri (Permen)",
        "Tahun 2026",
        "Peraturan Gubernur (Pergub)",
        "Tahun 2026",
        "Peraturan Bupati (Perbup)",
        "Tahun 2026",
        "Tahun 2025",
        "Peraturan dan keputusan lainnya",
        "Tahun 2026",
        "Rilis produk hukum lainnya",
    ]
    names = [unescape(n) for n in re.findall(r'<li><a href="[^"]+">([^<]+)</a>', main)]
    assert names == [
        "Permen Nomor 7 Tahun 2026 tentang Pelindungan Data",
        "Pergub Nomor 5 Tahun 2026 tentang Perizinan & Layanan <Terpadu>",
        "Perbup Nomor 12 Tahun 2026 tentang Jam Layanan Publik",  # enacted after Nomor 2
        "Perbup Nomor 2 Tahun 2026 tentang Air Bersih",
        "Perbup Nomor 3 Tahun 2025 tentang Retribusi Pasar",
        "Keputusan Gubernur Nomor 100.3/7 Tahun 2026 tentang Tim Terpadu",
        "Perda Lama Diumumkan Ulang",
    ]


def test_each_line_links_its_release_and_its_pdf_with_size(built: Path) -> None:
    main = _main(built / "kalimantan-timur/produk-hukum/index.html")
    assert (
        '<li><a href="/kalimantan-timur/kutai-timur/2026/perbup-jam/">Perbup Nomor 12 Tahun '
        '2026 tentang Jam Layanan Publik</a><br><span class="small">Diskominfo Staper '
        'Kabupaten Kutai Timur · ditetapkan <time datetime="2026-11-10">10 November 2026</time>'
        ' · <a href="/kalimantan-timur/kutai-timur/aset/perbup-12.pdf">PDF, 340 KB</a>'
    ) in main
    assert (built / "kalimantan-timur/kutai-timur/aset/perbup-12.pdf").stat().st_size == PDF_SIZE


def test_a_produk_hukum_release_without_regulation_is_listed_apart(built: Path) -> None:
    main = _main(built / "kalimantan-timur/produk-hukum/index.html")
    apart = main[main.index("Rilis produk hukum lainnya") :]
    assert '<a href="/kalimantan-timur/kaltim/2026/tanpa-data/">' in apart
    assert "Pasar Murah" not in main  # another category


def test_drafts_embargoed_and_withdrawn_are_never_in_the_index_or_its_feeds(
    built: Path,
) -> None:
    folder = built / "kalimantan-timur/produk-hukum"
    for name in ("index.html", "atom.xml", "rss.xml", "feed.json"):
        text = (folder / name).read_text(encoding="utf-8")
        for needle in HIDDEN[:2] + HIDDEN[3:]:
            assert needle not in text, (name, needle)
    atom = feedparser.parse((folder / "atom.xml").read_bytes())
    assert not atom.bozo
    links = [entry.link for entry in atom.entries]
    assert all("ditarik" not in link and "tanpa-data" not in link for link in links)
    assert links[0] == f"{BASE}kalimantan-timur/kutai-timur/2026/perbup-jam/"
    assert len(links) == 6  # those naming a regulation, newest first
    # The withdrawn one leaves as every feed says it: a tombstone, never an entry.
    assert "at:deleted-entry" in (folder / "atom.xml").read_text(encoding="utf-8")
    assert "Ditarik Rahasia" not in _main(folder / "index.html")


def test_the_index_is_in_the_sitemap_and_the_navigation(built: Path) -> None:
    sitemap = (built / "kalimantan-timur/sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE}kalimantan-timur/produk-hukum/</loc>" in sitemap
    home = (built / "kalimantan-timur/index.html").read_text(encoding="utf-8")
    assert '<a href="/kalimantan-timur/produk-hukum/">Produk Hukum</a>' in home
    # The archive stays reachable, from the index itself.
    index = _main(built / "kalimantan-timur/produk-hukum/index.html")
    assert 'href="/kalimantan-timur/kategori/produk-hukum/"' in index


def _jsonld(page: Path) -> list[dict[str, object]]:
    text = page.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    return data if isinstance(data, list) else [data]


def test_the_release_page_carries_legislation_json_ld(built: Path) -> None:
    page = built / "kalimantan-timur/kutai-timur/2026/perbup-jam/index.html"
    (legislation,) = [item for item in _jsonld(page) if item["@type"] == "Legislation"]
    assert legislation == {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": "Perbup Nomor 12 Tahun 2026 tentang Jam Layanan Publik",
        "legislationType": "Peraturan Bupati",
        "legislationIdentifier": "Perbup Nomor 12 Tahun 2026",
        "about": "Jam Layanan Publik",
        "inLanguage": "id",
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": "Diskominfo Staper Kabupaten Kutai Timur",
        },
        "url": f"{BASE}kalimantan-timur/kutai-timur/2026/perbup-jam/",
        "legislationDate": "2026-11-10",
        "encoding": {
            "@type": "LegislationObject",
            "encodingFormat": "application/pdf",
            "contentUrl": f"{BASE}kalimantan-timur/kutai-timur/aset/perbup-12.pdf",
        },
    }
    other = built / "kalimantan-timur/kaltim/2026/tanpa-data/index.html"
    assert all(item["@type"] != "Legislation" for item in _jsonld(other))


def test_every_footer_links_the_other_sites(built: Path) -> None:
    province = (built / "kalimantan-timur/kaltim/2026/pergub/index.html").read_text("utf-8")
    assert (
        f'<p>Situs lain: <a href="{BASE}nasional/">Nasional</a> · '
        '<a href="/kalimantan-timur/#situs-lain">provinsi lain</a></p>'
    ) in province
    national = (built / "nasional/index.html").read_text(encoding="utf-8")
    assert '<p>Situs lain: <a href="/nasional/#situs-lain">situs provinsi</a></p>' in national
    # The home pages list them: the national site every province, a province the others.
    listed = re.search(r'<section id="situs-lain".*?</section>', national, re.S)
    assert listed is not None
    assert re.findall(r'<a href="([^"]+)">', listed.group(0)) == [
        f"{BASE}kalimantan-timur/",
        f"{BASE}maluku/",
    ]
    home = (built / "maluku/index.html").read_text(encoding="utf-8")
    listed = re.search(r'<section id="situs-lain".*?</section>', home, re.S)
    assert listed is not None
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', listed.group(0)) == [
        "Nasional",
        "Kalimantan Timur",
    ]


def test_a_long_index_is_paginated_and_each_page_fits_the_budget(
    central_repo: Callable[..., Path],
) -> None:
    about = "Perubahan atas Peraturan Bupati tentang Tata Cara Pemberian Izin Usaha Nomor"
    releases = {
        f"kutai-timur/2026/perbup-{n}": law(
            f"Sosialisasi Perbup Nomor {n} Tahun 2026 tentang Izin Usaha",
            f"2026-{1 + n % 10:02d}-{1 + n % 27:02d} 10:00",
            regulation(
                "Perbup",
                str(n),
                2026,
                f"{about} {n}",
                enacted="2026-01-02",
                document=f"assets/perbup-{n}.pdf",
            ),
            pdf=f"perbup-{n}.pdf",
        )
        for n in range(1, 2 * PER_PAGE + 11)
    }
    root = central_repo(releases)
    assets = root / "content/assets/kutai-timur"
    assets.mkdir(parents=True)
    for n in range(1, 2 * PER_PAGE + 11):
        (assets / f"perbup-{n}.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (n * 1000))
    out = build_repo(root, NOW, BASE, ["kalimantan-timur"])
    folder = out / "kalimantan-timur/produk-hukum"
    pages = [
        folder / "index.html",
        folder / "halaman/2/index.html",
        folder / "halaman/3/index.html",
    ]
    counts = [len(re.findall(r"<li>", _main(page))) for page in pages]
    assert counts == [PER_PAGE, PER_PAGE, 10]
    assert not (folder / "halaman/4").exists()
    second = pages[1].read_text(encoding="utf-8")
    assert '<a href="/kalimantan-timur/produk-hukum/" rel="prev">' in second
    assert '<a href="/kalimantan-timur/produk-hukum/halaman/3/" rel="next">' in second
    for page in pages:
        assert len(gzip.compress(page.read_bytes(), 9)) <= BUDGET, page


def test_incremental_equals_clean_when_a_regulation_or_its_pdf_changes(tmp_path: Path) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    out = build_repo(root, NOW, BASE, out=root / "site")
    edited = root / "content/releases/kutai-timur/2026/perbup-jam-layanan.md"
    edited.write_text(edited.read_text().replace("about: Jam Layanan Publik", "about: Jam Kerja"))
    pdf = root / "content/assets/kutai-timur/perbup-12-2026.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"0" * 50_000)
    incremental = build_repo(root, NOW, BASE, out=root / "site")
    index = _main(incremental / "kalimantan-timur/produk-hukum/index.html")
    assert "tentang Jam Kerja" in index and "PDF, 49 KB" in index
    fresh = tmp_path / "bersih"
    shutil.copytree(root / "content", fresh / "content")
    shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
    clean = build_repo(fresh, NOW, BASE, out=fresh / "site")
    assert incremental == out
    assert files(incremental) == files(clean)


def test_with_all_38_provinces_the_home_lists_them_within_budget(
    central_repo: Callable[..., Path],
) -> None:
    from generator.content.provinces import PROVINCES

    offices = "".join(
        f"- id: kantor-{code}\n  name: Diskominfo Provinsi {p.name}\n  level: provinsi\n"
        f'  province: "{code}"\n'
        for code, p in PROVINCES.items()
    )
    summary = "Pemerintah daerah mengumumkan jadwal layanan dan program kerja terbaru. " * 4
    releases = {
        f"kantor-11/2026/rilis-{n}": release_text(
            title=f"Pemerintah Aceh Umumkan Program Layanan Publik Nomor {n}",
            date=f"2026-11-{1 + n:02d} 10:00",
            summary=summary.strip(),
        )
        for n in range(22)
    }
    root = central_repo(releases)
    (root / "content/offices.yml").write_text(offices, encoding="utf-8")
    out = build_repo(root, NOW, BASE, ["nasional", "aceh"])
    national = (out / "nasional/index.html").read_text(encoding="utf-8")
    listed = re.search(r'<section id="situs-lain".*?</section>', national, re.S)
    assert listed is not None
    assert len(re.findall(r"<a href=", listed.group(0))) == len(PROVINCES) == 38
    home = out / "aceh/index.html"
    assert len(re.findall(r"<a href=", _main(home).split('id="situs-lain"')[1])) == 38
    for page in (out / "nasional/index.html", home):
        assert len(gzip.compress(page.read_bytes(), 9)) <= BUDGET, page
    # Any other page carries two links, not 38: the list costs the home page alone.
    release = (out / "aceh/kantor-11/2026/rilis-3/index.html").read_text(encoding="utf-8")
    footer = release[release.index("<footer") :]
    assert len(re.findall(rf'href="{BASE}', footer)) == 1  # the national site
    assert "#situs-lain" in footer


def test_the_release_article_names_its_regulation_with_date_and_pdf(built: Path) -> None:
    main = _main(built / "kalimantan-timur/kutai-timur/2026/perbup-jam/index.html")
    assert (
        '<p class="meta"><strong>Perbup Nomor 12 Tahun 2026 tentang Jam Layanan Publik</strong>'
        ', ditetapkan <time datetime="2026-11-10">10 November 2026</time> · '
        '<a href="../../aset/perbup-12.pdf">Unduh PDF (340 KB)</a></p>'
    ) in main
    # The office's text is escaped; without `enacted` and `document`, only the name.
    pergub = _main(built / "kalimantan-timur/kaltim/2026/pergub/index.html")
    assert (
        '<p class="meta"><strong>Pergub Nomor 5 Tahun 2026 tentang Perizinan &amp; Layanan '
        "&lt;Terpadu&gt;</strong></p>"
    ) in pergub
    # A produk-hukum release without `regulation:`, and any other release: no such line.
    for other in ("kaltim/2026/tanpa-data", "kaltim/2026/berita"):
        assert '<p class="meta"><strong>' not in _main(
            built / f"kalimantan-timur/{other}/index.html"
        )
