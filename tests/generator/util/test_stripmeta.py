"""The original photo, published for journalists, without its metadata: real JPEG, PNG,
WebP and GIF files made here with Pillow, carrying GPS, text, XMP and appended data;
what is left draws the very same pixels and says nothing of where it was taken."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms

from generator.util.stripmeta import MetadataError, stripped

SECRET = b"KANTOR-CAMAT-RAHASIA"  # in GPS tags, text chunks, XMP, comments
ORIENTATION, GPS_IFD, GPS_MAP_DATUM = 0x0112, 0x8825, 18
XMP = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + SECRET + b"</x:xmpmeta>"


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
    clean = stripped(original)
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
    clean = stripped(original)
    assert b"Exif" not in clean
    assert pixels(clean) == pixels(original)


def test_a_colour_profile_is_kept_since_the_colours_depend_on_it() -> None:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    clean = stripped(phone_jpeg(icc=icc))
    with Image.open(io.BytesIO(clean)) as image:
        assert image.info.get("icc_profile") == icc


def test_a_progressive_jpeg_with_restart_markers_is_walked_to_its_end() -> None:
    out = io.BytesIO()
    scene().save(out, "JPEG", progressive=True, restart_marker_blocks=4, exif=exif_with_gps(1))
    clean = stripped(out.getvalue() + b"trailing " + SECRET)
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
    clean = stripped(original)
    assert b"tEXt" in original and b"eXIf" in original
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME"):
        assert chunk not in clean
    assert SECRET not in clean and pixels(clean) == pixels(original)


def test_a_webp_loses_its_exif_and_xmp_chunks() -> None:
    out = io.BytesIO()
    scene().save(out, "WEBP", quality=80, exif=exif_with_gps(1), xmp=XMP)
    original = out.getvalue()
    clean = stripped(original)
    assert SECRET in original and SECRET not in clean
    assert clean[20] & 0x0C == 0  # VP8X no longer announces EXIF or XMP
    assert struct.unpack("<I", clean[4:8])[0] == len(clean) - 8
    assert pixels(clean) == pixels(original)


def test_a_gif_loses_its_comments() -> None:
    out = io.BytesIO()
    frames = [scene().convert("P"), scene().rotate(180).convert("P")]
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], loop=0, comment=SECRET)
    original = out.getvalue()
    clean = stripped(original)
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
def test_a_container_that_cannot_be_walked_is_refused(data: bytes) -> None:
    with pytest.raises(MetadataError):
        stripped(data)


# --- crafted files: metadata where the allow-list must not let it through -----------------


def tiny_jpeg() -> bytes:
    out = io.BytesIO()
    scene((64, 48)).save(out, "JPEG", progressive=True, exif=exif_with_gps(6))
    return out.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def riff(chunks: list[tuple[bytes, bytes]]) -> bytes:
    body = b"WEBP" + b"".join(
        kind + struct.pack("<I", len(data)) + data + (b"\0" if len(data) & 1 else b"")
        for kind, data in chunks
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    pos, found = 12, []
    while pos + 8 <= len(data):
        kind, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        found.append((kind, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return found


def crafted() -> dict[str, bytes]:
    """Files a careless walker would keep metadata in (found by an independent review)."""
    base = tiny_jpeg()
    exif = b"Exif\0\0" + SECRET
    scans = [i for i in range(len(base) - 1) if base[i : i + 2] == b"\xff\xda"]
    aligned = 65501 - (len(exif) + 2)  # a stray RST0 would read FFE1 as this length
    files = {
        "exif in APP0": base[:2] + segment(0xE0, exif) + base[2:],
        "JFIF with a thumbnail": base[:2]
        + segment(0xE0, b"JFIF\0\1\1\0\0\1\0\1\1\1" + SECRET)
        + base[2:],
        "Adobe APP14 with more": base[:2]
        + segment(0xEE, b"Adobe\0d\0\0\0\0\1" + SECRET)
        + base[2:],
        "APP3 exif": base[:2] + segment(0xE3, exif) + base[2:],
        "JPGn segment": base[:2] + segment(0xF0, SECRET) + base[2:],
        "RST0 then APP1": base[:2] + b"\xff\xd0" + segment(0xE1, exif) + base[2:],
        "TEM then APP1": base[:2] + b"\xff\x01" + segment(0xE1, exif) + base[2:],
        "RST0 swallowing APP1": base[:2]
        + b"\xff\xd0"
        + segment(0xE1, exif)
        + segment(0xFE, b"p" * (aligned - 2))
        + base[2:],
        "APP1 between scans": base[: scans[1]] + segment(0xE1, exif) + base[scans[1] :],
        "appended JPEG": base + phone_jpeg() + SECRET,
    }
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    png = out.getvalue()
    end = png.index(b"IEND") - 4
    for kind in (b"iTXt", b"zTXt", b"eXIf", b"tEXt", b"caBX"):
        files[f"png {kind.decode()}"] = png[:end] + png_chunk(kind, SECRET) + png[end:]
    files["png after IEND"] = png + png_chunk(b"tEXt", b"a\0" + SECRET)
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "WEBP", exif=b"Exif\0\0MM\0*" + SECRET, xmp=SECRET)
    plain = [c for c in webp_chunks(out.getvalue()) if c[0] not in (b"EXIF", b"XMP ")]
    files["webp unknown chunk"] = riff([*plain, (b"GPSx", SECRET)])
    out = io.BytesIO()
    red, blue = Image.new("RGB", (8, 8), "red"), Image.new("RGB", (8, 8), "blue")
    red.save(out, "WEBP", save_all=True, append_images=[blue])
    nested = b"GPSx" + struct.pack("<I", len(SECRET)) + SECRET
    files["webp frame with an unknown chunk"] = riff(
        [(k, c + nested if k == b"ANMF" else c) for k, c in webp_chunks(out.getvalue())]
    )
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF")
    gif = out.getvalue()
    image = gif.index(b"\x2c")
    tail = bytes([len(SECRET)]) + SECRET + b"\0"
    files["gif XMP block"] = gif[:image] + b"\x21\xff\x0bXMP DataXMP" + tail + gif[image:]
    files["gif loop block with more"] = (
        gif[:image] + b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00" + tail + gif[image:]
    )
    files["gif plain text"] = gif[:image] + b"\x21\x01\x0c" + b"\0" * 12 + tail + gif[image:]
    return files


@pytest.mark.parametrize("name", sorted(crafted()))
def test_crafted_metadata_never_survives(name: str) -> None:
    data = crafted()[name]
    assert SECRET in data
    try:
        clean = stripped(data)
    except MetadataError:
        return  # refused: not published at all
    assert SECRET not in clean
    with Image.open(io.BytesIO(clean)) as image:
        image.load()  # what is left still draws the picture
