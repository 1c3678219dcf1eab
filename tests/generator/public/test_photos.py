"""Derived photos, on real phone-size JPEGs made here with Pillow: widths, orientation,
no metadata (no GPS), the 2G budgets, the same bytes every time, and the cache."""

from __future__ import annotations

import io
import random
import threading
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageDraw

from generator.public import photocache, photos
from generator.public.photobook import PhotoBook
from generator.public.photocache import DerivedSet, derive

SECRET_PLACE = "KANTOR-CAMAT-RAHASIA"  # written in the GPS tags; must not be published
ORIENTATION, GPS_IFD = 0x0112, 0x8825
GPS_LATITUDE, GPS_MAP_DATUM = 2, 18


def phone_photo(width: int = 4000, height: int = 3000) -> Image.Image:
    """A 12-megapixel scene of sorts: smooth shapes of colour, a sky, blocks, sensor grain."""
    rng = random.Random(16)
    small = (width // 50, height // 50)
    smooth = Image.Resampling.BICUBIC
    scene = Image.merge(
        "RGB", [Image.effect_noise(small, 70).resize((width, height), smooth) for _ in "RGB"]
    )
    sky = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    picture = Image.blend(scene, sky, 0.4)
    draw = ImageDraw.Draw(picture)
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height)
        box = (x, y, x + rng.randrange(50, 600), y + rng.randrange(50, 400))
        draw.rectangle(box, fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    grain = Image.effect_noise((width, height), 8).convert("RGB")
    return ImageChops.add(picture, grain, scale=1.0, offset=-128)


def phone_jpeg(picture: Image.Image, orientation: int = 6) -> bytes:
    """`picture` as a phone saves it: held sideways with orientation 6, with GPS tags."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[GPS_LATITUDE] = (0.0, 30.0, 12.5)
    gps[GPS_MAP_DATUM] = SECRET_PLACE
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture(scope="module")
def photo_bytes() -> bytes:
    return phone_jpeg(phone_photo())


@pytest.fixture(scope="module")
def photo(photo_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("office") / "rapat-koordinasi.jpg"
    path.write_bytes(photo_bytes)
    return path


@pytest.fixture(scope="module")
def derived(photo: Path) -> DerivedSet:
    return derive(photo, None)


def everything(made: DerivedSet) -> list[photos.Derived]:
    """The pictures made anew (the original without metadata: test_stripmeta)."""
    return [*made.pictures, made.og]


def test_the_test_photo_is_a_phone_photo_with_gps(photo_bytes: bytes) -> None:
    assert 2_000_000 <= len(photo_bytes) <= 5_000_000
    assert SECRET_PLACE.encode() in photo_bytes and b"Exif\0\0" in photo_bytes
    with Image.open(io.BytesIO(photo_bytes)) as opened:
        assert opened.size == (4000, 3000)
        assert opened.getexif().get_ifd(GPS_IFD)[GPS_MAP_DATUM] == SECRET_PLACE


def test_three_widths_in_webp_and_jpeg_upright(derived: DerivedSet) -> None:
    shapes = [(each.name.split("-", 1)[1], each.width, each.height) for each in derived.pictures]
    # Orientation 6: the sensor's 4000x3000 is a portrait photo.
    assert shapes == [
        ("360.webp", 360, 480),
        ("360.jpg", 360, 480),
        ("720.webp", 720, 960),
        ("720.jpg", 720, 960),
        ("1200.webp", 1200, 1600),
        ("1200.jpg", 1200, 1600),
    ]
    assert (derived.original.width, derived.original.height) == (3000, 4000)
    for each in everything(derived):
        with Image.open(io.BytesIO(derived.content(each))) as opened:
            assert opened.size == (each.width, each.height)
            assert opened.format.lower() == each.format
            assert each.size == len(derived.content(each))


def test_orientation_is_applied_to_the_pixels(tmp_path: Path) -> None:
    # Left half black, right half white, as the sensor saw it; orientation 6 turns it
    # a quarter clockwise, so the top of the upright photo is black, the bottom white.
    sensor = Image.new("RGB", (800, 600), (255, 255, 255))
    sensor.paste((0, 0, 0), (0, 0, 400, 600))
    original = tmp_path / "miring.jpg"
    original.write_bytes(phone_jpeg(sensor))
    made = derive(original, None)
    with Image.open(io.BytesIO(made.content(made.pictures[1]))) as opened:
        assert opened.size == (360, 480)
        assert sum(opened.getpixel((180, 20))) < 60  # type: ignore[arg-type]
        assert sum(opened.getpixel((180, 460))) > 700  # type: ignore[arg-type]


def test_no_metadata_left_in_any_derived_file(derived: DerivedSet) -> None:
    for each in everything(derived):
        data = derived.content(each)
        assert SECRET_PLACE.encode() not in data, each.name
        assert b"Exif" not in data and b"http://ns.adobe.com" not in data, each.name
        assert b"ICC_PROFILE" not in data and b"ICCP" not in data, each.name
        with Image.open(io.BytesIO(data)) as opened:
            assert len(opened.getexif()) == 0, each.name
            assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp"} & set(opened.info)


def test_what_a_360_px_phone_downloads_fits_25_kb(derived: DerivedSet) -> None:
    small = [each for each in derived.pictures if each.width == 360]
    assert [each.format for each in small] == ["webp", "jpeg"]
    webp, jpeg = (next(p for p in small if p.format == fmt) for fmt in ("webp", "jpeg"))
    assert webp.size <= photos.BUDGETS[360] <= 25_000, small  # what a phone downloads
    assert jpeg.size <= photos.JPEG_BUDGETS[360] <= 25_000, small  # browsers without WebP


def test_open_graph_picture_is_1200_by_630_within_300_kb(derived: DerivedSet) -> None:
    og = derived.og
    assert (og.width, og.height, og.format) == (1200, 630, "jpeg")
    assert og.size <= 300_000
    with Image.open(io.BytesIO(derived.content(og))) as opened:
        assert opened.size == (1200, 630)


def test_the_same_photo_gives_the_same_bytes(photo: Path, derived: DerivedSet) -> None:
    again = derive(photo, None)
    assert again == derived
    for one, other in zip(everything(derived), everything(again), strict=True):
        assert derived.content(one) == again.content(other)


ENCODE = photos.encode  # the real one, whatever a test has put in its place


def encoding_threads(monkeypatch: pytest.MonkeyPatch, together: int = 1) -> set[int]:
    """The threads `photos.encode` runs on from now on, gathered as it is called. With
    `together` above 1, each thread's first encode waits until that many threads are
    encoding at once (given up after 10 s, failing the test): proof they overlap."""
    seen: set[int] = set()
    meeting = threading.Barrier(together, timeout=10)

    def recorded(image: Image.Image, fmt: str, quality: int) -> bytes:
        if threading.get_ident() not in seen and together > 1:
            seen.add(threading.get_ident())
            meeting.wait()
        seen.add(threading.get_ident())
        return ENCODE(image, fmt, quality)

    monkeypatch.setattr(photos, "encode", recorded)
    return seen


def test_one_photo_made_in_two_threads_gives_the_same_bytes_in_the_same_order(
    photo: Path, photo_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = photos.make(photo, photo_bytes)
    threads = encoding_threads(monkeypatch, together=2)
    saved: list[Image.Image] = []  # kept alive, so that no two can share an id
    real_fitted = photos._fitted

    def fitted(image: Image.Image, name: str, fmt: str, budget: int) -> photos.Encoded:
        saved.append(image)
        return real_fitted(image, name, fmt, budget)

    monkeypatch.setattr(photos, "_fitted", fitted)
    together = photos.make(photo, photo_bytes, threads=2)
    assert together == alone  # each picture's record and bytes, in the same order
    assert [each.derived.name for each in together[1]] == [
        *(f"{wide}.{ext}" for wide in photos.WIDTHS for ext in ("webp", "jpg")),
        "og.jpg",
    ]
    assert len(threads) == 2  # two encodes at once: the widest WebP, and the rest meanwhile
    # Two threads never save one Image: each encode had a picture of its own.
    assert len({id(image) for image in saved}) == len(saved) == 7


def test_a_build_with_one_new_photo_makes_it_on_every_core_it_has(
    photo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = encoding_threads(monkeypatch, together=2)
    book = PhotoBook(lambda office: photo.parent, tmp_path / "cache")
    book.prepare([("kantor", photo.name)], jobs=2)  # too few photos to fork for
    assert book.lookup("kantor", photo.name) is not None
    assert len(threads) == 2
    threads = encoding_threads(monkeypatch)
    one_core = PhotoBook(lambda office: photo.parent, tmp_path / "elsewhere")
    one_core.prepare([("kantor", photo.name)], jobs=1)
    assert len(threads) == 1


def test_a_preview_derives_a_photo_on_first_use_on_every_core(
    photo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = encoding_threads(monkeypatch, together=2)
    serving = PhotoBook(lambda office: photo.parent, tmp_path / "cache", threads=2)
    assert serving.lookup("kantor", photo.name) is not None  # `newsroom serve`: no prepare
    assert len(threads) == 2


def test_a_small_picture_is_never_upscaled(tmp_path: Path) -> None:
    original = tmp_path / "logo.png"
    Image.new("RGBA", (300, 120), (200, 0, 0, 128)).save(original)
    made = derive(original, None)
    assert [(each.width, each.height, each.format) for each in made.pictures] == [
        (300, 120, "webp"),
        (300, 120, "jpeg"),
    ]
    original.write_bytes(b"")
    Image.new("RGB", (900, 600), (10, 20, 30)).save(original)
    made = derive(original, None)
    assert [each.width for each in made.pictures] == [360, 360, 720, 720]


def test_a_picture_with_a_colour_profile_loses_it(tmp_path: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = tmp_path / "profil.jpg"
    Image.new("RGB", (800, 600), (120, 60, 30)).save(original, icc_profile=srgb)
    made = derive(original, None)
    for each in everything(made):
        with Image.open(io.BytesIO(made.content(each))) as opened:
            assert "icc_profile" not in opened.info, each.name


def count_encodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = photos.encode

    def counted(image: Image.Image, fmt: str, quality: int) -> bytes:
        calls.append(fmt)
        return real(image, fmt, quality)

    monkeypatch.setattr(photos, "encode", counted)
    return calls


def test_the_cache_makes_each_photo_once(
    photo: Path, derived: DerivedSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / ".cache" / "newsroom" / "photos"
    calls = count_encodes(monkeypatch)
    first = derive(photo, cache)
    assert len(calls) >= 7 and first.folder == cache
    assert first.pictures[0].name == f"{first.key}-360.webp"
    assert sorted(path.name for path in cache.iterdir()) == sorted(
        [f"{first.key}.json", first.clean.name, *(each.name for each in everything(first))]
    )
    for ours, fresh in zip(everything(first), everything(derived), strict=True):
        assert first.content(ours) == derived.content(fresh)
    calls.clear()
    again = derive(photo, cache)  # another site, or tomorrow's build
    assert calls == []
    assert again == first
    changed = tmp_path / "ganti.jpg"
    changed.write_bytes(phone_jpeg(phone_photo(1600, 1200).rotate(180)))
    other = derive(changed, cache)
    assert calls != [] and other.key != first.key
    assert (cache / other.og.name).is_file() and (cache / first.og.name).is_file()


def test_a_torn_cache_file_is_made_again(
    photo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "photos"
    first = derive(photo, cache)
    (cache / first.pictures[0].name).write_bytes(b"torn")
    calls = count_encodes(monkeypatch)
    again = derive(photo, cache)
    assert calls != [] and again == first
    assert again.content(again.pictures[0]) == first.content(first.pictures[0])


def test_a_cache_that_cannot_be_used_is_gone_without(photo: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "photos"
    blocked.write_text("a file where the cache folder belongs")
    made = derive(photo, blocked)
    assert made.folder is None and made.held
    assert made.content(made.og)[:2] == b"\xff\xd8"


@pytest.mark.parametrize(
    "data", [b"", b"not a picture at all", b"\xff\xd8\xff\xe0" + b"\0" * 64], ids=str
)
def test_a_file_pillow_cannot_decode_names_the_file(data: bytes, tmp_path: Path) -> None:
    original = tmp_path / "rusak.jpg"
    original.write_bytes(data)
    with pytest.raises(photos.PhotoError, match=r"rusak\.jpg: not a picture"):
        derive(original, tmp_path / "cache")


def test_a_truncated_photo_names_the_file(photo_bytes: bytes, tmp_path: Path) -> None:
    original = tmp_path / "terpotong.jpg"
    original.write_bytes(photo_bytes[: len(photo_bytes) // 3])
    with pytest.raises(photos.PhotoError, match=r"terpotong\.jpg"):
        derive(original, None)


def test_deriving_a_phone_photo_takes_about_a_second(photo: Path) -> None:
    started = time.perf_counter()
    derive(photo, None)
    elapsed = time.perf_counter() - started
    print(f"derive: {elapsed:.2f} s")
    assert elapsed < 10  # generous: a shared 2-core machine; about 0.6 s alone


def test_the_key_covers_the_recipe(monkeypatch: pytest.MonkeyPatch) -> None:
    before = photocache.photo_key(b"x")
    monkeypatch.setattr(photos, "RECIPE_VERSION", photos.RECIPE_VERSION + 1)
    assert photocache.photo_key(b"x") != before


@pytest.mark.parametrize(
    ("orientation", "upright"),
    [(1, (1600, 1200)), (3, (1600, 1200)), (6, (1200, 1600)), (8, (1200, 1600))],
)
def test_the_original_size_is_given_upright(
    orientation: int, upright: tuple[int, int], tmp_path: Path
) -> None:
    original = tmp_path / "foto.jpg"
    original.write_bytes(phone_jpeg(Image.new("RGB", (1600, 1200), (90, 90, 90)), orientation))
    made = derive(original, None)
    assert (made.original.width, made.original.height) == upright
    assert made.original.size == len(original.read_bytes())
    assert (made.pictures[-1].width > made.pictures[-1].height) == (upright[0] > upright[1])


def test_cmyk_and_palette_pictures_come_out_rgb(tmp_path: Path) -> None:
    cmyk = tmp_path / "cetak.jpg"
    Image.new("CMYK", (500, 400), (0, 200, 200, 0)).save(cmyk)
    palette = tmp_path / "bagan.gif"
    Image.new("P", (500, 400), 3).save(palette)
    for original in (cmyk, palette):
        made = derive(original, None)
        with Image.open(io.BytesIO(made.content(made.pictures[1]))) as opened:
            assert opened.mode == "RGB" and opened.size == (360, 288)


def test_a_decompression_bomb_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    original = tmp_path / "bom.png"
    Image.new("RGB", (100, 100)).save(original)
    with pytest.raises(photos.PhotoError, match=r"bom\.png: .*too many pixels"):
        derive(original, None)
