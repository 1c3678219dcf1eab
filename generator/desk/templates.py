"""The desk's page templates (`themes/desk/pages/`), rendered from the records of
`generator.desk.views`.

The templates autoescape, and every value is escaped the way `html.escape` does
(`&quot;`, `&#x27;`), so a page is the same bytes whichever way a text reached it.
A page is Markdown with raw HTML blocks for Material to build: headings that show a
name escape it for Markdown too (`md` filter, see `desksite.markdown_text`).
"""

from __future__ import annotations

import hashlib
import html
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.content.messages import desk_text
from generator.desk.desksite import markdown_text
from generator.desk.views import Badge, HealthRow, ReleaseRow, ReportRow


def pages_folder() -> Path:
    return Path(str(resources.files("generator.themes").joinpath("desk", "pages")))


@cache
def pages_digest() -> str:
    """Changes whenever a page template changes: the desk memo's rows and pages were
    rendered by them (`generator.util.codedigest` sees only Python)."""
    digest = hashlib.sha256()
    folder = pages_folder()
    for path in sorted(folder.rglob("*.html")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _escaped(value: object) -> object:
    """Every value a template prints, escaped as `html.escape` does (`&quot;`, `&#x27;`,
    where autoescape alone writes `&#34;`, `&#39;`). Text without quotes is left to
    autoescape, which escapes `&<>` the same way and faster (10,000 rows a desk)."""
    if isinstance(value, Markup):
        return value
    text = str(value)
    if '"' in text or "'" in text:
        return Markup(html.escape(text))
    return text


def _markdown_heading(value: object) -> Markup:
    return Markup(markdown_text(value))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(pages_folder()),
        autoescape=True,
        finalize=_escaped,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _markdown_heading
    return env


def compile_all() -> None:
    """Compile every page template now, in this process: a process that builds again
    and again (`newsroom watch`) forks its desk workers with them compiled."""
    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    _macros()


def render_page(name: str, view: object, lang: str) -> str:
    """The page `name` (a template of themes/desk/pages/) showing `view`, worded in `lang`."""
    template = environment().get_template(name)
    return template.render(v=view, t=partial(_say, lang))


def _say(lang: str, code: str, **params: Any) -> str:
    return desk_text(code, lang, params)


@cache
def _macros() -> Any:
    return environment().get_template("macros.html").module


def release_row(row: ReleaseRow, extra: str | None = None) -> Markup:
    """A release's table row; `extra`: one more cell (why a curated release is hidden)."""
    return Markup(_macros().release_row(row, extra))


def unknown_row(release_id: str, curated: Badge, reason: str) -> Markup:
    """The row of a curated id no valid release has: only the id is known."""
    return Markup(_macros().unknown_row(release_id, curated, reason))


def health_row(row: HealthRow) -> Markup:
    return Markup(_macros().health_row(row))


def report_row(row: ReportRow, most: int) -> Markup:
    """An office's row of the offices' report; `most`: the largest total (the bars' scale)."""
    return Markup(_macros().report_row(row, most))


def counts_row(name: str, counts: tuple[int, ...]) -> Markup:
    """An office's counts by month or by category, in the offices' report."""
    return Markup(_macros().counts_row(name, counts))
