"""What one build makes once and every site it builds shares.

A central release is shown by the national site and by all 38 provincial
ones; its article, its head elements and its cards are the same on each (only
the "Sumber" line tells a copy from the home page, and links go through a
root marker). They are made and deflated once per build process and kept
here, on the build's session: forked site workers each inherit it and fill
their own copy, and `mkdocs serve` starts every rebuild with a new one.
"""

from __future__ import annotations

import hashlib
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


def page_key(*values: object) -> str:
    """A short hash of everything a page shows, from values whose repr is stable
    (strings, numbers, tuples, dataclasses of those; never sets)."""
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=16).hexdigest()
