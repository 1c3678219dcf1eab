"""Change a release's front matter as YAML reads it, never as lines of text.

The sync marks releases in the central copy withdrawn (removed upstream) or draft
(removed under embargo), and stamps `withdrawn_at`. Editing lines goes wrong wherever
lines and YAML disagree: a quoted summary whose second line reads `status: withdrawn`
(the release looks withdrawn already and stays public), an indented or `{...}` mapping
(a key added at column 0 breaks it), U+2028 or U+0085 (line breaks to YAML, not to
`str.split`). So the front matter is read with the loader `check` uses, changed as a
mapping, written back in one layout of our own (`generator.content.yamledit.emit`,
the writer the curation's line-keeping edits share) and read back again before it is
used. The office's comments and layout do not survive an edit, which is acceptable
in a synced copy; its values all do, and the body is kept to the byte.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.content.frontmatter import Document, split
from generator.content.limits import MAX_FRONT_MATTER_BYTES
from generator.content.problems import ProblemError
from generator.content.yamledit import comment_line, emit
from generator.content.yamlsafe import Plain, to_plain

__all__ = ["ESSENTIAL", "FrontMatterEditError", "comment_line", "edit", "emit", "has_comment"]

# What a release needs (`newsroom check` requires the first three) and what decides
# whether and how it is public: what is kept when the whole front matter, re-written,
# would pass MAX_FRONT_MATTER_BYTES.
ESSENTIAL = (
    "title",
    "date",
    "category",
    "status",
    "publish_at",
    "withdrawn_reason",
    "withdrawn_at",
)


class FrontMatterEditError(Exception):
    """The text has no front matter mapping to edit (callers edit only valid releases)."""


def edit(text: str, changes: Mapping[str, str | None], comment: str | None = None) -> str:
    """`text` with `changes` made to its front matter: each key given a value is
    removed and added again at the end, one given None removed. `comment` (one line)
    opens the front matter. The result reads back, by our loader, as exactly that
    mapping, with the same body."""
    try:
        document = split(text)
    except ProblemError as error:  # not a release we wrote or validated
        raise FrontMatterEditError(error.code) from None
    meta = _mapping(document)
    for key in changes:
        meta.pop(key, None)
    meta.update({key: value for key, value in changes.items() if value is not None})
    head = [comment_line(comment)] if comment is not None else []
    lines = [*head, *emit(meta)]
    if len("\n".join(lines).encode("utf-8")) >= MAX_FRONT_MATTER_BYTES:
        # Layouts differ in size; a front matter near the cap can outgrow it. A page
        # with what a release needs beats a page that no longer loads (it would vanish).
        kept = {key: meta[key] for key in (*ESSENTIAL, *changes) if key in meta}
        lines = [*head, *emit(kept)]
        meta = kept
    edited = "---\n" + "".join(f"{line}\n" for line in lines) + "---\n" + document.body
    again = split(edited)
    if _mapping(again) != meta or again.body != document.body:
        raise FrontMatterEditError("the edited front matter does not read back as written")
    return edited


def _mapping(document: Document) -> dict[str, Plain]:
    meta = to_plain(document.meta) if document.meta is not None else {}
    if not isinstance(meta, dict):
        raise FrontMatterEditError("the front matter is not a mapping")
    return meta


def has_comment(text: str, comment: str) -> bool:
    """Whether the front matter of `text` has `comment` as a line of its own (as
    `edit` writes it), not merely inside some value."""
    lines = text.split("\n")
    wanted = comment_line(comment)
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            return False
        if line == wanted:
            return True
    return False
