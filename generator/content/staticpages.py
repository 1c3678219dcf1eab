"""The central repository's static pages (`content/pages/<slug>.md`): about, contact
and the like, each with its own small front matter."""

from __future__ import annotations

from pathlib import Path

from generator.content.fields import Context, parse_mapping
from generator.content.frontmatter import decode, split
from generator.content.layout import Layout
from generator.content.limits import MAX_PAGE_BYTES
from generator.content.model import Page
from generator.content.problems import ProblemError, Report
from generator.content.repofiles import check_slug, file_level_field, front_matter, scan
from generator.content.schema import PageMeta


def load_pages(layout: Layout, report: Report) -> list[Page]:
    """The valid static pages of the central repository (`content/pages/*.md`)."""
    pages: list[Page] = []
    for entry in scan(layout.pages_dir, report):
        path = Path(entry.path)
        if not entry.is_file() or path.suffix != ".md":
            continue
        try:
            document = split(decode(path.read_bytes(), MAX_PAGE_BYTES))
        except ProblemError as error:
            report.add_error(path, file_level_field(error), error, 1)
            continue
        if not check_slug(path, report):
            continue
        node = front_matter(document.meta, path, report)
        meta = parse_mapping(PageMeta, node, Context(), report, str(path)) if node else None
        if meta is not None:
            pages.append(Page(path.stem, path, meta, document.body, document.body_line))
    return pages
