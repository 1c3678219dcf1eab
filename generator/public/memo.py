"""What one build makes once and every site it builds shares.

A central release is shown by the national site and by all 38 provincial
ones; its article, its head elements and its cards are the same on each (only
the "Sumber" line tells a copy from the home page, and links go through a
root marker). They are made and deflated once per build process and kept
here, on the build's session: forked site workers each inherit it and fill
their own copy, and `mkdocs serve` starts every rebuild with a new one. A worker
builds many sites; after each it keeps only what the next can use (`keep`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from generator.public.feeds import EntryParts
from generator.public.views import Card
from generator.util.gzparts import Part

# Stands for the site's root path in parts shared by every site ("/maluku/"):
# a private-use character, which autoescape leaves alone.
ROOT_MARK = "\ue001root\ue001"


@dataclass
class BuildMemo:
    parts: dict[str, Part] = field(default_factory=dict)  # shell pieces by their text
    articles: dict[tuple[object, ...], tuple[Part, Part]] = field(default_factory=dict)
    cards: dict[tuple[object, ...], str] = field(default_factory=dict)  # with ROOT_MARK
    related: dict[tuple[str, str, str], Card] = field(default_factory=dict)  # id, hash, root
    release_keys: dict[str, str] = field(default_factory=dict)
    feed_entries: EntryParts = field(default_factory=EntryParts)

    def keep(self, releases: AbstractSet[str]) -> None:
        """After a site is written: keep what was made of `releases` (by id) for the
        sites still to come, and nothing else. Related links are made for one site's
        root, so none of them is kept."""
        self.articles = {k: v for k, v in self.articles.items() if k[0] in releases}
        self.cards = {k: v for k, v in self.cards.items() if k[0] in releases}
        self.release_keys = {k: v for k, v in self.release_keys.items() if k in releases}
        self.related = {}
        self.feed_entries.keep(releases)


def page_key(*values: object) -> str:
    """A short hash of everything a page shows, from values whose repr is stable
    (strings, numbers, tuples, dataclasses of those; never sets)."""
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=16).hexdigest()
