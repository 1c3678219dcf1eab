"""Split a Markdown file into its YAML front matter and body, with file line numbers."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.limits import MAX_FRONT_MATTER_BYTES
from generator.content.problems import ProblemError
from generator.content.yamlsafe import Node, YamlProblem, load

_FENCE = "---"
_CLOSERS = ("---", "...")


@dataclass(frozen=True)
class Document:
    meta: Node | None
    body: str
    body_line: int  # file line where the body starts


def decode(data: bytes, max_bytes: int) -> str:
    """UTF-8 text with a BOM dropped and line ends made `\\n`; size checked first."""
    if len(data) > max_bytes:
        raise ProblemError("file_too_large", None, 1, size=len(data), max=max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemError("not_utf8", None, line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Document:
    """Parse `---` front matter; raises ProblemError (with line) when it is unusable."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        raise ProblemError("no_front_matter", lines[0][:80] if lines else "", 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            close = index
            break
    else:
        raise ProblemError("unclosed_front_matter", None, len(lines))
    yaml_text = "\n".join(lines[1:close]) + "\n"
    size = len(yaml_text.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise ProblemError("front_matter_too_large", None, 1, size=size, max=MAX_FRONT_MATTER_BYTES)
    try:
        meta = load(yaml_text, first_line=2)
    except YamlProblem as problem:
        # A syntax error is best shown with the line it is on; tags and anchors with their token.
        value = problem.value
        if problem.code == "yaml_syntax" and 0 < problem.line <= len(lines):
            value = lines[problem.line - 1].strip()
        raise ProblemError(
            problem.code, value or None, problem.line, detail=problem.value, kind=problem.kind
        ) from None
    body = "\n".join(lines[close + 1 :])
    return Document(meta, body, close + 2)
