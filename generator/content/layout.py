"""Where a Newsroom repository is and where things are in it: the central one or an office's own.

Central: `content/offices.yml`, `content/releases/<office>/<yyyy>/<slug>.md`,
`content/assets/<office>/`, `content/national/curation.yml`, `content/pages/`.
Office: `office.yml`, `releases/<yyyy>/<slug>.md`, `assets/`.

A folder in neither kind is "not a newsroom repository": that is worded here once,
for `newsroom check`, the other commands and the MkDocs plugin alike.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from generator.content.messages import describe
from generator.content.problems import Problem

CENTRAL = "central"
OFFICE = "office"
NO_REPOSITORY = "no_repository"


@dataclass(frozen=True)
class Layout:
    """Where things are in one repository."""

    root: Path
    kind: str

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def registry_file(self) -> Path:
        return self.content / "offices.yml" if self.kind == CENTRAL else self.root / "office.yml"

    @property
    def releases_dir(self) -> Path:
        return self.content / "releases" if self.kind == CENTRAL else self.root / "releases"

    @property
    def curation_file(self) -> Path:
        return self.content / "national" / "curation.yml"

    @property
    def pages_dir(self) -> Path:
        return self.content / "pages"

    def assets_dir(self, office_id: str) -> Path:
        return _assets_dir(self, office_id)

    def office_releases_dir(self, office_id: str) -> Path:
        return self.releases_dir / office_id if self.kind == CENTRAL else self.releases_dir

    def release_hint(self) -> str:
        if self.kind == CENTRAL:
            return "content/releases/<kantor>/<tahun>/<slug>.md"
        return "releases/<tahun>/<slug>.md"


@functools.lru_cache(maxsize=4096)
def _assets_dir(layout: Layout, office_id: str) -> Path:
    # Asked for every release on every site (tens of thousands of times a build):
    # building the Path anew each time cost half a second per site at 10,000 releases.
    if layout.kind == CENTRAL:
        return layout.content / "assets" / office_id
    return layout.root / "assets"


def find_layout(start: Path) -> Layout | None:
    """The repository containing `start` (a file or folder), searching upwards."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / "content" / "offices.yml").is_file():
            return Layout(folder, CENTRAL)
        if (folder / "office.yml").is_file():
            return Layout(folder, OFFICE)
    return None


def no_repository(path: Path | str) -> Problem:
    """The problem `newsroom check` reports for a path in no repository."""
    return Problem(str(path), 1, "", NO_REPOSITORY)


def no_repository_text(lang: str) -> str:
    """`problem; how to fix` for a command or a build started outside any repository."""
    problem, fix = describe(NO_REPOSITORY, lang, {})
    return f"{problem}; {fix}"
