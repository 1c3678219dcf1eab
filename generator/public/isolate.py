"""One release that cannot be rendered never stops a build.

Validation should refuse whatever cannot be shown (dates are bounded for that), but
a release may still fail where pages are made: a bug, a value validation let through.
Then that release is left out, named with its error, and every other page is built;
`newsroom build` reports it and exits non-zero once everything else is written
(issue 13: a correction dated 9999-12-31 made every build of its site fail).

Two places find such releases: `vet`, once per build before any site, computes what
every page of a release reads of its dates (cheap; it is what sorting and dating
every list needs); `blame`, around the work each page does for one release, names the
release when that work raises, so the site is made again without it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, UTC, datetime

from generator.content.dates import format_day, format_input, format_long, iso
from generator.content.model import Release
from generator.content.problems import Problem
from generator.content.repository import Repository
from generator.util.sameobjects import Rederived


@dataclass(frozen=True)
class RenderFailure:
    """A release left out of a build: its id, file and what went wrong."""

    release_id: str
    path: str
    error: str

    def problem(self) -> Problem:
        return Problem(self.path, 1, "", "render_failed", self.error, (("id", self.release_id),))


class ReleaseFailed(Exception):
    """Raised by `blame`: making a page of `failure.release_id` failed."""

    def __init__(self, failure: RenderFailure) -> None:
        super().__init__(f"{failure.release_id}: {failure.error}")
        self.failure = failure


def failure_of(release: Release, error: BaseException) -> RenderFailure:
    return RenderFailure(release.id, release.path, f"{type(error).__name__}: {error}")


@contextmanager
def blame(release: Release) -> Iterator[None]:
    """Whatever the block raises (but another release's failure) names `release`."""
    try:
        yield
    except ReleaseFailed:
        raise
    except Exception as error:
        raise ReleaseFailed(failure_of(release, error)) from error


# Whether `vet` let each release of its last list through: `newsroom watch` vets at
# every build the same objects the parse cache hands back, in the same order but for
# the offices a sync changed (100,000 at 0.2 s; looked up one by one, 0.04 s).
_vetted: Rederived[Release, bool] = Rederived()


def vet(repo: Repository) -> tuple[Repository, list[RenderFailure]]:
    """`repo` without the releases whose dates cannot be shown, and what each raised."""
    failures: list[RenderFailure] = []

    def shown(release: Release) -> bool:
        try:
            _dates_shown(release)
        except Exception as error:  # any error: the release is left out
            failures.append(failure_of(release, error))
            return False
        return True

    # A release left out is tried again (and its failure told) at every build.
    _vetted.of(repo.releases, shown, again=False)
    return without(repo, {f.release_id for f in failures}), failures


def without(repo: Repository, ids: set[str]) -> Repository:
    """`repo` without the releases `ids` names (the same object when it names none)."""
    if not ids:
        return repo
    kept = [release for release in repo.releases if release.id not in ids]
    return dataclasses.replace(repo, releases=kept)


def _dates_shown(release: Release) -> None:
    """Every date of the release as pages, feeds and the desk write it: those far from
    datetime's ends convert to any zone, and only the others are tried (vetting 10,000
    releases must not cost a rebuild's time)."""
    zone, meta = release.office.zone, release.meta
    dates: list[datetime | None] = [meta.date, meta.publish_at, meta.withdrawn_at]
    dates += [update.date for update in meta.updates]
    for instant in dates:
        if instant is not None and not _CONVERTIBLE_FROM <= instant <= _CONVERTIBLE_TO:
            format_long(instant, zone)
            format_day(instant, zone)
            format_input(instant, zone)
            iso(instant)
    _ = release.chronological  # the sort key of every list; kept, so computed once
    # The desk's month too, here in the parent: computed in the desk's worker, it would
    # die with that worker and be computed again for every release at the next build.
    _ = release.month


# A day's margin from datetime's own ends: any UTC offset (at most a day) stays inside.
_CONVERTIBLE_FROM = datetime(MINYEAR, 1, 3, tzinfo=UTC)
_CONVERTIBLE_TO = datetime(MAXYEAR, 12, 29, tzinfo=UTC)
