"""Pages as parts, compressed once each: a `.gz` twin stitched from deflated parts.

Most bytes of a page are shared: the site's chrome (head, stylesheet, header,
footer) by every page of a site, a release's article by every site that shows
it. Compressing each page whole would deflate those bytes again for every
page, which at 40,000 pages is most of a cold build. Instead each part is
deflated once, ending on a byte boundary (a sync flush), and a page's twin is
the gzip header, its parts' deflate data one after the other, an empty final
block and the CRC-32 and length of the whole page: one ordinary gzip member,
which every browser and `gunzip` read. A part cannot refer back into the part
before it, which costs a few bytes per part; the page weight budget is
measured on these twins.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

LEVEL = 6
# ID1 ID2, deflate, no flags, mtime 0 (reproducible), no extra flags, OS unknown.
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
_FINAL_EMPTY_BLOCK = b"\x03\x00"  # BFINAL=1, fixed Huffman, end of block


@dataclass(frozen=True)
class Part:
    """Bytes of a page and their raw deflate stream, byte-aligned and not final."""

    data: bytes
    packed: bytes


def pack(data: bytes, level: int = LEVEL) -> Part:
    if not data:
        return Part(b"", b"")
    packer = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return Part(data, packer.compress(data) + packer.flush(zlib.Z_SYNC_FLUSH))


def pack_text(text: str, level: int = LEVEL) -> Part:
    return pack(text.encode("utf-8"), level)


def join(parts: Iterable[Part]) -> tuple[bytes, bytes]:
    """The page's bytes and its gzip twin."""
    chosen = [part for part in parts if part.data]
    data = b"".join(part.data for part in chosen)
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    packed = b"".join(part.packed for part in chosen)
    return data, _HEADER + packed + _FINAL_EMPTY_BLOCK + trailer


def gzip_bytes(data: bytes, level: int = LEVEL) -> bytes:
    """A whole file as one gzip member, the same bytes every time (mtime 0)."""
    return join([pack(data, level)])[1]
