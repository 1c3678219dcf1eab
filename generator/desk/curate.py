"""Edit content/national/curation.yml the way an editor would by hand.

The file stays readable and hand-editable: we edit its text, entry by entry,
so comments, indentation and the order of keys survive whichever style the
editors wrote it in (`featured:` then `  - id: …` or `- id: …`, `id` or
`pinned` first). Every change is checked with the same validation as
`newsroom check` before it is written (atomically); a change that would add
an error is refused and nothing is written. The file is read as `check` reads
it (a UTF-8 BOM, a leading `---`, tabs after a colon) and written back with its
own BOM and line ends (CRLF stays CRLF). Comment lines separated from the entry
below them by a blank line are headings of a part of the list: they stay where
they are when that entry moves or goes. Commands hold a lock on the file from
reading it to writing it, so editors working at once never lose an edit.
"""

from __future__ import annotations

import fcntl
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from generator.content.curation import HEADER
from generator.content.dates import format_long, iso
from generator.content.frontmatter import decode
from generator.content.limits import MAX_REGISTRY_BYTES
from generator.content.messages import curation_text
from generator.content.model import CuratedItem, Release
from generator.content.problems import Problem, ProblemError, Report, Severity, printable, quote
from generator.content.repository import FILE_FIELD, Repository, check_curation_text
from generator.content.runrecords import arrivals
from generator.content.yamlsafe import Map, Scalar, Seq, YamlProblem, load
from generator.util.fsio import write_atomic

DECLINED_COMMENT = (
    "# Diputuskan tidak ditampilkan di situs nasional; tidak muncul lagi di kotak masuk."
)
FEATURED, DECLINED = "featured", "declined"
# Key order for entries when the file shows none (the schema's order).
DEFAULT_ORDER = {FEATURED: ("id", "pinned", "headline", "note"), DECLINED: ("id", "date", "note")}
DEFAULT_PREFIX = "  - "
LOCK_FILE = Path(".newsroom") / "curation.lock"  # .newsroom/ is not committed
BOM = "\ufeff"

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?P<rest>.*)$")
_HEADER_REST = re.compile(r"^(?P<value>[^#]*?)(?P<comment>\s*#.*)?$")
_ITEM = re.compile(r"^ *-(?: +|$)")
_KEY = re.compile(r"^([A-Za-z_][\w-]*):(?:[ \t]|$)")
_TRAILING_COMMENT = re.compile(r"\s+#.*$")
# Lines YAML reads around the document, kept as written: `%YAML 1.2`, `---`, `...`.
_MARKER = re.compile(r"^(?:%.*|(?:---|\.\.\.)(?:\s+#.*)?\s*)$")
_DOCUMENT_START = re.compile(r"^---(?:\s|$)")
_RELEASE_ID = re.compile(r"\A([a-z0-9-]+)/(\d{4})/([a-z0-9-]+)\Z")


class CurationError(Exception):
    """A curation command that cannot be done: a message code of
    `generator.content.messages.CURATION` and its values, told in the editor's language.

    `problems` (with `root`, the repository, to show their paths from) fill `{problem}`
    (the first, with how many more) and `{reasons}` (all, without a line: lines of a
    text that was never written).
    """

    def __init__(
        self,
        code: str,
        problems: Sequence[Problem] = (),
        root: Path | None = None,
        **params: str,
    ) -> None:
        super().__init__(code)
        self.code, self.problems, self.root, self.params = code, tuple(problems), root, params

    def text(self, lang: str = "id") -> str:
        values = dict(self.params)
        if self.problems:
            shown = [relative(p, self.root).format(lang) for p in self.problems]
            values["problem"] = shown[0]
            if len(shown) > 1:
                more = curation_text("more_problems", lang, {"count": str(len(shown) - 1)})
                values["problem"] += more
            values["reasons"] = "; ".join(_without_place(p, lang) for p in self.problems)
        return curation_text(self.code, lang, values)

    def __str__(self) -> str:
        return self.text("en")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment_or_blank(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def release_id_from(text: str) -> str:
    """The release id in what an editor pasted: `kaltim/2026/raker`, the same with a
    slash at the end, or the release's address on any site (`https://…/nasional/
    kaltim/2026/raker/`). Anything else is returned as typed, to be refused by name."""
    value = text.strip()
    path = urlsplit(value).path if "://" in value else value
    parts = [part for part in path.removesuffix("index.html").split("/") if part]
    candidate = "/".join(parts[-3:])
    return candidate if _RELEASE_ID.match(candidate) else value


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
    """One list entry as written: the comment lines right above it, then its own lines.

    `lead`: lines above those, down to a blank line, that open a part of the list (a
    heading): they belong to the place, not to the entry, and stay when it moves.
    """

    comments: list[str]
    lines: list[str]
    line: int = 0  # where it starts in the file as read (0: new)
    release_id: str = ""
    lead: list[str] = field(default_factory=list)

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
        return CurationError("entry_not_editable", line=str(self.line))


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
    trailer: list[str] = field(default_factory=list)  # headings left by a removed last entry

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
        entries = [line for b in self.blocks for line in b.lead + b.comments + b.lines]
        return header + entries + self.trailer

    def remove(self, block: Block) -> None:
        """Take `block` out; a heading above it stays, above whatever comes next."""
        index = self.blocks.index(block)
        self.blocks.pop(index)
        if index < len(self.blocks):
            self.blocks[index].lead = _joined(block.lead, self.blocks[index].lead)
        else:
            self.trailer = _joined(block.lead, self.trailer)
        block.lead = []

    def insert_before(self, block: Block, anchor: Block) -> None:
        """Put `block` right above `anchor`, under any heading that stands above it."""
        block.lead, anchor.lead = anchor.lead, []
        self.blocks.insert(self.blocks.index(anchor), block)

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
        """The file's lines grouped into sections and entries; ids as YAML reads them.

        `text` as `decode` gives it: no BOM, `\n` line ends.
        """
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
            lead, comments = _split_heading(pending)
            section.blocks.append(Block(comments, [line], number, lead=lead))
        elif _MARKER.match(line) or _is_comment_or_blank(line):
            return False
        elif section is not None:  # e.g. a flow list over several lines: kept as written
            section.header += [*pending, line]
            section.editable = False
        else:
            raise CurationError("featured_first", line=str(number))
        return True

    def text(self) -> str:
        lines = [line for section in self.sections for line in section.lines()] + self.tail
        while lines and not lines[-1].strip():  # a heading left last: no blank lines at the end
            lines.pop()
        return "\n".join(lines) + "\n"

    def section(self, key: str, create: bool = False) -> Section | None:
        """The section `key`; with `create`, a new one if there is none (`featured`
        first, `declined` last; a file of comments only keeps them on top)."""
        found = next((s for s in self.sections if s.key == key), None)
        if found is None and create:
            header = [DECLINED_COMMENT] if key == DECLINED else []
            if not self.sections:
                header, self.tail = [*self.tail, *header], []
            elif key == FEATURED:  # first: above it only what opens the document (`---`)
                first = self.sections[0]
                cut = _document_start_end(first.header)
                header, first.header = [*first.header[:cut], *header], first.header[cut:]
            found = Section(key, [*header, f"{key}:"])
            self.sections.insert(0 if key == FEATURED else len(self.sections), found)
        if found is not None and not found.editable:
            raise CurationError("one_line_list", key=key)
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


def _joined(upper: list[str], lower: list[str]) -> list[str]:
    """Two runs of heading lines made one: one blank line between them, not two."""
    if upper and lower and not upper[-1].strip() and not lower[0].strip():
        return upper + lower[1:]
    return upper + lower


def _split_heading(pending: list[str]) -> tuple[list[str], list[str]]:
    """(heading, comments) above an entry: the lines down to the last blank line are a
    heading when they hold a comment; the lines after it describe the entry itself."""
    blanks = [index for index, line in enumerate(pending) if not line.strip()]
    if blanks and any(line.strip() for line in pending[: blanks[-1]]):
        return pending[: blanks[-1] + 1], pending[blanks[-1] + 1 :]
    return [], pending


def _document_start_end(header: list[str]) -> int:
    """How many of `header`'s first lines open the document (directives, then `---`)."""
    starts = [i for i, line in enumerate(header[:-1]) if _DOCUMENT_START.match(line)]
    return starts[-1] + 1 if starts else 0


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
            featured.blocks.append(document.new_block(featured, values))
            declined = document.section(DECLINED)
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
                    block.set(key, _quoted(value) if value.strip() else None, featured.order())
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
            block.set("pinned", "true" if pinned else None, featured.order())
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
            featured = document.section(FEATURED)
            if featured is not None and featured.find(release_id):
                raise CurationError("curated_not_declined", id=quote(release_id))
            declined = document.section(DECLINED, create=True)
            assert declined is not None
            if declined.find(release_id):
                raise CurationError("already_declined", id=quote(release_id))
            values = {"id": release_id, "date": iso(self.now)}
            if note:
                values["note"] = _quoted(note)
            declined.blocks.append(document.new_block(declined, values))
        return [("declined", {"id": release_id}), *self._decline_notes(release)]

    def _decline_notes(self, release: Release) -> list[Said]:
        """What declining this release means when it is not public: said, not refused."""
        meta, ident = release.meta, {"id": release.id}
        if meta.status == "draft":
            return [("declined_draft", ident)]
        if meta.status == "withdrawn":
            return [("declined_withdrawn", {**ident, "reason": meta.withdrawn_reason or "-"})]
        if meta.publish_at and meta.publish_at > self.now:
            return [("declined_embargoed", {**ident, "when": _when(release)})]
        return []

    @contextmanager
    def _editing(self) -> Iterator[CurationFile]:
        """Read the file, let the command change it, write it: all under the lock, so
        two editors' commands never interleave (the second reads what the first wrote)."""
        lock = self.repo.layout.root / LOCK_FILE
        lock.parent.mkdir(parents=True, exist_ok=True)
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # waits for the other command to finish
            document = self._read()
            yield document
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
        return CurationFile.parse(self.before)

    @property
    def root(self) -> Path:
        return self.repo.layout.root

    def _featured(self, document: CurationFile) -> Section:
        featured = document.section(FEATURED, create=True)
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
            raise CurationError("is_embargoed", id=ident, when=_when(release))

    def _save(self, document: CurationFile) -> None:
        text = document.text()
        _validate(self.repo, self.before, text)
        data = (BOM if self.bom else "") + text.replace("\n", self.newline)
        write_atomic(self.path, data.encode("utf-8"))


Said = tuple[str, dict[str, str]]  # a message code of CURATION and its values


def say(said: Said, lang: str) -> str:
    code, params = said
    return curation_text(code, lang, params)


def _when(release: Release) -> str:
    assert release.meta.publish_at is not None
    return format_long(release.meta.publish_at, release.office.zone)


def relative(problem: Problem, root: Path | None) -> Problem:
    """`problem` with its path relative to the repository root (never the server's path)."""
    path = Path(problem.path)
    if root is not None and path.is_absolute() and path.is_relative_to(root):
        return replace(problem, path=path.relative_to(root).as_posix())
    return problem


def file_problems(repo: Repository, release_id: str) -> list[Problem]:
    """The errors that keep `release_id`'s file out: those of the file itself and of
    the folders above it (an office not in the registry). [] when there is no file."""
    if not _RELEASE_ID.match(release_id):
        return []
    target = repo.layout.releases_dir / f"{release_id}.md"
    if not target.is_file():
        return []
    places = {target, *[p for p in target.parents if repo.layout.releases_dir in p.parents]}
    return [
        p for p in repo.report.sorted() if p.severity is Severity.ERROR and Path(p.path) in places
    ]


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


def _without_place(problem: Problem, lang: str) -> str:
    return problem.format(lang).removeprefix(f"{printable(problem.path)}:{problem.line}: ")


def featured_order(repo: Repository) -> list[CuratedItem]:
    """Curated entries as the national site shows them: pinned first, then file order."""
    items = list(repo.curation.items) if repo.curation else []
    return sorted(items, key=lambda item: not item.entry.pinned)


# --- what the desk and `curate list` tell about curated releases -------------------


@dataclass(frozen=True)
class NotShown:
    """A curated entry the national site leaves out at `now`, and why."""

    release_id: str
    release: Release | None  # None: no valid release has this id
    code: str  # hidden_* in generator.content.messages.CURATION
    params: tuple[tuple[str, str], ...] = ()
    problem: Problem | None = None  # for hidden_broken, hidden_entry
    root: Path | None = None

    def reason(self, lang: str = "id") -> str:
        values = dict(self.params)
        if self.problem is not None:
            values["problem"] = relative(self.problem, self.root).format(lang)
        return curation_text(self.code, lang, values)


def not_shown(repo: Repository, now: datetime) -> list[NotShown]:
    """Every curated entry the national home leaves out, in the file's order: withdrawn,
    embargoed or draft releases, and entries whose release file (or the entry itself)
    has an error, which the loader drops: an editor must still see them and why."""
    valid = {item.entry.id for item in featured_order(repo)}
    root = repo.layout.root
    found: list[NotShown] = []
    for index, release_id in written_featured(repo):
        release = repo.release(release_id)
        if release is None:
            problems = file_problems(repo, release_id)
            code = "hidden_broken" if problems else "hidden_unknown"
            problem = problems[0] if problems else None
            found.append(NotShown(release_id, None, code, problem=problem, root=root))
        elif release_id not in valid:
            found.append(
                NotShown(
                    release_id,
                    release,
                    "hidden_entry",
                    problem=_entry_problem(repo, index),
                    root=root,
                )
            )
        elif not release.is_listed(now):
            found.append(_hidden_release(release))
    return found


def _entry_problem(repo: Repository, index: int) -> Problem | None:
    """The first error of the `index`-th `featured` entry (the loader names its fields
    `featured[index].…`)."""
    path, prefix = str(repo.layout.curation_file), f"{FEATURED}[{index}]."
    errors = (p for p in repo.report.sorted() if p.severity is Severity.ERROR)
    return next((p for p in errors if p.path == path and p.field.startswith(prefix)), None)


def _hidden_release(release: Release) -> NotShown:
    meta = release.meta
    if meta.status == "draft":
        return NotShown(release.id, release, "hidden_draft")
    if meta.status == "withdrawn":
        reason = (("reason", meta.withdrawn_reason or "-"),)
        return NotShown(release.id, release, "hidden_withdrawn", reason)
    return NotShown(release.id, release, "hidden_embargoed", (("when", _when(release)),))


def written_featured(repo: Repository) -> list[tuple[int, str]]:
    """(position, id) of every `featured` entry as the file has it, valid or not; an id
    written twice only once (the loader keeps the first)."""
    try:
        node = load(decode(repo.layout.curation_file.read_bytes(), MAX_REGISTRY_BYTES))
    except (OSError, ProblemError, YamlProblem):
        return []
    entries = node.items.get(FEATURED) if isinstance(node, Map) else None
    found: dict[str, int] = {}
    for index, item in enumerate(entries.items if isinstance(entries, Seq) else [], start=1):
        ident = item.items.get("id") if isinstance(item, Map) else None
        if isinstance(ident, Scalar):
            found.setdefault(ident.value.strip(), index)
    return [(index, ident) for ident, index in found.items()]


# --- the inbox -----------------------------------------------------------------------


def decided(repo: Repository) -> set[str]:
    """Ids the desk has decided on: curated or declined."""
    if repo.curation is None:
        return set()
    return set(repo.curation.ids()) | repo.curation.declined_ids()


def new_undecided(repo: Repository, now: datetime) -> set[str]:
    """Releases that arrived in a sync of the last week (see `runrecords.arrivals`)
    and that the desk has not decided on yet: what "new" means on the desk and inbox."""
    return set(arrivals(repo.layout.root, now)) - decided(repo)


@dataclass(frozen=True)
class InboxEntry:
    release: Release
    reasons: tuple[str, ...]  # "proposed", "new"


def inbox(repo: Repository, now: datetime, new: set[str] | None = None) -> list[InboxEntry]:
    """Regional releases waiting for a decision: proposed by their office, or arrived
    in a sync and not yet decided (`new_undecided`, or `new` when given)."""
    done = decided(repo)
    arrived = new_undecided(repo, now) if new is None else new
    waiting = []
    for release in repo.releases:
        if release.office.is_central or release.id in done or not release.is_listed(now):
            continue
        reasons = (["proposed"] if release.meta.propose_national else []) + (
            ["new"] if release.id in arrived else []
        )
        if reasons:
            waiting.append(InboxEntry(release, tuple(reasons)))
    waiting.sort(key=lambda e: e.release.chronological, reverse=True)
    return waiting
