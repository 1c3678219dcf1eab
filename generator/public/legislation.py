"""Regulations as the public sites show them: the entries of a site's index of
regulations (`/produk-hukum/`), grouped by kind and year, the line a release's
article prints of the regulation it announces, and the JSON-LD `Legislation` of
that release page.

A regulation is named the way Indonesians cite it: `Perbup Nomor 12 Tahun 2026
tentang Jam Layanan Publik` (a kind outside the list is named by its `type_name`).
The issuing region is not guessed from the office's name: the office is printed
beside it. The PDF's size is read from the office's assets, as attachments' are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from generator.content.assets import asset_file, asset_href, asset_path
from generator.content.dates import format_day
from generator.content.model import Release
from generator.content.schema import Regulation
from generator.content.vocabulary import (
    OTHER_REGULATION,
    REGULATION_CATEGORY,
    REGULATION_LABELS,
    REGULATION_TYPES,
)
from generator.public.pictureview import size_label
from generator.public.sites import Placement


@dataclass(frozen=True)
class RegulationEntry:
    """One line of the index: the regulation's name linking its release, its PDF."""

    name: str  # Perbup Nomor 12 Tahun 2026 tentang Jam Layanan Publik
    href: str
    office: str
    enacted_iso: str = ""
    enacted: str = ""  # 10 November 2026
    pdf_href: str = ""
    pdf_size: str = ""  # 340 KB


@dataclass(frozen=True)
class YearGroup:
    year: int
    entries: tuple[RegulationEntry, ...]


@dataclass(frozen=True)
class TypeGroup:
    label: str  # Peraturan Bupati (Perbup)
    years: tuple[YearGroup, ...]


def short_kind(regulation: Regulation) -> str:
    """`Perbup`, or the kind's own name for `lainnya` (`Keputusan Bupati`)."""
    if regulation.type == OTHER_REGULATION and regulation.type_name:
        return regulation.type_name
    return regulation.type


def regulation_name(regulation: Regulation) -> str:
    return (
        f"{short_kind(regulation)} Nomor {regulation.number} Tahun {regulation.year} "
        f"tentang {regulation.about}"
    )


def identifier(regulation: Regulation) -> str:
    """`Perbup Nomor 12 Tahun 2026`: how it is cited, without its subject."""
    return f"{short_kind(regulation)} Nomor {regulation.number} Tahun {regulation.year}"


def type_label(kind: str) -> str:
    if kind == OTHER_REGULATION:
        return "Peraturan dan keputusan lainnya"
    return f"{REGULATION_LABELS[kind]} ({kind})"


def is_regulation_release(release: Release) -> bool:
    return release.meta.category == REGULATION_CATEGORY


def with_regulation(listed: list[Placement]) -> list[Placement]:
    """The listed releases that announce a regulation, newest first (as `listed` is)."""
    return [p for p in listed if is_regulation_release(p.release) and p.release.meta.regulation]


def without_regulation(listed: list[Placement]) -> list[Placement]:
    """The listed produk-hukum releases that say nothing of their regulation: listed
    apart on the index, so none is hidden."""
    return [p for p in listed if is_regulation_release(p.release) and not p.release.meta.regulation]


def index_order(placements: list[Placement]) -> list[Placement]:
    """By kind (in the order of the vocabulary: from the Constitution's laws down), then
    year (newest first), then enactment or release date (newest first), then id."""

    def key(placement: Placement) -> tuple[int, int, float, str]:
        release = placement.release
        regulation = release.meta.regulation
        assert regulation is not None
        when = regulation.enacted or release.meta.date
        kind = REGULATION_TYPES.index(regulation.type)
        return (kind, -regulation.year, -when.timestamp(), release.id)

    return sorted(placements, key=key)


def entry(placement: Placement, root: str, assets_dir: Path) -> RegulationEntry:
    """A regulation on the index of a site whose root path is `root`."""
    release = placement.release
    regulation = release.meta.regulation
    assert regulation is not None
    enacted = regulation.enacted
    pdf_href = pdf_size = ""
    if regulation.document is not None:
        path = asset_file(assets_dir, regulation.document)
        pdf_href = root + asset_path(release, regulation.document)
        pdf_size = f"PDF, {size_label(path.stat().st_size)}" if path.is_file() else "PDF"
    return RegulationEntry(
        name=regulation_name(regulation),
        href=root + release.url,
        office=release.office.name,
        enacted_iso=_local_day(enacted, release) if enacted else "",
        enacted=format_day(enacted, release.office.zone) if enacted else "",
        pdf_href=pdf_href,
        pdf_size=pdf_size,
    )


@dataclass(frozen=True)
class RegulationLine:
    """What a release's article says of the regulation it announces: its name, the day
    it was enacted, and its PDF (linked from the release page) with its size."""

    name: str  # Perbup Nomor 12 Tahun 2026 tentang Jam Layanan Publik
    enacted_iso: str = ""
    enacted: str = ""  # 10 November 2026
    pdf_href: str = ""
    pdf_size: str = ""  # 340 KB


def article_line(release: Release, assets_dir: Path) -> RegulationLine | None:
    """The regulation line of a `produk-hukum` release with `regulation:`; None for any
    other. Its link is relative to the release page, as the article's others are."""
    regulation = release.meta.regulation
    if regulation is None or not is_regulation_release(release):
        return None
    enacted = regulation.enacted
    pdf_href = pdf_size = ""
    if regulation.document is not None:
        path = asset_file(assets_dir, regulation.document)
        pdf_href = asset_href(regulation.document)
        pdf_size = size_label(path.stat().st_size) if path.is_file() else ""
    return RegulationLine(
        name=regulation_name(regulation),
        enacted_iso=_local_day(enacted, release) if enacted else "",
        enacted=format_day(enacted, release.office.zone) if enacted else "",
        pdf_href=pdf_href,
        pdf_size=pdf_size,
    )


def grouped(items: list[tuple[Placement, RegulationEntry]]) -> tuple[TypeGroup, ...]:
    """Entries in index order, grouped by kind, then year."""

    def kind(item: tuple[Placement, RegulationEntry]) -> str:
        regulation = item[0].release.meta.regulation
        assert regulation is not None
        return regulation.type

    def year(item: tuple[Placement, RegulationEntry]) -> int:
        regulation = item[0].release.meta.regulation
        assert regulation is not None
        return regulation.year

    groups = []
    for found, of_kind in groupby(items, key=kind):
        years = tuple(
            YearGroup(number, tuple(e for _, e in of_year))
            for number, of_year in groupby(of_kind, key=year)
        )
        groups.append(TypeGroup(type_label(found), years))
    return tuple(groups)


def legislation_jsonld(placement: Placement, office: dict[str, str]) -> dict[str, Any] | None:
    """schema.org `Legislation` for a release announcing a regulation; its PDF as a
    `LegislationObject` (`encoding`) at its address on the site showing the page."""
    release = placement.release
    regulation = release.meta.regulation
    if regulation is None or not is_regulation_release(release):
        return None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": regulation_name(regulation),
        "legislationType": REGULATION_LABELS[regulation.type]
        if regulation.type != OTHER_REGULATION
        else short_kind(regulation),
        "legislationIdentifier": identifier(regulation),
        "about": regulation.about,
        "inLanguage": "id",
        "publisher": office,
        "url": placement.canonical_url,
    }
    if regulation.enacted is not None:
        data["legislationDate"] = _local_day(regulation.enacted, release)
    if regulation.document is not None:
        data["encoding"] = {
            "@type": "LegislationObject",
            "encodingFormat": "application/pdf",
            "contentUrl": urljoin(placement.url, asset_href(regulation.document)),
        }
    return data


def _local_day(instant: datetime, release: Release) -> str:
    """`2026-11-10`: the day on the office's calendar (a regulation is enacted on a day)."""
    return instant.astimezone(release.office.zone.tz).date().isoformat()
