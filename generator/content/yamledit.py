"""The one YAML text editor: YAML we write ourselves, into files people also edit.

Two ways of writing, one set of rules for what a line of YAML may hold:

- `ListFile` edits a file of top-level keys each holding a list of mappings
  (`content/national/curation.yml`) the way an editor would by hand: entry by entry,
  line by line, so comments, indentation and the order of keys survive whichever
  style the file was written in (`key:` then `  - id: …` or `- id: …`, any key
  first). Comment lines separated from the entry below them by a blank line are
  headings of a part of the list: they stay where they are when that entry moves or
  goes. Values are given already written (the caller quotes them).
- `emit` writes a whole mapping in one layout of our own (the sync's front-matter
  edits, `generator.content.frontedit`): one line per scalar, every value that could
  be read as anything but text double-quoted, so nothing in a value starts a line.

What cannot be edited line by line is refused (`EditRefused`) rather than guessed at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Self

from generator.content.yamlsafe import Map, Plain, Scalar, Seq, YamlProblem, load

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?P<rest>.*)$")
_HEADER_REST = re.compile(r"^(?P<value>[^#]*?)(?P<comment>\s*#.*)?$")
_ITEM = re.compile(r"^ *-(?: +|$)")
_KEY = re.compile(r"^([A-Za-z_][\w-]*):(?:[ \t]|$)")
_TRAILING_COMMENT = re.compile(r"\s+#.*$")
# Lines YAML reads around the document, kept as written: `%YAML 1.2`, `---`, `...`.
_MARKER = re.compile(r"^(?:%.*|(?:---|\.\.\.)(?:\s+#.*)?\s*)$")
_DOCUMENT_START = re.compile(r"^---(?:\s|$)")
DEFAULT_PREFIX = "  - "

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Values written without quotes: dates, slugs, asset paths, statuses. Anything else is
# double-quoted, so no value can be read as a comment, a key or a flow collection.
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 ._/+-]|:(?! ))*")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
# YAML line breaks besides \n and \r, and the byte-order mark: escaped, as is every
# character YAML does not allow in a document (C0 and C1 controls, surrogates, U+FFFE/F).
_BREAKS = set("\x85\u2028\u2029\ufeff")


class EditRefused(Exception):
    """A part of the file that cannot be edited line by line: `code` says which
    (`entry_not_editable`, `text_before_first_key`, `one_line_list`), `params` where."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment_or_blank(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


# --- one entry of a list ------------------------------------------------------------


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
    ident: str = ""  # the value of the file's identifying key, as YAML reads it
    lead: list[str] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        """Indentation and dash up to the first key: `  - ` or `- `."""
        match = _ITEM.match(self.lines[0])
        return match.group(0) if match else ""

    def keys(self) -> list[str]:
        return [f.key for f in self.fields()]

    def fields(self) -> list[Field]:
        """The entry split into its keys; EditRefused if it is not one key per line."""
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
        """Set `key: value` (`value` as written, quotes and all) or remove `key` (with
        None), keeping every other line."""
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

    def _not_editable(self) -> EditRefused:
        return EditRefused("entry_not_editable", line=str(self.line))


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


# --- one top-level key and its list ----------------------------------------------------


@dataclass
class Section:
    """A top-level key and its list: the lines above it and its entries."""

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

    def find(self, ident: str) -> Block | None:
        return next((b for b in self.blocks if b.ident == ident), None)

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

    def order(self, default: Sequence[str] = ()) -> list[str]:
        """The key order the file's own entries use, then `default`'s for the rest."""
        order: list[str] = []
        for block in self.blocks:
            try:
                keys = block.keys()
            except EditRefused:
                continue
            for index, key in enumerate(keys):
                if key not in order:
                    after = order.index(keys[index - 1]) + 1 if index else 0
                    order.insert(after, key)
        for index, key in enumerate(default):
            if key not in order:
                before = [order.index(k) for k in default[:index] if k in order]
                order.insert(max(before) + 1 if before else 0, key)
        return order


# --- the whole file -------------------------------------------------------------------


@dataclass
class ListFile:
    """A file of top-level keys each holding a list of mappings, as lines grouped into
    sections and entries; `ident` names the key that tells entries apart."""

    ident: str = "id"
    sections: list[Section] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)  # comment lines after the last entry

    @classmethod
    def parse(cls, text: str, ident: str = "id") -> Self:
        """`text`'s lines grouped into sections and entries; idents as YAML reads them.

        `text` with `\n` line ends and no BOM (as `frontmatter.decode` gives it).
        """
        document = cls(ident)
        pending: list[str] = []
        for number, line in enumerate(text.rstrip("\n").split("\n"), start=1):
            if document._take(number, line, pending):
                pending = []
            else:
                pending.append(line)
        document.tail = pending
        idents = _entry_idents(text, ident)
        for section in document.sections:
            for block in section.blocks:
                span = range(block.line, block.line + len(block.lines))
                block.ident = next((idents[n] for n in span if n in idents), "")
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
            raise EditRefused("text_before_first_key", line=str(number))
        return True

    def text(self) -> str:
        lines = [line for section in self.sections for line in section.lines()] + self.tail
        while lines and not lines[-1].strip():  # a heading left last: no blank lines at the end
            lines.pop()
        return "\n".join(lines) + "\n"

    def section(
        self, key: str, create: bool = False, first: bool = False, comments: Sequence[str] = ()
    ) -> Section | None:
        """The section `key`; with `create`, a new one if there is none, opened by
        `comments`: the first section with `first` (above it only what opens the
        document, `---`), else the last; a file of comments only keeps them on top."""
        found = next((s for s in self.sections if s.key == key), None)
        if found is None and create:
            header = list(comments)
            if not self.sections:
                header, self.tail = [*self.tail, *header], []
            elif first:
                head = self.sections[0]
                cut = _document_start_end(head.header)
                header, head.header = [*head.header[:cut], *header], head.header[cut:]
            found = Section(key, [*header, f"{key}:"])
            self.sections.insert(0 if first else len(self.sections), found)
        if found is not None and not found.editable:
            raise EditRefused("one_line_list", key=key)
        return found

    def new_block(self, section: Section, values: Mapping[str, str], order: Sequence[str]) -> Block:
        """An entry in the file's own style: its indentation, and the keys in `order`
        (`values` as written, quotes and all)."""
        prefix = self._prefix(section)
        keys = sorted(values, key=lambda k: order.index(k) if k in order else len(order))
        lines = [
            (prefix if index == 0 else " " * len(prefix)) + f"{key}: {values[key]}"
            for index, key in enumerate(keys)
        ]
        return Block([], lines, ident=_unquote(values[self.ident]))

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


def _entry_idents(text: str, ident: str) -> dict[int, str]:
    """The `ident` of each entry by the line its `-` stands on, as the YAML reader sees it."""
    try:
        node = load(text)
    except YamlProblem:
        return {}
    found: dict[int, str] = {}
    if not isinstance(node, Map):
        return found
    for entries in node.items.values():
        for item in entries.items if isinstance(entries, Seq) else []:
            value = item.items.get(ident) if isinstance(item, Map) else None
            if isinstance(value, Scalar):
                found[item.line] = value.value.strip()
    return found


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


# --- a whole mapping in our own layout ---------------------------------------------------


def emit(mapping: dict[str, Plain]) -> list[str]:
    """Lines of a block mapping that our loader reads back as `mapping`: one line per
    scalar, never a multi-line scalar, so nothing in a value can start a line."""
    return _lines(mapping, 0)


def comment_line(text: str) -> str:
    """`# text` as one YAML comment line: line breaks and characters YAML refuses
    become `?`, so the text can neither end the comment nor break the document."""
    shown = "".join("?" if _unprintable(char) else char for char in text)
    return f"# {shown}"


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
    return key if _PLAIN_KEY.fullmatch(key) else double_quoted(key)


def _scalar(value: str) -> str:
    if _PLAIN_VALUE.fullmatch(value) and value[-1] not in " :":
        return value
    return double_quoted(value)


def double_quoted(value: str) -> str:
    """`value` as a double-quoted YAML scalar on one line, every break and character
    YAML refuses escaped."""
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
