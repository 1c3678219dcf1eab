"""What one site's build gives back to the build that ran it (from a worker: pickled):
its result, the documents left for after every site's pages, and the moments a caller
of `build` is told of (generator.host.build)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.public.isolate import RenderFailure
from generator.public.writer import Pending


@dataclass(frozen=True)
class Documents:
    """What a site's build left for after every site's pages (the bulletin's PDFs:
    writer.Pending), and what finishes that site once they are made: its fingerprint,
    recorded only then, so a build stopped before them builds the site again."""

    site_dir: Path
    pending: tuple[Pending, ...]
    stats: Path | None
    record: Path | None
    fingerprint: str


@dataclass(frozen=True)
class SiteResult:
    site_id: str
    seconds: float
    skipped: bool = False  # nothing it shows changed since its last build
    failures: tuple[RenderFailure, ...] = ()  # releases this site left out
    # Photos first met in this site's worker (an asset with a picture's bytes under
    # another name) that could not be published: file -> why.
    photos_failed: tuple[tuple[str, str], ...] = ()
    documents: Documents | None = None  # left for after every site's pages
    # The bulletins' QR codes this site's worker made: kept by the parent, the next
    # build's workers fork with them (see bulletinview).
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Photo sets only the worker found: the parent stamps them used with its own.
    photo_keys: tuple[str, ...] = ()
    # When its pages were out, on the worker's time.monotonic() (the system's clock for
    # intervals: the same in every process). 0.0: nothing written.
    out_at: float = 0.0


PagesOut = Callable[[list[SiteResult]], None]
# The public sites' results, and how long ago the last of their pages was out: the parent
# learns it late when it was weighing the unchanged sites meanwhile (their pages as they
# were, on disk all along).
PublicOut = Callable[[list[SiteResult], float], None]
