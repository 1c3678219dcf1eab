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
from generator.content.yamlsafe import Scalar
from generator.util.fsio import write_atomic

DEFAULT_CATEGORY = "siaran-pers"


@dataclass(frozen=True)
class NewRelease:
    path: Path
    release_id: str


def create_release(
    layout: Layout, office: Office, title: str, category: str, now: datetime
) -> NewRelease:
    """Write a draft release; a free slug is chosen if the title's slug is taken."""
    title = Text(200)(Scalar(clean_text(title, one_line=True), 1), Context())
    if not title:
        raise ProblemError("empty_title")
    local = now.astimezone(office.zone.tz)
    base = slugify(title, max_len=70) or "rilis"
    folder = layout.office_releases_dir(office.id) / f"{local.year:04d}"
    slug = _free_slug(folder, base)
    path = folder / f"{slug}.md"
    write_atomic(path, _template(title, category, format_input(now, office.zone)).encode())
    return NewRelease(path, f"{office.id}/{local.year:04d}/{slug}")


def _free_slug(folder: Path, base: str) -> str:
    slug, counter = base, 2
    while (folder / f"{slug}.md").exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _template(title: str, category: str, date: str) -> str:
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
        f"{claim}"
        "status: draft  # ganti menjadi published bila rilis siap terbit\n"
        "---\n"
        f"{placeholders.BODY}\n"
    )


def pick_office(layout: Layout, offices: dict[str, Office], wanted: str | None) -> Office | None:
    """The office a new release belongs to: the office repo's own, or `--office` centrally."""
    if layout.kind != CENTRAL and len(offices) == 1:
        only = next(iter(offices.values()))
        return only if wanted in (None, only.id) else None
    return offices.get(wanted) if wanted else None
