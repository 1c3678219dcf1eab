"""Hooks per office over time: a token bucket each, so a misfiring CI job or a flood of
replayed deliveries costs at most a few syncs a minute, and one office never another's."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    at: float  # the clock's ticks when `tokens` was counted


class RateLimit:
    """`burst` hooks at once, then one every `every` seconds, per key (an office)."""

    def __init__(self, burst: int, every: float) -> None:
        self.burst = max(1, burst)
        self.every = max(0.001, every)
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()  # hooks arrive on the server's threads

    def take(self, key: str, ticks: float) -> float:
        """0 if `key` may go now (one token taken); else the seconds until it may."""
        with self._lock:
            bucket = self._buckets.setdefault(key, _Bucket(float(self.burst), ticks))
            bucket.tokens = min(self.burst, bucket.tokens + (ticks - bucket.at) / self.every)
            bucket.at = ticks
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) * self.every
