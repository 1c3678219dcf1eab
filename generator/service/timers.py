"""When the service must do something next: each office's cheap check, on its own
interval, and the next embargo lift, at its exact second.

Offices' first checks are spread evenly over the interval, so 300 offices are not all
asked in the same second after a start.
"""

from __future__ import annotations

from datetime import datetime, timedelta


class Timers:
    def __init__(
        self, offices: list[str], start: datetime, interval: float, intervals: dict[str, float]
    ) -> None:
        self.intervals = {office: intervals.get(office, interval) for office in offices}
        count = max(1, len(offices))
        self.due = {
            office: start + timedelta(seconds=self.intervals[office] * (i + 1) / count)
            for i, office in enumerate(sorted(offices))
        }
        self.lift: datetime | None = None  # the next embargo lift, if any

    def follow(
        self, offices: list[str], now: datetime, interval: float, intervals: dict[str, float]
    ) -> None:
        """The registry changed: a new office is checked now, a removed one no more."""
        self.intervals = {office: intervals.get(office, interval) for office in offices}
        for office in offices:
            self.due.setdefault(office, now)
        for office in [o for o in self.due if o not in self.intervals]:
            del self.due[office]

    def due_offices(self, now: datetime) -> list[str]:
        """The offices whose check is due at `now`, each rescheduled one interval on."""
        due = sorted(office for office, at in self.due.items() if at <= now)
        for office in due:
            self.checked(office, now)
        return due

    def checked(self, office: str, now: datetime) -> None:
        """`office` was just checked or synced (a hook): its next check, an interval on."""
        if office in self.intervals:
            self.due[office] = now + timedelta(seconds=self.intervals[office])

    def lift_due(self, now: datetime) -> bool:
        return self.lift is not None and self.lift <= now

    def next_deadline(self) -> datetime | None:
        """The earliest instant something is due."""
        times = list(self.due.values()) + ([self.lift] if self.lift is not None else [])
        return min(times) if times else None
