"""The original photo, published for journalists, without its metadata: real JPEG, PNG,
WebP and GIF files made here with Pillow, carrying GPS, text, XMP and appended data;
what is left draws the very same pixels and says nothing of where it was taken."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from generator.public.photos import PhotoError
from generator.public.stripmeta import stripped

SECRET = b"KANTOR-CAMAT-RAHASIA"  # in GPS tags, text chunks, XMP, comments
ORIENTATION, GPS_IFD, GPS_MAP_DATUM = 0x0112, 0x8825, 18
XMP = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + SECRET + b"</x:xmpmeta>"
WHERE = Path("kantor/rapat.jpg")


def scene(size: tuple[int, int] = (320, 240)) -> Image.Image:
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    noise = Image.effect_noise(size, 40).convert("RGB")
    return Image.blend(picture, noise, 0.3)


def exif_with_gps(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD)[GPS_MAP_DATUM] = SECRET.decode()
    return exif.tobytes()


def segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def phone_jpeg(orientation: int = 6, icc: bytes | None = None) -> bytes:
    """A JPEG as a phone writes it: EXIF with GPS, XMP, a comment, an MPF segment and a
    second picture appended after the end (with its own EXIF)."""
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    scene().save(out, "JPEG", quality=90, exif=exif_with_gps(orientation), **extra)
    data = out.getvalue()
    inserted = segment(0xE1, XMP) + segment(0xFE, b"comment " + SECRET)
    inserted += segment(0xE2, b"MPF\0" + SECRET)
    appended = io.BytesIO()
    scene((64, 48)).save(appended, "JPEG", exif=exif_with_gps(1))
    return data[:2] + inserted + data[2:] + appended.getvalue()


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGBA").tobytes()


def test_a_phone_jpeg_keeps_its_pixels_and_orientation_and_loses_the_rest() -> None:
    original = phone_jpeg()
    clean = stripped(WHERE, original)
    assert SECRET in original and SECRET not in clean
    assert b"MPF" not in clean and b"http://ns.adobe.com" not in clean
    assert clean.count(b"\xff\xd9") == 1 and clean.endswith(b"\xff\xd9")  # nothing after
    assert pixels(clean) == pixels(original)
    with Image.open(io.BytesIO(clean)) as image:
        exif = image.getexif()
        assert dict(exif) == {ORIENTATION: 6}  # still upright when opened, and nothing else
        assert GPS_IFD not in exif


def test_an_upright_jpeg_gets_no_exif_at_all() -> None:
    original = phone_jpeg(orientation=1)
    clean = stripped(WHERE, original)
    assert b"Exif" not in clean
    assert pixels(clean) == pixels(original)


def test_a_colour_profile_is_kept_since_the_colours_depend_on_it() -> None:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    clean = stripped(WHERE, phone_jpeg(icc=icc))
    with Image.open(io.BytesIO(clean)) as image:
        assert image.info.get("icc_profile") == icc


def test_a_progressive_jpeg_with_restart_markers_is_walked_to_its_end() -> None:
    out = io.BytesIO()
    scene().save(out, "JPEG", progressive=True, restart_marker_blocks=4, exif=exif_with_gps(1))
    clean = stripped(WHERE, out.getvalue() + b"trailing " + SECRET)
    assert SECRET not in clean
    assert pixels(clean) == pixels(out.getvalue())


def test_a_png_loses_text_exif_and_time_chunks() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Location", SECRET.decode())
    info.add_itxt("XML:com.adobe.xmp", SECRET.decode(), zip=True)
    out = io.BytesIO()
    scene().save(out, "PNG", pnginfo=info, exif=exif_with_gps(1))
    original = out.getvalue()
    clean = stripped(WHERE.with_suffix(".png"), original)
    assert b"tEXt" in original and b"eXIf" in original
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME"):
        assert chunk not in clean
    assert SECRET not in clean and pixels(clean) == pixels(original)


def test_a_webp_loses_its_exif_and_xmp_chunks() -> None:
    out = io.BytesIO()
    scene().save(out, "WEBP", quality=80, exif=exif_with_gps(1), xmp=XMP)
    original = out.getvalue()
    clean = stripped(WHERE.with_suffix(".webp"), original)
    assert SECRET in original and SECRET not in clean
    assert clean[20] & 0x0C == 0  # VP8X no longer announces EXIF or XMP
    assert struct.unpack("<I", clean[4:8])[0] == len(clean) - 8
    assert pixels(clean) == pixels(original)


def test_a_gif_loses_its_comments() -> None:
    out = io.BytesIO()
    frames = [scene().convert("P"), scene().rotate(180).convert("P")]
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], loop=0, comment=SECRET)
    original = out.getvalue()
    clean = stripped(WHERE.with_suffix(".gif"), original)
    assert SECRET in original and SECRET not in clean
    assert b"NETSCAPE2.0" in clean  # it still loops
    with Image.open(io.BytesIO(clean)) as image:
        assert image.n_frames == 2
    assert pixels(clean) == pixels(original)


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff\xe1\xff\xff" + b"x" * 20,  # a segment longer than the file
        phone_jpeg()[:400],  # cut off in the middle of its headers
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",  # cut off
        b"GIF89a" + b"\x00" * 7 + b"\x99",  # an unknown block
        b"%PDF-1.7 not a picture",
    ],
)
def test_a_container_that_cannot_be_walked_is_refused_by_name(data: bytes) -> None:
    with pytest.raises(PhotoError) as refused:
        stripped(WHERE, data)
    assert str(WHERE) in str(refused.value)
