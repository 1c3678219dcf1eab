"""Real photo files made with Pillow for the check's photo tests: a phone-size JPEG, a
heavy PNG, one cut short, one that is no picture, one with too many pixels."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image


def jpeg(width: int, height: int, *, noisy: bool = False, comment: bytes = b"") -> bytes:
    """A real JPEG; `noisy` gives it scan data worth cutting (a flat one is a few KB)."""
    if noisy:
        picture = Image.merge("RGB", [Image.effect_noise((width, height), 60) for _ in "RGB"])
    else:
        picture = Image.new("RGB", (width, height), (90, 140, 200))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, comment=comment)
    return out.getvalue()


def phone_jpeg() -> bytes:
    """Side over the threshold (4100 px), a few KB: the pixels alone make it large."""
    return jpeg(4100, 3000)


def heavy_png() -> bytes:
    """Over 3 MB of noise, 1200x1000 px: the bytes alone make it large."""
    noise = random.Random(16).randbytes(1200 * 1000 * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (1200, 1000), noise).save(out, "PNG")
    return out.getvalue()


def truncated_jpeg() -> bytes:
    """A JPEG cut in the middle of its scan, as a failed copy leaves it. Its comment
    holds an end-of-image marker, as an EXIF thumbnail does: not the picture's end."""
    whole = jpeg(640, 480, noisy=True, comment=b"thumbnail \xff\xd9 ends here")
    return whole[: len(whole) // 2]


def motion_photo() -> bytes:
    """A whole JPEG with a video after its end marker, as phones save motion photos."""
    return jpeg(640, 480, noisy=True) + b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40


def not_a_picture() -> bytes:
    """A text file named .jpg."""
    return b"Foto kegiatan menyusul.\n"


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` (Pillow refuses such at open)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def many_pixels_png() -> bytes:
    """A real 10000x9000 (90 megapixel) PNG, one bit a pixel: small, but over Pillow's
    limit of 89 megapixels, where the build's decoder stops."""
    out = io.BytesIO()
    Image.new("1", (10000, 9000), 1).save(out, "PNG")
    return out.getvalue()
