"""Photos on the built sites, from a real phone JPEG (with GPS) in the golden newsroom:
the `<picture>` markup, the derived files on every site, the original without its
metadata, the low-data page, and a rebuild that derives only the new photo."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from generator.content.messages import set_language
from generator.public.photobook import PhotoBook
from generator.public.session import CACHE_DIR, PHOTOS
from tests.conftest import FIXTURES
from tests.generator.cli.test_cli import SCRIPT
from tests.generator.public.test_photos import SECRET_PLACE, phone_jpeg, phone_photo
from tests.sitebuild import build_repo

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
URL = "https://berita.example.go.id/"
PAGE = "kalimantan-timur/kutai-timur/2026/rapat-banjir/"
RELEASE = """---
title: Rapat Koordinasi Penanganan Banjir Sangatta
date: 2026-11-23 14:00
category: berita
image: {src: assets/rapat-banjir.jpg, alt: Bupati memimpin rapat koordinasi di Sangatta}
---
SANGATTA — Pemkab Kutai Timur menggelar rapat koordinasi penanganan banjir.

![Warga membersihkan lumpur di Jalan Poros](assets/{second})

Bantuan disalurkan ke tiga kecamatan.

![Posko pengungsian di Sangatta Utara](assets/{third})
"""


def add_release(root: Path, name: str, photos: dict[str, bytes], body_photos: list[str]) -> None:
    assets = root / "content/assets/kutai-timur"
    for file, data in photos.items():
        (assets / file).write_bytes(data)
    text = RELEASE.replace("rapat-banjir.jpg", next(iter(photos)))
    text = text.replace("{second}", body_photos[0]).replace("{third}", body_photos[1])
    (root / f"content/releases/kutai-timur/2026/{name}.md").write_text(text)


@pytest.fixture(scope="module")
def jpegs() -> list[bytes]:
    scene = phone_photo(1600, 1200)
    return [phone_jpeg(scene.rotate(angle)) for angle in (0, 90, 180)]


@pytest.fixture(scope="module")
def site(jpegs: list[bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("photos") / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    names = ["rapat-banjir.jpg", "lumpur.jpg", "posko.jpg"]
    add_release(root, "rapat-banjir", dict(zip(names, jpegs, strict=True)), names[1:])
    return build_repo(root, NOW, URL)


def article(page: Path) -> str:
    html = page.read_text()
    return html[html.index("<article") : html.index("</article>")]


def test_the_lead_photo_is_a_picture_a_phone_gets_at_360_px(site: Path) -> None:
    html = article(site / PAGE / "index.html")
    lead = html[html.index("<figure>") : html.index("</figure>")]
    assert 'media="(max-width: 30em)" type="image/webp" srcset="../../../foto/' in lead
    assert re.search(r'srcset="../../../foto/[0-9a-f]{20}-360\.webp"', lead)
    assert re.search(r"720\.webp 720w, ../../../foto/[0-9a-f]{20}-1200\.webp 1200w", lead)
    # Upright (the phone wrote orientation 6): the picture is taller than wide.
    assert 'width="720" height="960"' in lead
    assert 'loading="lazy"' not in lead  # above the fold: fetched at once
    assert 'alt="Bupati memimpin rapat koordinasi di Sangatta"' in lead
    assert re.search(r'<a href="../../aset/rapat-banjir.jpg">Unduh foto asli \(\d+ KB\)</a>', lead)


def test_body_photos_are_lazy_pictures_with_their_original(site: Path) -> None:
    html = article(site / PAGE / "index.html")
    body = html[html.index("</figure>") :]
    assert body.count("<picture>") == 2
    assert body.count('loading="lazy"') == 2 and body.count('decoding="async"') == 2
    assert 'href="../../aset/lumpur.jpg">Unduh foto asli (' in body
    assert 'alt="Posko pengungsian di Sangatta Utara"' in body


def test_every_derived_file_the_pages_name_is_on_every_site_showing_it(site: Path) -> None:
    html = (site / PAGE / "index.html").read_text()
    named = set(re.findall(r"\.\./\.\./\.\./(foto/[0-9a-f]{20}-\w+\.(?:webp|jpg))", html))
    assert len(named) == 3 * 6  # three photos, three widths, two formats
    for name in named:
        assert (site / "kalimantan-timur" / name).is_file()
    with Image.open(site / "kalimantan-timur" / sorted(named)[0]) as picture:
        assert picture.width in (360, 720, 1200)


def test_the_open_graph_picture_is_the_size_chats_show(site: Path) -> None:
    html = (site / PAGE / "index.html").read_text()
    found = re.search(r'<meta property="og:image" content="([^"]+)">', html)
    assert found and found.group(1).startswith(URL + "kalimantan-timur/foto/")
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    og = site / found.group(1).removeprefix(URL)
    assert og.stat().st_size <= 300_000
    with Image.open(og) as picture:
        assert picture.size == (1200, 630)


def test_no_file_of_any_site_carries_the_gps_of_a_photo(site: Path, jpegs: list[bytes]) -> None:
    assert SECRET_PLACE.encode() in jpegs[0]  # the test's photos do carry it
    carrying = [
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.is_file() and SECRET_PLACE.encode() in path.read_bytes()
    ]
    assert carrying == []
    original = site / "kalimantan-timur/kutai-timur/aset/rapat-banjir.jpg"
    with Image.open(original) as picture:
        assert 0x8825 not in picture.getexif()  # no GPS directory at all
        assert picture.getexif().get(0x0112) == 6  # but still upright
    with Image.open(io.BytesIO(jpegs[0])) as phone, Image.open(original) as published:
        assert phone.tobytes() == published.tobytes()  # the very pixels of the office's photo


def test_the_low_data_page_shows_photos_as_links_with_their_size(site: Path) -> None:
    page = site / PAGE / "index.html"
    assert '<a href="hemat.html">Mode hemat data (tanpa foto)</a>' in page.read_text()
    whole = (site / PAGE / "hemat.html").read_text()
    light = article(site / PAGE / "hemat.html")
    assert "<picture" not in light and "<img" not in light
    links = re.findall(
        r'<a href="../../../foto/[0-9a-f]{20}-360\.jpg">Foto: [^<]+ \((\d+) KB\)', light
    )
    assert len(links) == 3 and all(int(size) <= 25 for size in links)
    assert '<a href="./">Tampilkan foto</a>' in light
    canonical = f'<link rel="canonical" href="{URL}{PAGE}">'
    assert "data-pagefind-body" not in whole  # searched once, as the page with photos
    assert "data-pagefind-body" in (site / PAGE / "index.html").read_text()
    assert canonical in whole  # one page for search engines: the one with photos


def test_a_release_without_photos_has_no_low_data_page(site: Path) -> None:
    folder = site / "nasional/komdigi/2026/literasi-digital-desa"
    assert (folder / "index.html").is_file() and not (folder / "hemat.html").exists()
    assert "hemat.html" not in (folder / "index.html").read_text()


def test_a_rebuild_after_one_new_release_derives_only_its_photo(
    jpegs: list[bytes], tmp_path: Path
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    names = ["rapat-banjir.jpg", "lumpur.jpg", "posko.jpg"]
    add_release(root, "rapat-banjir", dict(zip(names, jpegs, strict=True)), names[1:])
    build_repo(root, NOW, URL)
    cache = root / CACHE_DIR / PHOTOS
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir() if p.name != "index.json"}
    new_photo = phone_jpeg(phone_photo(1300, 1300).rotate(45))
    add_release(root, "banjir-susulan", {"susulan.jpg": new_photo}, names[1:])
    out = build_repo(root, NOW, URL)
    after = {p.name: p.stat().st_mtime_ns for p in cache.iterdir() if p.name != "index.json"}
    made = sorted(after.keys() - before.keys())
    # One set: 3 widths x 2 formats, the OG picture, the original, the record.
    assert len(made) == 9 and len({name[:20] for name in made}) == 1
    assert all(after[name] == stamp for name, stamp in before.items())  # nothing made again
    assert (out / "kalimantan-timur/kutai-timur/2026/banjir-susulan/index.html").is_file()


def test_a_release_whose_photo_cannot_be_decoded_is_not_published_nor_its_photo(
    jpegs: list[bytes], tmp_path: Path
) -> None:
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    broken = jpegs[0][:3000]  # the headers and their size are there; the picture is not
    names = ["rusak.jpg", "lumpur.jpg", "posko.jpg"]
    photos = dict(zip(names, [broken, *jpegs[1:]], strict=True))
    add_release(root, "rapat-banjir", photos, names[1:])
    command = ["build", "--now", NOW.isoformat(), "--base-url", URL, "--lang", "en"]
    result = subprocess.run([str(SCRIPT), *command], cwd=root, capture_output=True, text=True)
    assert "rusak.jpg" in result.stderr  # newsroom check's error, as every build logs it
    out = root / "site"
    assert not (out / PAGE).exists()
    assert not list(out.rglob("rusak.jpg")) and not list(out.rglob("lumpur.jpg"))
    assert (out / "kalimantan-timur/index.html").is_file()  # the rest is built


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "foto tidak diterbitkan, rilisnya tampil tanpa foto itu"),
        ("en", "photo not published, its release is shown without it"),
    ],
)
def test_a_photo_the_build_cannot_derive_is_named_in_both_languages(
    jpegs: list[bytes], tmp_path: Path, lang: str, said: str, caplog: pytest.LogCaptureFixture
) -> None:
    """What validation lets through but Pillow cannot decode (a file changed after the
    check, a decoder's limit): the book names it, and the page goes on without it."""
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "rusak.jpg").write_bytes(jpegs[0][:3000])
    (folder / "utuh.jpg").write_bytes(jpegs[1])
    book = PhotoBook(lambda office: folder, tmp_path / "cache")
    set_language(lang)
    try:
        book.prepare([("kutai-timur", "assets/rusak.jpg"), ("kutai-timur", "assets/utuh.jpg")], 1)
    finally:
        set_language("id")
    assert book.lookup("kutai-timur", "assets/rusak.jpg") is None
    assert book.lookup("kutai-timur", "assets/utuh.jpg") is not None
    assert list(book.failed) == [str(folder / "rusak.jpg")]
    assert said in caplog.text and "rusak.jpg" in caplog.text


def test_a_picture_named_file_that_is_no_walkable_picture_is_never_published(
    tmp_path: Path,
) -> None:
    """A TIFF with GPS named .jpg, attached, and a BMP named .png, linked: the sync takes
    them by their names; the build takes their metadata out or publishes nothing."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    tiff, bmp = io.BytesIO(), io.BytesIO()
    exif = Image.Exif()
    exif.get_ifd(0x8825)[18] = SECRET_PLACE
    phone_photo(400, 300).save(tiff, "TIFF", exif=exif.tobytes())
    phone_photo(40, 30).save(bmp, "BMP")
    assets = root / "content/assets/kutai-timur"
    (assets / "peta.jpg").write_bytes(tiff.getvalue())
    (assets / "denah.png").write_bytes(bmp.getvalue() + SECRET_PLACE.encode())
    (root / "content/releases/kutai-timur/2026/peta-banjir.md").write_text(
        "---\ntitle: Peta Banjir Sangatta\ndate: 2026-11-23 14:00\ncategory: berita\n"
        "attachments: [{title: Peta genangan, src: assets/peta.jpg}]\n---\n"
        "Peta genangan terlampir; [denah posko](assets/denah.png).\n"
    )
    command = ["build", "--now", NOW.isoformat(), "--base-url", URL, "--lang", "en"]
    result = subprocess.run([str(SCRIPT), *command], cwd=root, capture_output=True, text=True)
    assert result.returncode == 1 and "peta.jpg" in result.stderr and "denah.png" in result.stderr
    out = root / "site"
    assert (out / "kalimantan-timur/kutai-timur/2026/peta-banjir/index.html").is_file()
    assert not list(out.rglob("peta.jpg")) and not list(out.rglob("denah.png"))
    assert [
        p for p in out.rglob("*") if p.is_file() and SECRET_PLACE.encode() in p.read_bytes()
    ] == []


def test_a_picture_under_another_name_that_cannot_be_published_fails_every_build(
    jpegs: list[bytes], tmp_path: Path
) -> None:
    """A phone photo cut short, attached as `laporan.pdf`: only a site's worker meets it
    as a picture (by its bytes). It is not published, the build exits 1 naming it, and
    so does the next build, until the file is fixed."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    assert SECRET_PLACE.encode() in jpegs[0][:3000]  # its GPS, in the part that is left
    (root / "content/assets/kutai-timur/laporan.pdf").write_bytes(jpegs[0][:3000])
    (root / "content/releases/kutai-timur/2026/laporan-banjir.md").write_text(
        "---\ntitle: Laporan Banjir Sangatta\ndate: 2026-11-23 14:00\ncategory: berita\n"
        "attachments: [{title: Laporan lengkap, src: assets/laporan.pdf}]\n---\n"
        "Laporan lengkap terlampir.\n"
    )
    command = ["build", "--now", NOW.isoformat(), "--base-url", URL, "--lang", "en"]
    out = root / "site"
    for _ in ("the first build", "the next, with nothing changed"):
        result = subprocess.run([str(SCRIPT), *command], cwd=root, capture_output=True, text=True)
        assert result.returncode == 1, result.stderr[-2000:]
        assert "laporan.pdf" in result.stderr
        assert "photo not published" in result.stderr
        assert (out / "kalimantan-timur/kutai-timur/2026/laporan-banjir/index.html").is_file()
        assert not list(out.rglob("laporan.pdf"))
    fixed = io.BytesIO()
    phone_photo(400, 300).save(fixed, "JPEG")
    (root / "content/assets/kutai-timur/laporan.pdf").write_bytes(fixed.getvalue())
    result = subprocess.run([str(SCRIPT), *command], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_picture_only_a_sites_worker_meets_is_kept_as_used(tmp_path: Path) -> None:
    """A photo attached as `laporan.pdf` is derived in a site's worker, by its bytes,
    not by the build's own process: a build of that site stamps its set used all the
    same, so the photo cache does not prune a set the site shows."""
    root = tmp_path / "pusat"
    shutil.copytree(FIXTURES / "golden", root)
    attached = io.BytesIO()
    phone_photo(400, 300).save(attached, "JPEG")
    assets = root / "content/assets/kutai-timur"
    (assets / "laporan.pdf").write_bytes(attached.getvalue())
    releases = root / "content/releases/kutai-timur/2026"
    (releases / "laporan-banjir.md").write_text(
        "---\ntitle: Laporan Banjir Sangatta\ndate: 2026-11-23 14:00\ncategory: berita\n"
        "attachments: [{title: Laporan lengkap, src: assets/laporan.pdf}]\n---\n"
        "Laporan lengkap terlampir.\n"
    )
    command = [str(SCRIPT), "build", "--now", NOW.isoformat(), "--base-url", URL, "--jobs", "2"]
    assert subprocess.run(command, cwd=root, capture_output=True).returncode == 0
    # Every set as if last used two months before, the cache pruned two days before.
    cache = root / CACHE_DIR / PHOTOS
    long_ago = (NOW - timedelta(days=60)).timestamp()
    for record in cache.glob("*.json"):
        os.utime(record, (long_ago, long_ago))
    os.utime(cache / "pruned", (long_ago, long_ago))
    # A new release of the same office: its province's site is built again.
    (releases / "jembatan.md").write_text(
        "---\ntitle: Jembatan Sangatta Dibuka\ndate: 2026-11-23 15:00\ncategory: berita\n"
        "---\nJembatan dibuka.\n"
    )
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    kept = {p.name.split(".")[0] for p in cache.glob("*.json")}
    book = PhotoBook(lambda office: assets, cache)
    found = book.lookup("kutai-timur", "assets/laporan.pdf")
    assert found is not None and found.key in kept, "pruned though the site shows it"
