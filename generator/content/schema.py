"""The content model, declared once: offices, release front matter, curation.

Each class is both the typed value the rest of the code uses and the schema
that `generator.content.fields.parse_mapping` validates YAML against. Field names are
pinned: office repos, sync, templates and tests rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from generator.content.fields import (
    AssetPath,
    Bool,
    Choice,
    DateTime,
    Email,
    Nested,
    NestedList,
    Slug,
    SourceAddress,
    TaggedChoice,
    TaggedProblems,
    Text,
    TextList,
    Url,
    Year,
    spec,
)
from generator.content.people import Credits, Nip, OfficerList
from generator.content.provinces import PROVINCES, Province, Zone, zone_for
from generator.content.vocabulary import (
    CATEGORIES,
    CREDIT_ROLES,
    LEVELS,
    REGULATION_TYPES,
    STATUSES,
    VERDICTS,
)

# --- offices (content/offices.yml, an office repo's office.yml) -----------


@dataclass(frozen=True, kw_only=True)
class Contact:
    name: str | None = spec(Text(120), default=None, doc="Person or desk to contact.")
    email: str | None = spec(Email(), default=None, doc="E-mail address.")
    phone: str | None = spec(Text(40), default=None, doc="Phone or WhatsApp number.")
    address: str | None = spec(Text(300), default=None, doc="Postal address.")


class SourceEntry:
    """Where the sync reads an office: one kind of source, named by the key that holds
    its address (`{git: <url>, branch: main}`, `{feed: <url>}`). Each kind is a schema
    below, listed in SOURCE_KINDS, and read by its module in sync/sources/."""

    kind: ClassVar[str]  # its key in SOURCE_KINDS, and the field holding its address

    @property
    def address(self) -> str:
        """The address as the registry writes it (it may be a path of this server: show
        it through `generator.content.sourceurl`)."""
        found: str = getattr(self, self.kind)
        return found


@dataclass(frozen=True, kw_only=True)
class GitSourceEntry(SourceEntry):
    kind: ClassVar[str] = "git"
    git: str = spec(
        SourceAddress(Text(500)), doc="Any URL or path git accepts (https, ssh, file, a path)."
    )
    branch: str = spec(Text(100), default="main", doc="Branch to sync.")


@dataclass(frozen=True, kw_only=True)
class FeedSourceEntry(SourceEntry):
    kind: ClassVar[str] = "feed"
    feed: str = spec(SourceAddress(Url()), doc="URL of a Newsroom JSON Feed.")


# The kinds of source, by the key naming each. A new kind is a schema here and its module
# in sync/sources/, registered there under the same key.
SOURCE_KINDS: dict[str, type[SourceEntry]] = {
    GitSourceEntry.kind: GitSourceEntry,
    FeedSourceEntry.kind: FeedSourceEntry,
}

# How a source that is not exactly one known kind is reported (generator.content.messages).
SOURCE_PROBLEMS = TaggedProblems(
    none_or_several="bad_source", unknown="unknown_source_kind", elsewhere="field_of_other_kind"
)


@dataclass(frozen=True, kw_only=True)
class Officer:
    """A person of the office whom releases credit (`credits:`), by `id`."""

    id: str = spec(Slug(), doc="Slug naming the officer in `credits:` of releases, e.g. lisa.")
    name: str = spec(Text(120), doc="Full name, as a byline prints it.")
    nip: str | None = spec(
        Nip(),
        default=None,
        private=True,
        doc="NIP, 18 digits: for the officer's own report only, never published.",
    )
    position: str | None = spec(
        Text(120),
        default=None,
        doc="Functional level (Terampil ... Ahli Utama: vocabulary.POSITIONS) or free text.",
    )


# An office's officers (office.yml, content/offices.yml, content/officers/<office>.yml).
OFFICER_LIST = OfficerList(Officer, 200)


@dataclass(frozen=True, kw_only=True)
class ActivityName:
    """The office's own name for the work a role does on a release of a category, in the
    officers' report (`newsroom report officers`), in place of the shipped table's
    (generator/report/activities.yml), for when the regulation's wording changes."""

    category: str = spec(Choice(CATEGORIES), doc="The releases' category.")
    role: str = spec(Choice(CREDIT_ROLES), doc="The role credited (penulis, editor, foto ...).")
    activity: str = spec(Text(200), doc="The activity's name, as the SKP form words it.")


@dataclass(frozen=True, kw_only=True)
class Office:
    id: str = spec(Slug(), doc="Slug naming the office in URLs and folders.")
    name: str = spec(Text(160), doc="Full name, e.g. Diskominfo Kabupaten Kutai Timur.")
    level: str = spec(Choice(LEVELS), doc="pusat, provinsi, kabupaten or kota.")
    province: str | None = spec(
        Choice(tuple(PROVINCES)), default=None, doc="Two-digit Kemendagri code (regional)."
    )
    source: SourceEntry | None = spec(
        TaggedChoice(SOURCE_KINDS, SOURCE_PROBLEMS), default=None, doc="Where sync reads it."
    )
    contact: Contact | None = spec(Nested(Contact), default=None, doc="Public contact.")
    officers: tuple[Officer, ...] = spec(
        OFFICER_LIST, default=(), doc="The officers its releases credit."
    )
    activities: tuple[ActivityName, ...] = spec(
        NestedList(ActivityName, 60),
        default=(),
        doc="Activity names for the officers' report, overriding the shipped table's.",
    )

    @property
    def is_central(self) -> bool:
        return self.level == "pusat"

    @property
    def officer_ids(self) -> tuple[str, ...]:
        return tuple(officer.id for officer in self.officers)

    def officer(self, ident: str) -> Officer | None:
        return next((officer for officer in self.officers if officer.id == ident), None)

    @property
    def zone(self) -> Zone:
        return zone_for(self.province)

    @property
    def province_info(self) -> Province | None:
        return PROVINCES.get(self.province) if self.province else None


# --- releases (front matter) --------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Image:
    src: str = spec(AssetPath(), doc="Path under the office's assets/ folder.")
    alt: str = spec(Text(300), doc="What the picture shows, for readers who cannot see it.")


@dataclass(frozen=True, kw_only=True)
class Attachment:
    title: str = spec(Text(200), doc="Title shown on the link.")
    src: str = spec(AssetPath(), doc="Path under the office's assets/ folder.")


@dataclass(frozen=True, kw_only=True)
class Update:
    date: datetime = spec(DateTime(), doc="When the correction was made.")
    note: str = spec(Text(1000, one_line=False), doc="What was corrected, publicly.")


@dataclass(frozen=True, kw_only=True)
class Claim:
    text: str = spec(Text(1000, one_line=False), doc="The claim being answered.")
    verdict: str = spec(Choice(VERDICTS), doc="The verdict on the claim.")
    appeared_in: tuple[str, ...] = spec(
        TextList(10, 200), default=(), doc="Where the claim circulated (WhatsApp, ...)."
    )


@dataclass(frozen=True, kw_only=True)
class Regulation:
    """The regulation a `produk-hukum` release announces: what the index of regulations
    (/produk-hukum/) and the page's JSON-LD `Legislation` say."""

    type: str = spec(Choice(REGULATION_TYPES), doc="Perda, Perbup, Permen ... or lainnya.")
    type_name: str | None = spec(
        Text(80), default=None, doc="The kind's name when `type` is lainnya (Keputusan Bupati)."
    )
    number: str = spec(Text(60), doc="Its number as written: 12, 7/PER/M.KOMDIGI/2026.")
    year: int = spec(Year(), doc="The year of its number (Tahun 2026).")
    about: str = spec(Text(300), doc="What it is about (tentang ...), one line.")
    enacted: datetime | None = spec(DateTime(), default=None, doc="When it was enacted.")
    document: str | None = spec(
        AssetPath(), default=None, doc="The PDF of its text: the `src` of one attachment."
    )


@dataclass(frozen=True, kw_only=True)
class FrontMatter:
    title: str = spec(Text(200), doc="Plain text, one line.")
    date: datetime = spec(DateTime(), doc="Publication time; no offset means the office's zone.")
    category: str = spec(Choice(CATEGORIES), doc="One of the category vocabulary.")
    summary: str | None = spec(
        Text(400, one_line=False), default=None, doc="Plain text; defaults to first paragraph."
    )
    tags: tuple[str, ...] = spec(TextList(20, 60), default=(), doc="Free tags.")
    regions: tuple[str, ...] = spec(TextList(20, 80), default=(), doc="Districts concerned.")
    image: Image | None = spec(Nested(Image), default=None, doc="Lead image with alt text.")
    attachments: tuple[Attachment, ...] = spec(
        NestedList(Attachment, 20), default=(), doc="PDFs and other files, with titles."
    )
    contact: Contact | None = spec(Nested(Contact), default=None, doc="Press contact.")
    credits: tuple[tuple[str, tuple[str, ...]], ...] = spec(
        Credits(),
        default=(),
        doc="Who did what, by officer id of the office: `{penulis: [lisa], foto: [ari]}`.",
    )
    publish_at: datetime | None = spec(
        DateTime(), default=None, doc="Embargo: nothing public before this time."
    )
    status: str = spec(Choice(STATUSES), default="published", doc="draft, published, withdrawn.")
    withdrawn_reason: str | None = spec(
        Text(1000, one_line=False), default=None, doc="Why it was withdrawn (withdrawn only)."
    )
    withdrawn_at: datetime | None = spec(
        DateTime(),
        default=None,
        doc="When it was withdrawn (withdrawn only, not before `date`); no offset means the "
        "office's zone. Written by `newsroom sync` when it withdraws a release.",
    )
    updates: tuple[Update, ...] = spec(
        NestedList(Update, 50), default=(), doc="Public correction notes, oldest first."
    )
    claim: Claim | None = spec(Nested(Claim), default=None, doc="The hoax answered (klarifikasi).")
    regulation: Regulation | None = spec(
        Nested(Regulation), default=None, doc="The regulation announced (produk-hukum)."
    )
    propose_national: bool = spec(Bool(), default=False, doc="Ask the national desk to feature it.")


# --- static pages (content/pages/*.md) ------------------------------------


@dataclass(frozen=True, kw_only=True)
class PageMeta:
    title: str = spec(Text(200), doc="Page title.")
    summary: str | None = spec(Text(400, one_line=False), default=None, doc="Description.")


# --- national curation (content/national/curation.yml) ---------------------


@dataclass(frozen=True, kw_only=True)
class CurationEntry:
    id: str = spec(Text(200), doc="Release id `<office>/<yyyy>/<slug>`.")
    pinned: bool = spec(Bool(), default=False, doc="Shown first, above the latest news.")
    headline: str | None = spec(Text(200), default=None, doc="National headline, optional.")
    note: str | None = spec(Text(500, one_line=False), default=None, doc="Editors' note.")


@dataclass(frozen=True, kw_only=True)
class DeclinedEntry:
    id: str = spec(Text(200), doc="Release id the desk decided not to feature.")
    date: datetime | None = spec(DateTime(), default=None, doc="When it was declined.")
    note: str | None = spec(Text(500, one_line=False), default=None, doc="Why, for the editors.")
