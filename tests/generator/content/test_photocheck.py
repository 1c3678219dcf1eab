"""Photos a release shows, as `newsroom check` sees them (issue 16, item 3): a large
original is a warning saying what the site publishes instead; one the build cannot
decode is an error; every body picture needs alt text. Real files made with Pillow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content import photocheck
from generator.content.photocheck import LARGE_BYTES, LARGE_SIDE, Picture, examine, examine_bytes
from generator.content.problems import Problem
from generator.content.repository import OFFICE, Layout, load_repository
from generator.public import photos
from tests.conftest import make_png, release_text
from tests.generator.content import photofiles

# --- what a file is --------------------------------------------------------------------


def test_the_warning_states_what_the_build_publishes() -> None:
    """The content layer cannot import generator.public: its figures are held here."""
    assert max(photos.WIDTHS) == photocheck.PUBLISHED_WIDTH
    assert round(photos.BUDGETS[min(photos.WIDTHS)] / 1000) == photocheck.PHONE_KB
    # The advice for a smaller download still covers every published width.
    assert max(photos.WIDTHS) <= photocheck.EXPORT_SIDE


@pytest.mark.parametrize(
    ("size", "width", "height", "large"),
    [
        (2_600_000, 4032, 3024, True),  # iPhone, Pixel: 12 megapixels
        (2_600_000, 4000, 3000, True),  # Samsung: 12 megapixels
        (3_300_000, 3000, 2250, True),  # a heavy one
        (1_000_000, 2000, 1500, False),  # exported for the web, as the fix advises
        (LARGE_BYTES, LARGE_SIDE - 1, 10, False),  # just under both
    ],
)
def test_a_phones_photo_is_large_and_an_export_is_not(
    size: int, width: int, height: int, large: bool
) -> None:
    report = photocheck.Report()
    photocheck.check_picture(
        report, "r.md", 5, "image.src", "assets/a.jpg", Picture(size, width, height)
    )
    assert [p.code for p in report.warnings] == (["image_large"] if large else [])
    assert report.errors == []


FILES: dict[str, Callable[[], bytes]] = {
    "phone": photofiles.phone_jpeg,
    "heavy": photofiles.heavy_png,
    "truncated": photofiles.truncated_jpeg,
    "motion": photofiles.motion_photo,
    "text": photofiles.not_a_picture,
    "many_pixels": photofiles.many_pixels_png,
}


@pytest.fixture(scope="module")
def made() -> dict[str, bytes]:
    return {name: make() for name, make in FILES.items()}


@pytest.mark.parametrize(
    ("name", "seen"),
    [
        ("phone", (4100, 3000)),
        ("heavy", (1200, 1000)),
        ("motion", (640, 480)),
        ("many_pixels", (10000, 9000)),
        ("truncated", None),
        ("text", None),
    ],
)
def test_what_check_sees_of_a_file_on_disk_and_in_memory(
    made: dict[str, bytes], tmp_path: Path, name: str, seen: tuple[int, int] | None
) -> None:
    data = made[name]
    path = tmp_path / "foto.jpg"
    path.write_bytes(data)
    expected = None if seen is None else Picture(len(data), *seen)
    assert examine(path) == expected
    assert examine_bytes(data) == expected  # as the sync reads a blob


def test_a_heavy_png_is_over_the_bytes_threshold(made: dict[str, bytes]) -> None:
    assert len(made["heavy"]) > LARGE_BYTES


def test_a_photo_held_sideways_is_measured_upright(tmp_path: Path) -> None:
    from tests.generator.public.test_photos import phone_jpeg, phone_photo

    picture = examine_bytes(phone_jpeg(phone_photo(400, 300), orientation=6))
    assert picture is not None and (picture.width, picture.height) == (300, 400)


def test_a_whole_file_is_not_decoded(
    made: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cost stays a header and the last bytes: 36 ms or more per 12-megapixel JPEG
    decoded would make check take minutes on 10,000 releases."""

    def decode(image: object) -> bool:
        raise AssertionError("decoded")

    monkeypatch.setattr(photocheck, "_decodes", decode)
    for name in ("phone", "heavy", "motion", "many_pixels"):
        assert examine_bytes(made[name]) is not None, name


def test_a_photo_decoded_to_decide_keeps_its_full_size(
    made: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that does not end as its format says is decoded (a JPEG at 1/8 scale):
    what is reported is still the original's size."""
    monkeypatch.setattr(photocheck, "_whole", lambda kind, stream, size: False)
    data = made["phone"]
    assert examine_bytes(data) == Picture(len(data), 4100, 3000)


def test_a_header_claiming_too_many_pixels_is_measured_from_it() -> None:
    # Pillow refuses to open it at all (over twice its limit): the header gives the size.
    data = photofiles.png_claiming(16320, 12240)
    assert examine_bytes(data) == Picture(len(data), 16320, 12240)


# --- what check reports -----------------------------------------------------------------


def office_with(office_repo: Callable[..., Path], files: dict[str, bytes], **fields: str) -> Path:
    body = fields.pop("body", "Isi rilis contoh.\n")
    text = release_text(**fields).replace("Isi rilis contoh.\n", body)
    root = office_repo({"releases/2026/uji.md": text})
    for name, data in files.items():
        (root / "assets").mkdir(exist_ok=True)
        (root / "assets" / name).write_bytes(data)
    return root


def found(problems: list[Problem]) -> list[tuple[int, str, str, str | None, str]]:
    return [(p.line, p.field, p.code, p.value, str(p.severity)) for p in problems]


def test_a_large_lead_photo_is_a_warning_saying_what_the_site_publishes(
    office_repo: Callable[..., Path], made: dict[str, bytes]
) -> None:
    root = office_with(
        office_repo, {"rapat.jpg": made["phone"]}, image="{src: assets/rapat.jpg, alt: Rapat}"
    )
    repo = load_repository(Layout(root, OFFICE))
    (problem,) = repo.report.problems
    assert found([problem]) == [(5, "image.src", "image_large", "assets/rapat.jpg", "warning")]
    megabytes = f"{len(made['phone']) / 1024 / 1024:.1f}"
    assert problem.format("id").removeprefix(f"{root}/") == (
        "releases/2026/uji.md:5: peringatan: image.src: foto aslinya besar "
        f"({megabytes.replace('.', ',')} MB, 4100 × 3000 px); situs tidak menerbitkannya apa "
        "adanya, melainkan gambar paling lebar 1200 px (di ponsel sekitar 18 KB), dan foto "
        "aslinya, tanpa metadata seperti lokasi GPS, sebagai tautan unduhan "
        "(tertulis 'assets/rapat.jpg'); tidak perlu berbuat apa-apa; bila ingin unduhan yang "
        "lebih kecil, ekspor fotonya dengan sisi terpanjang paling banyak sekitar 2000 px dan "
        "di bawah 3 MB"
    )
    assert problem.format("en").removeprefix(f"{root}/") == (
        "releases/2026/uji.md:5: warning: image.src: the original photo is large "
        f"({megabytes} MB, 4100 × 3000 px); the site does not publish it as it is, but "
        "pictures at most 1200 px wide (about 18 KB on a phone), and the original, without "
        "metadata such as the GPS location, as a download link (got 'assets/rapat.jpg'); "
        "nothing needs doing; for a smaller download, export the photo at most about 2000 px "
        "on its longest side and under 3 MB"
    )
    assert [r.slug for r in repo.releases] == ["uji"]  # a warning: published as it is


def test_a_large_body_picture_is_a_warning_on_its_line(
    office_repo: Callable[..., Path], made: dict[str, bytes]
) -> None:
    body = (
        "Paragraf pertama.\n\n![Posko banjir](../../assets/posko.png)\n\n"
        '<img src="assets/rapat.jpg" alt="Rapat">\n\n[Unduh](assets/rapat.jpg)\n'
    )
    root = office_with(
        office_repo, {"posko.png": made["heavy"], "rapat.jpg": made["phone"]}, body=body
    )
    repo = load_repository(Layout(root, OFFICE))
    # Front matter on lines 1-5, the body from line 6; a link to a photo shows no picture.
    assert found(repo.report.sorted()) == [
        (8, "body", "image_large", "../../assets/posko.png", "warning"),
        (10, "body", "image_large", "assets/rapat.jpg", "warning"),
    ]
    assert "(3,4 MB, 1200 × 1000 px)" in repo.report.problems[0].format("id")
    assert "(3.4 MB, 1200 × 1000 px)" in repo.report.problems[0].format("en")
    assert [r.slug for r in repo.releases] == ["uji"]


@pytest.mark.parametrize("name", ["truncated", "text"])
def test_a_photo_the_build_cannot_decode_is_an_error(
    office_repo: Callable[..., Path], made: dict[str, bytes], name: str
) -> None:
    root = office_with(
        office_repo,
        {"foto.jpg": made[name]},
        image="{src: assets/foto.jpg, alt: Foto}",
        body="Isi.\n\n![Foto kegiatan](assets/foto.jpg)\n",
    )
    repo = load_repository(Layout(root, OFFICE))
    assert found(repo.report.sorted()) == [
        (5, "image.src", "image_unreadable", "assets/foto.jpg", "error"),
        (9, "body", "image_unreadable", "assets/foto.jpg", "error"),  # body from line 7
    ]
    assert "bukan gambar PNG, JPEG, GIF atau WebP yang dapat dibaca" in repo.report.problems[
        0
    ].format("id")
    assert "is not a readable PNG, JPEG, GIF or WebP image" in repo.report.problems[0].format("en")
    assert repo.releases == []


@pytest.mark.parametrize(
    "data",
    [photofiles.many_pixels_png(), photofiles.png_claiming(16320, 12240)],
    ids=["90-megapixels", "200-megapixels"],
)
def test_a_photo_with_more_pixels_than_the_build_takes_is_an_error(
    office_repo: Callable[..., Path], data: bytes
) -> None:
    root = office_with(office_repo, {"foto.png": data}, image="{src: assets/foto.png, alt: Foto}")
    repo = load_repository(Layout(root, OFFICE))
    (problem,) = repo.report.problems
    assert found([problem]) == [
        (5, "image.src", "image_too_many_pixels", "assets/foto.png", "error")
    ]
    assert "foto terlalu besar untuk diolah" in problem.format("id")
    assert "paling banyak 89 megapiksel" in problem.format("id")
    assert "the photo is too large to process" in problem.format("en")
    assert repo.releases == []


@pytest.mark.parametrize(
    "picture",
    [
        "![](assets/foto.png)",
        "![   ](assets/foto.png)",
        '<img src="assets/foto.png">',
        '<img alt=" " src="../../assets/foto.png">',
    ],
)
def test_a_body_picture_without_alt_text_is_an_error_on_its_line(
    office_repo: Callable[..., Path], picture: str
) -> None:
    body = f"Paragraf pertama.\n\nKalimat kedua.\n\n{picture}\n"
    root = office_with(office_repo, {"foto.png": make_png(8, 6)}, body=body)
    repo = load_repository(Layout(root, OFFICE))
    written = picture.split("](")[-1].rstrip(")") if "](" in picture else picture.split('"')[-2]
    assert found(repo.report.problems) == [(10, "body", "body_image_alt", written, "error")]
    assert repo.releases == []


def test_a_cached_release_notices_its_photo_growing(
    office_repo: Callable[..., Path], made: dict[str, bytes], tmp_path: Path
) -> None:
    """The parse cache keeps a verdict while what check saw of each photo holds."""
    root = office_with(
        office_repo,
        {"foto.jpg": photofiles.jpeg(800, 600)},
        image="{src: assets/foto.jpg, alt: Foto}",
    )
    cache = tmp_path / "parse.pickle"
    assert load_repository(Layout(root, OFFICE), cache_file=cache).report.problems == []
    (root / "assets/foto.jpg").write_bytes(made["phone"])
    repo = load_repository(Layout(root, OFFICE), cache_file=cache)
    assert [p.code for p in repo.report.problems] == ["image_large"]
    (root / "assets/foto.jpg").write_bytes(photofiles.jpeg(4200, 3000))
    repo = load_repository(Layout(root, OFFICE), cache_file=cache)
    assert "4200 × 3000 px" in repo.report.problems[0].format("en")  # not the last size


def test_a_frame_header_past_64_kb_of_exif_and_xmp_is_still_measured() -> None:
    """A portrait mode's depth map in extended XMP pushes the frame header far down."""
    plain = photofiles.jpeg(640, 480)
    xmp = b"http://ns.adobe.com/xap/1.0/\0" + b"x" * 40000
    segment = b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp
    long = plain[:2] + segment + segment + plain[2:]
    assert plain.index(b"\xff\xc0") < 1000 and long.index(b"\xff\xc0") > 65536
    assert examine_bytes(long) == Picture(len(long), 640, 480)


def test_a_photo_whose_container_the_build_cannot_walk_is_refused_at_the_check() -> None:
    """Two stray bytes after the frame header: Pillow skips them, but the build could
    not take the photo's metadata out, so it would not publish it: the check says so."""
    plain = photofiles.jpeg(640, 480)
    sof = plain.index(b"\xff\xc0")
    end = sof + 2 + int.from_bytes(plain[sof + 2 : sof + 4], "big")
    junk = plain[:end] + b"\0\0" + plain[end:]
    assert examine_bytes(plain) is not None
    assert examine_bytes(junk) is None
