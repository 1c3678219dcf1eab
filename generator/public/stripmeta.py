"""An original photo with its metadata taken out, and nothing else changed.

The site keeps each original downloadable ("Unduh foto asli") because journalists
need the full picture; but an officer's phone writes where the photo was taken (EXIF
GPS), the phone's serial number and often a preview picture with its own EXIF. So the
original is published without any of that: the container is walked and only what
draws the picture is kept. The pixels are not decoded or encoded again, so the
download is the office's photo bit for bit.

- JPEG: every APPn segment but JFIF (APP0), an ICC profile (APP2 `ICC_PROFILE`) and
  Adobe's colour transform (APP14) is dropped, and so are comments and whatever
  follows the end of the picture (phones append "motion photo" videos and second
  pictures there). The orientation is the one EXIF field kept, written anew alone,
  so the photo still stands upright.
- PNG: only the chunks that draw the picture (and APNG's frames) are kept: no text,
  no EXIF, no time.
- WebP: the EXIF and XMP chunks are dropped and their flags cleared.
- GIF: comments and application blocks are dropped, but the loop count.

A container that cannot be walked raises `PhotoError`: such a file is not published.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from generator.public.photos import PhotoError

ORIENTATION_TAG = 0x0112
_KEPT_APP = {0xE0, 0xEE}  # JFIF, Adobe (its transform flag decides how colours decode)
_ICC = b"ICC_PROFILE\0"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEPT = {
    *(b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP"),
    *(b"sBIT", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT"),
}
_WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_WEBP_META_FLAGS = 0x08 | 0x04  # VP8X: EXIF present, XMP present
_GIF_LOOPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def stripped(path: Path, data: bytes) -> bytes:
    """`data` (the bytes of `path`) without metadata; raises PhotoError."""
    try:
        if data[:2] == b"\xff\xd8":
            return _jpeg(data)
        if data[:8] == _PNG_SIGNATURE:
            return _png(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp(data)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return _gif(data)
    except (struct.error, IndexError, ValueError) as error:
        raise PhotoError(path, f"damaged container: {error}") from error
    raise PhotoError(path, "not a JPEG, PNG, WebP or GIF file")


# --- JPEG -------------------------------------------------------------------------


def _jpeg(data: bytes) -> bytes:
    out = bytearray(b"\xff\xd8")
    orientation = _orientation(data)
    if orientation not in (None, 1):
        out += _exif_orientation(orientation)
    pos = 2
    while True:
        pos = _next_marker(data, pos)
        marker = data[pos + 1]
        if marker == 0xD9:  # end of picture: whatever a phone appended after it is dropped
            return bytes(out + b"\xff\xd9")
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next marker
            end = _scan_end(data, pos + 2 + _length(data, pos))
            out += data[pos:end]
            pos = end
            continue
        end = pos + 2 + _length(data, pos)
        if end > len(data):
            raise ValueError("segment runs past the end of the file")
        if _kept_segment(marker, data[pos + 4 : pos + 4 + len(_ICC)]):
            out += data[pos:end]
        pos = end


def _next_marker(data: bytes, pos: int) -> int:
    """Where the marker at `pos` starts, past fill bytes."""
    if data[pos] != 0xFF:
        raise ValueError(f"no marker at byte {pos}")
    while data[pos + 1] == 0xFF:
        pos += 1
    return pos


def _length(data: bytes, pos: int) -> int:
    (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
    if length < 2:
        raise ValueError(f"segment length {length} at byte {pos}")
    return int(length)


def _scan_end(data: bytes, pos: int) -> int:
    """The first marker after entropy-coded data: an FF not followed by a stuffed 00,
    a restart marker or another FF."""
    while True:
        pos = data.index(b"\xff", pos)
        follower = data[pos + 1]
        if follower == 0x00 or 0xD0 <= follower <= 0xD7:
            pos += 2
        elif follower == 0xFF:
            pos += 1
        else:
            return pos


def _kept_segment(marker: int, head: bytes) -> bool:
    if marker == 0xFE or 0xE0 <= marker <= 0xEF:  # comments and application segments
        return marker in _KEPT_APP or (marker == 0xE2 and head == _ICC)
    return True  # tables, frame, restart interval: what the picture is drawn with


def _orientation(data: bytes) -> int | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            value = image.getexif().get(ORIENTATION_TAG)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return value if isinstance(value, int) and 1 <= value <= 8 else None


def _exif_orientation(orientation: int) -> bytes:
    """An APP1 segment with one EXIF field: the orientation."""
    tiff = b"MM\0*" + struct.pack(">I", 8)
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", ORIENTATION_TAG, 3, 1, orientation, 0)
    body = b"Exif\0\0" + tiff + ifd + struct.pack(">I", 0)
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


# --- PNG ----------------------------------------------------------------------------


def _png(data: bytes) -> bytes:
    out = bytearray(_PNG_SIGNATURE)
    pos = len(_PNG_SIGNATURE)
    while True:
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ValueError(f"chunk {kind!r} runs past the end of the file")
        if kind in _PNG_KEPT:
            out += data[pos:end]
        if kind == b"IEND":
            return bytes(out)
        pos = end


# --- WebP ---------------------------------------------------------------------------


def _webp(data: bytes) -> bytes:
    body = bytearray(b"WEBP")
    pos = 12
    end_of_riff = min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    while pos + 8 <= end_of_riff:
        kind = data[pos : pos + 4]
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        end = pos + 8 + size + (size & 1)
        if pos + 8 + size > len(data):
            raise ValueError(f"chunk {kind!r} runs past the end of the file")
        chunk = bytearray(data[pos:end])
        if kind == b"VP8X":
            chunk[8] &= ~_WEBP_META_FLAGS & 0xFF
        if kind in _WEBP_KEPT:
            body += chunk
        pos = end
    return b"RIFF" + struct.pack("<I", len(body)) + bytes(body)


# --- GIF ----------------------------------------------------------------------------


def _gif(data: bytes) -> bytes:
    flags = data[10]
    pos = 13 + ((3 << ((flags & 7) + 1)) if flags & 0x80 else 0)  # global colour table
    out = bytearray(data[:pos])
    while True:
        block = data[pos]
        if block == 0x3B:  # trailer
            return bytes(out + b"\x3b")
        if block == 0x2C:  # an image: descriptor, local colour table, LZW data
            local = data[pos + 9]
            start = pos
            pos += 10 + ((3 << ((local & 7) + 1)) if local & 0x80 else 0) + 1
            pos = _sub_blocks_end(data, pos)
            out += data[start:pos]
        elif block == 0x21:
            label = data[pos + 1]
            end = _sub_blocks_end(data, pos + 2)
            first = data[pos + 3 : pos + 3 + data[pos + 2]]
            if label in (0xF9, 0x01) or (label == 0xFF and first in _GIF_LOOPS):
                out += data[pos:end]  # frame timing, plain text, the loop count
            pos = end
        else:
            raise ValueError(f"unknown GIF block {block:#x} at byte {pos}")


def _sub_blocks_end(data: bytes, pos: int) -> int:
    while data[pos]:
        pos += data[pos] + 1
    return pos + 1
