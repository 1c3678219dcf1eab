"""The service's one clock: the time it syncs and builds at, and how it sleeps.

The command makes it (from the system clock, or shifted to its `--now`) and hands it
down; nothing in the service reads the time any other way, so a test can drive a
whole day of embargoes in a second with a clock of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

# The longest single sleep: the wall clock may be set (NTP) while we sleep, so a far
# deadline is approached in steps and checked against the wall clock again.
LONGEST_NAP = 30.0


class Clock:
    """`now()`: the wall clock (aware, UTC); `ticks()`: seconds that never go back,
    for durations and rate limits; `sleep()`: until a deadline or a wakeup."""

    def __init__(self, wall: Callable[[], datetime], ticks: Callable[[], float]) -> None:
        self._wall = wall
        self._ticks = ticks

    def now(self) -> datetime:
        return self._wall().astimezone(UTC)

    def ticks(self) -> float:
        return self._ticks()

    def sleep_until(self, deadline: datetime | None, wakeup: threading.Event) -> bool:
        """Sleep until the wall clock reaches `deadline` (None: until woken), or
        `wakeup` is set; True if woken. Never returns before `deadline` unless woken."""
        while True:
            if wakeup.is_set():
                return True
            if deadline is None:
                wait = LONGEST_NAP
            else:
                left = (deadline - self.now()).total_seconds()
                if left <= 0:
                    return False
                wait = min(left, LONGEST_NAP)
            if self._nap(wakeup, wait):
                return True

    def _nap(self, wakeup: threading.Event, seconds: float) -> bool:
        return wakeup.wait(seconds)
