"""The central repository's releases, office by office, as its load returns them.

`newsroom watch` loads the newsroom at every build and gets back, for each office a
sync brought nothing, the very list of releases the last load returned
(generator.content.provenance). Indexes of all releases built from those lists, not
from each release, cost an office a push rather than 100,000 releases: by id, one
dict per office (a dict of all took 0.035 s of each push), and by province, each
office's list added whole (a release at a time took 0.045 s).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from generator.content.model import Release
from generator.content.schema import Office


@dataclass(frozen=True)
class OfficeReleases:
    """One office's releases, in id order (never empty), and by id."""

    office: Office
    releases: list[Release]
    by_id: dict[str, Release] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {release.id: release for release in self.releases})


class ReleasesById(Mapping[str, Release]):
    """Every release of `offices` by its id (`<office>/<yyyy>/<slug>`), looked up in its
    office's dict."""

    def __init__(self, offices: list[OfficeReleases]) -> None:
        self._offices = {office.office.id: office.by_id for office in offices}

    def __getitem__(self, release_id: str) -> Release:
        office = release_id.partition("/")[0]
        return self._offices.get(office, _NONE)[release_id]

    def get(self, release_id: str, default: Release | None = None) -> Release | None:  # type: ignore[override]
        office = release_id.partition("/")[0]
        return self._offices.get(office, _NONE).get(release_id, default)

    def __contains__(self, release_id: object) -> bool:
        if not isinstance(release_id, str):
            return False
        return release_id in self._offices.get(release_id.partition("/")[0], _NONE)

    def __iter__(self) -> Iterator[str]:
        for by_id in self._offices.values():
            yield from by_id

    def __len__(self) -> int:
        return sum(map(len, self._offices.values()))


_NONE: dict[str, Release] = {}


def by_province(offices: list[OfficeReleases]) -> dict[str | None, list[Release]]:
    """The releases of `offices` by their office's province code (None: central), each
    province's in the order of `offices`."""
    grouped: dict[str | None, list[Release]] = {}
    for office in offices:
        grouped.setdefault(office.office.province, []).extend(office.releases)
    return grouped
