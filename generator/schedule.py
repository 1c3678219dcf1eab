"""`newsroom schedule`: when the next build must run for an embargo to lift."""

from __future__ import annotations

from datetime import datetime

from generator.model import Release
from generator.repository import Repository


def next_lift(repo: Repository, now: datetime) -> tuple[datetime, list[Release]] | None:
    """The earliest future `publish_at` of a non-draft release, and the releases it frees."""
    waiting = [
        r
        for r in repo.releases
        if r.meta.status != "draft" and r.meta.publish_at is not None and r.meta.publish_at > now
    ]
    if not waiting:
        return None
    first = min(r.meta.publish_at for r in waiting if r.meta.publish_at)
    return first, sorted((r for r in waiting if r.meta.publish_at == first), key=lambda r: r.id)
