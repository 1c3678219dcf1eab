"""Change a release's front matter as YAML reads it, never as lines of text.

The sync marks releases in the central copy withdrawn (removed upstream) or draft
(removed under embargo), and stamps `withdrawn_at`. Editing lines goes wrong wherever
lines and YAML disagree: a quoted summary whose second line reads `status: withdrawn`
(the release looks withdrawn already and stays public), an indented or `{...}` mapping
(a key added at column 0 breaks it), U+2028 or U+0085 (line breaks to YAML, not to
`str.split`). So the front matter is read with the loader `check` uses, changed as a
mapping, written back in one layout of our own (`emit`) and read back again before it
is used. The office's comments and layout do not survive an edit, which is acceptable
in a synced copy; its values all do, and the body is kept to the byte.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from generator.content.frontmatter import Document, split
from generator.content.limits import MAX_FRONT_MATTER_BYTES
from generator.content.problems import ProblemError
from generator.content.yamlsafe import Plain, to_plain

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Values written without quotes: dates, slugs, asset paths, statuses. Anything else is
# double-quoted, so no value can be read as a comment, a key or a flow collection.
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 ._/+-]|:(?! ))*")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
# YAML line breaks besides \n and \r, and the byte-order mark: escaped, as is every
# character YAML does not allow in a document (C0 and C1 controls, surrogates, U+FFFE/F).
_BREAKS = set("\x85\u2028\u2029\ufeff")
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


def emit(mapping: dict[str, Plain]) -> list[str]:
    """Lines of a block mapping that our loader reads back as `mapping`: one line per
    scalar, never a multi-line scalar, so nothing in a value can start a line."""
    return _lines(mapping, 0)


def comment_line(text: str) -> str:
    """`# text` as one YAML comment line: line breaks and characters YAML refuses
    become `?`, so the text can neither end the comment nor break the document."""
    shown = "".join("?" if _unprintable(char) else char for char in text)
    return f"# {shown}"


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


def _lines(node: dict[str, Plain] | list[Plain], indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(node, dict):
        heads = [(f"{pad}{_key(key)}:", value) for key, value in node.items()]
    else:
        heads = [(f"{pad}-", item) for item in node]
    lines: list[str] = []
    for head, value in heads:
        if isinstance(value, str):
            lines.append(f"{head} {_scalar(value)}")
        elif not value:
            lines.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}")
        else:
            lines += [head, *_lines(value, indent + 2)]
    return lines


def _key(key: str) -> str:
    return key if _PLAIN_KEY.fullmatch(key) else _quoted(key)


def _scalar(value: str) -> str:
    return value if _PLAIN_VALUE.fullmatch(value) and value[-1] not in " :" else _quoted(value)


def _quoted(value: str) -> str:
    return '"' + "".join(_escape(char) for char in value) + '"'


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if not _unprintable(char):
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"


def _unprintable(char: str) -> bool:
    """Whether `char` cannot stand as itself on a line of YAML: a line break, or a
    character YAML refuses in a document."""
    return char in _BREAKS or char in "\ufffe\uffff" or unicodedata.category(char) in ("Cc", "Cs")
