"""`newsroom new`: start a valid release for the office, dated now in its zone."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.content import placeholders
from generator.content.dates import format_input
from generator.content.fields import Context, Text, clean_text, slugify
from generator.content.layout import CENTRAL, Layout
from generator.content.problems import ProblemError
from generator.content.schema import Office
from generator.content.vocabulary import OTHER_REGULATION, REGULATION_CATEGORY, REGULATION_TYPES
from generator.content.yamlsafe import Scalar
from generator.util.fsio import write_atomic

DEFAULT_CATEGORY = "siaran-pers"
# The kind of regulation an office of each level most often announces: `newsroom new`
# writes it, the writer changes it when the release announces another.
USUAL_REGULATION = {
    "pusat": "Permen",
    "provinsi": "Pergub",
    "kabupaten": "Perbup",
    "kota": "Perwali",
}


@dataclass(frozen=True)
class NewRelease:
    path: Path
    release_id: str


def create_release(
    layout: Layout,
    office: Office,
    title: str,
    category: str,
    now: datetime,
    writer: str | None = None,
) -> NewRelease:
    """Write a draft release; a free slug is chosen if the title's slug is taken.
    `writer`: the officer id credited as `penulis` (see `pick_writer`)."""
    title = Text(200)(Scalar(clean_text(title, one_line=True), 1), Context())
    if not title:
        raise ProblemError("empty_title")
    local = now.astimezone(office.zone.tz)
    base = slugify(title, max_len=70) or "rilis"
    folder = layout.office_releases_dir(office.id) / f"{local.year:04d}"
    slug = _free_slug(folder, base)
    path = folder / f"{slug}.md"
    credits = _credits_line(office, writer)
    regulation = _regulation_lines(office, local) if category == REGULATION_CATEGORY else ""
    text = _template(title, category, format_input(now, office.zone), credits, regulation)
    write_atomic(path, text.encode())
    return NewRelease(path, f"{office.id}/{local.year:04d}/{slug}")


def _free_slug(folder: Path, base: str) -> str:
    slug, counter = base, 2
    while (folder / f"{slug}.md").exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def pick_writer(office: Office, wanted: str | None) -> str | None:
    """The officer a new release credits as its writer: the one `--officer` names, else
    the office's only officer; None when the office has none, or several and none was
    named. Raises ProblemError when `wanted` is no officer of the office."""
    if wanted is not None:
        if office.officer(wanted) is None:
            raise ProblemError("unknown_officer_option", wanted)
        return wanted
    return office.officers[0].id if len(office.officers) == 1 else None


def _credits_line(office: Office, writer: str | None) -> str:
    if writer is not None:
        return f"credits: {{penulis: [{writer}]}}\n"
    if office.officers:
        ids = ", ".join(office.officer_ids)
        return f"# credits: {{penulis: [{office.officers[0].id}]}}  # petugas: {ids}\n"
    return ""


def _template(title: str, category: str, date: str, credits: str = "", regulation: str = "") -> str:
    # A JSON string is a valid YAML double-quoted scalar: any title stays text.
    quoted = json.dumps(title, ensure_ascii=False)
    claim = ""
    if category == "klarifikasi":
        claim = (
            "claim:\n"
            f"  text: {json.dumps(placeholders.CLAIM, ensure_ascii=False)}\n"
            "  verdict: hoaks  # hoaks | disinformasi | menyesatkan | sebagian-benar | benar\n"
            "  appeared_in: [WhatsApp]\n"
        )
    return (
        "---\n"
        f"title: {quoted}\n"
        f"date: {date}\n"
        f"category: {category}\n"
        "# summary: Satu atau dua kalimat ringkasan (opsional).\n"
        "# tags: [contoh, tag]\n"
        f"{credits}"
        f"{claim}"
        f"{regulation}"
        "status: draft  # ganti menjadi published bila rilis siap terbit\n"
        "---\n"
        f"{placeholders.BODY}\n"
    )


def _regulation_lines(office: Office, local: datetime) -> str:
    """`regulation:` for the release to fill in: its number and subject are samples that
    `newsroom check` refuses once the release is not a draft; the rest is optional."""
    kinds = " | ".join(k for k in REGULATION_TYPES if k != OTHER_REGULATION)
    number = json.dumps(placeholders.REGULATION_NUMBER, ensure_ascii=False)
    about = json.dumps(placeholders.REGULATION_ABOUT, ensure_ascii=False)
    return (
        "regulation:\n"
        f"  type: {USUAL_REGULATION.get(office.level, 'Perda')}  # {kinds}"
        f" | {OTHER_REGULATION} (lalu type_name: Keputusan Bupati)\n"
        f"  number: {number}\n"
        f"  year: {local.year:04d}  # tahun pada nomornya\n"
        f"  about: {about}\n"
        f"  # enacted: {local:%Y-%m-%d}  # tanggal ditetapkan\n"
        "  # document: assets/naskah.pdf  # PDF-nya, juga di attachments\n"
        "# attachments: [{title: Naskah peraturan, src: assets/naskah.pdf}]\n"
    )


def pick_office(layout: Layout, offices: dict[str, Office], wanted: str | None) -> Office | None:
    """The office a new release belongs to: the office repo's own, or `--office` centrally."""
    if layout.kind != CENTRAL and len(offices) == 1:
        only = next(iter(offices.values()))
        return only if wanted in (None, only.id) else None
    return offices.get(wanted) if wanted else None
