"""Images measured before the releases naming them are taken, put aside meanwhile."""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.content.photocheck import Picture, examine_bytes
from sync.offer import Incoming, each_blob


class StagedImages:
    """Images measured before the releases naming them are taken. A blob read to be
    measured is put aside in a temporary folder (outside content/: nothing is written
    there before the mass-withdrawal guard), so it is written from there and never
    read from the source twice; memory still holds one asset at a time."""

    def __init__(self, *, keep: bool) -> None:
        self.keep = keep
        self.verdicts: dict[str, Picture | None] = {}
        self.files: dict[str, Path] = {}  # the blobs put aside, by asset path
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def measure(self, src: str, oid: str, incoming: Incoming) -> Picture | None:
        """The image `src` (blob `oid`) as `newsroom check` sees it."""
        if src not in self.verdicts:
            for _, data in each_blob(incoming, {src: oid}):
                self.verdicts[src] = examine_bytes(data)
                if self.keep:
                    if self._folder is None:
                        self._folder = tempfile.TemporaryDirectory(prefix="newsroom-sync-")
                    file = Path(self._folder.name) / f"{len(self.files)}.bin"
                    file.write_bytes(data)
                    self.files[src] = file
        return self.verdicts.get(src)

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
