"""`newsroom schedule`: when the next build must run for an embargo to lift, and
whether one lifted since the last build.

A full build records the clock it built at (`.newsroom/last-build.json`), so a
cron job or timer can ask "did an embargo lift since?" rather than compare
clocks itself.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from generator.content.dates import iso
from generator.content.model import Release
from generator.content.repository import Repository
from generator.util.fsio import write_atomic

BUILD_RECORD = Path(".newsroom") / "last-build.json"


def next_lift(repo: Repository, now: datetime) -> tuple[datetime, list[Release]] | None:
    """The earliest future `publish_at` of a non-draft release, and the releases it frees."""
    waiting = [r for r in _embargoed(repo) if r.meta.publish_at and r.meta.publish_at > now]
    if not waiting:
        return None
    first = min(r.meta.publish_at for r in waiting if r.meta.publish_at)
    return first, sorted((r for r in waiting if r.meta.publish_at == first), key=lambda r: r.id)


def lifted_since(
    repo: Repository, built: datetime, now: datetime
) -> list[tuple[datetime, Release]]:
    """Embargoes that lifted after the build at `built` and by `now` (lift time, release),
    in lift order: the public sites built at `built` do not show these releases yet."""
    lifted = [
        (r.meta.publish_at, r)
        for r in _embargoed(repo)
        if r.meta.publish_at and built < r.meta.publish_at <= now
    ]
    return sorted(lifted, key=lambda pair: (pair[0], pair[1].id))


def _embargoed(repo: Repository) -> list[Release]:
    return [r for r in repo.releases if r.meta.status != "draft" and r.meta.publish_at]


def record_build(root: Path, now: datetime) -> None:
    """Remember the clock a full build of the public sites used (atomically)."""
    data = json.dumps({"built_at": iso(now)}, indent=1) + "\n"
    write_atomic(root / BUILD_RECORD, data.encode("utf-8"))


def last_build(root: Path) -> datetime | None:
    """The clock of the last full build, or None when there is no (readable) record."""
    try:
        record = json.loads((root / BUILD_RECORD).read_text(encoding="utf-8"))
        built = datetime.fromisoformat(record["built_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return built.astimezone(UTC) if built.tzinfo else None


def systemd_time(instant: datetime) -> str:
    """A time `systemd-run --on-calendar` accepts (it rejects ISO 8601's `T` and `Z`)."""
    return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
