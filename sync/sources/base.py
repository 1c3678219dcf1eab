"""What every kind of source offers the sync, whatever it reads (a git branch, a feed):
the office's files at their newest version, as an `Incoming` for `sync.apply`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from generator.content.schema import Office
from generator.content.syncstate import OfficeState
from sync.http import Limits
from sync.offer import Incoming


@dataclass(frozen=True)
class Reading:
    """What one sync run gives the source of one office."""

    root: Path  # the central repository: caches live under root/.cache/newsroom/
    office: Office  # as the registry has it: its id is the only namespace it writes
    limits: Limits  # what reading over the network may cost
    git_askpass: str = ""  # the operator's NEWSROOM_GIT_ASKPASS, as the command read it


class Source(ABC):
    """One office's source, opened from its registry entry and a `Reading`.

    `read` raises `sync.failures.SourceError` (or its `SourceFailure`, which names a
    problem with its fix) when the source cannot be read this time: the office fails,
    named, and the others go on."""

    @abstractmethod
    def read(self, state: OfficeState) -> Incoming | None:
        """What the source holds now, or None when it is the version `state` (the last
        completed sync's) already has. Notes in `state` how the source is named (never
        with a credential) and what the next read needs (a feed's ETag)."""
