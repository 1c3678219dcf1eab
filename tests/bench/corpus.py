"""A synthetic national newsroom for benchmarks: N releases of realistic length across
all 38 provinces and a few central offices, some curated, one in `photo_every` with a
phone's photo as its lead image. Deterministic for a seed."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from generator.content.provinces import PROVINCES
from generator.content.vocabulary import CATEGORIES
from tests.bench.corpusphotos import PhotoSupply

# Everyday words of regional press releases, for text of realistic length.
_TEXT = (
    "pemerintah kabupaten provinsi masyarakat pelayanan publik program bantuan sosial "
    "kesehatan pendidikan jalan jembatan desa kelurahan kecamatan warga informasi "
    "humas pranata sosialisasi peraturan daerah bupati gubernur wali kota kepala "
    "dinas rapat koordinasi pembangunan anggaran tahun kegiatan pelatihan digital "
    "literasi hoaks klarifikasi banjir bencana pengungsi posko relawan petugas "
    "layanan kependudukan sekolah guru siswa puskesmas imunisasi vaksinasi nelayan "
    "petani pasar harga pangan beras minyak goreng ekonomi usaha mikro kecil menengah "
    "pariwisata festival budaya transportasi kapal pelabuhan bandara listrik air "
    "bersih sampah lingkungan hutan sungai laut pulau perbatasan daerah tertinggal "
    "terdepan terluar jaringan internet "
)
WORDS = tuple(_TEXT.split())
# Almost every press release has a photo; one in five keeps the corpus's gigabytes and
# the time to write them reasonable while the photo work is still measured on hundreds.
PHOTO_EVERY = 5


def paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(9, 18))]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def body(rng: random.Random) -> str:
    parts: list[str] = []
    size = rng.randint(3000, 6000)
    while sum(len(p) for p in parts) < size:
        if parts and rng.random() < 0.15:
            parts.append("## " + " ".join(rng.choice(WORDS) for _ in range(4)).capitalize())
        parts.append(paragraph(rng))
    return "\n\n".join(parts) + "\n"


def offices() -> list[tuple[str, str, str, str | None]]:
    """(id, name, level, province) for 8 central offices and 6 per province."""
    result: list[tuple[str, str, str, str | None]] = [
        (f"kementerian-{n}", f"Kementerian Contoh {n}", "pusat", None) for n in range(1, 9)
    ]
    for code, province in PROVINCES.items():
        result.append((f"prov-{province.site_id}", f"Diskominfo {province.name}", "provinsi", code))
        for n in range(1, 6):
            result.append(
                (
                    f"kab-{province.site_id}-{n}",
                    f"Diskominfo Kabupaten {n} {province.name}",
                    "kabupaten",
                    code,
                )
            )
    return result


def generate(root: Path, releases: int, seed: int = 7, photo_every: int = PHOTO_EVERY) -> list[str]:
    """Write the newsroom under `root`; returns the release ids. Release number n has a
    photo when n is a multiple of `photo_every` (0: no photos)."""
    rng = random.Random(seed)
    photos = PhotoSupply(seed)
    registry = offices()
    content = root / "content"
    (content / "national").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(exist_ok=True)
    (content / "pages" / "tentang.md").write_text("---\ntitle: Tentang\n---\nNewsroom uji.\n")
    lines = []
    for office_id, name, level, province in registry:
        lines.append(f"- id: {office_id}\n  name: {name}\n  level: {level}\n")
        if province:
            lines.append(f'  province: "{province}"\n')
    (content / "offices.yml").write_text("".join(lines))
    (root / "mkdocs.yml").write_text(
        "site_name: Bench\ndocs_dir: content/pages\ntheme: {name: newsroom}\n"
        "plugins:\n  - newsroom:\n      base_url: https://newsroom.example.go.id/\n"
    )
    start = datetime(2024, 1, 1, 8, 0)
    ids = []
    curated = []
    for n in range(releases):
        office_id, _, level, _ = _pick(rng, registry)
        when = start + timedelta(minutes=n * 97 % (3 * 365 * 24 * 60))
        topic = [rng.choice(WORDS) for _ in range(3)]
        slug = f"rilis-{n:05d}-" + "-".join(topic)
        release_id = f"{office_id}/{when.year}/{slug}"
        tags = sorted({rng.choice(WORDS) for _ in range(rng.randint(1, 3))})
        image = ""
        if photo_every and n % photo_every == 0:
            alt = "Foto kegiatan " + " ".join(topic)
            image = lead_photo(
                root / "content" / "assets" / office_id, slug, alt, photos.photo(n, when)
            )
        text = (
            f"---\ntitle: {' '.join(rng.choice(WORDS) for _ in range(8)).capitalize()}\n"
            f"date: {when:%Y-%m-%d %H:%M}\n"
            f"category: {rng.choice(CATEGORIES[:3] + CATEGORIES[4:])}\n"
            f"tags: [{', '.join(tags)}]\n{image}---\n{body(rng)}"
        )
        path = content / "releases" / f"{release_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        ids.append(release_id)
        if level != "pusat" and rng.random() < 0.02:
            curated.append(release_id)
    entries = "".join(f"  - id: {rid}\n" for rid in curated[-200:])
    (content / "national" / "curation.yml").write_text(
        f"featured:\n{entries}" if entries else "featured: []\n"
    )
    return ids


def lead_photo(assets: Path, name: str, alt: str, data: bytes) -> str:
    """Write a photo into an office's `assets` folder; the front-matter line showing it."""
    assets.mkdir(parents=True, exist_ok=True)
    (assets / f"{name}.jpg").write_bytes(data)
    return f"image: {{src: assets/{name}.jpg, alt: {alt}}}\n"


def _pick(
    rng: random.Random, registry: list[tuple[str, str, str, str | None]]
) -> tuple[str, str, str, str | None]:
    # Ministries publish about one release in twenty; the rest come from the regions.
    if rng.random() < 0.05:
        return registry[rng.randrange(8)]
    return registry[8 + rng.randrange(len(registry) - 8)]
