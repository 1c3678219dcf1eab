"""The sync's changes to a release's front matter, each through
`generator.content.frontedit` (a parse, never a line edit of our own): withdraw it,
keep it as a draft, stamp when it was withdrawn."""

from __future__ import annotations

from datetime import datetime

from generator.content.frontedit import edit
from generator.content.frontmatter import split
from generator.content.schema import Office
from generator.content.yamlsafe import Map, Scalar


def withdraw_text(text: str, reason: str, withdrawn_at: str | None = None) -> str:
    """The release with `status: withdrawn`, the reason and (given) `withdrawn_at`;
    every other value kept (see `generator.content.frontedit`).

    Already withdrawn (by the office or an earlier sync), as YAML reads it: returned
    as it is.
    """
    meta = split(text).meta
    status = meta.items.get("status") if isinstance(meta, Map) else None
    if isinstance(status, Scalar) and status.value.strip() == "withdrawn":
        return text
    changes = {"status": "withdrawn", "withdrawn_reason": reason, "withdrawn_at": withdrawn_at}
    return edit(text, changes)


def draft_text(text: str, note: str) -> str:
    """The release as `status: draft` (never public), with `note` as a YAML comment
    saying why (`frontedit.has_comment` finds it again); every other value kept."""
    return edit(text, {"status": "draft", "withdrawn_reason": None}, comment=note)


def stamped(text: bytes, withdrawn_at: str | None) -> bytes:
    """`text` with `withdrawn_at` set in its front matter (None: as it is)."""
    if withdrawn_at is None:
        return text
    return edit(text.decode("utf-8"), {"withdrawn_at": withdrawn_at}).encode("utf-8")


def local_time(instant: datetime, office: Office) -> str:
    """A time as front matter has it: the office's wall clock, to the second."""
    return instant.astimezone(office.zone.tz).strftime("%Y-%m-%d %H:%M:%S")
