"""What a photo prints on a page (`themes/lite/partials/picture.html`): the derived
pictures as a `<picture>`, and the link to the original.

A phone (a viewport up to 30em, 480 CSS px) always gets the 360 px picture, the one
within its budget (17.5 KB), whatever its pixel density: a reader paying for every
megabyte is better served by a slightly soft photo than by one three times the size.
Wider screens choose among the larger widths by `sizes`. WebP first, JPEG for the
browsers that lack it (older KaiOS and iOS). Width and height are always set, so the
text does not jump when the picture arrives on a slow link.

Derived pictures are at the site's root, `foto/<key>-<width>.<ext>` (the same path on
every site); `to_root` leads there from the page, as `../../../` from a release page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.content.assets import ASSETS, FROM_RELEASE_PAGE
from generator.public.photocache import DerivedSet
from generator.public.photos import Derived

FOLDER = "foto"
PHONE_MEDIA = "(max-width: 30em)"
# The article column is 40rem (the theme's .wrap less its padding).
SIZES = "(max-width: 42rem) 100vw, 40rem"
# A body's local picture, as generator.public.bodyhtml writes (and nh3 keeps) it.
_BODY_IMG = re.compile(
    r'<img src="' + re.escape(FROM_RELEASE_PAGE) + r'([^"]*)" alt="([^"]*)"[^>]*>'
)
FALLBACK_WIDTH = 720  # the <img> itself: what a browser ignoring <source> shows


@dataclass(frozen=True)
class PictureView:
    """A `<picture>`: the phone's sources, the wider screens' sources and the `<img>`."""

    alt: str
    phone_webp: str
    phone_jpeg: str
    wide_webp: str  # a srcset, "" when the photo has no wider picture than the phone's
    wide_jpeg: str
    src: str
    width: int
    height: int
    lazy: bool  # below the fold: the browser fetches it only when the reader gets near
    original_href: str
    original_size: str  # "2,4 MB"
    light_href: str  # the phone's JPEG: what the low-data page links to
    light_size: str
    phone_media: str = PHONE_MEDIA
    sizes: str = SIZES


def picture_view(
    found: DerivedSet, alt: str, *, to_root: str, original_href: str, lazy: bool
) -> PictureView:
    """The view of a photo's derived set; `original_href` is where its original is."""
    jpegs = [p for p in found.pictures if p.format == "jpeg"]
    webps = [p for p in found.pictures if p.format == "webp"]
    phone_jpeg, phone_webp = jpegs[0], webps[0]
    fallback = max((p for p in jpegs if p.width <= FALLBACK_WIDTH), key=lambda p: p.width)
    base = to_root + FOLDER + "/"
    return PictureView(
        alt=alt,
        phone_webp=base + phone_webp.name,
        phone_jpeg=base + phone_jpeg.name,
        wide_webp=_srcset(base, webps[1:]),
        wide_jpeg=_srcset(base, jpegs[1:]),
        src=base + fallback.name,
        width=fallback.width,
        height=fallback.height,
        lazy=lazy,
        original_href=original_href,
        original_size=size_label(found.original.size),
        light_href=base + phone_jpeg.name,
        light_size=size_label(phone_jpeg.size),
    )


def _srcset(base: str, pictures: list[Derived]) -> str:
    return ", ".join(f"{base}{p.name} {p.width}w" for p in pictures)


def size_label(size: int) -> str:
    """Indonesian file size: `24 KB`, `2,4 MB`."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def with_pictures(body: str, markup: Callable[[str, str], str]) -> str:
    """A rendered body with each local `<img>` replaced by `markup(src, alt)`, where
    `src` is its `assets/...` path and `alt` its text (both unescaped)."""
    if "<img" not in body:
        return body
    return _BODY_IMG.sub(
        lambda m: markup(ASSETS + html.unescape(m.group(1)), html.unescape(m.group(2))), body
    )
