"""An office asset's stamp: its size and modification time, read without opening it.

A page prints the size of the photos and files it names, and a cached body is
only good while the assets it links are the ones it was rendered with: so the
page keys (generator.public.publish), the site fingerprint
(generator.public.fingerprint) and the render cache all compare stamps, and all
take them from here, in one shape (JSON's, as the render cache stores them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from generator.content.assets import asset_target

# The stamp of an asset that cannot be read (missing, unreadable): never a real one.
MISSING = (-1, -1)


def asset_stamp(folder: Path, src: str) -> tuple[int, int]:
    """(size, mtime in ns) of `src` (`assets/x.jpg`) in the office's assets `folder`.
    Only stat'ed, never opened; a name that could leave the folder has no stamp."""
    target = asset_target(src)
    if target is None:
        return MISSING
    try:
        stat = os.stat(folder / target)
    except (OSError, ValueError):
        return MISSING
    return (stat.st_size, stat.st_mtime_ns)


def asset_stamps(folder: Path, srcs: Iterable[str]) -> dict[str, list[int]]:
    """Each asset's stamp by its `assets/...` name, in the order given."""
    return {src: list(asset_stamp(folder, src)) for src in srcs}
