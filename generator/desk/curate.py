"""The curate commands: edit content/national/curation.yml the way an editor would by hand.

The file stays readable and hand-editable: we edit its text, entry by entry
(`generator.content.curationfile`, on the line-keeping editor of
`generator.content.yamledit`), so comments, indentation and the order of keys
survive whichever style the editors wrote it in. Every change is checked with the same validation as
`newsroom check` before it is written (atomically); a change that would add
an error is refused and nothing is written. The file is read as `check` reads
it (a UTF-8 BOM, a leading `---`, tabs after a colon) and written back with its
own BOM and line ends (CRLF stays CRLF). Commands hold a lock on the file from
reading it to writing it, so editors working at once never lose an edit.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from generator.content.curationfile import DECLINED, FEATURED, HEADER, CurationFile
from generator.content.dates import iso
from generator.content.frontmatter import decode
from generator.content.limits import MAX_REGISTRY_BYTES
from generator.content.model import Release
from generator.content.problems import Problem, ProblemError, Report, quote
from generator.content.repository import FILE_FIELD, Repository, check_curation_text
from generator.content.yamledit import Block, EditRefused, Section
from generator.desk.queries import (
    RELEASE_ID,
    file_problems,
    when_lifted,
)
from generator.desk.saying import CurationError, Said
from generator.util.fsio import write_atomic

LOCK_FILE = Path(".newsroom") / "curation.lock"  # .newsroom/ is not committed
BOM = "\ufeff"
# The editor's refusals of a line it cannot edit, as the curate commands word them.
_REFUSALS = {"text_before_first_key": "featured_first"}


def release_id_from(text: str) -> str:
    """The release id in what an editor pasted: `kaltim/2026/raker`, the same with a
    slash at the end, or the release's address on any site (`https://…/nasional/
    kaltim/2026/raker/`). Anything else is returned as typed, to be refused by name."""
    value = text.strip()
    path = urlsplit(value).path if "://" in value else value
    parts = [part for part in path.removesuffix("index.html").split("/") if part]
    candidate = "/".join(parts[-3:])
    return candidate if RELEASE_ID.match(candidate) else value


@dataclass
class Curator:
    """The curate commands. Each returns what to tell the editor (message codes of
    `generator.content.messages.CURATION` with their values) or raises CurationError."""

    repo: Repository
    now: datetime
    before: str = field(default="", init=False, repr=False)  # the file as read (decoded)
    bom: bool = field(default=False, init=False, repr=False)
    newline: str = field(default="\n", init=False, repr=False)

    @property
    def path(self) -> Path:
        return self.repo.layout.curation_file

    def add(self, release_id: str, pin: bool, headline: str | None, note: str | None) -> list[Said]:
        self._publishable(release_id)
        with self._editing() as document:
            featured = self._featured(document)
            if featured.find(release_id):
                raise CurationError("already_curated", id=quote(release_id))
            values = {"id": release_id}
            if pin:
                values["pinned"] = "true"
            if headline:
                values["headline"] = _quoted(headline)
            if note:
                values["note"] = _quoted(note)
            featured.blocks.append(document.entry(featured, values))
            declined = document.list_section(DECLINED)
            if declined is not None and (block := declined.find(release_id)):
                declined.remove(block)  # the editors changed their minds
        return [("added", {"id": release_id})]

    def edit(self, release_id: str, headline: str | None, note: str | None) -> list[Said]:
        """Change (or, with an empty text, remove) a curated entry's headline or note."""
        if headline is None and note is None:
            raise CurationError("nothing_to_edit")
        with self._editing() as document:
            featured = self._featured(document)
            block = self._find(featured, release_id)
            for key, value in (("headline", headline), ("note", note)):
                if value is not None:
                    written = _quoted(value) if value.strip() else None
                    block.set(key, written, document.key_order(featured))
        return [("edited", {"id": release_id})]

    def remove(self, release_id: str) -> list[Said]:
        with self._editing() as document:
            featured = self._featured(document)
            featured.remove(self._find(featured, release_id))
        return [("removed", {"id": release_id})]

    def pin(self, release_id: str, pinned: bool) -> list[Said]:
        with self._editing() as document:
            featured = self._featured(document)
            block = self._find(featured, release_id)
            block.set("pinned", "true" if pinned else None, document.key_order(featured))
        return [("pinned" if pinned else "unpinned", {"id": release_id})]

    def move(self, release_id: str, before: str) -> list[Said]:
        if release_id == before:
            raise CurationError("move_self", id=quote(release_id))
        with self._editing() as document:
            featured = self._featured(document)
            block = self._find(featured, release_id)
            anchor = self._find(featured, before)
            featured.remove(block)
            featured.insert_before(block, anchor)
        return [("moved", {"id": release_id, "other": before})]

    def decline(self, release_id: str, note: str | None) -> list[Said]:
        """Record that the desk decided against featuring `release_id`: it leaves the inbox."""
        release = self.repo.release(release_id)
        if release is None:
            raise self._unknown(release_id)
        with self._editing() as document:
            featured = document.list_section(FEATURED)
            if featured is not None and featured.find(release_id):
                raise CurationError("curated_not_declined", id=quote(release_id))
            declined = document.list_section(DECLINED, create=True)
            assert declined is not None
            if declined.find(release_id):
                raise CurationError("already_declined", id=quote(release_id))
            values = {"id": release_id, "date": iso(self.now)}
            if note:
                values["note"] = _quoted(note)
            declined.blocks.append(document.entry(declined, values))
        return [("declined", {"id": release_id}), *self._decline_notes(release)]

    def _decline_notes(self, release: Release) -> list[Said]:
        """What declining this release means when it is not public: said, not refused."""
        meta, ident = release.meta, {"id": release.id}
        if meta.status == "draft":
            return [("declined_draft", ident)]
        if meta.status == "withdrawn":
            return [("declined_withdrawn", {**ident, "reason": meta.withdrawn_reason or "-"})]
        if meta.publish_at and meta.publish_at > self.now:
            return [("declined_embargoed", {**ident, "when": when_lifted(release)})]
        return []

    @contextmanager
    def _editing(self) -> Iterator[CurationFile]:
        """Read the file, let the command change it, write it: all under the lock, so
        two editors' commands never interleave (the second reads what the first wrote)."""
        lock = self.repo.layout.root / LOCK_FILE
        lock.parent.mkdir(parents=True, exist_ok=True)
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # waits for the other command to finish
            try:
                document = self._read()
                yield document
            except EditRefused as refused:
                code = _REFUSALS.get(refused.code, refused.code)
                raise CurationError(code, (), None, **refused.params) from None
            self._save(document)

    def _read(self) -> CurationFile:
        data = self.path.read_bytes() if self.path.exists() else b""
        self.bom = data.startswith(BOM.encode("utf-8"))
        self.newline = "\r\n" if data.split(b"\n", 1)[0].endswith(b"\r") else "\n"
        try:
            text = decode(data, MAX_REGISTRY_BYTES)
        except ProblemError as error:
            report = Report()
            report.add_error(self.path, FILE_FIELD, error, 1)
            raise CurationError("unreadable", report.problems, self.root) from None
        self.before = text if text.strip() else HEADER + "featured:\n"
        unreadable = [p for p in check_curation_text(self.repo, self.before) if _is_syntax(p)]
        if unreadable:
            raise CurationError("unreadable", unreadable[:1], self.root)
        return CurationFile.read(self.before)

    @property
    def root(self) -> Path:
        return self.repo.layout.root

    def _featured(self, document: CurationFile) -> Section:
        featured = document.list_section(FEATURED, create=True)
        assert featured is not None
        return featured

    def _find(self, section: Section, release_id: str) -> Block:
        block = section.find(release_id)
        if block is None:
            raise CurationError("not_curated", id=quote(release_id))
        return block

    def _unknown(self, release_id: str) -> CurationError:
        problems = file_problems(self.repo, release_id)
        if not problems:
            return CurationError("unknown_release", id=quote(release_id))
        return CurationError("broken_release", problems, self.root, id=quote(release_id))

    def _publishable(self, release_id: str) -> None:
        release = self.repo.release(release_id)
        if release is None:
            raise self._unknown(release_id)
        meta, ident = release.meta, quote(release_id)
        if meta.status == "draft":
            raise CurationError("is_draft", id=ident)
        if meta.status == "withdrawn":
            raise CurationError("is_withdrawn", id=ident, reason=meta.withdrawn_reason or "-")
        if meta.publish_at and meta.publish_at > self.now:
            raise CurationError("is_embargoed", id=ident, when=when_lifted(release))

    def _save(self, document: CurationFile) -> None:
        text = document.text()
        _validate(self.repo, self.before, text)
        data = (BOM if self.bom else "") + text.replace("\n", self.newline)
        write_atomic(self.path, data.encode("utf-8"))


def _quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: any headline stays text.
    return json.dumps(value, ensure_ascii=False)


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
        raise CurationError("not_saved", added, repo.layout.root)
