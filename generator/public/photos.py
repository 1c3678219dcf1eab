"""The pictures a 2G phone downloads instead of an office's original photo.

From one original (a phone's 2-4 MB JPEG, a PNG): widths 360, 720 and 1200 px, never
upscaled, each in WebP and in JPEG (the fallback), and an Open Graph picture of
1200x630 for WhatsApp and Facebook previews. EXIF orientation is applied first, then
every piece of metadata is dropped: no EXIF (officers' phones write GPS), no XMP, no
comments, no ICC profile. A picture with an ICC profile is converted to sRGB first, so
it looks the same without one; transparency is flattened onto white (a news photo has
none; a logo keeps its look on the page's white). Quality is chosen for size: each
picture is encoded at a starting quality and stepped down until it fits its budget,
never below a floor (a picture that still does not fit is kept at the floor).

Everything here is deterministic: the same original gives byte-identical pictures.
"""

from __future__ import annotations

import io
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# Bump when anything below changes what is encoded: it is part of the cache key.
# 2: the set also holds the original without its metadata (generator.public.stripmeta).
RECIPE_VERSION = 2
WIDTHS = (360, 720, 1200)
FORMATS = ("webp", "jpeg")
# Bytes a picture of that width may take. A 360 px phone downloads the 360 px one: the
# issue's ceiling is 25 KB, but a release page with a lead photo and two body photos
# must stay within 60 KB in all, and Chromium fetches a short page's lazy pictures too
# (tests/browser/test_photo_budget.py): three of 17.5 KB and the page's 4 KB fit.
BUDGETS = {360: 17_500, 720: 70_000, 1200: 160_000}
# The JPEG fallback is for browsers without WebP (older KaiOS and iOS); JPEG needs about
# 1.3 times WebP's bytes for the same look, so its phone picture keeps the 25 KB ceiling.
JPEG_BUDGETS = {360: 25_000, 720: 90_000, 1200: 200_000}
OG_SIZE = (1200, 630)  # what WhatsApp and Facebook previews show
OG_BUDGET = 300_000
START_QUALITY = {"webp": 80, "jpeg": 82}
QUALITY_STEP = 6
QUALITY_FLOOR = {"webp": 44, "jpeg": 48}  # below this, blocks and smears show on a face
WHITE = (255, 255, 255)


class PhotoError(Exception):
    """An original that cannot be decoded as a picture; the message names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: not a picture that can be decoded ({reason})")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Derived:
    """One derived file: its name in the photo's set, size in pixels and in bytes."""

    name: str  # e.g. "360.webp", "og.jpg"; the cache prefixes the photo's key
    width: int
    height: int
    format: str  # "webp" or "jpeg"
    size: int  # bytes
    quality: int


@dataclass(frozen=True)
class Encoded:
    """A derived file and its bytes."""

    derived: Derived
    data: bytes


@dataclass(frozen=True)
class Original:
    """What the original is, as the page's download link says it."""

    width: int  # after orientation
    height: int
    size: int  # bytes


def recipe() -> str:
    """Everything that decides the derived bytes but the original itself."""
    return (
        f"v{RECIPE_VERSION} widths={WIDTHS} formats={FORMATS} budgets={sorted(BUDGETS.items())} "
        f"jpeg={sorted(JPEG_BUDGETS.items())} "
        f"og={OG_SIZE}/{OG_BUDGET} quality={START_QUALITY}/{QUALITY_STEP}/{QUALITY_FLOOR} "
        f"pillow={PIL.__version__}"  # another encoder build may give other bytes
    )


def make(original: Path, data: bytes, threads: int = 1) -> tuple[Original, list[Encoded]]:
    """The derived pictures of `original` (whose bytes are `data`), made in up to
    `threads` threads: Pillow lets go of the GIL while it resizes and encodes, so one
    photo's pictures are made on several cores at once, in the same bytes. That is for
    a build with one new photo (an office's release as it arrives), which would
    otherwise wait for one core to encode it all; with many photos, each worker process
    takes whole photos, one thread each."""
    picture, (width, height) = _decoded(original, data)
    Image.init()  # every format's plugin, imported here once, not by two threads at once
    # Beyond three threads none would help: the widest WebP alone is half the work.
    with ThreadPoolExecutor(max(1, min(threads, 3))) as pool:
        sizes = [
            (wide, max(1, round(picture.height * wide / picture.width)))
            for wide in widths_for(width)
        ]
        resizing = [pool.submit(_resized, picture, size) for size in sizes]
        og = pool.submit(ImageOps.fit, picture, OG_SIZE, Image.Resampling.LANCZOS)  # cover
        jobs: list[tuple[Future[Image.Image], str, str, int]] = []
        for (wide, _), resized in zip(sizes, resizing, strict=True):
            for fmt in FORMATS:
                budgets = JPEG_BUDGETS if fmt == "jpeg" else BUDGETS
                budget = budgets.get(wide, budgets[WIDTHS[0]])
                jobs.append((resized, f"{wide}.{extension(fmt)}", fmt, budget))
        jobs.append((og, "og.jpg", "jpeg", OG_BUDGET))
        # The costliest first (WebP at the widest, about half of all the work), so the
        # other threads take the rest meanwhile; `made` keeps the order of `jobs`.
        # An encode waits for its resize, and that wait cannot block, with any number of
        # threads: the pool takes jobs in the order queued, and every resize was queued
        # before any encode, so a thread takes an encode only once every resize is under
        # way or done (and a resize waits for nothing). Queue them so.
        order = sorted(range(len(jobs)), key=lambda n: _cost(jobs[n][1]), reverse=True)
        shared = threads > 1
        fitting = {n: pool.submit(_fitted_when_ready, *jobs[n], shared) for n in order}
        made = [fitting[n].result() for n in range(len(jobs))]
    return Original(width, height, len(data)), made


def _cost(name: str) -> int:
    """How costly a derived picture is to encode, roughly: its width, WebP over JPEG."""
    wide, _, fmt = name.partition(".")
    pixels = OG_SIZE[0] if wide == "og" else int(wide)
    return pixels * (3 if fmt == "webp" else 1)


def _fitted_when_ready(
    resizing: Future[Image.Image], name: str, fmt: str, budget: int, shared: bool
) -> Encoded:
    """`_fitted` once the picture is resized. Two threads must not save one Image at
    once: `save` keeps its options on the Image (`encoderinfo`, which Pillow also puts
    back after the save), and a JPEG saved beside a WebP of the same picture came out
    with the WebP's options. With threads (`shared`), each encode has its own copy (a
    few milliseconds, against a quarter of a second of WebP)."""
    picture = resizing.result()
    return _fitted(picture.copy() if shared else picture, name, fmt, budget)


def widths_for(width: int) -> list[int]:
    """The widths made from a picture `width` px wide: never wider than it."""
    fitting = [each for each in WIDTHS if each <= width]
    return fitting or [width]


def extension(fmt: str) -> str:
    """The file extension of a format as `format_of` names it."""
    return "jpg" if fmt == "jpeg" else fmt


def format_of(head: bytes) -> str | None:
    """ "jpeg", "png", "webp" or "gif" from a file's first 12 bytes; None for any other."""
    if head[:2] == b"\xff\xd8":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return "gif" if head[:6] in (b"GIF87a", b"GIF89a") else None


def _decoded(original: Path, data: bytes) -> tuple[Image.Image, tuple[int, int]]:
    """The original upright, in sRGB RGB, with no metadata left on it (maybe decoded at
    a reduced scale), and the original's own size, upright."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            full = image.size
            # A JPEG decodes at 1/2, 1/4 or 1/8 scale where the largest picture still
            # fits: four times less work for a phone's 12 megapixels.
            image.draft("RGB", (OG_SIZE[0], OG_SIZE[0]))
            image.load()
            upright = ImageOps.exif_transpose(image)
            plain = _plain_srgb(upright)  # 16-bit or odd modes may fail here, as undecodable
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise PhotoError(original, f"{type(error).__name__}: {error}") from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoError(original, f"too many pixels: {error}") from error
    turned = (upright.width > upright.height) != (image.width > image.height)
    return plain, (full[::-1] if turned else full)


def _plain_srgb(image: Image.Image) -> Image.Image:
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            target = ImageCms.createProfile("sRGB")
            out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(image, source, target, outputMode=out_mode)
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels as they are, like a browser would show
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, WHITE)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    clean = image.copy()
    # EXIF, XMP, ICC, comments: `encode` passes none of them to the encoder, and with
    # nothing left here, no Pillow default that copies `info` into a file can either.
    clean.info = {}
    return clean


def _resized(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    return image if image.size == size else image.resize(size, Image.Resampling.LANCZOS)


def _fitted(image: Image.Image, name: str, fmt: str, budget: int) -> Encoded:
    """`image` encoded at the highest quality (in steps) within `budget` bytes."""
    quality = START_QUALITY[fmt]
    data = encode(image, fmt, quality)
    while len(data) > budget and quality - QUALITY_STEP >= QUALITY_FLOOR[fmt]:
        quality -= QUALITY_STEP
        data = encode(image, fmt, quality)
    derived = Derived(name, image.width, image.height, fmt, len(data), quality)
    return Encoded(derived, data)


def encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    """`image` as WebP or progressive JPEG bytes, with no metadata."""
    out = io.BytesIO()
    if fmt == "webp":
        # method 6, libwebp's slowest: on the test photo at 1200 px, 14 % fewer bytes than
        # the default 4 for twice the time (0.23 s against 0.12), paid once per photo.
        image.save(out, "WEBP", quality=quality, method=6, exif=b"", icc_profile=None)
    else:
        # Progressive: a 2G reader sees the whole picture coarse first, and it is smaller.
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True, subsampling=2)
    return out.getvalue()
