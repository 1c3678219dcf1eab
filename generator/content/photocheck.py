"""What `newsroom check` (and so every build and sync) asks of a photo a release shows,
its lead `image:` or a picture in its body: that it can be decoded, and whether the
original is large.

The site does not publish an original photo as it is: the build derives pictures from
it with Pillow (`generator.public.photos`: at most 1200 px wide, 17.5 KB at 360 px, no
metadata) and offers the original, its metadata removed, as a download. So a large
original is no error, but the office should know: a 12-megapixel phone photo is
reported as a warning saying what the site publishes instead. This layer cannot import
`generator.public`; the figures the warning states are repeated here, and a test holds
them to `photos.py`.

A photo the build could not decode is an error, as is one with more pixels than Pillow
accepts (a phone's 108 or 200 megapixel mode). Deciding that must stay cheap: `newsroom
check` reads every photo of a repository on every run, and a full decode costs 50-90 ms
for a 12-megapixel JPEG (36 ms even at 1/8 scale: the entropy decoding is the cost),
minutes for 10,000 releases. So only headers are read (Pillow's `Image.open` is lazy),
plus the last bytes of the file: a whole file ends as its format says (a JPEG's
end-of-image marker, a PNG's IEND chunk, a GIF's trailer, a WebP's RIFF length), and a
file cut short (a failed copy or upload) does not. Only a file that does not end so is
decoded, to decide: a truncated one fails, a motion photo (a video after the JPEG's
end marker) is found whole without decoding. Results are kept per file stat, like the
header reads before them.
"""

from __future__ import annotations

import functools
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PIL import Image, UnidentifiedImageError

from generator.content.images import HEAD_BYTES, size_from_bytes
from generator.content.problems import Report, Severity
from generator.util.stripmeta import MetadataError, stripped

MEGABYTE = 1024 * 1024  # as the sync's caps and the pages' "2,4 MB" count
# Large enough to be worth telling: a 12-megapixel phone photo is 4000x3000 (Samsung)
# or 4032x3024 (iPhone, Pixel) and 2.5-4 MB, and meets either; a photo exported for the
# web (about 2000 px, 1 MB) meets neither.
LARGE_BYTES = 3 * MEGABYTE
LARGE_SIDE = 4000  # px, the longer side, from this up
# What the warning advises for a smaller download: twice the largest published width.
EXPORT_SIDE = 2000
# What the site publishes instead (generator.public.photos; a test holds them equal):
PUBLISHED_WIDTH = 1200  # its widest derived picture, WIDTHS[-1]
PHONE_KB = 18  # about what a 360 px phone downloads, BUDGETS[360] / 1000 rounded

# What browsers show and images.size_from_bytes measures. Pillow names a phone's JPEG
# with a multi-picture extension (a depth map, a preview) MPO.
_FORMATS = {"JPEG", "MPO", "PNG", "GIF", "WEBP"}
_PILLOW_FAILURES = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)
_JPEG_EOI, _JPEG_SOS = b"\xff\xd9", 0xDA
_PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_MAX_SEGMENTS = 1000  # a JPEG's marker segments before its first scan, walked at most
_ORIENTATION, _TURNED = 0x0112, {5, 6, 7, 8}  # EXIF orientations that swap the sides


@dataclass(frozen=True)
class Picture:
    """A photo as check sees it: its bytes, and its size in pixels shown upright."""

    size: int  # bytes
    width: int
    height: int


# A source that has not the bytes at hand (the validator alone, fuzzing): nothing to say.
UNMEASURED = Picture(0, 0, 0)


def examine(path: Path) -> Picture | None:
    """The photo at `path`, or None when it is no PNG, JPEG, GIF or WebP the build can
    decode."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _examine_file(str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)


@functools.lru_cache(maxsize=65536)
def _examine_file(path: str, size: int, mtime_ns: int, inode: int) -> Picture | None:
    # Keyed by the file's stat: a rebuild asks again for every release's photo, and the
    # file is read only when it changed.
    try:
        with open(path, "rb") as handle:
            return _examine(handle, size)
    except OSError:
        return None


def examine_bytes(data: bytes) -> Picture | None:
    """`examine` for a photo held in memory (the sync reads blobs)."""
    return _examine(io.BytesIO(data), len(data))


def _examine(stream: IO[bytes], size: int) -> Picture | None:
    # The first 64 KB hold the size of most photos; a phone's long EXIF and XMP (a
    # portrait's depth map) can push a JPEG's frame header past them: Pillow finds it.
    header = size_from_bytes(stream.read(HEAD_BYTES))
    stream.seek(0)
    try:
        with warnings.catch_warnings():
            # Too many pixels is the validator's to report, by name (check_picture).
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(stream)  # the header only: pixels wait for load()
    except Image.DecompressionBombError:
        return Picture(size, *header) if header else None
    except _PILLOW_FAILURES:
        return None
    with image:
        if image.format not in _FORMATS:
            return None
        width, height = image.size  # before a draft decode makes it smaller
        if not _whole(image.format, stream, size) and not _decodes(image):
            return None
        if not _publishable(stream):
            return None
        return Picture(size, *((height, width) if _turned(image) else (width, height)))


def _publishable(stream: IO[bytes]) -> bool:
    """Whether the build can publish the original without its metadata: its container
    walks cleanly (generator.util.stripmeta; no decoding, so cheap), as the build's
    own walk will."""
    try:
        stripped(_all(stream))
    except MetadataError:
        return False
    return True


def _whole(kind: str, stream: IO[bytes], size: int) -> bool:
    """Whether the file ends as a whole file of its format does: its last bytes, or for
    a JPEG or PNG followed by something else (a motion photo's video), the whole file."""
    if kind in ("JPEG", "MPO"):
        if _last(stream, size, 2) == _JPEG_EOI:
            return True
        content = _all(stream)
        scan = _first_scan(content)  # the EXIF thumbnail before it has an end marker too
        return scan is not None and content.find(_JPEG_EOI, scan) >= 0
    if kind == "PNG":
        return _last(stream, size, 12) == _PNG_IEND or _all(stream).find(_PNG_IEND, 8) >= 0
    if kind == "GIF":
        return _last(stream, size, 1) == b";"
    # WebP: RIFF, its length, then that many bytes.
    stream.seek(4)
    return 8 + int.from_bytes(stream.read(4), "little") <= size


def _last(stream: IO[bytes], size: int, count: int) -> bytes:
    stream.seek(max(0, size - count))
    return stream.read(count)


def _all(stream: IO[bytes]) -> bytes:
    stream.seek(0)
    return stream.read()


def _first_scan(content: bytes) -> int | None:
    """Where a JPEG's first start-of-scan marker is, walking its marker segments."""
    at = 2
    for _ in range(_MAX_SEGMENTS):
        if at + 4 > len(content) or content[at] != 0xFF:
            return None
        marker = content[at + 1]
        if marker == _JPEG_SOS:
            return at
        if marker == 0xFF:
            at += 1  # a fill byte
        elif marker == 0x01 or 0xD0 <= marker <= 0xD8:
            at += 2  # markers without a length
        else:
            at += 2 + int.from_bytes(content[at + 2 : at + 4], "big")
    return None


def _decodes(image: Image.Image) -> bool:
    """Whether Pillow decodes the picture (a JPEG at 1/8 scale: the same check, faster)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.draft("RGB", (image.width // 8 or 1, image.height // 8 or 1))
            image.load()
    except (*_PILLOW_FAILURES, Image.DecompressionBombError):
        return False
    return True


def _turned(image: Image.Image) -> bool:
    if "exif" not in image.info:
        return False  # none read with the header (a PNG's getexif would decode it all)
    try:
        return image.getexif().get(_ORIENTATION) in _TURNED
    except _PILLOW_FAILURES:
        return False  # unreadable EXIF: shown as stored


def check_picture(
    report: Report, path: str, line: int, field: str, src: str, picture: Picture
) -> None:
    """Report a decodable photo with more pixels than the build takes (an error), or a
    large original (a warning saying what the site publishes instead)."""
    limit = Image.MAX_IMAGE_PIXELS  # what Pillow, and so the build, accepts
    pixels = picture.width * picture.height
    if limit is not None and pixels > limit:
        report.add(
            path,
            line,
            field,
            "image_too_many_pixels",
            src,
            width=picture.width,
            height=picture.height,
            megapixels=round(pixels / 1_000_000),
            max=int(limit // 1_000_000),
            export=EXPORT_SIDE,
        )
    elif picture.size > LARGE_BYTES or max(picture.width, picture.height) >= LARGE_SIDE:
        # Whole megabytes and tenths apart, as each language writes them: 4,2 MB / 4.2 MB.
        megabytes, tenths = divmod(round(picture.size * 10 / MEGABYTE), 10)
        report.add(
            path,
            line,
            field,
            "image_large",
            src,
            severity=Severity.WARNING,
            mb=megabytes,
            tenths=tenths,
            width=picture.width,
            height=picture.height,
            published=PUBLISHED_WIDTH,
            phone_kb=PHONE_KB,
            export=EXPORT_SIDE,
            max_mb=LARGE_BYTES // MEGABYTE,
        )
