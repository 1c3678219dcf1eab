"""A strict, safe YAML reader that keeps line numbers.

Front matter and registry files come from many hands, some hostile. We read
YAML as *events* (libyaml's C parser where present, for speed at tens of
thousands of files) and build a small tree ourselves, so that:

- every scalar stays text: the schema, not YAML, decides what `yes`, `08`
  or `2026-04-11` mean (no Norway problem, no octal, no implicit timestamps);
- tags (`!!python/object`, `!foo`), anchors and aliases are refused, which
  also rules out "billion laughs" bombs;
- duplicate keys are refused instead of silently keeping the last one;
- nesting depth is capped, and the caller caps size before parsing;
- each node remembers its line, so errors can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 20
_ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str"}


@dataclass(frozen=True)
class Scalar:
    value: str
    line: int


@dataclass(frozen=True)
class Seq:
    items: list[Node]
    line: int


@dataclass(frozen=True)
class Map:
    items: dict[str, Node]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)


Node = Scalar | Seq | Map


Plain = str | list["Plain"] | dict[str, "Plain"]


def to_plain(node: Node) -> Plain:
    """The node as plain str/list/dict, e.g. to carry front matter in a JSON feed."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [to_plain(item) for item in node.items]
    return {key: to_plain(value) for key, value in node.items.items()}


class YamlProblem(Exception):
    """The text is not YAML we accept. `code` names the problem for messages; for a
    syntax error, `kind` says which one (see `syntax_kind`) and `value` is PyYAML's
    own English description."""

    def __init__(self, code: str, line: int, value: str = "", kind: str = "") -> None:
        super().__init__(f"{code} at line {line}: {value}")
        self.code = code
        self.line = line
        self.value = value
        self.kind = kind


# PyYAML's (and libyaml's) descriptions of the syntax errors writers make, by what to
# tell them: the messages are ours, in both languages (generator.content.messages, `yaml_syntax:*`).
_SYNTAX_KINDS = (
    ("unclosed_quote", re.compile(r"quoted scalar.*end of stream", re.S)),
    ("unclosed_list", re.compile(r"expected ',' or '\]'")),
    ("unclosed_mapping", re.compile(r"expected ',' or '\}'")),
    ("tab", re.compile(r"tab character|found character '\\t'")),
    ("colon_in_value", re.compile(r"mapping values are not allowed")),
    ("missing_colon", re.compile(r"could not find expected ':'")),
    ("bad_escape", re.compile(r"unknown escape")),
    ("special_start", re.compile(r"cannot start any token|alphabetic or numeric|node content")),
    ("extra_document", re.compile(r"expected '?<document start>")),
    ("control_char", re.compile(r"unacceptable character|special characters|control characters")),
    ("structure", re.compile(r"did not find expected key|expected '-' indicator|<block end>")),
)


def syntax_kind(description: str) -> str:
    """Which common syntax error PyYAML's `description` is; "" for another."""
    return next((kind for kind, pattern in _SYNTAX_KINDS if pattern.search(description)), "")


def written_tag(tag: str) -> str:
    """A tag as the writer typed it: `!!python/x`, not PyYAML's `tag:yaml.org,2002:python/x`."""
    return "!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def load(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document; None when it is empty.

    `first_line` is the file line where `text` starts (front matter starts on
    line 2), so reported lines are file lines.
    """
    offset = first_line - 1
    try:
        events = list(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        # An unclosed bracket or quote is only noticed at the end of the text; the
        # context mark then points at where it was opened, which is what to fix.
        mark = error.problem_mark
        at_end = mark is not None and mark.line >= text.count("\n")
        if (mark is None or at_end) and error.context_mark is not None:
            mark = error.context_mark
        line = (mark.line + 1 + offset) if mark is not None else first_line
        described = str(error.problem or error)
        kind = syntax_kind(f"{error.context or ''} {described}")
        raise YamlProblem("yaml_syntax", line, described, kind) from None
    except yaml.YAMLError as error:  # reader errors: bad bytes, control characters
        described = str(error)
        raise YamlProblem("yaml_syntax", first_line, described, syntax_kind(described)) from None
    return _Builder(events, offset).build()


class _Builder:
    def __init__(self, events: list[yaml.Event], offset: int) -> None:
        self._events = events
        self._offset = offset
        self._pos = 0

    def build(self) -> Node | None:
        documents = sum(isinstance(e, yaml.DocumentStartEvent) for e in self._events)
        if documents > 1:
            line = self._line(
                [e for e in self._events if isinstance(e, yaml.DocumentStartEvent)][1]
            )
            raise YamlProblem("yaml_multiple_documents", line)
        body = [
            e
            for e in self._events
            if not isinstance(
                e,
                yaml.StreamStartEvent
                | yaml.StreamEndEvent
                | yaml.DocumentStartEvent
                | yaml.DocumentEndEvent,
            )
        ]
        if not body:
            return None
        self._events = body
        return self._node(depth=0)

    def _line(self, event: yaml.Event) -> int:
        mark = event.start_mark
        return (int(mark.line) if mark is not None else 0) + 1 + self._offset

    def _next(self) -> yaml.Event:
        event = self._events[self._pos]
        self._pos += 1
        return event

    def _node(self, depth: int) -> Node:
        event = self._next()
        line = self._line(event)
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem("yaml_alias", line, f"*{event.anchor}")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlProblem("yaml_anchor", line, f"&{anchor}")
        tag = getattr(event, "tag", None)
        if tag not in _ALLOWED_TAGS:
            raise YamlProblem("yaml_tag", line, written_tag(str(tag)))
        if depth > MAX_DEPTH:
            raise YamlProblem("yaml_too_deep", line, str(MAX_DEPTH))
        if isinstance(event, yaml.ScalarEvent):
            return Scalar(event.value, line)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            while not isinstance(self._events[self._pos], yaml.SequenceEndEvent):
                items.append(self._node(depth + 1))
            self._pos += 1
            return Seq(items, line)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(line, depth)
        raise YamlProblem("yaml_syntax", line, type(event).__name__)

    def _mapping(self, line: int, depth: int) -> Map:
        items: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        while not isinstance(self._events[self._pos], yaml.MappingEndEvent):
            key = self._node(depth + 1)
            if not isinstance(key, Scalar):
                raise YamlProblem("yaml_complex_key", key.line)
            if key.value in items:
                raise YamlProblem("yaml_duplicate_key", key.line, key.value)
            items[key.value] = self._node(depth + 1)
            key_lines[key.value] = key.line
        self._pos += 1
        return Map(items, line, key_lines)
