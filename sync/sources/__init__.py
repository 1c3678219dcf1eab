"""The kinds of source an office syncs from, by the key that names each in the registry
(`source: {git: ...}`, `source: {feed: ...}`).

Each kind is one module here, a `sync.sources.base.Source`, and one schema in
`generator.content.schema.SOURCE_KINDS` under the same key: nothing else in the sync
knows which kinds there are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.content.schema import FeedSourceEntry, GitSourceEntry, SourceEntry
from sync.failures import SourceFailure
from sync.sources.base import Reading, Source
from sync.sources.feed import JsonFeed
from sync.sources.git import GitBranch

# kind -> how to open a source of that kind from its registry entry (its schema's type).
SOURCES: dict[str, Callable[[Any, Reading], Source]] = {
    GitSourceEntry.kind: GitBranch,
    FeedSourceEntry.kind: JsonFeed,
}


def open_source(entry: SourceEntry, reading: Reading) -> Source:
    """The source the registry `entry` names, opened for `reading`."""
    opener = SOURCES.get(entry.kind)
    if opener is None:  # a kind the schema takes and no module reads: said, not a crash
        raise SourceFailure("source_kind_unsupported", kind=entry.kind, known=", ".join(SOURCES))
    return opener(entry, reading)
