"""A picture file with its metadata taken out, and nothing else changed.

A newsroom keeps each original photo downloadable because journalists need the full
picture; but a phone writes where the photo was taken (EXIF GPS), its serial number
and often a preview picture with its own EXIF. So the original is published without
any of that: the container is walked and only what draws the picture is kept, by an
allow-list (what is not known to draw the picture is dropped). The pixels are not
decoded or encoded again, so the download is the office's photo bit for bit.

- JPEG: only the frame, tables, restart interval and scans are kept, with a JFIF
  header without thumbnail, Adobe's colour transform (APP14, its 12 bytes) and an
  ICC profile (APP2 `ICC_PROFILE`); every other APPn, comments and whatever follows
  the end of the picture (phones append "motion photo" videos and second pictures)
  are dropped. The orientation is the one EXIF field kept, written anew alone, so the
  photo still stands upright.
- PNG: only the chunks that draw the picture (and APNG's frames) are kept.
- WebP: only the chunks that draw the picture, also inside an animation's frames;
  the header's EXIF and XMP flags are cleared.
- GIF: only images, their frame timing and the loop count are kept.

A container that cannot be walked raises `MetadataError`: such a file is not
published. No newsroom knowledge here: `generator.public.photocache` uses it for the
originals a site publishes, `generator.content.photocheck` to refuse, at the check,
a file the build could not publish.
"""

from __future__ import annotations

import io
import struct

from PIL import Image, UnidentifiedImageError

ORIENTATION_TAG = 0x0112
_ICC = b"ICC_PROFILE\0"
_ADOBE = b"Adobe"
_JFIF = b"JFIF\0"
# JPEG markers that draw the picture: frames (SOF0-15 but DHT, JPG and DAC), DHT,
# DAC, DQT, DRI, DNL, and the scans (SOS).
_JPEG_KEPT = {*range(0xC0, 0xD0), 0xDB, 0xDD, 0xDC, 0xDA} - {0xC8}
_NO_LENGTH = {*range(0xD0, 0xD8), 0x01}  # RSTn, TEM: a marker alone
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEPT = {
    *(b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP"),
    *(b"sBIT", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT"),
}
_WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_WEBP_FRAME_KEPT = {b"VP8 ", b"VP8L", b"ALPH"}
_WEBP_ANMF_HEADER = 16
_WEBP_META_FLAGS = 0x08 | 0x04  # VP8X: EXIF present, XMP present
_GIF_LOOPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


class MetadataError(ValueError):
    """A file whose container cannot be walked, or that is none of the four formats."""


def stripped(data: bytes) -> bytes:
    """`data` (a JPEG, PNG, WebP or GIF file's bytes) without metadata."""
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
        raise MetadataError(f"damaged container: {error}") from error
    raise MetadataError("not a JPEG, PNG, WebP or GIF file")


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
        if marker in _NO_LENGTH:
            pos += 2  # a stray restart marker: dropped
            continue
        end = pos + 2 + _length(data, pos)
        if end > len(data):
            raise ValueError("segment runs past the end of the file")
        out += _kept_segment(marker, data[pos:end])
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next marker
            scan_end = _scan_end(data, end)
            out += data[end:scan_end]
            end = scan_end
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


def _kept_segment(marker: int, segment: bytes) -> bytes:
    """What of a segment (marker and length included) is kept: all of one that draws
    the picture, the fixed part of JFIF and Adobe headers, an ICC profile; else nothing."""
    body = segment[4:]
    if marker in _JPEG_KEPT:
        return segment
    if marker == 0xE0 and body.startswith(_JFIF) and len(body) >= 14:
        return _segment(0xE0, body[:12] + b"\0\0")  # version, units, density; no thumbnail
    if marker == 0xEE and body.startswith(_ADOBE) and len(body) >= 12:
        return _segment(0xEE, body[:12])  # version, flags, colour transform
    if marker == 0xE2 and body.startswith(_ICC):
        return segment
    return b""


def _segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


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
    return _segment(0xE1, b"Exif\0\0" + tiff + ifd + struct.pack(">I", 0))


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
    end_of_riff = min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    body = b"WEBP" + _webp_chunks(data, 12, end_of_riff, _WEBP_KEPT)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _webp_chunks(data: bytes, pos: int, end: int, kept: set[bytes]) -> bytes:
    out = bytearray()
    while pos + 8 <= end:
        kind = data[pos : pos + 4]
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        after = pos + 8 + size + (size & 1)
        if pos + 8 + size > len(data):
            raise ValueError(f"chunk {kind!r} runs past the end of the file")
        if kind == b"VP8X":
            chunk = bytearray(data[pos:after])
            chunk[8] &= ~_WEBP_META_FLAGS & 0xFF
            out += chunk
        elif kind == b"ANMF":  # an animation's frame: its header, then chunks of its own
            start = pos + 8 + _WEBP_ANMF_HEADER
            inner = _webp_chunks(data, start, pos + 8 + size, _WEBP_FRAME_KEPT)
            frame = data[pos + 8 : start] + inner
            out += b"ANMF" + struct.pack("<I", len(frame)) + frame
        elif kind in kept:
            out += data[pos:after]
        pos = after
    return bytes(out)


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
            first_length = data[pos + 2]
            first = data[pos + 3 : pos + 3 + first_length]
            if label == 0xF9:
                out += data[pos:end]  # frame timing and transparency
            elif label == 0xFF and first in _GIF_LOOPS:
                # The loop count: its identifier and first sub-block, nothing after.
                loop_end = pos + 3 + first_length
                loop = data[loop_end : loop_end + 1 + data[loop_end]]
                out += data[pos:loop_end] + loop + b"\0"
            pos = end
        else:
            raise ValueError(f"unknown GIF block {block:#x} at byte {pos}")


def _sub_blocks_end(data: bytes, pos: int) -> int:
    while data[pos]:
        pos += data[pos] + 1
    return pos + 1
