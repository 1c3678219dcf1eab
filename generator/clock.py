"""The one place "now" comes from.

Everything time-dependent (embargo, "latest", news sitemaps, `newsroom new`)
asks `now()`. Tests and the `--now` option pin it with `set_now()`; nothing
reads the machine's time zone.
"""

from __future__ import annotations

from datetime import UTC, datetime

_pinned: datetime | None = None


def now() -> datetime:
    """The current instant as an aware UTC datetime (pinned if `set_now` was called)."""
    if _pinned is not None:
        return _pinned
    return datetime.now(UTC)


def set_now(instant: datetime | None) -> None:
    """Pin the clock to `instant` (aware), or release it with None."""
    global _pinned
    if instant is not None and instant.tzinfo is None:
        raise ValueError("the pinned clock needs an aware datetime (with a UTC offset)")
    _pinned = instant.astimezone(UTC) if instant is not None else None
