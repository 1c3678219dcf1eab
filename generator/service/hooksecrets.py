"""Where each office's webhook secret lives: one file per office, named by its id, in a
folder the operator chooses (`newsroom watch --secrets DIR`), outside the repository's
content/ and the built sites, so it is never committed nor published.

A secret is read when a hook for its office arrives (so it can be changed without a
restart), never logged, never put in a status or an error. A file other users may read
is refused: a secret anyone on the server can read proves nothing.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

MAX_SECRET_BYTES = 4096


@dataclass(frozen=True)
class Lookup:
    secret: bytes | None  # None: no usable secret (see `problem`)
    problem: str = ""  # "missing" | "unsafe" | "unreadable" | "empty"


class SecretStore:
    """The folder of secrets (None: no folder given, so every hook is refused)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def lookup(self, office_id: str) -> Lookup:
        """`office_id` must be a registered office's id (a slug: no path in it)."""
        if self.folder is None:
            return Lookup(None, "missing")
        path = self.folder / office_id
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                return Lookup(None, "missing")
            if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                return Lookup(None, "unsafe")
            with path.open("rb") as handle:
                data = handle.read(MAX_SECRET_BYTES + 1)
        except FileNotFoundError:
            return Lookup(None, "missing")
        except OSError:
            return Lookup(None, "unreadable")
        secret = data.strip()  # `echo secret > file` leaves a newline
        if not secret or len(data) > MAX_SECRET_BYTES:
            return Lookup(None, "empty")
        return Lookup(secret)


def misplaced(folder: Path, forbidden: dict[str, Path]) -> str | None:
    """The name of the forbidden place (content/, the sites) `folder` is inside, if any."""
    where = folder.resolve()
    for name, place in forbidden.items():
        if where == place.resolve() or place.resolve() in where.parents:
            return name
    return None
