"""The bench corpus's photos: real 12 MP phone JPEGs (tests/fixtures/phonephoto.py).

Drawing one scene takes about 1.5 s, and the corpus needs one photo in every few
releases (2,000 at 10,000 releases), so a few frames are drawn once per bench run
and every photo is one of them with its own EXIF (phone, time, place): a file of a
phone's size and kind with bytes of its own, which the build's photo cache (keyed by
content) processes like any new photo. Made before the timed runs, never during them.
"""

from __future__ import annotations

from datetime import datetime

from tests.fixtures.phonephoto import TURNED, UPRIGHT, phone_photo, restamped

FRAMES = 12  # distinct scenes; one in four is stored on its side, as phones held upright do
# Indonesia lies between about 6° N and 11° S, 95° E and 141° E.
NORTH, SOUTH, WEST, EAST = 6.0, -11.0, 95.0, 141.0


class PhotoSupply:
    """Phone photos by number: the same number gives the same bytes."""

    def __init__(self, seed: int = 7) -> None:
        self.seed = seed
        self._frames: dict[int, bytes] = {}

    def photo(self, number: int, taken: datetime) -> bytes:
        """Photo `number`, taken at `taken` (local time) somewhere in Indonesia."""
        frame = self._frame(number % FRAMES)
        place = (
            SOUTH + (NORTH - SOUTH) * (number * 0.6180339887 % 1),
            WEST + (EAST - WEST) * (number * 0.7548776662 % 1),
        )
        stamp = taken.strftime("%Y-%m-%d %H:%M:%S")
        return restamped(frame, self.seed * 1_000_003 + number, place, taken=stamp)

    def _frame(self, index: int) -> bytes:
        if index not in self._frames:
            orientation = TURNED if index % 4 == 3 else UPRIGHT
            self._frames[index] = phone_photo(self.seed * 100 + index, orientation=orientation)
        return self._frames[index]
