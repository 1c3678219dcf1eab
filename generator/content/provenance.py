"""Where each central release came from: what `newsroom sync` recorded of it
(`content/sync/<office>.json`), attached to the release for its page and the desk."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from generator.content.layout import CENTRAL, Layout
from generator.content.model import Provenance, Release
from generator.content.syncstate import load_state


def with_provenance(layout: Layout, releases: list[Release]) -> list[Release]:
    """Attach what `newsroom sync` recorded (content/sync/<office>.json) to each release."""
    if layout.kind != CENTRAL:
        return releases
    states = {o: load_state(layout.content, o) for o in {r.office.id for r in releases}}
    result = []
    for release in releases:
        state = states[release.office.id]
        path = f"releases/{release.id.split('/', 1)[1]}.md"
        synced = state.releases.get(path)
        if synced is not None and state.source:
            source = release.office.source
            found = Provenance(
                state.source,
                synced.commit,
                path,
                origin=synced.origin,
                copied=_instant(synced.copied),
                feed=source is not None and source.kind == "feed",
            )
            release = replace(release, provenance=found)
        result.append(release)
    return result


def _instant(text: str) -> datetime | None:
    """An ISO 8601 time with its offset, as the sync records it; None if not one."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        return None
    return found if found.tzinfo is not None else None
