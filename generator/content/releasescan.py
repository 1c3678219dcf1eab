"""Which files of a repository are release files, office by office, in the order they
are checked.

Releases live in `<releases>/<yyyy>/<slug>.md` (central: one `<releases>/<office>/` per
registered office). Anything else found there is reported where it stands: Markdown as
an error (a release that would never be published), other stray files as a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.content.layout import OFFICE, Layout
from generator.content.problems import Report, Severity
from generator.content.registry import Registry, StandIn
from generator.content.repofiles import FILE_FIELD, scan
from generator.content.schema import Office


def office_folders(
    layout: Layout, registry: Registry, report: Report
) -> Iterator[tuple[Office | StandIn, Path]]:
    """(office, its releases folder) for every office with one, in sorted order."""
    offices, stand_ins = registry.offices, registry.stand_ins
    if layout.kind == OFFICE:
        owners: list[Office | StandIn] = [*offices.values(), *stand_ins.values()]
        for owner in owners:  # exactly one
            yield owner, layout.releases_dir
        return
    known = ", ".join(sorted(offices))
    for entry in scan(layout.releases_dir, report):
        if not entry.is_dir():
            _misplaced(layout, Path(entry.path), report)
            continue
        registered = offices.get(entry.name) or stand_ins.get(entry.name)
        if registered is None:
            report.add(entry.path, 1, "office", "unknown_office", entry.name, known=known)
            continue
        yield registered, Path(entry.path)


def office_files(layout: Layout, folder: Path, report: Report) -> Iterator[tuple[str, str, str]]:
    """(year folder, file name, path) of every release file in an office's `folder`."""
    for entry in scan(folder, report):
        if entry.is_dir() and len(entry.name) == 4 and entry.name.isdigit():
            for item in scan(Path(entry.path), report):
                if item.is_file() and item.name.lower().endswith(".md"):
                    yield entry.name, item.name, item.path
                else:
                    _misplaced(layout, Path(item.path), report)
        else:
            _misplaced(layout, Path(entry.path), report)


def _misplaced(layout: Layout, path: Path, report: Report) -> None:
    """Markdown where releases cannot be; other stray files are only a warning."""
    severity = Severity.ERROR if path.suffix.lower() == ".md" else Severity.WARNING
    report.add(
        path,
        1,
        FILE_FIELD,
        "wrong_place",
        path.name,
        severity=severity,
        expected=layout.release_hint(),
    )
