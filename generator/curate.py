"""Edit content/national/curation.yml the way an editor would by hand.

The file stays readable and hand-editable: we edit its text, entry by entry,
so comments, indentation and the order of keys survive whichever style the
editors wrote it in (`featured:` then `  - id: …` or `- id: …`, `id` or
`pinned` first). Every change is checked with the same validation as
`newsroom check` before it is written (atomically); a change that would add
an error is refused and nothing is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator.dates import iso
from generator.fsio import write_atomic
from generator.model import CuratedItem, Release
from generator.problems import Problem
from generator.repository import Repository, check_curation_text
from generator.yamlsafe import Map, Scalar, Seq, YamlProblem, load
from sync.records import new_in_last_sync

HEADER = (
    "# Kurasi desk nasional: rilis daerah yang tampil di situs nasional, berurutan.\n"
    "# Hanya berkas ini yang menaruh rilis daerah di situs nasional.\n"
)
DECLINED_COMMENT = (
    "# Diputuskan tidak ditampilkan di situs nasional; tidak muncul lagi di kotak masuk."
)
FEATURED, DECLINED = "featured", "declined"
# Key order for entries when the file shows none (the schema's order).
DEFAULT_ORDER = {FEATURED: ("id", "pinned", "headline", "note"), DECLINED: ("id", "date", "note")}
DEFAULT_PREFIX = "  - "

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?P<rest>.*)$")
_HEADER_REST = re.compile(r"^(?P<value>[^#]*?)(?P<comment>\s*#.*)?$")
_ITEM = re.compile(r"^ *-(?: +|$)")
_KEY = re.compile(r"^([A-Za-z_][\w-]*):(?: |$)")
_TRAILING_COMMENT = re.compile(r"\s+#.*$")


class CurationError(Exception):
    """A curation command that cannot be done, with the reason in plain words."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment_or_blank(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


# --- one entry ----------------------------------------------------------------


@dataclass
class Field:
    """One key of an entry: comment lines above it, `key: value`, then deeper lines."""

    key: str
    head: str
    comments: list[str] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)


@dataclass
class Block:
    """One list entry as written: the comment lines above it, then its own lines."""

    comments: list[str]
    lines: list[str]
    line: int = 0  # where it starts in the file as read (0: new)
    release_id: str = ""

    @property
    def prefix(self) -> str:
        """Indentation and dash up to the first key: `  - ` or `- `."""
        match = _ITEM.match(self.lines[0])
        return match.group(0) if match else ""

    def keys(self) -> list[str]:
        return [f.key for f in self.fields()]

    def fields(self) -> list[Field]:
        """The entry split into its keys; CurationError if it is not one key per line."""
        prefix = self.prefix
        column = len(prefix)
        first = _KEY.match(self.lines[0][column:]) if prefix else None
        if first is None:
            raise self._not_editable()
        fields = [Field(first.group(1), self.lines[0][column:])]
        pending: list[str] = []
        for line in self.lines[1:]:
            key = _KEY.match(line[column:]) if _indent(line) == column else None
            if key is not None:
                fields.append(Field(key.group(1), line[column:], pending))
                pending = []
            elif _indent(line) == column and _is_comment_or_blank(line):
                pending.append(line)
            elif not line.strip() or _indent(line) > column:
                fields[-1].rest += [*pending, line]
                pending = []
            else:
                raise self._not_editable()
        fields[-1].rest += pending
        return fields

    def set(self, key: str, value: str | None, order: Sequence[str]) -> None:
        """Set `key: value` (or remove `key`, with None), keeping every other line."""
        fields = self.fields()
        index = next((i for i, f in enumerate(fields) if f.key == key), None)
        if index is None:
            if value is not None:
                fields.insert(_position(fields, key, order), Field(key, f"{key}: {value}"))
        elif value is not None:
            old = fields[index]
            old.head = f"{key}: {value}{_comment_of(old.head)}"
            old.rest = [line for line in old.rest if line.lstrip().startswith("#")]
        else:
            self._drop(fields, index)
        self._join(fields)

    def _drop(self, fields: list[Field], index: int) -> None:
        """Remove one key; its comments (even one after its value) stay where it was."""
        old = fields.pop(index)
        inline = _comment_of(old.head).strip()
        kept = old.comments + ([" " * len(self.prefix) + inline] if inline else [])
        kept += [line for line in old.rest if line.lstrip().startswith("#")]
        if index < len(fields):
            fields[index].comments[:0] = kept
        else:
            fields[-1].rest += kept

    def _join(self, fields: list[Field]) -> None:
        prefix = self.prefix
        # Comments above the first key stand above the whole entry, at its dash.
        dash = " " * _indent(prefix)
        moved, fields[0].comments = fields[0].comments, []
        self.comments += [dash + line.lstrip() if line.strip() else line for line in moved]
        lines: list[str] = []
        for index, item in enumerate(fields):
            lines += item.comments
            lines.append((prefix if index == 0 else " " * len(prefix)) + item.head)
            lines += item.rest
        self.lines = lines

    def _not_editable(self) -> CurationError:
        return CurationError(
            f"the entry on line {self.line} of curation.yml is not written one key per line "
            "(`- id: …` then `pinned: …`); rewrite it that way to edit it with `newsroom curate`"
        )


def _comment_of(head: str) -> str:
    """A `  # comment` after an unquoted value, kept when the value changes."""
    value = head.split(":", 1)[1]
    if "'" in value or '"' in value:
        return ""
    match = _TRAILING_COMMENT.search(value)
    return match.group(0) if match else ""


def _position(fields: list[Field], key: str, order: Sequence[str]) -> int:
    """Where `key` goes among `fields`: before the first key that `order` puts after it."""
    rank = {name: index for index, name in enumerate(order)}
    mine = rank.get(key, len(order))
    for index, item in enumerate(fields):
        if rank.get(item.key, len(order)) > mine:
            return index
    return len(fields)


# --- the whole file -------------------------------------------------------------


@dataclass
class Section:
    """A top-level key (`featured:`, `declined:`): the lines above it and its entries."""

    key: str
    header: list[str]  # comment lines, then the `key:` line (then raw lines if not editable)
    blocks: list[Block] = field(default_factory=list)
    editable: bool = True

    @classmethod
    def start(cls, header: list[str]) -> Section:
        match = _TOP_KEY.match(header[-1])
        assert match is not None
        rest = _HEADER_REST.match(match.group("rest"))
        value = rest.group("value").strip() if rest else "?"
        return cls(match.group(1), header, editable=value in ("", "[]"))

    def find(self, release_id: str) -> Block | None:
        return next((b for b in self.blocks if b.release_id == release_id), None)

    def lines(self) -> list[str]:
        header = list(self.header)
        match = _TOP_KEY.match(header[-1]) if self.editable else None
        rest = _HEADER_REST.match(match.group("rest")) if match else None
        if rest is not None:
            value, comment = rest.group("value").strip(), rest.group("comment") or ""
            if self.blocks and value == "[]":
                header[-1] = f"{self.key}:{comment}"
            elif not self.blocks and value == "":
                header[-1] = f"{self.key}: []{comment}"  # plainer than an empty `key:`
        return header + [line for b in self.blocks for line in b.comments + b.lines]

    def order(self) -> list[str]:
        """The key order the file's own entries use, then the schema's for the rest."""
        order: list[str] = []
        for block in self.blocks:
            try:
                keys = block.keys()
            except CurationError:
                continue
            for index, key in enumerate(keys):
                if key not in order:
                    after = order.index(keys[index - 1]) + 1 if index else 0
                    order.insert(after, key)
        default = DEFAULT_ORDER.get(self.key, ())
        for index, key in enumerate(default):
            if key not in order:
                before = [order.index(k) for k in default[:index] if k in order]
                order.insert(max(before) + 1 if before else 0, key)
        return order


@dataclass
class CurationFile:
    sections: list[Section] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)  # comment lines after the last entry

    @classmethod
    def parse(cls, text: str) -> CurationFile:
        """The file's lines grouped into sections and entries; ids as YAML reads them."""
        document = cls()
        pending: list[str] = []
        for number, line in enumerate(text.rstrip("\n").split("\n"), start=1):
            if document._take(number, line, pending):
                pending = []
            else:
                pending.append(line)
        document.tail = pending
        ids = _entry_ids(text)
        for section in document.sections:
            for block in section.blocks:
                span = range(block.line, block.line + len(block.lines))
                block.release_id = next((ids[n] for n in span if n in ids), "")
        return document

    def _take(self, number: int, line: str, pending: list[str]) -> bool:
        """Place `line`; False when it is a comment or blank line waiting for what follows."""
        section = self.sections[-1] if self.sections else None
        block = section.blocks[-1] if section and section.blocks else None
        if _TOP_KEY.match(line):
            self.sections.append(Section.start([*pending, line]))
        elif block is not None and line.strip() and _indent(line) > _indent(block.lines[0]):
            block.lines += [*pending, line]
        elif section is not None and section.editable and _ITEM.match(line):
            section.blocks.append(Block(list(pending), [line], number))
        elif _is_comment_or_blank(line):
            return False
        elif section is not None:  # e.g. a flow list over several lines: kept as written
            section.header += [*pending, line]
            section.editable = False
        else:
            raise CurationError(f"curation.yml line {number}: expected `featured:` first")
        return True

    def text(self) -> str:
        lines = [line for section in self.sections for line in section.lines()] + self.tail
        return "\n".join(lines) + "\n"

    def section(self, key: str, create: bool = False) -> Section | None:
        """The section `key`; with `create`, a new one if there is none (`featured`
        first, `declined` last; a file of comments only keeps them on top)."""
        found = next((s for s in self.sections if s.key == key), None)
        if found is None and create:
            header = [DECLINED_COMMENT] if key == DECLINED else []
            if not self.sections:
                header, self.tail = [*self.tail, *header], []
            found = Section(key, [*header, f"{key}:"])
            self.sections.insert(0 if key == FEATURED else len(self.sections), found)
        if found is not None and not found.editable:
            raise CurationError(
                f"`{key}` in curation.yml is written on one line ([...]); write one entry "
                "per line (`- id: …`) to edit it with `newsroom curate`"
            )
        return found

    def new_block(self, section: Section, values: dict[str, str]) -> Block:
        """An entry in the file's own style: its indentation and its order of keys."""
        prefix = self._prefix(section)
        order = section.order()
        keys = sorted(values, key=lambda k: order.index(k) if k in order else len(order))
        lines = [
            (prefix if index == 0 else " " * len(prefix)) + f"{key}: {values[key]}"
            for index, key in enumerate(keys)
        ]
        return Block([], lines, release_id=_unquote(values["id"]))

    def _prefix(self, section: Section) -> str:
        others = [b for s in self.sections if s is not section for b in s.blocks]
        for block in [*section.blocks, *others]:
            if block.prefix:
                return block.prefix
        return DEFAULT_PREFIX


def _entry_ids(text: str) -> dict[int, str]:
    """The `id` of each entry by the line its `-` stands on, as the YAML reader sees it."""
    try:
        node = load(text)
    except YamlProblem:
        return {}
    found: dict[int, str] = {}
    if not isinstance(node, Map):
        return found
    for key in (FEATURED, DECLINED):
        entries = node.items.get(key)
        for item in entries.items if isinstance(entries, Seq) else []:
            ident = item.items.get("id") if isinstance(item, Map) else None
            if isinstance(ident, Scalar):
                found[item.line] = ident.value.strip()
    return found


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: any headline stays text.
    return json.dumps(value, ensure_ascii=False)


# --- the commands ------------------------------------------------------------------


@dataclass
class Curator:
    repo: Repository
    now: datetime
    before: str = field(default="", init=False, repr=False)  # the file as read

    @property
    def path(self) -> Path:
        return self.repo.layout.curation_file

    def add(self, release_id: str, pin: bool, headline: str | None, note: str | None) -> None:
        self._publishable(release_id)
        document = self._read()
        featured = self._featured(document)
        if featured.find(release_id):
            raise CurationError(f"{release_id!r} is already curated; use pin, unpin or move")
        values = {"id": release_id}
        if pin:
            values["pinned"] = "true"
        if headline:
            values["headline"] = _quoted(headline)
        if note:
            values["note"] = _quoted(note)
        featured.blocks.append(document.new_block(featured, values))
        declined = document.section(DECLINED)
        if declined is not None and (block := declined.find(release_id)):
            declined.blocks.remove(block)  # the editors changed their minds
        self._save(document)

    def remove(self, release_id: str) -> None:
        document = self._read()
        featured = self._featured(document)
        featured.blocks.remove(self._find(featured, release_id))
        self._save(document)

    def pin(self, release_id: str, pinned: bool) -> None:
        document = self._read()
        featured = self._featured(document)
        block = self._find(featured, release_id)
        block.set("pinned", "true" if pinned else None, featured.order())
        self._save(document)

    def move(self, release_id: str, before: str) -> None:
        if release_id == before:
            raise CurationError(
                f"cannot move {release_id!r} before itself; name another curated release "
                "(see `newsroom curate list`)"
            )
        document = self._read()
        featured = self._featured(document)
        block = self._find(featured, release_id)
        anchor = self._find(featured, before)
        featured.blocks.remove(block)
        featured.blocks.insert(featured.blocks.index(anchor), block)
        self._save(document)

    def decline(self, release_id: str, note: str | None) -> None:
        """Record that the desk decided against featuring `release_id`: it leaves the inbox."""
        if self.repo.release(release_id) is None:
            raise self._unknown(release_id)
        document = self._read()
        featured = document.section(FEATURED)
        if featured is not None and featured.find(release_id):
            raise CurationError(
                f"{release_id!r} is curated; `newsroom curate remove` it first to decline it"
            )
        declined = document.section(DECLINED, create=True)
        assert declined is not None
        if declined.find(release_id):
            raise CurationError(f"{release_id!r} is already declined")
        values = {"id": release_id, "date": iso(self.now)}
        if note:
            values["note"] = _quoted(note)
        declined.blocks.append(document.new_block(declined, values))
        self._save(document)

    def _read(self) -> CurationFile:
        text = self.path.read_text(encoding="utf-8") if self.path.exists() else ""
        self.before = text if text.strip() else HEADER + "featured:\n"
        unreadable = [p for p in check_curation_text(self.repo, self.before) if _is_syntax(p)]
        if unreadable:
            raise CurationError(
                f"{unreadable[0].format('en')} (fix the file by hand first; nothing was changed)"
            )
        return CurationFile.parse(self.before)

    def _featured(self, document: CurationFile) -> Section:
        featured = document.section(FEATURED, create=True)
        assert featured is not None
        return featured

    def _find(self, section: Section, release_id: str) -> Block:
        block = section.find(release_id)
        if block is None:
            raise CurationError(
                f"{release_id!r} is not in the curation; see `newsroom curate list`"
            )
        return block

    def _unknown(self, release_id: str) -> CurationError:
        return CurationError(
            f"no release {release_id!r}: ids are <office>/<yyyy>/<slug>, "
            "see `newsroom curate inbox`"
        )

    def _publishable(self, release_id: str) -> None:
        release = self.repo.release(release_id)
        if release is None:
            raise self._unknown(release_id)
        meta = release.meta
        if meta.status == "draft":
            raise CurationError(f"{release_id!r} is a draft; it cannot be featured until published")
        if meta.status == "withdrawn":
            raise CurationError(f"{release_id!r} was withdrawn: {meta.withdrawn_reason}")
        if meta.publish_at and meta.publish_at > self.now:
            raise CurationError(
                f"{release_id!r} is under embargo until {meta.publish_at.isoformat()}; "
                "curate it once the embargo has lifted"
            )

    def _save(self, document: CurationFile) -> None:
        text = document.text()
        _validate(self.repo, self.before, text)
        write_atomic(self.path, text.encode("utf-8"))


def _is_syntax(problem: Problem) -> bool:
    return problem.code.startswith("yaml_") or problem.code in ("not_a_mapping_file", "not_list")


def _validate(repo: Repository, before: str, after: str) -> None:
    """The edited file must pass the same checks as a hand-edited one.

    Only errors the edit would add are refused (an entry the editors got wrong by
    hand must not block the command that removes it), and they are told without
    line numbers: those would be lines of a text that was never written.
    """
    known = {(p.code, p.value) for p in check_curation_text(repo, before)}
    added = [p for p in check_curation_text(repo, after) if (p.code, p.value) not in known]
    if added:
        reasons = "; ".join(p.format("en").removeprefix(f"{p.path}:{p.line}: ") for p in added)
        raise CurationError(f"not saved: {reasons}")


def featured_order(repo: Repository) -> list[CuratedItem]:
    """Curated entries as the national site shows them: pinned first, then file order."""
    items = list(repo.curation.items) if repo.curation else []
    return sorted(items, key=lambda item: not item.entry.pinned)


@dataclass(frozen=True)
class InboxEntry:
    release: Release
    reasons: tuple[str, ...]


def inbox(repo: Repository, now: datetime) -> list[InboxEntry]:
    """Regional releases waiting for a decision: proposed, or new in the last sync,
    neither curated nor declined."""
    decided = (set(repo.curation.ids()) | repo.curation.declined_ids()) if repo.curation else set()
    arrived = new_in_last_sync(repo.layout.root)
    waiting = []
    for release in repo.releases:
        if release.office.is_central or release.id in decided or not release.is_listed(now):
            continue
        reasons = (["proposed"] if release.meta.propose_national else []) + (
            ["new"] if release.id in arrived else []
        )
        if reasons:
            waiting.append(InboxEntry(release, tuple(reasons)))
    waiting.sort(key=lambda e: (e.release.meta.date, e.release.id), reverse=True)
    return waiting
