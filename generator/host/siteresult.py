"""What one site's build is given (its target) and gives back to the build that ran it
(from a worker: pickled): its result, the documents left for after every site's pages,
the moments a caller of `build` is told of, and what a build raises once every site is
built when releases were left out (generator.host.build)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.public.fingerprint import DeskWeighing
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
    # intervals: the same in every process): its writer's last page or removal, before
    # the build's own records (manifest, file stats); else the end of its build.
    out_at: float = 0.0


PagesOut = Callable[[list[SiteResult]], None]
# The public sites' results, and how long ago the last of their pages was out: the parent
# learns it late when it was weighing the unchanged sites meanwhile (their pages as they
# were, on disk all along).
PublicOut = Callable[[list[SiteResult], float], None]


@dataclass(frozen=True)
class Target:
    """What to build: a config file, and the options its plugin is given on top."""

    config_file: Path
    plugin: str  # PUBLIC_PLUGIN or DESK_PLUGIN, as the config lists it
    site_dir: Path | None  # None: as the config says (only read, never built)
    options: Mapping[str, object] = field(default_factory=dict)  # site, base_url, now...
    fingerprint: str = ""  # recorded after a successful build; see generator.public.fingerprint
    cache: Path | None = None
    # Its files checked for damage once every site's pages are out (`_check_built`), not
    # before it is built: no release waits for a stat of each of the site's 4,000 files.
    check_later: bool = False
    # The desk's fingerprint, weighed in its worker (see `DeskWeighing`).
    desk: DeskWeighing | None = None


class ReleasesLeftOut(Exception):
    """Raised once every site is built: some valid releases could not be rendered and
    were left out (see generator.public.isolate). `results` are the sites' results."""

    def __init__(
        self,
        results: list[SiteResult],
        failures: list[RenderFailure],
        photos: dict[str, str] | None = None,
    ) -> None:
        super().__init__(", ".join([f.release_id for f in failures] + sorted(photos or {})))
        self.results = results
        self.failures = failures
        self.photos = photos or {}  # photos not published (file -> why): shown without them
