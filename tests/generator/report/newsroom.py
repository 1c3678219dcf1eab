"""A small central repository with releases whose report rows are counted by hand:
three zones (komdigi WIB, kutai-timur and kaltim WITA, ambon WIT), releases on both
sides of each office's midnight closing the period, a withdrawn one, a draft, one
under embargo, a clarification, a regulation, a curated one and a photo."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import make_png

FIRST, LAST = "2026-11-01", "2026-11-30"
NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)  # 07.00 WIB, 08.00 WITA, 09.00 WIT on 1 Dec
NOW_ARG = "2026-12-01T00:00:00Z"
BASE = "https://berita.example.go.id/"

OFFICES = """- id: komdigi
  name: Kementerian Komunikasi dan Digital
  level: pusat
  officers:
    - {id: rina, name: Rina Kusumawati, nip: "19900101 201501 2 001", position: Ahli Muda}
- id: kaltim
  name: Diskominfo Provinsi Kalimantan Timur
  level: provinsi
  province: "64"
  officers:
    - {id: fitri, name: Fitri Handayani, nip: "19900101 201501 2 009"}
- id: kutai-timur
  name: Diskominfo Staper Kabupaten Kutai Timur
  level: kabupaten
  province: "64"
  officers:
    - {id: lisa, name: Lisa Amalia, nip: "19900101 201501 2 011", position: Ahli Pertama}
    - {id: budi, name: Budi Santoso, nip: "19900101 201501 1 012", position: Penyelia}
    - {id: ari, name: Ari Wibowo, nip: "19900101 201501 1 013", position: Terampil}
- id: ambon
  name: Diskominfo Kota Ambon
  level: kota
  province: "81"
  officers:
    - {id: elsa, name: Elsa Tuhumury, nip: "19900101 201501 2 016", position: Ahli Pertama}
"""

MKDOCS = """site_name: Uji
docs_dir: content/pages
theme: {name: newsroom}
plugins:
  - newsroom:
      base_url: https://berita.example.go.id/
"""

FIVE_WORDS = "Satu dua tiga empat lima."
# Four words a reader reads: the link's address is not one.
FOUR_WORDS = "Baca [di sini](https://contoh.go.id/panjang/sekali) ya."


def release(title: str, date: str, credits: str, body: str = FIVE_WORDS, **extra: str) -> str:
    lines = [f"title: {title}", f"date: {date}", "category: berita", f"credits: {credits}"]
    fields = {key: value for key, value in extra.items()}
    if "category" in fields:
        lines[2] = f"category: {fields.pop('category')}"
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


RELEASES = {
    # kutai-timur, WITA (+08:00)
    "kutai-timur/2026/akhir-bulan": release("Akhir Bulan", "2026-11-30 23:30", "{penulis: [lisa]}"),
    "kutai-timur/2026/awal-desember": release(
        "Awal Desember", "2026-12-01 00:30", "{penulis: [lisa]}"
    ),
    "kutai-timur/2026/ditarik": release(
        "Ditarik",
        "2026-11-10 09:00",
        "{penulis: [lisa]}",
        status="withdrawn",
        withdrawn_reason="Data keliru.",
    ),
    "kutai-timur/2026/draf": release(
        "Draf", "2026-11-12 09:00", "{penulis: [lisa]}", status="draft"
    ),
    "kutai-timur/2026/embargo": release(
        "Embargo", "2026-11-13 09:00", "{penulis: [lisa]}", publish_at="2026-12-05 08:00"
    ),
    "kutai-timur/2026/berfoto": release(
        "Berfoto",
        "2026-11-15 10:00",
        "{penulis: [lisa], foto: [ari]}",
        body=FOUR_WORDS,
        image="{src: assets/foto.png, alt: Foto kegiatan}",
    ),
    "kutai-timur/2026/siaran": release(
        "Siaran",
        "2026-11-16 10:00",
        "{penulis: [lisa], editor: [budi]}",
        category="siaran-pers",
    ),
    "kutai-timur/2026/klarifikasi": release(
        "Klarifikasi",
        "2026-11-20 10:00",
        "{penulis: [budi]}",
        category="klarifikasi",
        claim="{text: Beredar pesan palsu., verdict: hoaks}",
    ),
    "kutai-timur/2026/perbup": release(
        "Perbup",
        "2026-11-21 10:00",
        "{penulis: [budi]}",
        category="produk-hukum",
        regulation='{type: Perbup, number: "12", year: 2026, about: Jam Layanan}',
    ),
    # kaltim, WITA
    "kaltim/2026/awal-bulan": release("Awal Bulan", "2026-11-05 10:00", "{penulis: [fitri]}"),
    # ambon, WIT (+09:00)
    "ambon/2026/akhir-bulan": release("Akhir Bulan WIT", "2026-11-30 23:30", "{penulis: [elsa]}"),
    "ambon/2026/awal-desember": release(
        "Awal Desember WIT", "2026-12-01 00:30", "{penulis: [elsa]}"
    ),
    "ambon/2026/awal-bulan": release("Awal Bulan WIT", "2026-11-01 00:00", "{penulis: [elsa]}"),
    "ambon/2026/oktober": release("Oktober WIT", "2026-10-31 23:59", "{penulis: [elsa]}"),
    # komdigi, WIB (+07:00)
    "komdigi/2026/akhir-bulan": release("Akhir Bulan WIB", "2026-11-30 23:30", "{penulis: [rina]}"),
    "komdigi/2026/awal-desember": release(
        "Awal Desember WIB", "2026-12-01 00:30", "{penulis: [rina]}"
    ),
}

CURATION = "featured:\n  - id: kutai-timur/2026/berfoto\n"


def make_newsroom(root: Path, releases: dict[str, str] | None = None) -> Path:
    """The central repository above (or with `releases` instead) under `root`."""
    (root / "content" / "national").mkdir(parents=True)
    (root / "content" / "pages").mkdir()
    (root / "content" / "offices.yml").write_text(OFFICES, encoding="utf-8")
    (root / "content" / "national" / "curation.yml").write_text(CURATION, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    assets = root / "content" / "assets" / "kutai-timur"
    assets.mkdir(parents=True)
    (assets / "foto.png").write_bytes(make_png(40, 30))
    for release_id, text in (RELEASES if releases is None else releases).items():
        path = root / "content" / "releases" / f"{release_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
