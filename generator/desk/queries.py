"""What the desk and `newsroom curate list`/`inbox` ask of the curation: the curated
entries in the national site's order, those it leaves out at a given time and why,
and the inbox of regional releases waiting for a decision (proposed by their office,
or arrived in a sync the run records tell of)."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.content.curationfile import FEATURED
from generator.content.dates import format_long
from generator.content.frontmatter import decode
from generator.content.limits import MAX_REGISTRY_BYTES
from generator.content.messages import ago_text, curation_text
from generator.content.model import CuratedItem, Release
from generator.content.problems import Problem, ProblemError
from generator.content.repository import Repository
from generator.content.runrecords import arrivals
from generator.content.yamlsafe import Map, Scalar, Seq, YamlProblem, load
from generator.desk.saying import relative

# A release id as an editor types it (`kantor/2026/slug`), nothing after it.
RELEASE_ID = re.compile(r"\A([a-z0-9-]+)/(\d{4})/([a-z0-9-]+)\Z")


def when_lifted(release: Release) -> str:
    """When an embargoed release's embargo lifts, on its office's wall clock."""
    assert release.meta.publish_at is not None
    return format_long(release.meta.publish_at, release.office.zone)


def file_problems(repo: Repository, release_id: str) -> list[Problem]:
    """The errors that keep `release_id`'s file out: those of the file itself and of
    the folders above it (an office not in the registry). [] when there is no file."""
    if not RELEASE_ID.match(release_id):
        return []
    target = repo.layout.releases_dir / f"{release_id}.md"
    if not target.is_file():
        return []
    folders = [p for p in target.parents if repo.layout.releases_dir in p.parents]
    places = {str(place) for place in (target, *folders)}
    # Chosen before sorting: at 100,000 releases the report can hold thousands.
    found = [p for p in repo.report.errors if p.path in places]
    return sorted(found, key=Problem.sort_key)


def errors_by_office(repo: Repository) -> Counter[str]:
    """Validation errors of each office's releases and assets. Each problem's own
    folders are looked up, as text, not every office's folders tried against each
    problem: at 100,000 releases with 3,200 problems that was 1.7 million path
    comparisons, about 10 s of every desk build (a Path for each folder up, 0.2 s)."""
    layout = repo.layout
    releases = str(layout.releases_dir)
    assets = {str(folder): folder.name for folder in map(layout.assets_dir, repo.offices)}
    counts: Counter[str] = Counter()
    for problem in repo.report.errors:
        path = os.path.normpath(problem.path)
        end = len(path)
        while (end := path.rfind(os.sep, 0, end)) > 0:
            folder = path[:end]
            if folder == releases:
                counts[path[end + 1 :].split(os.sep, 1)[0]] += 1
            elif folder in assets:
                counts[assets[folder]] += 1
    return counts


def featured_order(repo: Repository) -> list[CuratedItem]:
    """Curated entries as the national site shows them: pinned first, then file order."""
    items = list(repo.curation.items) if repo.curation else []
    return sorted(items, key=lambda item: not item.entry.pinned)


# --- what the desk and `curate list` tell about curated releases -------------------


@dataclass(frozen=True)
class NotShown:
    """A curated entry the national site leaves out at `now`, and why."""

    release_id: str
    release: Release | None  # None: no valid release has this id
    code: str  # hidden_* in generator.content.messages.CURATION
    params: tuple[tuple[str, str], ...] = ()
    problem: Problem | None = None  # for hidden_broken, hidden_entry
    root: Path | None = None

    def reason(self, lang: str = "id") -> str:
        values = dict(self.params)
        if self.problem is not None:
            values["problem"] = relative(self.problem, self.root).format(lang)
        return curation_text(self.code, lang, values)


def not_shown(repo: Repository, now: datetime) -> list[NotShown]:
    """Every curated entry the national home leaves out, in the file's order: withdrawn,
    embargoed or draft releases, and entries whose release file (or the entry itself)
    has an error, which the loader drops: an editor must still see them and why."""
    valid = {item.entry.id for item in featured_order(repo)}
    root = repo.layout.root
    found: list[NotShown] = []
    for index, release_id in written_featured(repo):
        release = repo.release(release_id)
        if release is None:
            problems = file_problems(repo, release_id)
            code = "hidden_broken" if problems else "hidden_unknown"
            problem = problems[0] if problems else None
            found.append(NotShown(release_id, None, code, problem=problem, root=root))
        elif release_id not in valid:
            found.append(
                NotShown(
                    release_id,
                    release,
                    "hidden_entry",
                    problem=_entry_problem(repo, index),
                    root=root,
                )
            )
        elif not release.is_listed(now):
            found.append(_hidden_release(release))
    return found


def _entry_problem(repo: Repository, index: int) -> Problem | None:
    """The first error of the `index`-th `featured` entry (the loader names its fields
    `featured[index].…`)."""
    path, prefix = str(repo.layout.curation_file), f"{FEATURED}[{index}]."
    found = [p for p in repo.report.errors if p.path == path and p.field.startswith(prefix)]
    return min(found, key=Problem.sort_key, default=None)


def _hidden_release(release: Release) -> NotShown:
    meta = release.meta
    if meta.status == "draft":
        return NotShown(release.id, release, "hidden_draft")
    if meta.status == "withdrawn":
        reason = (("reason", meta.withdrawn_reason or "-"),)
        return NotShown(release.id, release, "hidden_withdrawn", reason)
    return NotShown(release.id, release, "hidden_embargoed", (("when", when_lifted(release)),))


def written_featured(repo: Repository) -> list[tuple[int, str]]:
    """(position, id) of every `featured` entry as the file has it, valid or not; an id
    written twice only once (the loader keeps the first)."""
    try:
        node = load(decode(repo.layout.curation_file.read_bytes(), MAX_REGISTRY_BYTES))
    except (OSError, ProblemError, YamlProblem):
        return []
    entries = node.items.get(FEATURED) if isinstance(node, Map) else None
    found: dict[str, int] = {}
    for index, item in enumerate(entries.items if isinstance(entries, Seq) else [], start=1):
        ident = item.items.get("id") if isinstance(item, Map) else None
        if isinstance(ident, Scalar):
            found.setdefault(ident.value.strip(), index)
    return [(index, ident) for ident, index in found.items()]


# --- the inbox -----------------------------------------------------------------------


def decided(repo: Repository) -> set[str]:
    """Ids the desk has decided on: curated or declined."""
    if repo.curation is None:
        return set()
    return set(repo.curation.ids()) | repo.curation.declined_ids()


def new_undecided(repo: Repository, now: datetime) -> set[str]:
    """Releases that arrived in a sync of the last week (see `runrecords.arrivals`)
    and that the desk has not decided on yet: what "new" means on the desk and inbox."""
    return set(arrivals(repo.layout.root, now)) - decided(repo)


CLARIFICATION = "klarifikasi"


def clarifications_first(releases: Iterable[Release]) -> list[Release]:
    """Clarifications of hoaxes before everything else, each part newest first: a hoax
    must be answered, and carried nationally, before it spreads further."""
    newest = sorted(releases, key=lambda r: r.chronological, reverse=True)
    return sorted(newest, key=lambda r: r.meta.category != CLARIFICATION)  # stable


def published_ago(release: Release, now: datetime, lang: str) -> str:
    """How long before `now` the public could first see `release`: `3 jam lalu`."""
    return ago_text(now - release.released, lang)


@dataclass(frozen=True)
class InboxEntry:
    release: Release
    reasons: tuple[str, ...]  # "proposed", "new"


def inbox(repo: Repository, now: datetime, new: set[str] | None = None) -> list[InboxEntry]:
    """Regional releases waiting for a decision: proposed by their office, or arrived
    in a sync and not yet decided (`new_undecided`, or `new` when given); clarifications
    first, each part newest first (`clarifications_first`)."""
    done = decided(repo)
    arrived = new_undecided(repo, now) if new is None else new
    waiting = []
    for release in repo.releases:
        if release.office.is_central or release.id in done or not release.is_listed(now):
            continue
        reasons = (["proposed"] if release.meta.propose_national else []) + (
            ["new"] if release.id in arrived else []
        )
        if reasons:
            waiting.append(InboxEntry(release, tuple(reasons)))
    order = {r.id: n for n, r in enumerate(clarifications_first(e.release for e in waiting))}
    waiting.sort(key=lambda e: order[e.release.id])
    return waiting
