"""Image dimensions from file headers, for `width`/`height` on every `<img>`.

Explicit sizes stop the page from jumping while a photo arrives on a slow
link. Only headers are read; anything unrecognised, truncated or hostile
gives None, never an exception.
"""

from __future__ import annotations

import struct
from pathlib import Path

HEAD_BYTES = 64 * 1024  # every size these formats give is in the file's first bytes
_MAX_SEGMENTS = 200
# JPEG start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def image_size(path: Path) -> tuple[int, int] | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None
    return size_from_bytes(head)


def size_from_bytes(head: bytes) -> tuple[int, int] | None:
    try:
        for reader in (_png, _gif, _jpeg, _webp):
            size = reader(head)
            if size is not None:
                return size if size[0] > 0 and size[1] > 0 else None
    except (struct.error, IndexError):
        return None
    return None


def _png(head: bytes) -> tuple[int, int] | None:
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def _gif(head: bytes) -> tuple[int, int] | None:
    if head[:6] not in (b"GIF87a", b"GIF89a"):
        return None
    width, height = struct.unpack("<HH", head[6:10])
    return int(width), int(height)


def _jpeg(head: bytes) -> tuple[int, int] | None:
    if head[:2] != b"\xff\xd8":
        return None
    pos = 2
    for _ in range(_MAX_SEGMENTS):
        while pos < len(head) and head[pos] == 0xFF:
            pos += 1  # fill bytes
        if pos + 3 > len(head):
            return None
        marker = head[pos]
        pos += 1
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            continue  # markers without a length
        (length,) = struct.unpack(">H", head[pos : pos + 2])
        if length < 2:
            return None
        if marker in _SOF:
            height, width = struct.unpack(">HH", head[pos + 3 : pos + 7])
            return int(width), int(height)
        pos += length
    return None


def _webp(head: bytes) -> tuple[int, int] | None:
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return None
    chunk = head[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", head[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    return None
