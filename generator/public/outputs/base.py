"""What an output declares, and what every output is given to write itself.

An `Output` names the files it writes (`paths`, as patterns), the inputs it reads
(`reads`) and whether what it writes depends on the build's `now` (`uses_now`).
The inputs are the `Input` values below: the site fingerprint
(generator.public.fingerprint) hashes exactly the inputs the declared outputs
read, so whatever an output reads, a change to it rebuilds the site.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import ClassVar

from generator.public.archives import Archive, ArchiveKind
from generator.public.sitekit import SiteKit
from generator.public.sites import Placement


class Input(StrEnum):
    """What a site's outputs are made from, besides the code, the theme, the settings
    and the site itself (which every output reads, and the fingerprint always hashes)."""

    # Every site's key, title and URL: a copy's "Sumber" line and canonical URL.
    SITES = "sites"
    # The office registry: names, levels and provinces.
    OFFICES = "offices"
    # The static pages: in every page's navigation and in the sitemap.
    PAGES = "pages"
    # The national desk's picks and headlines: the national home page.
    CURATION = "curation"
    # Each shown release: its file, where it came from, the site that is its home, and
    # whether it is public and listed at `now`.
    RELEASES = "releases"
    # The size and time of the photos and files each shown release names.
    ASSETS = "assets"
    # Whether each shown release is in the news window at `now` (the news sitemap).
    NEWS = "news"
    # Whether each shown clarification is fresh at `now` (atop a provincial home page).
    FRESH = "fresh"
    # The week `now` is in, in each zone: the bulletin's running edition and kept weeks.
    WEEK = "week"

    @property
    def at_now(self) -> bool:
        """Whether this input can change with `now` alone, the files unchanged."""
        return self in (Input.RELEASES, Input.NEWS, Input.FRESH, Input.WEEK)


@dataclass(frozen=True)
class Plan:
    """What one site shows at this build: every placement it shows (drafts and
    embargoed ones too in an office preview; withdrawn ones, for their tombstones),
    those listed (newest first) and their archives."""

    shown: list[Placement]
    listed: list[Placement]
    archives: dict[ArchiveKind, list[Archive]]

    @cached_property
    def withdrawn(self) -> list[Placement]:
        """The withdrawn placements shown (their tombstones), in `shown`'s order."""
        return [p for p in self.shown if p.release.meta.status == "withdrawn"]

    def in_category(self, category: str) -> list[Placement]:
        """The listed placements of `category`, newest first: its archive's, not a pass
        over every listed release (7,000 a province at 100,000 releases)."""
        for archive in self.archives[ArchiveKind.CATEGORY]:
            if archive.key == category:
                return list(archive.items)
        return []


class Output(ABC):
    """One kind of file a site is made of (see generator.public.outputs)."""

    name: ClassVar[str]
    paths: ClassVar[tuple[str, ...]]  # site-relative; `*` one path segment, `**` several
    reads: ClassVar[frozenset[Input]]
    uses_now: ClassVar[bool]

    @abstractmethod
    def write(self, kit: SiteKit, plan: Plan) -> None:
        """Write (or keep, when unchanged) this output's files of one site."""

    def __repr__(self) -> str:
        return f"<output {self.name}>"


# What every HTML page reads through the page shell: its navigation names the static pages.
SHELL: frozenset[Input] = frozenset({Input.PAGES})
