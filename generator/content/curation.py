"""The national desk's curation file (`content/national/curation.yml`): `featured`
(the national feed, in order) and `declined` (decided against), checked against the
loaded releases. Also checks a text the desk's commands are about to write.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from generator.content.dates import format_input
from generator.content.fields import Context, parse_mapping
from generator.content.layout import Layout
from generator.content.limits import MAX_REGISTRY_BYTES
from generator.content.model import CuratedItem, Curation, Release
from generator.content.problems import Problem, Report, Severity
from generator.content.repofiles import FILE_FIELD, read_yaml, report_yaml
from generator.content.schema import CurationEntry, DeclinedEntry
from generator.content.syndication import SYNDICATE_ALL, configured_syndication
from generator.content.yamlsafe import Map, Node, Scalar, Seq, YamlProblem, load

if TYPE_CHECKING:  # the repository loads its curation file: no import back at run time
    from generator.content.repository import Repository


def load_curation(
    layout: Layout, repo: Repository, report: Report, now: datetime | None
) -> Curation | None:
    """The curation file, checked against `repo`'s releases. `now`: the run's instant,
    to warn of curated releases still under embargo (None: not warned of)."""
    path = layout.curation_file
    if not path.exists():
        return Curation(path, ())
    node = read_yaml(path, report, MAX_REGISTRY_BYTES)
    warn_central = configured_syndication(layout) == SYNDICATE_ALL
    return _parse_curation(path, node, repo, report, now=now, warn_central=warn_central)


def check_curation_text(repo: Repository, text: str) -> list[Problem]:
    """Errors the curation file would have with `text`: for tools that edit it."""
    path = repo.layout.curation_file
    report = Report()
    try:
        node = load(text)
    except YamlProblem as problem:
        report_yaml(report, path, problem)
        return report.errors
    _parse_curation(path, node, repo, report)
    return report.errors


def _parse_curation(
    path: Path,
    node: Node | None,
    repo: Repository,
    report: Report,
    *,
    now: datetime | None = None,
    warn_central: bool = False,
) -> Curation | None:
    """`featured` (the national feed, in order) and `declined` (decided against).

    `now`: warn of curated releases whose embargo lifts after it (None: no warning).
    `warn_central`: with `syndication: all` curating a central release changes
    nothing but its pin or headline; with `curated` it is how it reaches provinces.
    """
    if node is None:
        return Curation(path, ())
    if not isinstance(node, Map):
        report.add(path, node.line, FILE_FIELD, "not_a_mapping_file")
        return None
    for key in node.items:
        if key not in ("featured", "declined"):
            known = "featured, declined"
            report.add(path, node.key_lines[key], key, "unknown_field", key, known=known)
    featured = _curation_list(path, node.items.get("featured"), "featured", CurationEntry, report)
    if featured is None:
        return None
    items = tuple(
        CuratedItem(line, entry)
        for line, entry in featured
        if _check_curated(repo, path, line, entry, report, now, warn_central)
    )
    declined = _curation_list(path, node.items.get("declined"), "declined", DeclinedEntry, report)
    for line, entry in declined or []:
        if repo.release(entry.id) is None:
            report.add(path, line, "id", "curation_unknown", entry.id, severity=Severity.WARNING)
        elif entry.id in {item.entry.id for item in items}:
            report.add(path, line, "id", "declined_featured", entry.id, severity=Severity.WARNING)
    return Curation(path, items, tuple(entry for _, entry in declined or []))


class _Entry(Protocol):
    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_Entry)


def _curation_list(
    path: Path, node: Node | None, name: str, schema: type[E], report: Report
) -> list[tuple[int, E]] | None:
    """The entries of one list with the line each stands on; None if it is no list."""
    if node is None or (isinstance(node, Scalar) and node.value.strip() == ""):
        return []
    if not isinstance(node, Seq):
        report.add(path, node.line, name, "not_list")
        return None
    entries: list[tuple[int, E]] = []
    lines: dict[str, int] = {}
    for index, item in enumerate(node.items, start=1):
        entry = parse_mapping(schema, item, Context(), report, str(path), f"{name}[{index}].")
        if entry is None:
            continue
        ident = entry.id
        if ident in lines:
            report.add(path, item.line, "id", "curation_duplicate", ident, other=lines[ident])
            continue
        lines[ident] = item.line
        entries.append((item.line, entry))
    return entries


def _check_curated(
    repo: Repository,
    path: Path,
    line: int,
    entry: CurationEntry,
    report: Report,
    now: datetime | None,
    warn_central: bool,
) -> bool:
    """Report doubtful entries; False for one that names no release."""
    release = repo.release(entry.id)
    if release is None:
        report.add(path, line, "id", "curation_unknown", entry.id)
        return False
    if release.meta.status != "published":
        report.add(
            path,
            line,
            "id",
            "curation_not_public",
            entry.id,
            severity=Severity.WARNING,
            status=release.meta.status,
        )
    elif (lift := _embargo_after(release, now)) is not None:
        # Curated ahead is allowed (the embargo holds on every site); the desk should know.
        zone = release.office.zone
        when = f"{format_input(lift, zone)} {zone.abbreviation}"
        report.add(
            path, line, "id", "curation_embargoed", entry.id, severity=Severity.WARNING, when=when
        )
    elif release.office.is_central and warn_central:
        report.add(path, line, "id", "curation_central", entry.id, severity=Severity.WARNING)
    return True


def _embargo_after(release: Release, now: datetime | None) -> datetime | None:
    """When the release's embargo lifts, if that is after `now` (never, without a `now`)."""
    lift = release.meta.publish_at
    return lift if now is not None and lift is not None and lift > now else None
