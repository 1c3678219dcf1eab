"""Open Graph metadata: the `og:` and `article:` pairs a page's head carries, so a
link shared in a chat or a social network shows the page's title, summary and photo."""

from __future__ import annotations

from datetime import datetime

from generator.content.dates import iso


def open_graph(
    title: str,
    description: str,
    url: str,
    image: str | None = None,
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
        pairs.append(("og:image", image))
    if published:
        pairs.append(("article:published_time", iso(published)))
    return tuple(pairs)
