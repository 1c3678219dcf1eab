"""What the curate commands tell an editor, in the editor's language: a refusal
(`CurationError`) or what was done (`Said`), both as message codes of
`generator.content.messages.CURATION` with their values."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from generator.content.messages import curation_text
from generator.content.problems import Problem, printable

Said = tuple[str, dict[str, str]]  # a message code of CURATION and its values


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


def say(said: Said, lang: str) -> str:
    code, params = said
    return curation_text(code, lang, params)


def relative(problem: Problem, root: Path | None) -> Problem:
    """`problem` with its path relative to the repository root (never the server's path)."""
    if root is not None:
        # A plain path under the root, as the loaders write them: cut as text (the desk
        # shows every problem at every build: 3,200 at 100,000 releases took 0.13 s
        # as paths). Anything else (`..`, `//`, `/./`) goes the way of paths below.
        base = os.path.join(root, "")
        path_text = problem.path
        if (
            os.path.isabs(path_text)
            and path_text.startswith(base)
            and len(path_text) > len(base)  # not the root itself
            and not path_text.startswith("//")  # POSIX keeps two leading slashes
            and os.path.normpath(path_text) == path_text
        ):
            return replace(problem, path=path_text[len(base) :])
    path = Path(problem.path)
    if root is not None and path.is_absolute() and path.is_relative_to(root):
        return replace(problem, path=path.relative_to(root).as_posix())
    return problem


def _without_place(problem: Problem, lang: str) -> str:
    return problem.format(lang).removeprefix(f"{printable(problem.path)}:{problem.line}: ")
