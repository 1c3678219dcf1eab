"""Open Graph metadata: the `og:` and `article:` pairs a page's head carries, so a
link shared in a chat or a social network shows the page's title, summary and photo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from generator.content.dates import iso


@dataclass(frozen=True)
class OgImage:
    """The picture a shared link shows: its address, size and description."""

    url: str
    width: int
    height: int
    alt: str


def open_graph(
    title: str,
    description: str,
    url: str,
    image: OgImage | None = None,
    published: datetime | None = None,
) -> tuple[tuple[str, str], ...]:
    """An article's pairs when `published` is given, a website's otherwise."""
    pairs = [
        ("og:type", "article" if published else "website"),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
    ]
    if image:
        pairs.append(("og:image", image.url))
        # With the size given, WhatsApp and Facebook show the preview on the first share.
        pairs.append(("og:image:width", str(image.width)))
        pairs.append(("og:image:height", str(image.height)))
        pairs.append(("og:image:alt", image.alt))
    if published:
        pairs.append(("article:published_time", iso(published)))
    return tuple(pairs)
