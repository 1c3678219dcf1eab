"""The machinery behind the typed schemas in `generator.content.schema`.

A schema is a frozen dataclass whose fields carry a parser in their metadata
(see `spec`). `parse_mapping` walks a YAML `Map` against it, collects every
problem with its line, and returns the typed object (or None if a required
field is unusable). Parsers raise `ProblemError`; they never print.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from generator.content.assets import is_asset_path
from generator.content.dates import (
    FIRST_YEAR,
    LAST_YEAR,
    DateDigitsError,
    DateFormatError,
    DateRangeError,
    parse_datetime,
)
from generator.content.problems import ProblemError, Report, Severity
from generator.content.provinces import WIB, Zone
from generator.content.yamlsafe import Map, Node, Scalar, Seq

T = TypeVar("T")

# \A...\Z, not ^...$: `$` also matches before a final newline, and "rapat\n" is no slug.
SLUG_RE = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# Bidi embeddings/overrides/isolates: used to make text read differently than it is stored.
# The marks too (LRM, RLM, Arabic letter mark): invisible, they still move neutral
# characters such as digits and brackets across a word. And U+FEFF inside text, a
# zero-width no-break space nobody types (a leading BOM of the file is dropped on reading).
_BIDI_CONTROLS = set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff"
)


@dataclass(frozen=True)
class Context:
    """What parsers need to know beyond the node: the office's zone, the ids of its
    officers (a release's `credits` name them), and the run's instant when it judges
    dates (a NIP's appointment must not lie ahead of it)."""

    zone: Zone = WIB
    officers: tuple[str, ...] = ()
    now: datetime | None = None


Parser = Callable[[Node, Context], Any]


class Composite:
    """A field made of other schema objects; it reports its own inner problems.
    `key_line`: the line of the field's key (its value may start lines below)."""

    def parse_into(
        self,
        node: Node,
        context: Context,
        report: Report,
        path: str,
        name: str,
        key_line: int | None = None,
    ) -> Any:
        raise NotImplementedError


def spec(
    parse: Parser | Composite,
    *,
    default: Any = dataclasses.MISSING,
    doc: str = "",
    private: bool = False,
) -> Any:
    """Declare a schema field: its parser, default (none means required) and meaning.
    `private`: personal data (a NIP), left out of the object's repr, so no page key,
    log line or message made from a repr can carry it."""
    if isinstance(default, tuple | list | dict):
        frozen = tuple(default) if not isinstance(default, dict) else default
        return dataclasses.field(
            default_factory=lambda: frozen, metadata={"parse": parse, "doc": doc}
        )
    return dataclasses.field(
        default=default, repr=not private, metadata={"parse": parse, "doc": doc}
    )


def field_names(schema: type) -> list[str]:
    return [f.name for f in dataclasses.fields(schema)]


def parse_mapping(
    schema: type[T],
    node: Node,
    context: Context,
    report: Report,
    path: str,
    prefix: str = "",
) -> T | None:
    """Parse `node` into `schema`, reporting each problem; None if a required field failed."""
    if not isinstance(node, Map):
        report.add(
            path,
            node.line,
            prefix.rstrip(".") or "-",
            "not_mapping",
            _shown(node),
            known=", ".join(field_names(schema)),
        )
        return None
    values: dict[str, Any] = {}
    failed_required = False
    known = {f.name: f for f in dataclasses.fields(schema)}  # type: ignore[arg-type]
    for key, unknown in node.items.items():
        if key not in known:
            report.add(
                path,
                node.key_lines.get(key, unknown.line),
                prefix + key,
                "unknown_field",
                key,
                known=", ".join(known),
                **_renamed(key, known),
            )
    for name, declared in known.items():
        required = (
            declared.default is dataclasses.MISSING
            and declared.default_factory is dataclasses.MISSING
        )
        found = node.items.get(name)
        if found is None or _is_blank(found):
            if required:
                report.add(path, node.line, prefix + name, "missing_field")
                failed_required = True
            continue
        child: Node = found
        parser: Parser | Composite = declared.metadata["parse"]
        try:
            if isinstance(parser, Composite):
                key_line = node.key_lines.get(name, child.line)
                value = parser.parse_into(child, context, report, path, prefix + name, key_line)
            else:
                value = parser(child, context)
        except ProblemError as error:
            report.add_error(path, prefix + name, error, child.line)
            failed_required = failed_required or required
            continue
        if value is None and required:
            failed_required = True
            continue
        if value is not None:
            values[name] = value
    if failed_required:
        return None
    return schema(**values)


def field_value(schema: type, node: Node, name: str, context: Context) -> Any:
    """Best effort: the value of one field of `node`, or None when it is missing or
    invalid. Reports nothing (`parse_mapping` does): for checks that go on although
    another field of the same mapping failed."""
    declared = {f.name: f for f in dataclasses.fields(schema)}.get(name)
    found = node.items.get(name) if isinstance(node, Map) else None
    if declared is None or found is None or _is_blank(found):
        return None
    parser: Parser | Composite = declared.metadata["parse"]
    try:
        if isinstance(parser, Composite):
            return parser.parse_into(found, context, Report(), "", name)
        return parser(found, context)
    except ProblemError:
        return None


# Fields writers reach for that the schema names otherwise: key -> (the field that
# holds it, the wording of `unknown_field` pointing there: `unknown_field:<kind>` in
# generator.content.messages), used when that field is one of the schema's.
RENAMED: dict[str, tuple[str, str]] = {
    "author": ("credits", "credits"),
    "authors": ("credits", "credits"),
    "penulis": ("credits", "credits"),
}


def _renamed(key: str, known: dict[str, Any]) -> dict[str, Any]:
    """The `kind` param picking the wording that points to the field `key` is named by."""
    renamed = RENAMED.get(key)
    return {"kind": renamed[1]} if renamed is not None and renamed[0] in known else {}


def _is_blank(node: Node) -> bool:
    return isinstance(node, Scalar) and node.value.strip() == ""


def _shown(node: Node) -> str | None:
    return node.value if isinstance(node, Scalar) else None


# --- parsers -------------------------------------------------------------


def clean_text(raw: str, *, one_line: bool) -> str:
    """NFC-normalised text with hostile invisible characters refused."""
    text = unicodedata.normalize("NFC", raw.strip())
    for char in text:
        if char in _BIDI_CONTROLS or (unicodedata.category(char) == "Cc" and char not in "\t\n"):
            raise ProblemError("control_chars", raw)
    if one_line and "\n" in text:
        raise ProblemError("multiline", raw)
    return text


@dataclass(frozen=True)
class Text:
    max_len: int = 200
    one_line: bool = True

    def __call__(self, node: Node, context: Context) -> str:
        if not isinstance(node, Scalar):
            raise ProblemError("not_text")
        text = clean_text(node.value, one_line=self.one_line)
        if len(text) > self.max_len:
            raise ProblemError("too_long", node.value, length=len(text), max=self.max_len)
        return text


@dataclass(frozen=True)
class Choice:
    choices: tuple[str, ...]

    def __call__(self, node: Node, context: Context) -> str:
        if not isinstance(node, Scalar):
            raise ProblemError("not_text")
        value = node.value.strip()
        if value not in self.choices:
            raise ProblemError("bad_choice", node.value, choices=", ".join(self.choices))
        return value


@dataclass(frozen=True)
class DateTime:
    def __call__(self, node: Node, context: Context) -> datetime:
        if not isinstance(node, Scalar):
            raise ProblemError("not_text")
        try:
            return parse_datetime(node.value, context.zone.tz)
        except DateRangeError:
            raise ProblemError(
                "date_out_of_range", node.value, first=str(FIRST_YEAR), last=str(LAST_YEAR)
            ) from None
        except DateDigitsError:
            raise ProblemError("date_digits", node.value) from None
        except DateFormatError:
            raise ProblemError("bad_date", node.value, zone=context.zone.abbreviation) from None


@dataclass(frozen=True)
class Year:
    """A year written in four ASCII digits, within the years a date may be written in."""

    def __call__(self, node: Node, context: Context) -> int:
        if not isinstance(node, Scalar):
            raise ProblemError("not_text")
        value = node.value.strip()
        if not re.fullmatch(r"[0-9]{4}", value):
            raise ProblemError("bad_year", node.value, first=str(FIRST_YEAR), last=str(LAST_YEAR))
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ProblemError("bad_year", node.value, first=str(FIRST_YEAR), last=str(LAST_YEAR))
        return year


_TRUE = {"true", "yes", "ya", "on", "1"}
_FALSE = {"false", "no", "tidak", "off", "0"}


@dataclass(frozen=True)
class Bool:
    def __call__(self, node: Node, context: Context) -> bool:
        if isinstance(node, Scalar):
            value = node.value.strip().lower()
            if value in _TRUE:
                return True
            if value in _FALSE:
                return False
        raise ProblemError("bad_bool", _shown(node))


@dataclass(frozen=True)
class TextList:
    """A list of short texts; a single text is accepted as a list of one."""

    max_items: int = 20
    max_len: int = 80

    def __call__(self, node: Node, context: Context) -> tuple[str, ...]:
        items = node.items if isinstance(node, Seq) else [node]
        if len(items) > self.max_items:
            raise ProblemError("too_many", None, count=len(items), max=self.max_items)
        item_parser = Text(self.max_len)
        values: list[str] = []
        for item in items:
            try:
                text = item_parser(item, context)
            except ProblemError as error:
                error.line = item.line
                raise
            if text and text not in values:
                values.append(text)
        return tuple(values)


@dataclass(frozen=True)
class Slug:
    """An id in URLs: ASCII `[a-z0-9-]`."""

    def __call__(self, node: Node, context: Context) -> str:
        if not isinstance(node, Scalar):
            raise ProblemError("not_text")
        value = node.value.strip()
        if not SLUG_RE.match(value) or len(value) > 80:
            raise ProblemError("bad_id", node.value, suggestion=slugify(value) or "humas-kota")
        return value


@dataclass(frozen=True)
class AssetPath:
    """A path inside the office's `assets/` folder: relative, no `..`, slug-like parts."""

    def __call__(self, node: Node, context: Context) -> str:
        if not isinstance(node, Scalar):
            raise ProblemError("not_text")
        value = node.value.strip()
        if not is_asset_path(value):
            raise ProblemError("bad_asset_path", node.value)
        return value


@dataclass(frozen=True)
class Email:
    def __call__(self, node: Node, context: Context) -> str:
        text = Text(max_len=120)(node, context)
        if not re.fullmatch(r"[^@\s<>\"']+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", text):
            raise ProblemError("bad_email", text)
        return text


@dataclass(frozen=True)
class Url:
    schemes: tuple[str, ...] = ("https", "http")
    example: str = "https://humas.example.go.id/feed.json"

    def __call__(self, node: Node, context: Context) -> str:
        text = Text(max_len=500)(node, context)
        try:
            parts = urlsplit(text)
        except ValueError:  # an unclosed `[` of an IPv6 host, say
            raise ProblemError("bad_url", text, example=self.example) from None
        if parts.scheme not in self.schemes or not parts.netloc or " " in text:
            raise ProblemError("bad_url", text, example=self.example)
        return text


# A URL's scheme and user part (`scheme://user[:password]@`): its authority ends at the
# first `/`, `?` or `#`, and the user part at its last `@`, as urlsplit reads them.
_USER_PART = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)@")


def credential_in(url: str) -> bool:
    """Whether `url` carries a secret: any user part of an http(s) URL (a token is often
    the user name), a password anywhere. An ssh user name alone (`git@`) is no secret.
    Read without urlsplit, which raises on some malformed addresses (`[` in the host):
    a malformed address with a secret in it is still a secret."""
    found = _USER_PART.match(re.sub(r"[\t\r\n]", "", url))  # urlsplit drops these too
    if found is None:
        return False  # a path, ssh's `user@host:path`, or no user part
    scheme, user = found.groups()
    return ":" in user or scheme.lower() in ("http", "https")


def _masked(url: str) -> str:
    """`url` with its user part replaced: a message must not repeat the secret."""
    masked, replaced = _USER_PART.subn(r"\1://***@", re.sub(r"[\t\r\n]", "", url), count=1)
    return masked if replaced else "***"


@dataclass(frozen=True)
class SourceAddress:
    """Where the sync reads an office (`parse`), refused if it carries a credential:
    the registry is committed and cloned, so a secret in it is a secret published."""

    parse: Parser

    def __call__(self, node: Node, context: Context) -> str:
        # Before any other check: a message saying the address is malformed or too long
        # would quote it, secret and all.
        if isinstance(node, Scalar) and credential_in(node.value.strip()):
            raise ProblemError("source_credential", _masked(node.value.strip()))
        text: str = self.parse(node, context)
        return text


@dataclass(frozen=True)
class Nested(Composite):
    schema: type

    def parse_into(
        self,
        node: Node,
        context: Context,
        report: Report,
        path: str,
        name: str,
        key_line: int | None = None,
    ) -> Any:
        return parse_mapping(self.schema, node, context, report, path, name + ".")


@dataclass(frozen=True)
class NestedList(Composite):
    schema: type
    max_items: int = 50

    def parse_into(
        self,
        node: Node,
        context: Context,
        report: Report,
        path: str,
        name: str,
        key_line: int | None = None,
    ) -> tuple[Any, ...]:
        if not isinstance(node, Seq):
            raise ProblemError("not_list", _shown(node))
        if len(node.items) > self.max_items:
            raise ProblemError("too_many", None, count=len(node.items), max=self.max_items)
        parsed = (
            parse_mapping(self.schema, item, context, report, path, f"{name}[{index}].")
            for index, item in enumerate(node.items, start=1)
        )
        return tuple(item for item in parsed if item is not None)


@dataclass(frozen=True)
class TaggedProblems:
    """The message codes of a `TaggedChoice` (generator.content.messages)."""

    none_or_several: str  # no tag, or more than one
    unknown: str  # no tag, and a key no choice knows: a kind misspelt or not supported
    elsewhere: str  # a warning: a field of another choice than the one given


@dataclass(frozen=True, eq=False)
class TaggedChoice(Composite):
    """One of several schemas, told apart by the key each is named by (its tag), which
    is also one of its fields: `{git: <url>, branch: main}` is the `git` choice. The
    mapping must give exactly one tag; its schema's fields are then parsed as `Nested`
    does. Blank keys count as absent. `choices` (tag -> schema) is read at each parse."""

    choices: dict[str, type]
    problems: TaggedProblems

    def parse_into(
        self,
        node: Node,
        context: Context,
        report: Report,
        path: str,
        name: str,
        key_line: int | None = None,
    ) -> Any:
        every = {tag: field_names(schema) for tag, schema in self.choices.items()}
        known = list(dict.fromkeys(f for fields in every.values() for f in fields))
        if not isinstance(node, Map):
            report.add(path, node.line, name, "not_mapping", _shown(node), known=", ".join(known))
            return None
        given = [tag for tag in every if tag in node.items and not _is_blank(node.items[tag])]
        if len(given) == 1:
            return self._parse_one(given[0], node, context, report, path, name)
        strangers = [key for key in node.items if key not in known]
        tags = ", ".join(f"`{tag}:`" for tag in every)
        forms = "; ".join(f"{tag}: {', '.join(fields)}" for tag, fields in every.items())
        if not given and strangers:  # a kind misspelt, or one we do not have
            for key in strangers:
                line = node.key_lines.get(key, node.line)
                report.add(
                    path,
                    line,
                    f"{name}.{key}",
                    self.problems.unknown,
                    key,
                    kinds=tags,
                    fields=forms,
                )
            return None
        errors = len(report.errors)
        for tag in given:  # each still checked: a secret in an address is named as such
            mine = {key: value for key, value in node.items.items() if key in every[tag]}
            parse_mapping(
                self.choices[tag],
                Map(mine, node.line, node.key_lines),
                context,
                report,
                path,
                name + ".",
            )
        if len(report.errors) == errors:
            line = key_line if key_line is not None else node.line
            report.add(path, line, name, self.problems.none_or_several, kinds=tags, fields=forms)
        for key in strangers:
            line = node.key_lines.get(key, node.line)
            report.add(path, line, f"{name}.{key}", "unknown_field", key, known=", ".join(known))
        return None

    def _parse_one(
        self, tag: str, node: Map, context: Context, report: Report, path: str, name: str
    ) -> Any:
        """The `tag` choice; another choice's fields are pointed out (a warning) and left."""
        schema = self.choices[tag]
        own = field_names(schema)
        owner = {
            field: other
            for other, alternative in self.choices.items()
            if other != tag
            for field in field_names(alternative)
            if field not in own
        }
        for key, value in node.items.items():
            if key in owner and not _is_blank(value):
                report.add(
                    path,
                    node.key_lines.get(key, value.line),
                    f"{name}.{key}",
                    self.problems.elsewhere,
                    key,
                    severity=Severity.WARNING,
                    kind=tag,
                    other=owner[key],
                    known=", ".join(own),
                )
        mine = {key: value for key, value in node.items.items() if key not in owner}
        return parse_mapping(
            schema, Map(mine, node.line, node.key_lines), context, report, path, name + "."
        )


def slugify(text: str, max_len: int = 80) -> str:
    """ASCII slug of `text`: accents folded, anything else becomes a single hyphen."""
    if len(text) <= max_len and SLUG_RE.match(text):
        return text  # already one (most file names): what the steps below would give
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    return slug.strip("-")
