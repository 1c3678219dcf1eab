"""Whether two sequences hold the very same objects, in the same order.

`newsroom watch` loads the repository at every build and gets the same release
objects back from the parse cache: what a build derived from a sequence of them
(an office's provenance, a province's sort, a group's digest) holds while the next
load gives the same objects. Told by identity, in C, never by comparing values.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence


def same_objects(before: Sequence[object], now: Sequence[object]) -> bool:
    """Whether `now` holds exactly the objects `before` holds, in its order."""
    return len(before) == len(now) and all(map(operator.is_, before, now))
