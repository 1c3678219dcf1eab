"""Why an office's source could not be read, as data: a problem code whose wording
(what happened, and the fix) is in `generator.content.messages.CATALOG` in both languages.

The sync shows it in the user's language; `str()` of the error is the English
sentence, for logs and run records.
"""

from __future__ import annotations

from generator.content.messages import describe
from generator.content.problems import Problem, printable


class SourceError(Exception):
    """An office's source could not be read this time (any kind of source raises one:
    git's own errors, a feed's failures); `text(lang)` says why in `lang`."""

    def text(self, lang: str) -> str:
        return str(self)


class SourceFailure(SourceError):
    """An office's source failed for good; `code` and `params` say why, and `problem`
    names it as one of the office's problems."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        # Values come from the office's server (a redirect's target, a parser's detail):
        # shown with invisible and control characters escaped, never raw to a terminal.
        self.params = tuple((key, printable(str(value))) for key, value in params.items())
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        problem, fix = describe(self.code, lang, dict(self.params))
        return f"{problem}; {fix}"

    def problem(self, office_id: str) -> Problem:
        """The failure as one of the office's problems, named by its registry entry."""
        return Problem(
            "content/offices.yml", 1, f"{office_id}.source", self.code, None, self.params
        )
