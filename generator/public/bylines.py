"""Who a release credits, as public files may show them: officers' names and roles
only (never a NIP), and only where the newsroom enables bylines (`bylines: true`).

Credits name officers by id (`credits: {penulis: [lisa]}`); the names come from the
release's own office, whose officers validation already checked them against.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Release
from generator.content.schema import Officer
from generator.content.vocabulary import CREDIT_ROLE_LABELS


@dataclass(frozen=True)
class Credit:
    """One role of a byline: "Foto", and the names credited in it."""

    role: str  # the public label: "Penulis"
    names: tuple[str, ...]


def byline(release: Release) -> tuple[Credit, ...]:
    """The release's credits as names by role, in the vocabulary's order."""
    credits = []
    for role, ids in release.meta.credits:
        names = tuple(o.name for o in _officers(release, ids))
        if names:
            credits.append(Credit(CREDIT_ROLE_LABELS[role], names))
    return tuple(credits)


def writers(release: Release) -> tuple[str, ...]:
    """The names credited as `penulis`: a NewsArticle's authors."""
    ids = dict(release.meta.credits).get("penulis", ())
    return tuple(officer.name for officer in _officers(release, ids))


def credited(release: Release) -> tuple[Officer, ...]:
    """Every officer the release credits, each once, in the order first credited."""
    ids = dict.fromkeys(ident for _, named in release.meta.credits for ident in named)
    return _officers(release, tuple(ids))


def public_officer(officer: Officer) -> dict[str, str]:
    """What a feed may say of an officer: id, name and position; never the NIP."""
    shown = {"id": officer.id, "name": officer.name}
    if officer.position:
        shown["position"] = officer.position
    return shown


def _officers(release: Release, ids: tuple[str, ...]) -> tuple[Officer, ...]:
    found = (release.office.officer(ident) for ident in ids)
    return tuple(officer for officer in found if officer is not None)
