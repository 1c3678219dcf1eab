"""Edit content/national/curation.yml the way an editor would by hand.

The file stays readable and hand-editable: we edit its text, block by block,
so comments and formatting survive. Every change is re-read through the same
validation as `newsroom check` before it is written (atomically).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator.fsio import write_atomic
from generator.model import CuratedItem, Release
from generator.repository import Repository, check_curation_text
from sync.records import new_in_last_sync

HEADER = (
    "# Kurasi desk nasional: rilis daerah yang tampil di situs nasional, berurutan.\n"
    "# Hanya berkas ini yang menaruh rilis daerah di situs nasional.\n"
)
_ITEM = re.compile(r"^(\s*)- ")
_ID = re.compile(r"""^\s*(?:- )?\s*id:\s*("[^"]*"|'[^']*'|[^\s#]+)""")


class CurationError(Exception):
    """A curation command that cannot be done, with the reason in plain words."""


@dataclass
class Block:
    """One entry: its comment lines above it, then its own lines."""

    comments: list[str]
    lines: list[str]

    @property
    def release_id(self) -> str:
        for line in self.lines:
            match = _ID.match(line)
            if match:
                return _unquote(match.group(1))
        return ""

    def set(self, key: str, value: str | None) -> None:
        """Set (or remove, with None) `key:` in this entry, keeping its other lines."""
        indent = " " * (len(self.lines[0]) - len(self.lines[0].lstrip()) + 2)
        pattern = re.compile(rf"^\s*{key}:")
        kept = [line for line in self.lines if not pattern.match(line.replace("- ", "  ", 1))]
        if value is not None:
            kept.append(f"{indent}{key}: {value}")
        self.lines = kept


@dataclass
class CurationFile:
    head: list[str]  # everything up to and including `featured:`
    blocks: list[Block] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)  # trailing comments

    @classmethod
    def read(cls, path: Path) -> CurationFile:
        text = path.read_text(encoding="utf-8") if path.exists() else HEADER + "featured:\n"
        lines = text.rstrip("\n").split("\n")
        start = next((i for i, line in enumerate(lines) if line.startswith("featured:")), None)
        if start is None:
            return cls([*lines, "featured:"])
        head, rest = lines[: start + 1], lines[start + 1 :]
        if head[-1].strip() in ("featured: []", "featured:[]"):
            head[-1] = "featured:"
        result = cls(head)
        pending: list[str] = []
        for line in rest:
            if _ITEM.match(line):
                result.blocks.append(Block(pending, [line]))
                pending = []
            elif line.strip().startswith("#") or not line.strip() or not result.blocks:
                pending.append(line)
            else:
                result.blocks[-1].lines.extend([*pending, line])
                pending = []
        result.tail = pending
        return result

    def text(self) -> str:
        lines = list(self.head)
        for block in self.blocks:
            lines += block.comments + block.lines
        lines += self.tail
        if not self.blocks:
            lines[len(self.head) - 1] = "featured: []"
        return "\n".join(lines) + "\n"

    def find(self, release_id: str) -> Block:
        for block in self.blocks:
            if block.release_id == release_id:
                return block
        raise CurationError(f"{release_id!r} is not in the curation; see `newsroom curate list`")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: any headline stays text.
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Curator:
    repo: Repository
    now: datetime

    @property
    def path(self) -> Path:
        return self.repo.layout.curation_file

    def add(self, release_id: str, pin: bool, headline: str | None, note: str | None) -> None:
        self._publishable(release_id)
        document = CurationFile.read(self.path)
        if any(b.release_id == release_id for b in document.blocks):
            raise CurationError(f"{release_id!r} is already curated; use pin, unpin or move")
        block = Block([], [f"  - id: {release_id}"])
        if pin:
            block.set("pinned", "true")
        if headline:
            block.set("headline", _quoted(headline))
        if note:
            block.set("note", _quoted(note))
        document.blocks.append(block)
        self._save(document)

    def remove(self, release_id: str) -> None:
        document = CurationFile.read(self.path)
        document.blocks.remove(document.find(release_id))
        self._save(document)

    def pin(self, release_id: str, pinned: bool) -> None:
        document = CurationFile.read(self.path)
        document.find(release_id).set("pinned", "true" if pinned else None)
        self._save(document)

    def move(self, release_id: str, before: str) -> None:
        document = CurationFile.read(self.path)
        block = document.find(release_id)
        anchor = document.find(before)
        document.blocks.remove(block)
        document.blocks.insert(document.blocks.index(anchor), block)
        self._save(document)

    def _publishable(self, release_id: str) -> None:
        release = self.repo.release(release_id)
        if release is None:
            raise CurationError(
                f"no release {release_id!r}: ids are <office>/<yyyy>/<slug>, "
                "see `newsroom curate inbox`"
            )
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
        _validate(self.repo, text)
        write_atomic(self.path, text.encode("utf-8"))


def _validate(repo: Repository, text: str) -> None:
    """The edited file must pass the same checks as a hand-edited one."""
    problems = check_curation_text(repo, text)
    if problems:
        raise CurationError("; ".join(p.format("en") for p in problems))


def featured_order(repo: Repository) -> list[CuratedItem]:
    """Curated entries as the national site shows them: pinned first, then file order."""
    items = list(repo.curation.items) if repo.curation else []
    return sorted(items, key=lambda item: not item.entry.pinned)


@dataclass(frozen=True)
class InboxEntry:
    release: Release
    reasons: tuple[str, ...]


def inbox(repo: Repository, now: datetime) -> list[InboxEntry]:
    """Regional releases waiting for a decision: proposed, or new in the last sync."""
    curated = set(repo.curation.ids()) if repo.curation else set()
    arrived = new_in_last_sync(repo.layout.root)
    waiting = []
    for release in repo.releases:
        if release.office.is_central or release.id in curated or not release.is_listed(now):
            continue
        reasons = (["proposed"] if release.meta.propose_national else []) + (
            ["new"] if release.id in arrived else []
        )
        if reasons:
            waiting.append(InboxEntry(release, tuple(reasons)))
    waiting.sort(key=lambda e: (e.release.meta.date, e.release.id), reverse=True)
    return waiting
