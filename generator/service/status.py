"""What the service is doing, for its status JSON (`GET /status`): each office's last
check, sync and hook, the queue, the build under way and the last one, the search
indexes being made and how the last ones went, the next embargo.

Written by the loop and the server's threads, read by the server: one lock around it.
It holds no secret and no signature, only ids, times, counts and outcomes.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from generator.content.dates import iso


@dataclass
class OfficeStatus:
    last_check: str | None = None  # when the cheap check last asked its source
    last_sync: str | None = None  # when it was last synced
    last_sync_ok: bool | None = None
    last_error: str | None = None
    last_hook: str | None = None  # when a hook was last accepted for it
    next_check: str | None = None


@dataclass
class Status:
    started: str
    offices: dict[str, OfficeStatus] = field(default_factory=dict)
    queue: list[str] = field(default_factory=list)  # offices waiting for a sync
    building: str | None = None  # since when a sync or build is under way
    last_build: dict[str, Any] | None = None
    indexing: str | None = None  # the build whose search indexes are being made (its instant)
    last_index: dict[str, Any] | None = None  # the last run of the search indexes: ok, error
    last_index_made: dict[str, Any] | None = None  # the last run that made one (its sites)
    next_lift: str | None = None
    builds: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def office(self, office_id: str) -> OfficeStatus:
        return self.offices.setdefault(office_id, OfficeStatus())

    def update(self, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(self, name, value)

    def note_office(self, office_id: str, **changes: Any) -> None:
        with self._lock:
            entry = self.office(office_id)
            for name, value in changes.items():
                setattr(entry, name, value)

    def as_json(self, now: datetime) -> bytes:
        with self._lock:
            data = {
                "now": iso(now),
                "started": self.started,
                "building": self.building,
                "queue": list(self.queue),
                "last_build": self.last_build,
                "indexing": self.indexing,
                "last_index": self.last_index,
                "last_index_made": self.last_index_made,
                "builds": self.builds,
                "next_lift": self.next_lift,
                "offices": {
                    office: vars(entry).copy() for office, entry in sorted(self.offices.items())
                },
            }
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
