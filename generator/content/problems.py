"""Problems found in content, and the one format every message uses.

A problem is data (file, line, field, code, value, params); wording lives in
`generator.content.messages`, in Indonesian and English. Loaders collect problems
instead of stopping at the first, so a writer sees every mistake at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from generator.content.messages import describe


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    code: str
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    severity: Severity = Severity.ERROR

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line, self.field, self.code)

    def texts(self, lang: str = "id") -> tuple[str, str]:
        """(problem, fix) in `lang`."""
        leaf = self.field.rsplit(".", 1)[-1]
        return describe(self.code, lang, {"field": self.field, "leaf": leaf, **dict(self.params)})

    def format(self, lang: str = "id") -> str:
        """`path:line: field: problem (got 'value'); how to fix`."""
        problem, fix = self.texts(lang)
        where = f"{printable(self.path)}:{self.line}: "
        what = f"{self.field}: " if self.field else ""
        got = ""
        if self.value is not None:
            got = f" ({'got' if lang == 'en' else 'tertulis'} {quote(self.value)})"
        label = "" if self.severity is Severity.ERROR else _warning_label(lang)
        return f"{where}{label}{what}{problem}{got}; {fix}"

    def as_json(self, lang: str = "id") -> dict[str, Any]:
        problem, fix = self.texts(lang)
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "code": self.code,
            "severity": str(self.severity),
            "value": self.value,
            "problem": problem,
            "fix": fix,
            "message": self.format(lang),
        }


def as_typed(problem: Problem) -> Problem:
    """Its path as the user typed it: relative to the working folder when inside it."""
    path = Path(problem.path)
    if path.is_absolute():
        try:
            shown = os.path.relpath(path)
        except ValueError:
            shown = str(path)
        if not shown.startswith(".."):
            return replace(problem, path=shown)
    return problem


def _warning_label(lang: str) -> str:
    return "warning: " if lang == "en" else "peringatan: "


def printable(text: str) -> str:
    """`text` with every invisible or control character (bidi overrides, zero-width
    spaces, newlines) shown as its escape: a hostile file name must not reorder or
    split the line it is reported on, in a terminal, a run record or the desk."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def quote(value: str, limit: int = 80) -> str:
    """Quote a user's value like `!r` does, shortened so one bad paste stays readable."""
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(shown)


class ProblemError(Exception):
    """Raised by a field parser; the loader turns it into a Problem with file and line."""

    def __init__(
        self,
        code: str,
        value: str | None = None,
        line: int | None = None,
        *,
        severity: Severity = Severity.ERROR,
        **params: object,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.value = value
        self.line = line
        self.severity = severity
        self.params = tuple((k, str(v)) for k, v in params.items())


@dataclass
class Report:
    """Problems collected while loading; nothing stops at the first one."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: Path | str,
        line: int,
        field_name: str,
        code: str,
        value: str | None = None,
        *,
        severity: Severity = Severity.ERROR,
        **params: object,
    ) -> None:
        self.problems.append(
            Problem(
                str(path),
                line,
                field_name,
                code,
                value,
                tuple((k, str(v)) for k, v in params.items()),
                severity,
            )
        )

    def add_error(self, path: Path | str, field_name: str, error: ProblemError, line: int) -> None:
        self.problems.append(
            Problem(
                str(path),
                error.line if error.line is not None else line,
                field_name,
                error.code,
                error.value,
                error.params,
                error.severity,
            )
        )

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)


def utf8_safe(text: str) -> str:
    """`text` encodable as UTF-8: bytes a file name kept as surrogates (Python's
    `surrogateescape`) shown as `\\xff` escapes, any other lone surrogate as `\\udcff`."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
