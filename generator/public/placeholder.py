"""The office preview's page for a release that cannot be published yet.

A release file with an error is left out of every site. In the office's own preview
(`newsroom serve` or `build` in an office repository) that would look like a page
that silently never came: the writer sees, at the address the release would have, a
page marked as a preview that lists what `newsroom check` says about the file.
Never written by the central build (see `plugin.on_post_build`), never indexed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from markupsafe import escape

from generator.content.fields import slugify
from generator.content.messages import cli_text
from generator.content.problems import Problem, Severity
from generator.content.repository import OFFICE, Repository
from generator.public.memo import page_key
from generator.public.publish import SitePublisher
from generator.util.gzparts import Part, pack_text

# A preview is for its writer only: no crawler may keep it, even one that finds it.
ROBOTS = '<meta name="robots" content="noindex,nofollow">'


@dataclass(frozen=True)
class Broken:
    """A release file that cannot be published: where it is, and what is wrong."""

    url: str  # site-relative, as `Release.url`: `<office>/<yyyy>/<slug>/`
    path: str  # the file, relative to the repository root
    problems: tuple[Problem, ...]  # every problem of the file, errors and warnings


def broken_releases(repo: Repository) -> list[Broken]:
    """The office repository's release files that have errors, each with the address it
    would have. Files with no such address (misplaced, a name without a letter or digit)
    and addresses a valid release holds (a duplicate) are left to the printed list."""
    layout = repo.layout
    if layout.kind != OFFICE or len(repo.offices) != 1:
        return []  # without a valid office.yml the site (and so the address) is unknown
    office_id = next(iter(repo.offices))
    by_file: dict[str, list[Problem]] = {}
    for problem in repo.report.sorted():
        by_file.setdefault(problem.path, []).append(problem)
    found = []
    for path, problems in by_file.items():
        if not any(p.severity is Severity.ERROR for p in problems):
            continue
        url = _address(Path(path), layout.releases_dir, office_id)
        if url is None or url.removesuffix("/") in repo.by_id:
            continue
        shown = os.path.relpath(path, layout.root)
        found.append(Broken(url, shown, tuple(replace(p, path=shown) for p in problems)))
    return found


def _address(path: Path, releases: Path, office_id: str) -> str | None:
    try:
        parts = path.relative_to(releases).parts
    except ValueError:
        return None
    if len(parts) != 2 or not parts[1].endswith(".md") or not parts[0].isdigit():
        return None
    slug = slugify(parts[1][:-3])
    return f"{office_id}/{parts[0]}/{slug}/" if slug else None


def fingerprint(broken: list[Broken], lang: str) -> tuple[object, ...]:
    """What the placeholder pages show, for a site's build fingerprint."""
    return (lang, tuple((b.url, tuple(p.format(lang) for p in b.problems)) for b in broken))


def write_placeholders(publisher: SitePublisher, broken: list[Broken], lang: str) -> None:
    """One page per broken release at its address, unless something else is there."""
    for item in broken:
        relative = f"{item.url}index.html"
        if relative in publisher.writer.written:
            continue
        lines = tuple(p.format(lang) for p in item.problems)
        key = page_key(publisher.site_key, "placeholder", lang, item.path, lines)
        make = partial(_parts, publisher, item, lines, lang)
        publisher.writer.page(relative, key, f"placeholder {item.path}", make)


def _parts(publisher: SitePublisher, item: Broken, lines: tuple[str, ...], lang: str) -> list[Part]:
    title = cli_text("placeholder_title", lang)
    intro = cli_text("placeholder_intro", lang, {"path": item.path})
    listed = "\n".join(f"<li>{escape(line)}</li>" for line in lines)
    marked = ' lang="en"' if lang == "en" else ""
    content = (
        f"<article{marked}>\n<h1>{escape(title)}</h1>\n"
        f'<div class="box notice" role="alert">\n<p>{escape(intro)}</p>\n'
        f"<ul>\n{listed}\n</ul>\n</div>\n</article>\n"
    )
    return publisher.shell.page(ROBOTS, title, [pack_text(content)])
